// Custom elements manifest analyzer plugins of @motcua/elements (used by custom-elements-manifest.config.mjs):
//  - `motcuaManifestPlugin`: the global design tokens (`--motcua-*` read with defaults in base.styles.ts) join every
//    component's `cssProperties`, with their defaults; each attribute names its property (`fieldName`, also for `lang`
//    inherited from MotcuaElement); module paths become the package's shipped files
//    (`dist/components/x/x.component.js`) instead of repository source paths.
//  - `reactWrappersPlugin`: one React wrapper per component built on @lit/react's `createComponent`, with a typed
//    `onMotcuaX` callback prop per `motcua-x` event, written as TypeScript into packages/elements/src/react/ (committed,
//    type-checked and built like the rest of the package; tests/node/elements-frameworks.test.ts checks it is current).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE_PREFIX = 'packages/elements/src/';
const BASE_STYLES = 'packages/elements/src/internal/base.styles.ts';
const BASE_CLASS = 'packages/elements/src/internal/motcua-element.ts';

/** The global tokens in base.styles.ts: `--_x: var(--motcua-name, default);` → `{ name, default }`. */
export function globalTokens(root = process.cwd()) {
  const source = readFileSync(join(root, BASE_STYLES), 'utf8');
  const tokens = [];
  for (const match of source.matchAll(/^\s*--_[\w-]+:\s*var\((--motcua-[\w-]+),\s*(.+)\);\s*$/gm)) {
    const [, name, fallback] = match;
    const words = name.slice('--motcua-'.length).replace(/-/g, ' ');
    tokens.push({ name, default: fallback.trim(), description: `Global design token (every motcua component): ${words}.` });
  }
  return tokens;
}

/**
 * The reactive properties every component inherits from MotcuaElement (`static override properties = { lang: … }` in
 * motcua-element.ts). The analyzer reads only the `*.component.ts` files, so an `@attr lang` in a component's JSDoc
 * has no field of its own in the manifest.
 */
export function baseProperties(root = process.cwd()) {
  const source = readFileSync(join(root, BASE_CLASS), 'utf8');
  const body = /static override properties[^=]*=\s*\{(.*)\};/.exec(source)?.[1];
  if (body === undefined) throw new Error(`no static properties found in ${BASE_CLASS}`);
  // Each property is `name: { …options }`.
  return new Set([...body.matchAll(/(\w+)\s*:\s*\{/g)].map((m) => m[1]));
}

/**
 * Each attribute's property (`fieldName`): the JSX and Vue generators type an attribute as `Class['fieldName']`, so
 * an attribute documented only by `@attr` (no `@property` in the class) would become `Class['undefined']`. An
 * attribute of a property inherited from MotcuaElement names that property; any other attribute without a property
 * of the class is an error in the component's JSDoc.
 */
function linkAttributesToFields(declaration, inherited) {
  for (const attribute of declaration.attributes ?? []) {
    if (attribute.fieldName) continue;
    const field = attribute.name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
    const own = (declaration.members ?? []).some((m) => m.kind === 'field' && m.name === field && !m.static);
    if (!own && !inherited.has(field))
      throw new Error(`<${declaration.tagName}> documents @attr ${attribute.name} but has no property ${field}`);
    attribute.fieldName = field;
  }
}

/** `packages/elements/src/a/b.ts` → `dist/a/b.js` (the file a package consumer has). */
export function shippedPath(path) {
  return path.startsWith(SOURCE_PREFIX) ? `dist/${path.slice(SOURCE_PREFIX.length).replace(/\.ts$/, '.js')}` : path;
}

function rewritePaths(node) {
  if (Array.isArray(node)) for (const item of node) rewritePaths(item);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = shippedPath(value);
      else rewritePaths(value);
    }
  }
}

export function customElementDeclarations(manifest) {
  return manifest.modules.flatMap((module) =>
    (module.declarations ?? []).filter((d) => d.customElement && d.tagName).map((declaration) => ({ module, declaration })),
  );
}

export function motcuaManifestPlugin() {
  return {
    name: 'motcua-manifest',
    packageLinkPhase({ customElementsManifest }) {
      const tokens = globalTokens();
      if (!tokens.length) throw new Error(`no --motcua-* tokens found in ${BASE_STYLES}`);
      const inherited = baseProperties();
      for (const { declaration } of customElementDeclarations(customElementsManifest)) {
        linkAttributesToFields(declaration, inherited);
        const own = (declaration.cssProperties ??= []);
        // Typed events: the detail types live in MotcuaEventMap (each component augments it). The JSX and Vue
        // generators read an event's type as its detail type; eventMapImportPlugin then makes it the event's type.
        for (const event of declaration.events ?? []) {
          if (event.name?.startsWith('motcua-')) event.type ??= { text: `MotcuaEventMap['${event.name}']` };
        }
        for (const token of tokens) {
          const existing = own.find((p) => p.name === token.name);
          if (existing) existing.default ??= token.default;
          else own.push({ ...token });
        }
      }
      rewritePaths(customElementsManifest);
    },
  };
}

/**
 * Runs after the JSX and Vue generators: their event props read `CustomEvent<MotcuaEventMap['motcua-x']>`, so each
 * file imports `MotcuaEventMap` from the shipped declarations; then each event's type in the manifest becomes the
 * event object's type (`CustomEvent<…>`), as the manifest schema defines it.
 */
