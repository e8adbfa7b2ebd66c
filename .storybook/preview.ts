import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from 'virtual:motcua-manifest';
import { attributeControls } from '../stories/controls.js';
import { applyAppearance } from '../stories/appearance.js';

// The custom elements manifest (analysed from the components' JSDoc when Storybook starts, see main.ts) feeds the docs
// tables; attributeControls turns each attribute into a working control.
setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    controls: { expanded: true, sort: 'requiredFirst' },
    docs: { toc: true },
    options: { storySort: { order: ['Introduction', 'Tokens', 'Widgets'] } },
  },
  argTypesEnhancers: [attributeControls(manifest)],
  globalTypes: {
    lang: {
      description: 'Language of the widgets',
      toolbar: {
        title: 'Ngôn ngữ',
        icon: 'globe',
        items: [
          { value: 'vi', title: 'Tiếng Việt' },
          { value: 'en', title: 'English' },
        ],
      },
    },
    theme: {
      description: 'Light or dark theme (sets the --motcua-* colour properties on the page)',
      toolbar: {
        title: 'Giao diện',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Sáng (light)' },
          { value: 'dark', title: 'Tối (dark)' },
        ],
        dynamicTitle: true,
      },
    },
    textSize: {
      description: 'Text size (sets --motcua-font-size on the page)',
      toolbar: {
        title: 'Cỡ chữ',
        icon: 'zoom',
        items: [
          { value: 'normal', title: 'Thường (16 px)' },
          { value: 'large', title: 'Lớn (22 px)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { lang: 'vi', theme: 'light', textSize: 'normal' },
  decorators: [
    (story, context) => {
      document.documentElement.lang = (context.globals.lang as string) || 'vi';
      applyAppearance(document.documentElement, {
        dark: context.globals.theme === 'dark',
        large: context.globals.textSize === 'large',
      });
      return story();
    },
  ],
};
export default preview;
