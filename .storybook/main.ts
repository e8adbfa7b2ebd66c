import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    // Resolve workspace packages to their TypeScript sources, as the tests do.
    viteConfig.resolve = { ...viteConfig.resolve, conditions: ['motcua-source', 'browser', 'module', 'import', 'default'] };
    viteConfig.esbuild = {
      ...(viteConfig.esbuild || {}),
      target: 'es2022',
      tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    };
    return viteConfig;
  },
};
export default config;
