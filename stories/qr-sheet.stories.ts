import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/elements/src/components/portal/portal.js';
import '../packages/elements/src/components/qr-sheet/qr-sheet.js';
import { CATALOG, stubClient } from './procedure-lookup.stories.js';
import { attributesRender, inPortal } from './controls.js';

const many = Array.from({ length: 20 }, (_, i) => ({ ...CATALOG[i % CATALOG.length]!, code: `1.${String(200000 + i)}` }));

const meta: Meta = {
  title: 'Widgets/QR sheet (print)',
  component: 'motcua-qr-sheet',
  parameters: { docs: { description: { component: 'A4 pages of QR cards; use the Print button or the browser print preview.' } } },
};
export default meta;
type Story = StoryObj;

/** Every attribute as a control (the docs page's first story). */
export const Playground: Story = {
  args: { agency: '000.30.01.H17', sector: '', 'url-template': '', lang: 'vi' },
  render: (args) => inPortal(attributesRender('motcua-qr-sheet')(args), stubClient(many)),
};

export const Print: Story = {
  name: 'Print sheet (3 pages)',
  render: () => html`<motcua-portal .client=${stubClient(many)} agency="000.30.01.H17"><motcua-qr-sheet></motcua-qr-sheet></motcua-portal>`,
};
export const OneSector: Story = {
  render: () =>
    html`<motcua-portal .client=${stubClient(many)} agency="000.30.01.H17"
      ><motcua-qr-sheet sector="G15-TP01"></motcua-qr-sheet
    ></motcua-portal>`,
};
export const Loading: Story = {
  render: () =>
    html`<motcua-portal .client=${stubClient(many, 'loading')} agency="000.30.01.H17"><motcua-qr-sheet></motcua-qr-sheet></motcua-portal>`,
};
export const ErrorState: Story = {
  name: 'Error with retry',
  render: () =>
    html`<motcua-portal .client=${stubClient(many, 'error')} agency="000.30.01.H17"><motcua-qr-sheet></motcua-qr-sheet></motcua-portal>`,
};
