// Shared pieces of the browser benchmarks: the reference server with a page server in front of it (same origin),
// headless Chromium through puppeteer-core, slow-3G emulation over CDP, and in-page "is the widget usable" probes.
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../../scripts/chromium.mjs';
import { startReferenceServer } from '../../../scripts/reference-server.mjs';

export const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Slow 3G as the issue defines it: 400 kbit/s both ways, 400 ms latency. */
export const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Each widget as a webmaster embeds it, and the in-page probe that says when it is usable.
 * `probe` runs in the page (no closures) and returns `true` when usable; it may act like a user (type a query).
 */
export const WIDGETS = [
  {
    tag: 'motcua-procedure-lookup',
    label: 'procedure lookup (input focusable + first results)',
    attrs: (ctx) => ({ agency: ctx.agency }),
  },
  { tag: 'motcua-dossier-tracker', label: 'dossier tracker (code input focusable)', attrs: () => ({}) },
  {
    tag: 'motcua-satisfaction',
    label: 'satisfaction kiosk (three answers enabled)',
    attrs: (ctx) => ({ mode: 'kiosk', agency: ctx.agency, counter: '1' }),
  },
  { tag: 'motcua-service-stats', label: 'service stats (figures shown)', attrs: (ctx) => ({ agency: ctx.agency, period: 'month' }) },
  { tag: 'motcua-qr-card', label: 'QR card (QR drawn)', attrs: (ctx) => ({ procedure: ctx.procedure, agency: ctx.agency }) },
  { tag: 'motcua-qr-sheet', label: 'QR sheet (cards laid out)', attrs: (ctx) => ({ agency: ctx.agency }) },
];

/** The portal alone: only the browser-bytes bench opens its page (`/bench/motcua-portal.html`). */
export const PORTAL = { tag: 'motcua-portal', label: 'portal', attrs: (ctx) => ({ agency: ctx.agency }) };

/**
 * Injected before any page script (CDP, so a strict CSP does not block it). Polls every 10 ms for each
 * `motcua-*` element on the page and records `performance.now()` (ms since navigation start) when it became usable.
 */
export const PROBE_SOURCE = `(() => {
  const all = (node, sel, out = []) => {
    if (!node) return out;
    out.push(...node.querySelectorAll(sel));
    for (const el of node.querySelectorAll('*')) if (el.shadowRoot) all(el.shadowRoot, sel, out);
    return out;
  };
  const enabled = (el) => !el.disabled && el.getAttribute('aria-disabled') !== 'true' && el.getClientRects().length > 0;
  const probes = {
    'motcua-procedure-lookup': (el, state) => {
      const input = all(el.shadowRoot, 'input').find(enabled);
      if (!input) return false;
      state.input ??= performance.now();
      if (!state.typed) {
        state.typed = true;
        input.focus();
        input.value = 'khai sinh';
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: 'khai sinh', inputType: 'insertText' }));
      }
      return all(el.shadowRoot, '[role="option"], [part~="result"]').length > 0;
    },
    'motcua-dossier-tracker': (el) => all(el.shadowRoot, 'input').some(enabled),
    'motcua-satisfaction': (el) => all(el.shadowRoot, 'button').filter(enabled).length >= 3,
    'motcua-service-stats': (el) => /\\d/.test(el.shadowRoot?.textContent ?? '') && !all(el.shadowRoot, '[aria-busy="true"]').length && all(el.shadowRoot, '[part~="tile"], dl, dd, figure, table, li').length > 0,
    'motcua-qr-card': (el) => all(el.shadowRoot, 'svg path, svg rect').length > 0,
    'motcua-qr-sheet': (el) => all(el.shadowRoot, 'motcua-qr-card, [part~="card"], svg path').length > 0,
  };
  const results = (window.__motcuaUsable = {});
  const states = new Map();
  const errors = (window.__motcuaErrors = []);
  window.addEventListener('error', (e) => errors.push(String(e.message)));
  window.addEventListener('unhandledrejection', (e) => errors.push(String(e.reason)));
  const tick = () => {
    let pending = 0;
    for (const el of document.querySelectorAll(Object.keys(probes).join(','))) {
      const tag = el.localName;
      if (results[tag]) continue;
      pending++;
      if (!el.shadowRoot) continue;
      const state = states.get(el) ?? {};
      states.set(el, state);
      try {
        if (probes[tag](el, state)) results[tag] = { at: performance.now(), inputAt: state.input };
      } catch (e) {
        errors.push(String(e));
      }
    }
    return pending;
  };
  const timer = setInterval(tick, 10);
  window.__motcuaStopProbe = () => clearInterval(timer);
})();`;

