// Run by scripts/package-check.mjs in the consumer project after `tsc -p react` (type-check, and emit to react/ssr/)
// and `vite build` of the React app: renders the app with react-dom/server in Node, then serves the server HTML with the
// Vite build (and the API of @motcua/server from its tarball) to Chromium, which hydrates it. Prints one line per check
// and "react app: N passed, N failed"; exits 1 when one fails.
// Environment: MOTCUA_CHROMIUM (a Chromium executable), MOTCUA_PUPPETEER (file URL of puppeteer-core's ESM entry).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { checks } from '../check-runner.mjs';

const { check, done } = checks('react app');

const here = new URL('.', import.meta.url).pathname;
const { DEMO_AGENCY, DEMO_DOSSIERS } = await import('@motcua/server/demo-dossiers');
const dossier = DEMO_DOSSIERS[0];
const props = { api: '/api/v1', agency: DEMO_AGENCY, code: dossier.code };

// 1. Server-side rendering in Node: there is no `window` here, so a wrapper (or the element it registers) touching it
// on import or render throws.
let appHtml = '';
await check('SSR: react-dom/server renders the app (wrappers from @motcua/elements/react) in Node, no window', async () => {
  assert.equal(typeof globalThis.window, 'undefined');
  const { render } = await import('./ssr/ssr.js');
  appHtml = render(props);
  assert.equal(typeof globalThis.window, 'undefined');
  // Properties (query, pageSize, code, …) are set when the page hydrates: the server HTML has the bare elements.
  assert.match(appHtml, /^<motcua-portal><h1>Thủ tục hành chính<\/h1><motcua-procedure-lookup><\/motcua-procedure-lookup>/);
  assert.match(appHtml, /<motcua-dossier-tracker><\/motcua-dossier-tracker><p>Trạng thái hồ sơ: <output id="status">loading<\/output>/);
});
await check('SSR: every React snippet of the READMEs and docs, as written, renders its components', async () => {
  const { renderSnippets } = await import('./ssr/ssr.js');
  const { snippets } = await import('./ssr/snippets.js');
  const rendered = renderSnippets();
  assert.ok(snippets.length >= 2, 'the developer guide and the elements README have a React snippet');
  for (const { where } of snippets)
    assert.ok(
      rendered.some((r) => r.where === where),
      `${where} exports no component`,
    );
  for (const { where, name, html } of rendered) {
    console.log(`       ${where} <${name} />: ${html}`);
    assert.match(html, /^<motcua-portal>(<motcua-[a-z-]+><\/motcua-[a-z-]+>)+<\/motcua-portal>$/, `${where} ${name}`);
  }
});

// 2. Chromium: the Vite build hydrates the server HTML; the elements upgrade, render their shadow DOM from the API,
// and their events reach the React handlers.
const dist = join(here, 'dist');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const { startServer } = await import('@motcua/server');
const dataDir = mkdtempSync(join(tmpdir(), 'motcua-react-data-'));
const api = await startServer({}, { MOTCUA_DATA_DIR: dataDir, MOTCUA_LOG: 'silent', PORT: '0', HOST: '127.0.0.1', MOTCUA_DEMO: '1' });
const page = readFileSync(join(dist, 'index.html'), 'utf8').replace(
  '<div id="root"><!--app--></div>',
  `<div id="root" data-props="${JSON.stringify(props).replaceAll('"', '&quot;')}">${appHtml}</div>`,
);
const site = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      const upstream = await fetch(api.url + url.pathname + url.search, { headers: { accept: req.headers.accept ?? '*/*' } });
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } else if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
    } else if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    } else {
      const file = join(dist, normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    }
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${site.address().port}`;

const { default: puppeteer } = await import(process.env.MOTCUA_PUPPETEER);
const browser = await puppeteer.launch({
  executablePath: process.env.MOTCUA_CHROMIUM,
  args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
try {
  const tab = await browser.newPage();
  const errors = [];
  tab.on('pageerror', (error) => errors.push(String(error)));
  tab.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} ${message.location().url ?? ''}`);
  });
  await tab.goto(origin, { waitUntil: 'load' });

  await check('Chromium: the app hydrates, <motcua-procedure-lookup> upgrades and lists procedures in its shadow DOM', async () => {
    const names = await tab.waitForFunction(
      () => {
        const lookup = document.querySelector('motcua-procedure-lookup');
        const Element = customElements.get('motcua-procedure-lookup');
        if (!lookup || !Element || !(lookup instanceof Element) || !lookup.shadowRoot) return false;
        const rows = [...lookup.shadowRoot.querySelectorAll('[role="option"]')].map((li) => li.textContent ?? '');
        return rows.length > 0 && lookup.pageSize === 5 && rows;
      },
      { timeout: 30_000 },
    );
    assert.match((await names.jsonValue()).join('\n'), /khai sinh/i);
  });
  await check('Chromium: a click on a result reaches onMotcuaProcedureSelect (typed detail.code, preventDefault)', async () => {
    const clicked = await tab.evaluate(() => {
      const first = document.querySelector('motcua-procedure-lookup')?.shadowRoot?.querySelector('[role="option"]');
      if (first instanceof HTMLElement) first.click();
      return first instanceof HTMLElement;
    });
    assert.ok(clicked, 'no result to click');
    await tab.waitForFunction(() => /^\d+(\.\d+)+$/.test(document.getElementById('selected')?.textContent ?? ''), {
      timeout: 10_000,
    });
    // The handler called preventDefault(): the lookup keeps its list instead of opening the procedure.
    const listed = await tab.evaluate(
      () => document.querySelector('motcua-procedure-lookup')?.shadowRoot?.querySelectorAll('[role="option"]').length ?? 0,
    );
    assert.ok(listed > 0, 'the lookup opened the procedure although the handler cancelled the event');
  });
  await check('Chromium: <motcua-dossier-tracker> shows the dossier and onMotcuaDossierLoad sets React state', async () => {
    await tab.waitForFunction((status) => document.getElementById('status')?.textContent === status, { timeout: 30_000 }, dossier.status);
    const shown = await tab.evaluate(() => document.querySelector('motcua-dossier-tracker')?.shadowRoot?.textContent ?? '');
    assert.ok(shown.includes(dossier.code), `the tracker's shadow DOM does not show ${dossier.code}`);
  });
  await check('Chromium: no page error, no hydration error', async () => {
    assert.deepEqual(errors, []);
  });
} finally {
  await browser.close();
  site.close();
  await api.close();
  rmSync(dataDir, { recursive: true, force: true });
}

done();