export function eventMapImportPlugin({ files, from }) {
  return {
    name: 'motcua-event-map-import',
    packageLinkPhase({ customElementsManifest }) {
      for (const { declaration } of customElementDeclarations(customElementsManifest)) {
        for (const event of declaration.events ?? []) {
          if (event.type?.text.startsWith('MotcuaEventMap[')) event.type.text = `CustomEvent<${event.type.text}>`;
        }
      }
      for (const file of files) {
        const source = readFileSync(file, 'utf8');
        if (!source.includes('MotcuaEventMap[')) throw new Error(`${file}: no typed events (did the generator change?)`);
        writeFileSync(file, `import type { MotcuaEventMap } from '${from}';\n${source}`);
        // A module beside the types, so the types-only subpath (`@motcua/elements/jsx`) also resolves as JavaScript.
        writeFileSync(file.replace(/\.d\.ts$/, '.js'), '// Types only: see the .d.ts file beside this one.\nexport {};\n');
      }
    },
  };
}

/** `motcua-procedure-select` → `onMotcuaProcedureSelect`. */
export function callbackName(event) {
  return `on${event.replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase())}`;
}

const HEADER = '// Generated by scripts/cem-plugins.mjs from the custom elements manifest (`npm run analyze`). Do not edit.\n';

/** The TypeScript source of each React wrapper module, keyed by file name (`procedure-lookup.ts`, `index.ts`). */
export function reactWrapperSources(manifest) {
  const files = {};
  const names = [];
  for (const { module, declaration } of customElementDeclarations(manifest)) {
    // dist/components/x/x.component.js → the define module ../components/x/x.js (registers the tag on import).
    const match = /^dist\/components\/([\w-]+)\/([\w-]+)\.component\.js$/.exec(module.path);
    if (!match) throw new Error(`unexpected component module path ${module.path}`);
    const folder = match[1];
    const className = declaration.name;
    const events = (declaration.events ?? []).filter((e) => e.name?.startsWith('motcua-'));
    const lines = [
      HEADER,
      `import * as React from 'react';`,
      `import { createComponent${events.length ? ', type EventName' : ''} } from '@lit/react';`,
      `import { ${className} as ${className}Element } from '../components/${folder}/${folder}.js';`,
      ...(events.length ? [`import type { MotcuaEventMap } from '../internal/motcua-element.js';`] : []),
      '',
      `/**`,
      ` * React wrapper of \`<${declaration.tagName}>\`: ${(declaration.summary ?? declaration.description ?? '').split('\n')[0]}`,
      ...events.map((e) => ` * @prop ${callbackName(e.name)} - \`${e.name}\`: ${e.description ?? ''}`),
      ` */`,
      `export const ${className} = createComponent({`,
      `  react: React,`,
      `  tagName: '${declaration.tagName}',`,
      `  elementClass: ${className}Element,`,
      `  displayName: '${className}',`,
      ...(events.length
        ? [
            `  events: {`,
            ...events.map((e) => `    ${callbackName(e.name)}: '${e.name}' as EventName<CustomEvent<MotcuaEventMap['${e.name}']>>,`),
            `  },`,
          ]
        : []),
      `});`,
      '',
    ];
    files[`${folder}.ts`] = lines.join('\n');
    names.push([folder, className]);
  }
  names.sort(([a], [b]) => a.localeCompare(b));
  files['index.ts'] = [
    HEADER,
    '/**',
    ' * React wrappers of every motcua component (`@motcua/elements/react`), built on `@lit/react`. Importing this module',
    ' * registers every component; import `@motcua/elements/react/<name>` to register only one.',
    ' * @module',
    ' */',
    ...names.map(([folder, className]) => `export { ${className} } from './${folder}.js';`),
    '',
  ].join('\n');
  return files;
}

export function reactWrappersPlugin({ outdir }) {
  return {
    name: 'motcua-react-wrappers',
    packageLinkPhase({ customElementsManifest }) {
      mkdirSync(outdir, { recursive: true });
      for (const [file, source] of Object.entries(reactWrapperSources(customElementsManifest))) writeFileSync(join(outdir, file), source);
    },
  };
}

/**
 * Runs last, on the editor files the VS Code and JetBrains generators wrote into `dir`: web-types names the package
 * (`@motcua/elements` and its version, not the monorepo root's) and links each element to its class in the shipped
 * module; css-custom-data lists each global token once, not once per component.
 */
export function editorFilesPlugin({ dir, packageJson }) {
  return {
    name: 'motcua-editor-files',
    packageLinkPhase({ customElementsManifest }) {
      const pkg = JSON.parse(readFileSync(packageJson, 'utf8'));
      const webTypesFile = join(dir, 'web-types.json');
      const webTypes = JSON.parse(readFileSync(webTypesFile, 'utf8'));
      webTypes.name = pkg.name;
      webTypes.version = pkg.version;
      const classes = new Map(
        customElementDeclarations(customElementsManifest).map(({ module, declaration }) => [declaration.tagName, { module, declaration }]),
      );
      for (const element of webTypes.contributions.html.elements) {
        const found = classes.get(element.name);
        if (found) element.source = { module: `./${found.module.path}`, symbol: found.declaration.name };
      }
      writeFileSync(webTypesFile, `${JSON.stringify(webTypes, null, 2)}\n`);

      const cssFile = join(dir, 'css-custom-data.json');
      const cssData = JSON.parse(readFileSync(cssFile, 'utf8'));
      const seen = new Set();
      cssData.properties = cssData.properties.filter((p) => !seen.has(p.name) && seen.add(p.name));
      writeFileSync(cssFile, `${JSON.stringify(cssData, null, 2)}\n`);
    },
  };
}
