import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createClient, type MotcuaClient } from '@motcua/sdk';
import type { ServiceStats } from '@motcua/sdk/schemas';
import '../packages/elements/src/components/service-stats/service-stats.js';
import { attributesRender } from './controls.js';

// Stories run against a stub client (a custom `fetch`) with fixed figures, so every state is reproducible.
const AGENCY = '000.30.01.H17';
const NOW = new Date('2026-11-21T03:00:00Z');

const months: ServiceStats['months'] = [
  { month: '2026-06', received: 1412, resolved: 1398, onTimeRate: 0.986, onlineRate: 0.842, satisfactionRate: 0.973 },
  { month: '2026-07', received: 1538, resolved: 1519, onTimeRate: 0.991, onlineRate: 0.851, satisfactionRate: 0.968 },
  { month: '2026-08', received: 1307, resolved: 1322, onTimeRate: 0.989, onlineRate: 0.857, satisfactionRate: 0.981 },
  { month: '2026-09', received: 1466, resolved: 1450, onTimeRate: 0.984, onlineRate: 0.861, satisfactionRate: 0.975 },
  { month: '2026-10', received: 1602, resolved: 1577, onTimeRate: 0.99, onlineRate: 0.866, satisfactionRate: 0.979 },
  { month: '2026-11', received: 1034, resolved: 968, onTimeRate: 0.993, onlineRate: 0.872, satisfactionRate: 0.984 },
];

function stats(from: string, to: string, empty = false): ServiceStats {
  const z = empty;
  return {
    agency: AGENCY,
    from,
    to,
    received: { total: z ? 0 : 1102, carriedOver: z ? 0 : 68, online: z ? 0 : 901, direct: z ? 0 : 121, postal: z ? 0 : 12 },
    resolved: { total: z ? 0 : 968, early: z ? 0 : 902, onTime: z ? 0 : 59, late: z ? 0 : 7 },
    inProgress: { total: z ? 0 : 134, notDue: z ? 0 : 127, overdue: z ? 0 : 2, waitingSupplement: z ? 0 : 5 },
    withdrawn: z ? 0 : 3,
    notAccepted: z ? 0 : 4,
    onTimeRate: z ? null : 961 / 968,
    onlineRate: z ? null : 901 / 1034,
    satisfaction: {
      total: z ? 0 : 612,
      verySatisfied: z ? 0 : 455,
      satisfied: z ? 0 : 147,
      notSatisfied: z ? 0 : 10,
      rate: z ? null : 602 / 612,
    },
    months: z ? [] : months,
  };
}

const client = (empty = false): MotcuaClient =>
  createClient({
    baseUrl: 'https://demo.motcua.invalid/api/v1',
    fetch: async (input) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      const body = stats(url.searchParams.get('from')!, url.searchParams.get('to')!, empty);
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    },
  });
const failing: MotcuaClient = createClient({
  baseUrl: 'https://demo.motcua.invalid/api/v1',
  retry: { limit: 0 },
  fetch: async () => new Response('{}', { status: 503 }),
});

const meta: Meta = {
  title: 'Widgets/Service stats',
  component: 'motcua-service-stats',
  parameters: { docs: { description: { component: 'Kết quả giải quyết thủ tục hành chính: tiếp nhận, đúng hạn, trực tuyến, hài lòng.' } } },
};
export default meta;
type Story = StoryObj;

/** Every attribute as a control (the docs page's first story). */
export const Playground: Story = {
  args: { agency: AGENCY, period: 'month', months: 6, lang: 'vi' },
  render: (args) => attributesRender('motcua-service-stats', { client: client(), now: NOW })(args),
};

export const Month: Story = {
  render: () => html`<motcua-service-stats agency=${AGENCY} period="month" .now=${NOW} .client=${client()}></motcua-service-stats>`,
};
export const Year: Story = {
  render: () => html`<motcua-service-stats agency=${AGENCY} period="year" .now=${NOW} .client=${client()}></motcua-service-stats>`,
};
export const English: Story = {
  render: () =>
    html`<motcua-service-stats lang="en" agency=${AGENCY} period="quarter" .now=${NOW} .client=${client()}></motcua-service-stats>`,
};
export const NoData: Story = {
  render: () => html`<motcua-service-stats agency=${AGENCY} .now=${NOW} .client=${client(true)}></motcua-service-stats>`,
};
export const LoadError: Story = {
  render: () => html`<motcua-service-stats agency=${AGENCY} .now=${NOW} .client=${failing}></motcua-service-stats>`,
};
export const NotConfigured: Story = { render: () => html`<motcua-service-stats .client=${client()}></motcua-service-stats>` };
