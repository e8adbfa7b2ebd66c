// Script bytes as Chromium downloads them: each single-widget page and the page with every widget (the QR sheet and
// the portal included), embedded with the one script tag, opened in headless Chromium with an empty cache. Every
// script response is counted as it came over the wire (CDP Network.loadingFinished encodedDataLength: gzip as served,
// HTTP headers included) and by body alone (Resource Timing encodedBodySize), first when the widgets are usable, then
// after using them as a citizen would, so that the chunks loaded on use are counted too: the lookup opens a
// procedure's detail, the tracker looks up a dossier and opens the owner check, the kiosk shows its answers (it has no other step), and
// every widget is switched to English. Catalog requests are counted per page: widgets that share an API share it.
// Goals (issue 17): every single-widget page ≤ 30 KB, the every-widget page ≤ 50 KB (body bytes, after use).
//   node tests/bench/bytes/index.mjs          (or `npm run bench -- --only bytes`)
import { PORTAL, PROBE_SOURCE, WIDGETS, launchBrowser, startStack } from '../load/harness.mjs';

const KB = 1024;
export const GOALS = { singleKb: 30, everyKb: 50 };

/** Waits until no request has been in flight for `idleMs` (or `timeoutMs` passed). */
async function networkIdle(inflight, { idleMs = 1000, timeoutMs = 20_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    if (inflight.size) quietSince = Date.now();
    else if (Date.now() - quietSince >= idleMs) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Acts like a citizen on every widget of the page, to make each one load what it loads on use. Returns the uses that
 * could not be made (a page whose use did not happen has not loaded what it would, so its figure is not counted as met).
 */
/** `page.$(selector)` polled until found (waitForSelector missed `host >>> a > b` selectors that `page.$` finds). */
async function poll(page, selector, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await page.$(selector);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

async function useWidgets(page, dossierCode, tags) {
  const missed = [];
  // The lookup: the probe typed "khai sinh"; open the first result's detail.
  if (tags.includes('motcua-procedure-lookup')) {
    const opened = await page.evaluate(() => {
      const lookup = document.querySelector('motcua-procedure-lookup');
      const option = lookup?.shadowRoot?.querySelector('[role="option"] a, [role="option"], [part~="result"]');
      if (option instanceof HTMLElement) option.click();
      return option instanceof HTMLElement;
    });
    if (!opened) missed.push('lookup: no result to open');
  }
  // The tracker: look up a demo dossier, then open the owner check.
  if (tags.includes('motcua-dossier-tracker')) {
    const trackerInput = await page.$('motcua-dossier-tracker >>> input');
    if (trackerInput && dossierCode) {
      await trackerInput.type(dossierCode);
      await trackerInput.press('Enter');
      // The owner check's own toggle (not the text-size button of the reading toolbar, which comes first in the tree).
      const toggle = await poll(page, 'motcua-dossier-tracker >>> [part~="verify"] > button[aria-expanded]');
      await toggle?.click();
      const open = await poll(page, 'motcua-dossier-tracker >>> [part~="verify"] > button[aria-expanded="true"]');
      if (!open)
        missed.push(
          `tracker: owner check not opened (${toggle ? 'toggle clicked' : 'no toggle'}; the tracker said: ${await page.evaluate(() =>
            (document.querySelector('motcua-dossier-tracker')?.shadowRoot?.querySelector('[part~="status"]')?.textContent ?? '')
              .trim()
              .slice(0, 120),
          )})`,
        );
    } else missed.push('tracker: no input or no demo dossier');
  }
  // Every widget in English.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('*')) if (el.localName.startsWith('motcua-')) el.setAttribute('lang', 'en');
  });
  return missed;
}

async function measurePage(browser, url, { tags, dossierCode, kioskDevice }) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const cdp = await page.createCDPSession();
    const requests = new Map();
    const inflight = new Set();
    cdp.on('Network.requestWillBeSent', (e) => {
      requests.set(e.requestId, { url: e.request.url, method: e.request.method, type: e.type, bytes: 0 });
      inflight.add(e.requestId);
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = requests.get(e.requestId);
      if (r) r.type = e.type;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = requests.get(e.requestId);
      if (r) r.bytes = e.encodedDataLength;
      inflight.delete(e.requestId);
    });
    cdp.on('Network.loadingFailed', (e) => inflight.delete(e.requestId));
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.evaluateOnNewDocument(PROBE_SOURCE);
    // The kiosk is enrolled as an officer does once per device: without it, it shows its set-up screen, not the answers.
    if (kioskDevice)
      await page.evaluateOnNewDocument((credential) => globalThis.localStorage.setItem('motcua-kiosk-device', credential), kioskDevice);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const deadline = Date.now() + 45_000;
    let usable = {};
    while (Date.now() < deadline) {
      usable = await page.evaluate(() => window.__motcuaUsable ?? {});
      if (tags.every((t) => usable[t])) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const notUsable = tags.filter((t) => !usable[t]);
    await networkIdle(inflight);
    const scripts = () => [...requests.values()].filter((r) => r.type === 'Script');
    /** Body bytes (gzip as served) of every script the page fetched, from Resource Timing. */
    const bodies = () =>
      page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((e) => /\.m?js(\?|$)/.test(new URL(e.name).pathname))
          .reduce((n, e) => n + e.encodedBodySize, 0),
      );
    const upFront = { files: scripts().length, wire: scripts().reduce((n, r) => n + r.bytes, 0), body: await bodies() };
    const notUsed = await useWidgets(page, dossierCode, tags);
    await networkIdle(inflight);
    const after = { files: scripts().length, wire: scripts().reduce((n, r) => n + r.bytes, 0), body: await bodies() };
    const catalogFetches = [...requests.values()].filter((r) => r.method === 'GET' && /\/procedures\/catalog(\?|$)/.test(r.url)).length;
    const errors = await page.evaluate(() => window.__motcuaErrors ?? []);
    return { upFront, after, catalogFetches, notUsable, notUsed, errors };
  } finally {
    await context.close();
  }
}

