// Time from navigation to a usable widget, per widget, in headless Chromium: each widget alone on a page that embeds
// it with the one script tag (as a webmaster does), and the demo commune site, on loopback and on slow 3G
// (CDP Network.emulateNetworkConditions: 400 kbit/s, 400 ms latency), and slow 3G again with gzip added in front of
// the reference server (as a CDN or reverse proxy would). Fresh browser context per run (cold cache).
// Figures are medians of several runs; nothing asserts on time. Goal on slow 3G: every widget usable ≤ 3 s.
//   node tests/bench/load/index.mjs            (or through npm run bench)
import { SLOW_3G, WIDGETS, launchBrowser, median, startStack, timeToUsable } from './harness.mjs';

const RUNS = { loopback: Number(process.env.BENCH_RUNS_LOOPBACK ?? 5), slow3g: Number(process.env.BENCH_RUNS_SLOW3G ?? 3) };

export default async function loadBench({ log = console.error } = {}) {
  const stack = await startStack({ log });
  const browser = await launchBrowser();
  const rows = [];
  try {
    const pages = [
      ...WIDGETS.map((w) => ({ name: w.label, path: `/bench/${w.tag}.html`, tags: [w.tag] })),
      { name: 'all widgets on one page (slowest widget)', path: '/bench/all.html' },
    ];
    const demo = await fetch(`${stack.origin}/`).catch(() => undefined);
    const demoHtml = demo?.ok ? await demo.text() : '';
    if (/<motcua-/.test(demoHtml)) pages.push({ name: 'demo commune site / (slowest widget)', path: '/' });
    else log('no demo page with widgets at /: skipped');

    // BENCH_LOAD_PAGES=tracker,kiosk re-measures only the pages whose name contains one of the words.
    const only = process.env.BENCH_LOAD_PAGES?.split(',').filter(Boolean);
    for (const page of pages.filter((p) => !only || only.some((w) => p.name.includes(w)))) {
      const row = { name: page.name };
      for (const [condition, network, origin] of [
        ['loopback', undefined, stack.origin],
        ['slow3g', SLOW_3G, stack.origin],
        ['slow3g gzip', SLOW_3G, stack.gzipOrigin],
      ]) {
        const times = [];
        const bytes = [];
        let failed = '';
        const runs = condition === 'loopback' ? RUNS.loopback : RUNS.slow3g;
        for (let i = 0; i < runs; i++) {
          const result = await timeToUsable(browser, origin + page.path, {
            network,
            tags: page.tags,
            kioskDevice: stack.kioskDevice,
            timeoutMs: network ? 45_000 : 20_000,
          });
          const values = Object.entries(result.usable);
          const wanted = page.tags ?? values.map(([t]) => t);
          const missing = wanted.filter((t) => !result.usable[t]);
          if (missing.length || !values.length) {
            failed = `not usable: ${missing.join(', ') || 'no widget found'}${result.errors.length ? ` (errors: ${result.errors.slice(0, 2).join('; ')})` : ''}`;
            break;
          }
          times.push(Math.max(...values.map(([, v]) => v.at)));
          bytes.push(result.bytes);
        }
        if (failed) {
          row[`${condition} ms`] = failed;
          log(`${page.name} ${condition}: ${failed}`);
        } else {
          row[`${condition} ms`] = Math.round(median(times));
          if (network) row[`${condition} ≤ 3 s`] = median(times) <= 3000 ? 'yes' : 'NO';
          row[`${condition} KB transferred`] = Math.round(median(bytes) / 102.4) / 10;
          log(`${page.name} ${condition}: ${times.map((t) => Math.round(t)).join(', ')} ms`);
        }
      }
      rows.push(row);
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
  return { runs: `median of ${RUNS.loopback} (loopback) / ${RUNS.slow3g} (slow 3G) cold loads`, widgets: rows };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await loadBench(), null, 2));
