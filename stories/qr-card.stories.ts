import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ProcedureSummary } from '@motcua/sdk';
import '../packages/elements/src/components/portal/portal.js';
import '../packages/elements/src/components/qr-card/qr-card.js';
import { CATALOG, stubClient } from './procedure-lookup.stories.js';
import { attributesRender, inPortal } from './controls.js';

const birth = CATALOG[0] as unknown as ProcedureSummary;
const copy = CATALOG[2] as unknown as ProcedureSummary;

const meta: Meta = {
  title: 'Widgets/QR card',
  component: 'motcua-qr-card',
  decorators: [(story) => html`<div style="max-width: 100mm">${story()}</div>`],
};
export default meta;
type Story = StoryObj;

/** Every attribute as a control (the docs page's first story). */
export const Playground: Story = {
  args: {
    procedure: '1.001193',
    agency: '000.30.01.H17',
    'url-template': 'https://xa-hoa-vang.danang.gov.vn/#thu-tuc={code}',
    'heading-level': 3,
    lang: 'vi',
  },
  render: (args) => inPortal(attributesRender('motcua-qr-card')(args), stubClient()),
};

export const Card: Story = {
  render: () => html`<motcua-qr-card .data=${birth} url-template="https://xa-hoa-vang.danang.gov.vn/#thu-tuc={code}"></motcua-qr-card>`,
};
export const WithVietQr: Story = {
  name: 'With fee-payment VietQR',
  render: () =>
    html`<motcua-qr-card
      .data=${copy}
      bank-bin="970403"
      account="0011012345678"
      amount="8000"
      url-template="https://xa-hoa-vang.danang.gov.vn/#thu-tuc={code}"
    ></motcua-qr-card>`,
};
export const InvalidVietQr: Story = {
  name: 'Invalid bank BIN (explained, not printed)',
  render: () => html`<motcua-qr-card .data=${copy} bank-bin="9704" account="0011012345678"></motcua-qr-card>`,
};
export const LongName: Story = {
  render: () =>
    html`<motcua-qr-card
      .data=${{ ...birth, name: 'Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống, cơ sở sản xuất thực phẩm thuộc phạm vi quản lý của Bộ Y tế' }}
    ></motcua-qr-card>`,
};
export const English: Story = { render: () => html`<motcua-qr-card lang="en" .data=${birth}></motcua-qr-card>` };
export const Missing: Story = { name: 'No procedure code', render: () => html`<motcua-qr-card></motcua-qr-card>` };