export default async function bytesBench({ log = console.error } = {}) {
  const stack = await startStack({ log });
  const browser = await launchBrowser();
  const { demoDossiers } = await import('../../../packages/server/src/demo-dossiers.ts');
  const dossierCode = demoDossiers()[3]?.code;
  const kioskDevice = await fetch(`${stack.server.url}/demo-device.json?agency=${encodeURIComponent(stack.agency)}`)
    .then(async (r) => (r.ok ? (await r.json()).credential : undefined))
    .catch(() => undefined);
  if (!kioskDevice) log('no demo kiosk credential: the kiosk page shows its set-up screen');
  const rows = [];
  try {
    const pages = [
      ...[...WIDGETS, PORTAL].map((w) => ({
        name: `page with <${w.tag}>`,
        path: `/bench/${w.tag}.html`,
        tags: [w.tag],
        goalKb: GOALS.singleKb,
      })),
      { name: 'page with every widget', path: '/bench/every.html', tags: WIDGETS.map((w) => w.tag), goalKb: GOALS.everyKb },
    ];
    for (const p of pages) {
      const tags = p.tags.filter((t) => t !== PORTAL.tag);
      const m = await measurePage(browser, stack.origin + p.path, { tags, dossierCode, kioskDevice });
      const kb = (b) => Math.round((b / KB) * 10) / 10;
      const row = {
        name: p.name,
        goalKb: p.goalKb,
        scriptKbUpFront: kb(m.upFront.body),
        scriptKbAfterUse: kb(m.after.body),
        scriptFilesAfterUse: m.after.files,
        wireKbAfterUse: kb(m.after.wire),
        met: m.after.body <= p.goalKb * KB && !m.notUsable.length && !m.notUsed.length,
        catalogFetches: m.catalogFetches,
      };
      if (m.notUsable.length) row.notUsable = m.notUsable.join(', ');
      if (m.notUsed.length) row.notUsed = m.notUsed.join('; ');
      if (m.errors.length) row.errors = m.errors.slice(0, 3).join('; ');
      log(
        `${p.name}: ${row.scriptKbUpFront} KB up front, ${row.scriptKbAfterUse} KB after use (${row.scriptFilesAfterUse} files, ` +
          `${row.wireKbAfterUse} KB with headers), catalog fetched ${row.catalogFetches}×${row.notUsed ? ` — NOT USED: ${row.notUsed}` : ''}`,
      );
      rows.push(row);
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
  return {
    method:
      'headless Chromium, empty cache; script bodies as served (gzip), Resource Timing encodedBodySize; after using each widget (lookup detail, dossier + owner check, English)',
    pages: rows,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await bytesBench(), null, 2));
