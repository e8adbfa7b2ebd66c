// Framework and editor files of @motcua/elements, generated from the custom elements manifest
// (custom-elements-manifest.config.mjs, scripts/cem-plugins.mjs), checked against the components' own sources:
// every tag, every documented attribute, every event and every global token reaches each file a developer uses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as React from 'react';
import { renderToString } from 'react-dom/server';
import { MotcuaPortal, MotcuaProcedureLookup, MotcuaSatisfaction } from '../../packages/elements/src/react/index.js';

const root = new URL('../..', import.meta.url).pathname;
const componentsDir = join(root, 'packages/elements/src/components');
let out = '';

interface Component {
  folder: string;
  tag: string;
  attributes: string[];
  events: string[];
}

/** What the sources say, independently of the analyzer: tags from the define modules, @attr and @event from JSDoc. */
function componentsFromSource(): Component[] {
  return readdirSync(componentsDir)
    .filter((folder) => existsSync(join(componentsDir, folder, `${folder}.component.ts`)))
    .map((folder) => {
      const define = readFileSync(join(componentsDir, folder, `${folder}.ts`), 'utf8');
      const tag = /\.define\('(motcua-[a-z-]+)'\)/.exec(define)?.[1];
      assert.ok(tag, `${folder}.ts defines a motcua-* tag`);
      const source = readFileSync(join(componentsDir, folder, `${folder}.component.ts`), 'utf8');
      const tags = (name: string) =>
        [...source.matchAll(new RegExp(`^\\s*\\* @${name}\\s+(?:\\{[^}]*\\}\\s+)?([\\w-]+)`, 'gm'))].map((m) => m[1]!);
      return { folder, tag, attributes: tags('attr'), events: tags('event').filter((e) => e.startsWith('motcua-')) };
    });
}

const tokens = (): Array<{ name: string; fallback: string }> =>
  [
    ...readFileSync(join(root, 'packages/elements/src/internal/base.styles.ts'), 'utf8').matchAll(/var\((--motcua-[\w-]+),\s*(.+)\);$/gm),
  ].map((m) => ({ name: m[1]!, fallback: m[2]!.trim() }));

const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(out, file), 'utf8')) as T;
const components = componentsFromSource();

before(() => {
  out = mkdtempSync(join(tmpdir(), 'motcua-cem-'));
  const result = spawnSync('npx', ['custom-elements-manifest', 'analyze', '--config', 'custom-elements-manifest.config.mjs'], {
    cwd: root,
    env: { ...process.env, MOTCUA_CEM_OUT: out },
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, `the analyzer failed: ${result.stderr}`);
});
after(() => rmSync(out, { recursive: true, force: true }));

test('the sources have eight components, each with attributes, found independently of the analyzer', () => {
  assert.equal(components.length, 8);
  for (const c of components) assert.ok(c.attributes.length > 0, `${c.tag} documents its attributes`);
  assert.ok(components.some((c) => c.events.length > 0));
});

interface Manifest {
  modules: Array<{
    path: string;
    declarations?: Array<{
      tagName?: string;
      customElement?: boolean;
      cssProperties?: Array<{ name: string; default?: string }>;
      events?: Array<{ name: string; type?: { text: string } }>;
    }>;
  }>;
}

test('the manifest points at the shipped modules and lists every global token, with its default, on every component', () => {
  const manifest = readJson<Manifest>('custom-elements.json');
  const elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement).map((d) => ({ path: m.path, d })));
  assert.deepEqual(elements.map((e) => e.d.tagName).sort(), components.map((c) => c.tag).sort());
  const globals = tokens();
  assert.ok(globals.length >= 10, 'base.styles.ts reads the global tokens');
  for (const { path, d } of elements) {
    assert.match(path, /^dist\/components\/[\w-]+\/[\w-]+\.component\.js$/);
    const source = join(root, 'packages/elements/src', path.slice('dist/'.length).replace(/\.js$/, '.ts'));
    assert.ok(existsSync(source), `${path} is built from ${source}`);
    for (const token of globals) {
      const property = d.cssProperties?.find((p) => p.name === token.name);
      assert.equal(property?.default, token.fallback, `${d.tagName} lists ${token.name} with its default`);
    }
    for (const event of d.events ?? []) assert.equal(event.type?.text, `CustomEvent<MotcuaEventMap['${event.name}']>`);
  }
});

