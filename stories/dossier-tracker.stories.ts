import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createClient, type MotcuaClient } from '@motcua/sdk';
import '../packages/elements/src/components/dossier-tracker/dossier-tracker.js';

import { AGENCY, CODE, STORY_DOSSIERS } from './fixtures/dossiers.js';
import { attributesRender } from './controls.js';
import { press, withVoices } from './speech.js';

// Stories run against stub clients (a custom `fetch`), so every state is reproducible without a server. Every date is
// computed from now when the story renders (stories/fixtures/dossiers.ts; tests/node/storybook.test.ts checks them).
const at = (name: string) => answering(STORY_DOSSIERS[name]!());

function answering(body: unknown, status = 200, headers: Record<string, string> = {}): MotcuaClient {
  return createClient({
    baseUrl: 'https://demo.motcua.invalid/api/v1',
    retry: { limit: 0 },
    fetch: async (input) => {
      const url = String(input instanceof Request ? input.url : input);
      const owner = url.endsWith('/verify');
      const payload =
        owner && typeof body === 'object' && body !== null ? { ...body, view: 'owner', applicantName: 'Nguyễn V** A**' } : body;
      const type = status >= 400 ? 'application/problem+json' : 'application/json';
      return new Response(JSON.stringify(payload), { status, headers: { 'content-type': type, ...headers } });
    },
  });
}

const offline: MotcuaClient = createClient({
  baseUrl: 'https://demo.motcua.invalid/api/v1',
  retry: { limit: 0 },
  fetch: () => Promise.reject(new TypeError('Failed to fetch')),
});

const problem = (status: number, code: string, extra: Record<string, unknown> = {}) => ({
  type: 'about:blank',
  title: code,
  status,
  code,
  ...extra,
});

const meta: Meta = {
  title: 'Widgets/Dossier tracker',
  component: 'motcua-dossier-tracker',
  parameters: {
    docs: { description: { component: 'Tra cứu tình trạng hồ sơ: mã hồ sơ, trạng thái, ngày hẹn trả, các bước, việc cần làm.' } },
  },
};
export default meta;
type Story = StoryObj;

const tracker = (client: MotcuaClient, code = CODE, refresh = 0) =>
  html`<motcua-dossier-tracker .client=${client} code=${code} refresh=${refresh}></motcua-dossier-tracker>`;

/** Every attribute as a control (docs page's first story). */
export const Playground: Story = {
  args: { code: CODE, agency: AGENCY.code, refresh: 0, lang: 'vi' },
  render: (args) => attributesRender('motcua-dossier-tracker', { client: at('Processing') })(args),
};
export const Empty: Story = { render: () => html`<motcua-dossier-tracker .client=${offline}></motcua-dossier-tracker>` };
export const InvalidCode: Story = { render: () => tracker(offline, '000.30.01.H17-261332-0042') };
export const Submitted: Story = { render: () => tracker(at('Submitted')) };
export const Received: Story = { render: () => tracker(at('Received')) };
export const NotAccepted: Story = { render: () => tracker(at('NotAccepted')) };
export const Processing: Story = { render: () => tracker(at('Processing')) };
export const SupplementRequested: Story = { render: () => tracker(at('SupplementRequested')) };
export const PaymentRequested: Story = { render: () => tracker(at('PaymentRequested')) };
export const Withdrawn: Story = { render: () => tracker(at('Withdrawn')) };
export const Stopped: Story = { render: () => tracker(at('Stopped')) };
export const Resolved: Story = { render: () => tracker(at('Resolved')) };
export const ResolvedByPost: Story = { render: () => tracker(at('ResolvedByPost')) };
export const Returned: Story = { render: () => tracker(at('Returned')) };
export const Overdue: Story = { render: () => tracker(at('Overdue')) };
export const DueToday: Story = { name: 'Due today', render: () => tracker(at('DueToday')) };
export const DueSoon: Story = { name: 'Due soon (next working day)', render: () => tracker(at('DueSoon')) };
export const OwnerView: Story = { render: () => tracker(at('OwnerView')) };
export const NotFound: Story = { render: () => tracker(answering(problem(404, 'dossier_not_found'), 404)) };
export const RateLimited: Story = {
  render: () => tracker(answering(problem(429, 'rate_limited', { retryAfter: 540 }), 429, { 'retry-after': '540' })),
};
export const Offline: Story = { render: () => tracker(offline) };
export const ServerError: Story = { render: () => tracker(answering(problem(503, 'unavailable'), 503)) };
export const AutoRefresh: Story = { render: () => tracker(at('AutoRefresh'), CODE, 60) };
export const English: Story = {
  render: () => html`<motcua-dossier-tracker lang="en" .client=${at('English')} code=${CODE}></motcua-dossier-tracker>`,
};

/** "Nghe" on a device without a Vietnamese voice: the widget says so, and how to install one. */
export const ReadAloudNoVoice: Story = {
  name: 'Read aloud: no Vietnamese voice',
  render: () => tracker(at('PaymentRequested')),
  beforeEach: withVoices('en-US'),
  play: async ({ canvasElement }) => press(canvasElement, 'motcua-dossier-tracker', '[part="listen"]'),
};
