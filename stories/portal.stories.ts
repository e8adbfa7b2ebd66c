import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/elements/src/components/portal/portal.js';
import '../packages/elements/src/components/procedure-lookup/procedure-lookup.js';
import { CATALOG, stubClient } from './procedure-lookup.stories.js';
import { attributesRender } from './controls.js';

const meta: Meta = {
  title: 'Widgets/Portal',
  component: 'motcua-portal',
  parameters: { docs: { description: { component: 'Provides the API client, agency and language to every widget inside it.' } } },
};
export default meta;
type Story = StoryObj;

/** Every attribute as a control (the docs page's first story). */
export const Playground: Story = {
  args: { agency: '000.30.01.H17', lang: 'vi' },
  render: (args) => {
    const portal = attributesRender('motcua-portal', { client: stubClient() })(args);
    portal.append(Object.assign(document.createElement('motcua-procedure-lookup'), { noHistory: true }));
    return portal;
  },
};

export const OnePortal: Story = {
  name: 'One portal',
  render: () =>
    html`<motcua-portal .client=${stubClient()} agency="000.30.01.H17"
      ><motcua-procedure-lookup no-history></motcua-procedure-lookup
    ></motcua-portal>`,
};

export const SeveralPortals: Story = {
  name: 'Several communes on one provincial page',
  render: () => html`
    <h2>Xã Hòa Vang</h2>
    <motcua-portal .client=${stubClient(CATALOG.slice(0, 3))} agency="000.30.01.H17"
      ><motcua-procedure-lookup no-history></motcua-procedure-lookup
    ></motcua-portal>
    <h2 lang="en">Hải Châu Ward (in English)</h2>
    <motcua-portal .client=${stubClient(CATALOG.slice(3))} agency="000.30.02.H17" lang="en"
      ><motcua-procedure-lookup no-history></motcua-procedure-lookup
    ></motcua-portal>
  `,
};

export const MissingConfiguration: Story = {
  name: 'Widget with no API configured',
  render: () => html`<motcua-procedure-lookup></motcua-procedure-lookup>`,
};
