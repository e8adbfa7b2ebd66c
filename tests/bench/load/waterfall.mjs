// A request waterfall of one page on slow 3G (the load bench's throttling), from CDP Network events: for each request,
// when it was asked for (start), when it went out on a connection (sent: over HTTP/1.1 a request waits for one of the
// six connections to the host), when its first and last bytes came (ms since the page's request), its bytes on the
// wire (headers included: the emulated link carries them too), its connection and what started it; then when each
// widget became usable (ms since navigation). For finding the critical path; it prints, writes nothing.
//   node tests/bench/load/waterfall.mjs [/bench/all.html] [runs]
import { SLOW_3G, PROBE_SOURCE, launchBrowser, startStack } from './harness.mjs';

const path = process.argv[2] ?? '/bench/all.html';
const runs = Number(process.argv[3] ?? 1);
const stack = await startStack();
const browser = await launchBrowser();
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const cdp = await page.createCDPSession();
    const requests = new Map();
    let t0;
    cdp.on('Network.requestWillBeSent', (e) => {
      t0 ??= e.timestamp;
      const init = e.initiator?.type === 'script' ? e.initiator.stack?.callFrames?.[0]?.url : e.initiator?.url;
      requests.set(e.requestId, {
        url: e.request.url,
        start: e.timestamp,
        init: `${e.initiator?.type}${init ? ` ${init.split('/').pop()}` : ''}`,
        prio: e.request.initialPriority,
      });
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = requests.get(e.requestId);
      if (r)
        Object.assign(r, {
          first: e.timestamp,
          conn: e.response.connectionId,
          status: e.response.status,
          sent: e.response.timing ? e.response.timing.requestTime + e.response.timing.sendStart / 1000 : undefined,
        });
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { end: e.timestamp, bytes: e.encodedDataLength });
    });
    cdp.on('Log.entryAdded', (e) => console.log('log:', e.entry.level, e.entry.text));
    await cdp.send('Network.enable');
    await cdp.send('Log.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    await page.evaluateOnNewDocument(PROBE_SOURCE);
    if (stack.kioskDevice)
      await page.evaluateOnNewDocument((c) => globalThis.localStorage.setItem('motcua-kiosk-device', c), stack.kioskDevice);
    page.on('console', (m) => m.type() !== 'log' && console.log('console:', m.type(), m.text()));
    await page.goto(stack.origin + path, { waitUntil: 'domcontentloaded' });
    const want = await page.evaluate(() =>
      [...new Set([...document.querySelectorAll('*')].map((e) => e.localName))].filter(
        (t) => t.startsWith('motcua-') && t !== 'motcua-portal',
      ),
    );
    const deadline = Date.now() + 45_000;
    let usable = {};
    while (Date.now() < deadline) {
      usable = await page.evaluate(() => window.__motcuaUsable ?? {});
      if (want.every((t) => usable[t])) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 300));
    const ms = (t) => (t === undefined ? '     -' : String(Math.round((t - t0) * 1000)).padStart(6));
    console.log(`\nrun ${run + 1}: ${path}`);
    console.log('  start   sent  first    end   bytes conn prio      url  (initiator)');
    for (const r of [...requests.values()].sort((a, b) => a.start - b.start)) {
      const u = r.url.replace(stack.origin, '');
      console.log(
        `${ms(r.start)} ${ms(r.sent)} ${ms(r.first)} ${ms(r.end)} ${String(r.bytes ?? '-').padStart(7)} ${String(r.conn ?? '-').padStart(4)} ${String(r.prio ?? '').padEnd(8)} ${u.length > 90 ? u.slice(0, 90) + '…' : u}  (${r.init})`,
      );
    }
    const total = [...requests.values()].reduce((s, r) => s + (r.bytes ?? 0), 0);
    console.log(`total ${total} B`);
    for (const [tag, v] of Object.entries(usable))
      console.log(`usable ${tag}: ${Math.round(v.at)} ms (performance.now)${v.inputAt ? ` input ${Math.round(v.inputAt)}` : ''}`);
    await context.close();
  }
} finally {
  await browser.close();
  await stack.stop();
}
