// Run by scripts/package-check.mjs inside the consumer project, after `npm install` of the four tarballs: every import
// path the READMEs and docs show, as Node (ESM) resolves and loads it, and the server from its tarball serving the demo
// site and the embed build. Prints one line per check and exits 1 when one fails.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checks } from './check-runner.mjs';

const { check, done } = checks('node imports');

const TAGS = ['portal', 'procedure-lookup', 'qr-card', 'qr-sheet', 'dossier-tracker', 'satisfaction', 'service-stats'];

// @motcua/elements: the root registers nothing (checked first, before any subpath registers a tag).
await check('@motcua/elements: classes and helpers, no tag registered', async () => {
  const elements = await import('@motcua/elements');
  for (const name of ['MotcuaPortal', 'MotcuaProcedureLookup', 'registerTranslation', 'buildVietQr']) assert.ok(elements[name], name);
  for (const tag of TAGS)
    assert.equal(globalThis.customElements?.get(`motcua-${tag}`), undefined, `<motcua-${tag}> registered by the root`);
});
// Every import statement in the READMEs and docs (scripts/package-check.mjs collects them into documented.json): the
// module loads and has the names imported; a stylesheet or a browser-only script resolves to a shipped file.
const documented = JSON.parse(readFileSync(new URL('./documented.json', import.meta.url), 'utf8'));
for (const { spec, names, where } of documented)
  await check(`documented: import ${names.length ? `{ ${names.join(', ')} } from ` : ''}'${spec}' (${where})`, async () => {
    if (spec.endsWith('.css') || spec === '@motcua/embed') {
      assert.ok(existsSync(fileURLToPath(import.meta.resolve(spec))), `${spec} resolves to a missing file`);
      return;
    }
    const module = await import(spec);
    for (const name of names) assert.ok(name in module, `${spec} has no export ${name}`);
  });

// @motcua/sdk
await check('@motcua/sdk: createClient, errors', async () => {
  const sdk = await import('@motcua/sdk');
  assert.equal(typeof sdk.createClient, 'function');
});
await check('@motcua/sdk/schemas parses an agency list', async () => {
  const { AgencyList } = await import('@motcua/sdk/schemas');
  assert.equal(typeof AgencyList.parse, 'function');
});
await check('@motcua/sdk/text searches without diacritics', async () => {
  const { createSearchIndex } = await import('@motcua/sdk/text');
  const index = createSearchIndex([{ code: '1.001193', name: 'Đăng ký khai sinh', sector: { name: 'Hộ tịch' } }]);
  assert.equal(index.search('dang ky khai sinh')[0]?.item.code, '1.001193');
});
await check('@motcua/sdk/calendar counts a make-up working Saturday', async () => {
  const { dueDate, holidayCalendar, vnDate } = await import('@motcua/sdk/calendar');
  const cal = holidayCalendar(['2026-01-01', '2026-01-02'], ['2026-01-10']);
  const due = dueDate(new Date('2026-01-08T08:00:00+07:00'), { value: 3, unit: 'working_day' }, cal);
  assert.equal(vnDate(due), '2026-01-12');
});
await check('@motcua/sdk/openapi writes a document', async () => {
  const { openApiJson } = await import('@motcua/sdk/openapi');
  assert.equal(JSON.parse(openApiJson({ version: '1.2.3' })).info.version, '1.2.3');
});

for (const tag of TAGS)
  await check(`@motcua/elements/components/${tag}.js registers <motcua-${tag}>`, async () => {
    await import(`@motcua/elements/components/${tag}.js`);
    assert.ok(customElements.get(`motcua-${tag}`));
  });
// React (docs/developer-guide.md, "React"): the wrappers render with react-dom/server as the custom elements, with
// the attributes given and no callback in the HTML.
await check('@motcua/elements/react and /react/<name>: React renders the wrappers on the server', async () => {
  const React = await import('react');
  const { renderToString } = await import('react-dom/server');
  const { MotcuaPortal } = await import('@motcua/elements/react');
  const { MotcuaProcedureLookup } = await import('@motcua/elements/react/procedure-lookup');
  const html = renderToString(
    React.createElement(
      MotcuaPortal,
      { id: 'portal' },
      React.createElement(MotcuaProcedureLookup, { 'page-size': '10', onMotcuaProcedureSelect: () => {} }),
    ),
  );
  assert.equal(html, '<motcua-portal id="portal"><motcua-procedure-lookup page-size="10"></motcua-procedure-lookup></motcua-portal>');
});
await check('@motcua/elements/all.js', async () => {
  const all = await import('@motcua/elements/all.js');
  assert.ok(all.MotcuaSatisfaction);
});
await check('@motcua/elements/theme.css and custom-elements.json exist', async () => {
  const css = readFileSync(fileURLToPath(import.meta.resolve('@motcua/elements/theme.css')), 'utf8');
  assert.match(css, /:root\s*\{[^}]*--motcua-color-primary:/);
  const manifest = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('@motcua/elements/custom-elements.json')), 'utf8'));
  assert.ok(manifest.modules.length >= TAGS.length);
});

// @motcua/embed is a browser script (it watches the document): resolve it and check its types ship.
await check('@motcua/embed resolves to the loader, which re-exports its versioned build', async () => {
  const entry = fileURLToPath(import.meta.resolve('@motcua/embed'));
  const { version } = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('@motcua/embed/package.json')), 'utf8'));
  assert.match(readFileSync(entry, 'utf8'), new RegExp(`export \\* from '\\./${version.replaceAll('.', '\\.')}/motcua\\.js'`));
  assert.ok(existsSync(join(entry, '..', version, 'motcua.js')));
  assert.ok(existsSync(join(entry, '..', '..', 'types', 'motcua.d.ts')));
});

// @motcua/server: the API, and the demo site and embed build from its own tarball.
await check('@motcua/server/demo-dossiers', async () => {
  const { demoDossiers } = await import('@motcua/server/demo-dossiers');
  assert.equal(demoDossiers().length >= 10, true);
});
await check(
  '@motcua/server in demo mode serves the demo site at / and the embed build at /embed/latest/ and /embed/<version>/',
  async () => {
    const { startServer } = await import('@motcua/server');
    const { version } = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('@motcua/server/package.json')), 'utf8'));
    const dataDir = mkdtempSync(join(tmpdir(), 'motcua-consumer-data-'));
    const env = { MOTCUA_DATA_DIR: dataDir, MOTCUA_LOG: 'silent', PORT: '0', HOST: '127.0.0.1', MOTCUA_DEMO: '1' };
    const server = await startServer({}, env);
    try {
      const home = await fetch(`${server.url}/`);
      assert.equal(home.status, 200);
      assert.match(await home.text(), /<script type="module" src="\/embed\/latest\/motcua\.js">/);
      for (const path of ['/embed/latest/motcua.js', `/embed/${version}/motcua.js`, '/ho-so', '/kiosk']) {
        const response = await fetch(server.url + path);
        assert.equal(response.status, 200, path);
        await response.arrayBuffer();
      }
      const openApi = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
      assert.equal(openApi.info.version, version);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
);

done();