function htmlPage({ title, body, head = '' }) {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${head}
</head>
<body>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
}

const escapeAttr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** `<tag a="b">` for a widget. */
export function widgetMarkup(widget, ctx) {
  const attrs = { api: `${ctx.origin}/api/v1`, ...widget.attrs(ctx) };
  return `<${widget.tag} ${Object.entries(attrs)
    .map(([k, v]) => `${k}="${escapeAttr(v)}"`)
    .join(' ')}></${widget.tag}>`;
}

/** Finds the URL path of the embed loader that the reference server serves, or undefined. */
async function findEmbedPath(serverUrl) {
  const version = JSON.parse(readFileSync(join(root, 'packages/embed/package.json'), 'utf8')).version;
  for (const path of [`/embed/${version}/motcua.js`, '/embed/latest/motcua.js', '/embed/motcua.js']) {
    try {
      const res = await fetch(serverUrl + path);
      const type = res.headers.get('content-type') ?? '';
      await res.arrayBuffer();
      if (res.ok && /javascript/.test(type)) return path;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

/**
 * Starts the reference server and a page server in front of it on one origin: `/bench/<tag>.html` is a page with
 * that one widget embedded by the script tag, `/bench/all.html` has every widget; everything else goes to the
 * reference server (`/api`, `/embed`, `/demo`, …). Builds the embed first when there is no build, and serves a copy of it.
 * @param {{ log?: (...a: unknown[]) => void, beforeStart?: (dataDir: string) => void, dataDir?: string }} [options]
 */
export async function startStack(options = {}) {
  const log = options.log ?? (() => {});
  const version = JSON.parse(readFileSync(join(root, 'packages/embed/package.json'), 'utf8')).version;
  const dist = join(root, 'packages/embed/dist');
  if (!existsSync(join(dist, version, 'motcua.js'))) {
    log('no embed build yet: running npm run build …');
    const built = spawnSync('node', ['scripts/build.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0) log('build failed');
  }
  if (!existsSync(join(dist, version, 'motcua.js'))) throw new Error(`no embed build in ${dist}/${version} even after npm run build`);
  // Serve a snapshot of the build, so that a rebuild during the run (npm test rebuilds it) cannot swap chunks under the pages.
  const snapshot = mkdtempSync(join(tmpdir(), 'motcua-bench-embed-'));
  cpSync(dist, snapshot, { recursive: true });
  // Every dossier look-up counts into the client's budget, and the benchmarks are one client (loopback): budgets they
  // never reach, so that the heap bench's load mix measures answers, not 429s.
  // The kiosk widget's agency's counter kiosk is enrolled as a service centre does it, once, with the CLI
  // (`motcua-server devices enrol`); the kiosk pages start with its credential stored (see `timeToUsable`).
  const kioskAgency = options.agency ?? JSON.parse(readFileSync(join(root, 'packages/server/seed/agencies.json'), 'utf8'))[0]?.code;
  const server = await startReferenceServer({
    dataDir: options.dataDir,
    env: { MOTCUA_EMBED_DIR: snapshot, MOTCUA_RATE_LIMIT_LOOKUPS: '1000000000', MOTCUA_RATE_LIMIT_LOOKUPS_DAY: '1000000000' },
    devices: kioskAgency ? [{ agency: kioskAgency, name: 'Quầy 1 (benchmark)' }] : [],
  });
  const embedPath = await findEmbedPath(server.url);
  if (!embedPath) throw new Error('the reference server serves no embed loader (/embed/<version>/motcua.js)');
  const target = new URL(server.url);
  const agencies = await (await fetch(`${server.api}/agencies`)).json();
  const agency = options.agency ?? agencies.items?.[0]?.code;
  const kioskDevice = server.devices.find((d) => d.agency === agency)?.credential;
  if (!kioskDevice) log(`no kiosk enrolled for ${agency}: the kiosk shows its set-up screen`);
  const catalog = await (await fetch(`${server.api}/agencies/${agency}/procedures/catalog`)).json();
  const procedure = catalog.items?.find((p) => /khai sinh/i.test(p.name))?.code ?? catalog.items?.[0]?.code;

  /** The page server; with `gzip`, it also compresses text answers as a CDN or reverse proxy would. */
  const makeFront = (gzip) =>
    http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const ctx = { origin: `http://${req.headers.host}`, agency: url.searchParams.get('agency') ?? agency, procedure };
      const page = /^\/bench\/([a-z-]+)\.html$/.exec(url.pathname);
      if (page) {
        const head = `<script type="module" src="${embedPath}"></script>`;
        // all: every widget but the QR sheet (the load bench); every: every widget, the QR sheet and the portal too.
        const widgets =
          page[1] === 'all'
            ? WIDGETS.filter((w) => w.tag !== 'motcua-qr-sheet')
            : page[1] === 'every'
              ? [...WIDGETS, PORTAL]
              : [...WIDGETS, PORTAL].filter((w) => w.tag === page[1]);
        if (!widgets.length && page[1] !== 'empty') {
          res.writeHead(404).end();
          return;
        }
        const body = widgets.map((w) => `<section>${widgetMarkup(w, ctx)}</section>`).join('\n');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(htmlPage({ title: `motcua bench: ${page[1]}`, head, body }));
        return;
      }
      const headers = { ...req.headers, host: target.host };
      if (gzip) delete headers['accept-encoding'];
      const upstream = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers }, (upRes) => {
        const type = String(upRes.headers['content-type'] ?? '');
        const compressible = gzip && /gzip/.test(String(req.headers['accept-encoding'] ?? '')) && /json|javascript|html|css|svg/.test(type);
        if (!compressible) {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
          return;
        }
        const chunks = [];
        upRes.on('data', (c) => chunks.push(c));
        upRes.on('end', () => {
          const body = gzipSync(Buffer.concat(chunks), { level: 6 });
          const out = { ...upRes.headers, 'content-encoding': 'gzip', 'content-length': String(body.length), vary: 'accept-encoding' };
          delete out['transfer-encoding'];
          res.writeHead(upRes.statusCode ?? 502, out);
          res.end(body);
        });
      });
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
    });
  const listen = async (server) => {
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${server.address().port}`;
  };
  const front = makeFront(false);
  const gzipFront = makeFront(true);
  const origin = await listen(front);
  const gzipOrigin = await listen(gzipFront);
  return {
    origin,
    gzipOrigin,
    server,
    agency,
    procedure,
    embedPath,
    /** The credential of the enrolled counter kiosk of `agency` (for `timeToUsable`'s `kioskDevice`). */
    kioskDevice,
    async stop() {
      for (const f of [front, gzipFront]) {
        f.closeAllConnections?.();
        await new Promise((resolve) => f.close(resolve));
      }
      await server.stop();
      rmSync(snapshot, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return puppeteer.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'],
    protocolTimeout: 120_000,
  });
}

/**
 * Opens `url` in a fresh browser context (empty cache and storage), optionally on slow 3G, and waits until every
 * widget on the page is usable. Returns `{ [tag]: ms since navigation start }` (or undefined for a widget that did not
 * become usable within `timeoutMs`) and the page's uncaught errors.
 * `kioskDevice`: the credential of an enrolled kiosk, in the browser's storage before the page loads, as on a kiosk
 * an officer enrolled once (typed on its set-up screen); the HTTP cache is still cold.
 */
export async function timeToUsable(browser, url, { network, timeoutMs = 30_000, tags, kioskDevice } = {}) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (network) await cdp.send('Network.emulateNetworkConditions', network);
    await page.evaluateOnNewDocument(PROBE_SOURCE);
    if (kioskDevice)
      await page.evaluateOnNewDocument((credential) => globalThis.localStorage.setItem('motcua-kiosk-device', credential), kioskDevice);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    const deadline = Date.now() + timeoutMs;
    let usable = {};
    for (;;) {
      usable = await page.evaluate(() => window.__motcuaUsable ?? {});
      const want = tags ?? (await page.evaluate(() => [...new Set([...document.querySelectorAll('*')].map((e) => e.localName))]));
      const missing = want.filter((t) => t.startsWith('motcua-') && t !== 'motcua-portal' && !usable[t]);
      if (!missing.length || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const errors = await page.evaluate(() => window.__motcuaErrors ?? []);
    const bytes = await page.evaluate(
      () =>
        performance.getEntriesByType('resource').reduce((sum, e) => sum + (e.transferSize || 0), 0) +
        (performance.getEntriesByType('navigation')[0]?.transferSize ?? 0),
    );
    return { usable, errors, bytes };
  } finally {
    await context.close();
  }
}
