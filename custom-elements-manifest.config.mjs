// Generates packages/elements/custom-elements.json from the components' JSDoc (@summary, @slot, @csspart, @cssproperty, @event, @attr),
// and from it the framework and editor files shipped in @motcua/elements (docs/developer-guide.md, "Frameworks and editors"):
//   frameworks/jsx.d.ts (Preact, Solid, React 19 JSX types), frameworks/vue.d.ts (Vue GlobalComponents),
//   frameworks/html-custom-data.json + css-custom-data.json (VS Code), frameworks/web-types.json (JetBrains),
//   src/react/*.ts (React wrappers on @lit/react, committed).
// MOTCUA_CEM_OUT=<dir> writes everything under <dir> instead (tests/node/elements-frameworks.test.ts).
import { join, relative } from 'node:path';
import { customElementJsxPlugin } from 'custom-element-jsx-integration';
import { customElementVuejsPlugin } from 'custom-element-vuejs-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { editorFilesPlugin, eventMapImportPlugin, motcuaManifestPlugin, reactWrappersPlugin } from './scripts/cem-plugins.mjs';

const out = process.env.MOTCUA_CEM_OUT;
// The analyzer writes the manifest under the working directory: a relative path.
const outdir = out ? relative(process.cwd(), out) : 'packages/elements';
const frameworks = join(outdir, 'frameworks');
const react = out ? join(out, 'react') : 'packages/elements/src/react';
// Types of each component, relative to frameworks/: the shipped class declaration.
const componentTypePath = (name, tag) => {
  const folder = tag.slice('motcua-'.length);
  return `../dist/components/${folder}/${folder}.component.js`;
};
const quiet = { hideLogs: true };

export default {
  globs: ['packages/elements/src/components/**/*.component.ts'],
  exclude: ['**/*.test.ts', '**/*.stories.ts'],
  outdir,
  litelement: true,
  packagejson: false,
  plugins: [
    motcuaManifestPlugin(),
    reactWrappersPlugin({ outdir: react }),
    customElementJsxPlugin({ ...quiet, outdir: frameworks, fileName: 'jsx.d.ts', componentTypePath }),
    customElementVuejsPlugin({ ...quiet, outdir: frameworks, fileName: 'vue.d.ts', componentTypePath }),
    customElementVsCodePlugin({
      ...quiet,
      outdir: frameworks,
      htmlFileName: 'html-custom-data.json',
      cssFileName: 'css-custom-data.json',
    }),
    eventMapImportPlugin({
      files: [join(frameworks, 'jsx.d.ts'), join(frameworks, 'vue.d.ts')],
      from: '../dist/internal/motcua-element.js',
    }),
    customElementJetBrainsPlugin({ ...quiet, outdir: frameworks, webTypesFileName: 'web-types.json', packageJson: false }),
    editorFilesPlugin({ dir: frameworks, packageJson: 'packages/elements/package.json' }),
  ],
};
