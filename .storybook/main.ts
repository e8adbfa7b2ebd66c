import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StorybookConfig } from '@storybook/web-components-vite';

const root = join(import.meta.dirname, '..');

/**
 * Two modules generated when Storybook starts or builds, so `npx storybook build` needs no earlier step and shows
 * what the sources say today:
 * - `virtual:motcua-manifest`: the custom elements manifest, analysed now from the components' JSDoc (into
 *   node_modules/.cache, leaving the committed framework files alone): docs tables and controls.
 * - `virtual:motcua-tokens`: every `--motcua-*` property with its default, from scripts/theme-css.mjs (the source of the
 *   published theme.css) and the manifest's descriptions: the Tokens page.
 */
export function motcuaModules() {
  const out = join(root, 'node_modules/.cache/motcua-storybook');
  let manifest: string | undefined;
  const analyse = (): string => {
    if (manifest) return manifest;
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--config', 'custom-elements-manifest.config.mjs'],
      { cwd: root, env: { ...process.env, MOTCUA_CEM_OUT: out }, stdio: 'ignore' },
    );
    return (manifest = readFileSync(join(out, 'custom-elements.json'), 'utf8'));
  };
  return {
    name: 'motcua-storybook-modules',
    resolveId(id: string) {
      return id === 'virtual:motcua-manifest' || id === 'virtual:motcua-tokens' ? `\0${id}` : undefined;
    },
    async load(id: string) {
      if (id === '\0virtual:motcua-manifest') return `export default ${analyse()};`;
      if (id !== '\0virtual:motcua-tokens') return undefined;
      const { themeTokens } = (await import(join(root, 'scripts/theme-css.mjs'))) as {
        themeTokens: () => Map<string, string>;
      };
      const described = new Map<string, { description?: string; default?: string }>();
      const cem = JSON.parse(analyse()) as {
        modules: Array<{ declarations?: Array<{ cssProperties?: Array<{ name: string; description?: string; default?: string }> }> }>;
      };
      for (const m of cem.modules)
        for (const d of m.declarations ?? []) for (const p of d.cssProperties ?? []) if (!described.has(p.name)) described.set(p.name, p);
      const values = themeTokens();
      const names = [...new Set([...values.keys(), ...[...described.keys()].filter((n) => n.startsWith('--motcua-'))])].sort();
      const tokens = names.map((name) => ({
        name,
        value: values.get(name) ?? null,
        description: described.get(name)?.description ?? '',
      }));
      return `export default ${JSON.stringify(tokens)};`;
    },
  };
}

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
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
    viteConfig.plugins = [...(viteConfig.plugins ?? []), motcuaModules()];
    return viteConfig;
  },
};
export default config;