test('VS Code html-custom-data and JetBrains web-types have every tag, documented attribute and event', () => {
  const html = readJson<{ tags: Array<{ name: string; attributes: Array<{ name: string }> }> }>('frameworks/html-custom-data.json');
  const webTypes = readJson<{
    name: string;
    version: string;
    contributions: {
      html: {
        elements: Array<{
          name: string;
          attributes: Array<{ name: string }>;
          js: { events: Array<{ name: string }> };
          source: { module: string };
        }>;
      };
    };
  }>('frameworks/web-types.json');
  const pkg = JSON.parse(readFileSync(join(root, 'packages/elements/package.json'), 'utf8')) as { name: string; version: string };
  assert.equal(webTypes.name, pkg.name);
  assert.equal(webTypes.version, pkg.version);
  for (const c of components) {
    const tag = html.tags.find((t) => t.name === c.tag);
    const element = webTypes.contributions.html.elements.find((e) => e.name === c.tag);
    assert.ok(tag, `${c.tag} in html-custom-data.json`);
    assert.ok(element, `${c.tag} in web-types.json`);
    assert.equal(element.source.module, `./dist/components/${c.folder}/${c.folder}.component.js`);
    for (const attribute of c.attributes) {
      assert.ok(
        tag.attributes.some((a) => a.name === attribute),
        `${c.tag} [${attribute}] in html-custom-data.json`,
      );
      assert.ok(
        element.attributes.some((a) => a.name === attribute),
        `${c.tag} [${attribute}] in web-types.json`,
      );
    }
    for (const event of c.events)
      assert.ok(
        element.js.events.some((e) => e.name === event),
        `${c.tag} ${event} in web-types.json`,
      );
  }
});

test('VS Code css-custom-data lists each global token once', () => {
  const css = readJson<{ properties: Array<{ name: string }> }>('frameworks/css-custom-data.json');
  const names = css.properties.map((p) => p.name);
  assert.equal(new Set(names).size, names.length, 'no duplicates');
  for (const token of tokens()) assert.ok(names.includes(token.name), token.name);
});

