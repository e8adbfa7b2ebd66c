import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createClient, type MotcuaClient } from '@motcua/sdk';
import '../packages/elements/src/components/portal/portal.js';
import '../packages/elements/src/components/agency-picker/agency-picker.js';
import '../packages/elements/src/components/procedure-lookup/procedure-lookup.js';
import { stubClient } from './procedure-lookup.stories.js';
import { attributesRender, inPortal } from './controls.js';

/** A few communes of Đà Nẵng as the directory answers them (two served, one not). */
const UNITS = [
  { code: '20320', province: '48', name: 'Xã Hoà Vang', formerly: ['Xã Hòa Phong', 'Xã Hòa Phú'], agency: '000.30.01.H17' },
  {
    code: '20242',
    province: '48',
    name: 'Phường Hải Châu',
    formerly: ['Phường Thanh Bình', 'Phường Thuận Phước', 'Phường Thạch Thang', 'Phường Phước Ninh', 'Phường Hải Châu'],
    agency: '000.30.02.H17',
  },
  { code: '20308', province: '48', name: 'Xã Bà Nà', formerly: ['Xã Hòa Ninh', 'Xã Hòa Nhơn'] },
];

/** The stub catalog client, answering the directory too. */
function directoryClient(mode: 'ok' | 'error' = 'ok'): MotcuaClient {
  const catalog = stubClient();
  const directory = createClient({
    baseUrl: 'https://motcua.example/api/v1',
    retry: { limit: 0, backoffMs: 1 },
    fetch: async () =>
      mode === 'error'
        ? new Response(JSON.stringify({ type: 'about:blank', title: 'Lỗi máy chủ', status: 503 }), { status: 503 })
        : new Response(JSON.stringify({ items: [], provinces: [{ code: '48', name: 'Thành phố Đà Nẵng' }], units: UNITS }), {
            headers: { 'content-type': 'application/json' },
          }),
  });
  return { ...catalog, getAgencyDirectory: directory.getAgencyDirectory };
}

const meta: Meta = {
  title: 'Widgets/Agency picker',
  component: 'motcua-agency-picker',
  parameters: {
    docs: {
      description: {
        component: 'Find my commune by its new or old (pre-merger) name; every widget in the portal switches to it. Try "Hoa Phong".',
      },
    },
  },
};
export default meta;
type Story = StoryObj;

/** Every attribute as a control (from custom-elements.json): try `province` and `param`. */
export const Playground: Story = {
  args: { province: '48' },
  render: (args) => inPortal(attributesRender('motcua-agency-picker')(args), directoryClient()),
};

export const InAPortal: Story = {
  name: 'Picker and lookup in one portal',
  render: () =>
    html`<motcua-portal .client=${directoryClient()} agency="000.30.02.H17">
      <motcua-agency-picker province="48"></motcua-agency-picker>
      <motcua-procedure-lookup no-history></motcua-procedure-lookup>
    </motcua-portal>`,
};

export const English: Story = {
  name: 'In English',
  render: () =>
    html`<motcua-portal .client=${directoryClient()} lang="en"><motcua-agency-picker province="48"></motcua-agency-picker></motcua-portal>`,
};

export const LoadError: Story = {
  name: 'Directory not available',
  render: () =>
    html`<motcua-portal .client=${directoryClient('error')}><motcua-agency-picker province="48"></motcua-agency-picker></motcua-portal>`,
};