test('the JSX and Vue types have every tag, documented attribute and typed event', () => {
  for (const file of ['frameworks/jsx.d.ts', 'frameworks/vue.d.ts']) {
    const types = readFileSync(join(out, file), 'utf8');
    assert.ok(
      types.startsWith(`import type { MotcuaEventMap } from '../dist/internal/motcua-element.js';`),
      `${file} imports the event map`,
    );
    if (file.endsWith('vue.d.ts'))
      assert.match(types, /declare module "vue" \{\s*(\/\/.*\s*)?interface GlobalComponents extends CustomElements/);
    else assert.match(types, /export type CustomElements = \{/);
    for (const c of components) {
      assert.ok(types.includes(`"${c.tag}": `), `${c.tag} in ${file}`);
      for (const attribute of c.attributes) {
        const prop = attribute.includes('-') ? `"${attribute}"?:` : `${attribute}?:`;
        assert.ok(types.includes(prop), `${c.tag} [${attribute}] in ${file}`);
      }
      for (const event of c.events)
        assert.ok(types.includes(`"on${event}"?: (e: CustomEvent<MotcuaEventMap["${event}"]>) => void;`), `${event} in ${file}`);
    }
    assert.ok(existsSync(join(out, file.replace(/\.d\.ts$/, '.js'))), `a module beside ${file}`);
  }
});

test("each attribute's type in the JSX and Vue types is a property the component declares (or inherits)", () => {
  // `lang?: MotcuaPortal["undefined"]` (an @attr without a property) fails to type-check in every consumer project.
  const base = readFileSync(join(root, 'packages/elements/src/internal/motcua-element.ts'), 'utf8');
  const declares = (source: string, field: string) =>
    new RegExp(
      `^\\s*(?:@\\w+\\([^)]*\\)\\s*)?(?:(?:override|declare|accessor|readonly|get)\\s+)*${field}\\s*(?:\\(\\))?[?!]?\\s*[:=;]`,
      'm',
    ).test(source);
  for (const file of ['frameworks/jsx.d.ts', 'frameworks/vue.d.ts']) {
    const types = readFileSync(join(out, file), 'utf8');
    assert.doesNotMatch(types, /\["undefined"\]/, `${file} types an attribute by an undefined property`);
    for (const c of components) {
      const className = new RegExp(`"${c.tag}": (?:Partial|DefineComponent)<(\\w+)Props`).exec(types)?.[1];
      assert.ok(className, `${c.tag}'s props in ${file}`);
      const source = readFileSync(join(componentsDir, c.folder, `${c.folder}.component.ts`), 'utf8');
      const fields = [...types.matchAll(new RegExp(`\\b${className}\\["([^"]+)"\\]`, 'g'))].map((m) => m[1]!);
      assert.ok(fields.length >= c.attributes.length, `${c.tag}: every attribute typed by its property in ${file}`);
      for (const field of fields)
        assert.ok(declares(source, field) || declares(base, field), `${c.tag}: ${className}["${field}"] in ${file} is no property`);
    }
  }
});

test('the committed React wrappers are what the manifest generates today, with a callback prop for every event', () => {
  const generated = join(out, 'react');
  const committed = join(root, 'packages/elements/src/react');
  assert.deepEqual(readdirSync(committed).sort(), readdirSync(generated).sort(), 'run `npm run analyze` and commit src/react/');
  for (const file of readdirSync(generated)) {
    assert.equal(
      readFileSync(join(committed, file), 'utf8'),
      readFileSync(join(generated, file), 'utf8'),
      `src/react/${file} is stale: run npm run analyze`,
    );
  }
  // Each wrapper is a subpath of the package (`@motcua/elements/react/<name>`), from source in development and from
  // dist when installed: one entry per component, as for the components (a wildcard's `src/` target is not published).
  const { exports } = JSON.parse(readFileSync(join(root, 'packages/elements/package.json'), 'utf8')) as {
    exports: Record<string, unknown>;
  };
  assert.deepEqual(
    Object.keys(exports).filter((key) => key.startsWith('./react/')),
    components.map((c) => `./react/${c.folder}`).sort(),
  );
  for (const c of components) {
    assert.deepEqual(exports[`./react/${c.folder}`], {
      'motcua-source': `./src/react/${c.folder}.ts`,
      types: `./dist/react/${c.folder}.d.ts`,
      default: `./dist/react/${c.folder}.js`,
    });
    const source = readFileSync(join(committed, `${c.folder}.ts`), 'utf8');
    assert.ok(source.includes(`tagName: '${c.tag}'`));
    for (const event of c.events) {
      const callback = `on${event.replace(/(^|-)([a-z0-9])/g, (_, __: string, ch: string) => ch.toUpperCase())}`;
      assert.ok(source.includes(`${callback}: '${event}' as EventName<CustomEvent<MotcuaEventMap['${event}']>>`), `${c.tag}: ${callback}`);
    }
  }
});

test('React renders the wrappers on the server as the custom elements, with the attributes given', () => {
  // Typed props: tsc (npm test) rejects this file if a callback's detail type or a property type is wrong.
  const selected: string[] = [];
  const lookupProps: React.ComponentProps<typeof MotcuaProcedureLookup> = {
    id: 'lookup',
    onMotcuaProcedureSelect: (event) => selected.push(event.detail.code),
    onMotcuaSearch: (event) => selected.push(`${event.detail.query}:${event.detail.count}`),
  };
  const ratingProps: React.ComponentProps<typeof MotcuaSatisfaction> = {
    mode: 'kiosk',
    onMotcuaRatingSubmit: (event) => selected.push(String(event.detail.queued)),
  };
  const markup = renderToString(
    React.createElement(
      MotcuaPortal,
      { id: 'portal' },
      React.createElement(MotcuaProcedureLookup, { ...lookupProps, ...{ 'no-history': '', 'page-size': '10' } }),
      React.createElement(MotcuaSatisfaction, ratingProps),
    ),
  );
  assert.match(
    markup,
    /^<motcua-portal id="portal"><motcua-procedure-lookup id="lookup" no-history="" page-size="10"><\/motcua-procedure-lookup>/,
  );
  assert.ok(markup.includes('<motcua-satisfaction'));
  assert.ok(!/onMotcua|function/.test(markup), 'callbacks never reach the HTML');
  assert.deepEqual(selected, []);
});
