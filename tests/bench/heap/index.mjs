// Memory: the JS heap of a page whose lookup widget holds the national catalog (5,670 procedures imported into one
// agency with `motcua-server import-catalog … --agency`), beside the same page with a commune-size catalog and a page
// with only the loader; then the reference server's resident memory before and after a mixed autocannon load.
// Heap figures are medians of several runs, measured after a forced garbage collection.
//   node tests/bench/heap/index.mjs            (or through npm run bench)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { launchBrowser, median, root, startStack } from '../load/harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS_HEAP ?? 3);
const NATIONAL_AGENCY = '000.21.30.H56';
const MB = 1024 * 1024;
const round1 = (x) => Math.round(x * 10) / 10;

/** JS heap in use (bytes) of a page after it is usable and garbage is collected. */
async function heapOf(browser, url, tags) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const cdp = await page.createCDPSession();
    const { PROBE_SOURCE } = await import('../load/harness.mjs');
    await page.evaluateOnNewDocument(PROBE_SOURCE);
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    if (tags) {
      const end = Date.now() + 60_000;
      while (Date.now() < end) {
        const usable = await page.evaluate(() => window.__motcuaUsable ?? {});
        if (tags.every((t) => usable[t])) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await page.evaluate(() => window.__motcuaStopProbe?.());
    await new Promise((r) => setTimeout(r, 500));
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const count = await page.evaluate(() => {
      const el = document.querySelector('motcua-procedure-lookup');
      return el
        ? Number(/\d[\d.,]*/.exec(el.shadowRoot?.querySelector('[part~="count"]')?.textContent ?? '')?.[0]?.replace(/[.,]/g, '') ?? 0)
        : 0;
    });
    return { bytes: usedSize, count };
  } finally {
    await context.close();
  }
}

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') * 1024, peak: kb('VmHWM') * 1024 };
}

export default async function heapBench({ log = console.error } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-bench-heap-'));
  try {
    log(`importing the national catalog into ${NATIONAL_AGENCY} …`);
    const imported = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=motcua-source',
        'packages/server/src/cli.ts',
        'import-catalog',
        'packages/server/seed/national-catalog.jsonl.gz',
        '--agency',
        NATIONAL_AGENCY,
      ],
      { cwd: root, env: { ...process.env, MOTCUA_DATA_DIR: dataDir, MOTCUA_LOG: 'silent' }, encoding: 'utf8' },
    );
    // Exit code 1 = some lines refused (the national catalogue has a few malformed rows); the rest is imported.
    if (imported.status !== 0 && !(imported.status === 1 && /imported \d+ procedures/.test(imported.stdout)))
      throw new Error(`import-catalog failed: ${imported.stderr.slice(-500)}`);
    const stack = await startStack({ log, dataDir });
    const browser = await launchBrowser();
    const figures = {};
    try {
      const catalogBytes = async (agency) =>
        (await (await fetch(`${stack.server.api}/agencies/${agency}/procedures/catalog`)).arrayBuffer()).byteLength;
      const pid = stack.server.child.pid;
      const rssStart = rssOf(pid);
      const measure = async (label, path, tags) => {
        const results = [];
        for (let i = 0; i < RUNS; i++) results.push(await heapOf(browser, stack.origin + path, tags));
        const bytes = median(results.map((r) => r.bytes));
        log(`${label}: ${results.map((r) => round1(r.bytes / MB)).join(', ')} MB`);
        return { bytes, count: results[0].count };
      };
      const empty = await measure('loader only', '/bench/empty.html');
      const commune = await measure('lookup, commune catalog', `/bench/motcua-procedure-lookup.html`, ['motcua-procedure-lookup']);
      const national = await measure('lookup, national catalog', `/bench/motcua-procedure-lookup.html?agency=${NATIONAL_AGENCY}`, [
        'motcua-procedure-lookup',
      ]);
      figures.browser = [
        { name: 'page with the loader only: JS heap MB', value: round1(empty.bytes / MB) },
        {
          name: `lookup with the commune catalog (${stack.agency}, ${round1((await catalogBytes(stack.agency)) / 1024)} KB JSON): JS heap MB`,
          value: round1(commune.bytes / MB),
        },
        {
          name: `lookup with the national catalog (${NATIONAL_AGENCY}, ${round1((await catalogBytes(NATIONAL_AGENCY)) / 1024)} KB JSON): JS heap MB`,
          value: round1(national.bytes / MB),
        },
        { name: 'national catalog: heap above the loader-only page, MB', value: round1((national.bytes - empty.bytes) / MB) },
      ];

      // Server memory under a mixed read/write load (the same mix a busy commune sees, compressed in time).
      const demo = JSON.parse(
        spawnSync(process.execPath, ['--import', 'tsx', '--conditions=motcua-source', '-e', DEMO_SCRIPT], { cwd: root, encoding: 'utf8' })
          .stdout || '[]',
      );
      const api = '/api/v1';
      let key = 0;
      const device = (await (await fetch(`${stack.server.url}/demo-device.json?agency=${stack.agency}`)).json()).credential;
      const requests = [
        { method: 'GET', path: `${api}/agencies/${stack.agency}/procedures/catalog` },
        { method: 'GET', path: `${api}/agencies/${NATIONAL_AGENCY}/procedures/catalog` },
        { method: 'GET', path: `${api}/procedures/1.001193` },
        { method: 'GET', path: `${api}/agencies/${stack.agency}/procedures?q=khai%20sinh` },
        ...(demo[0] ? [{ method: 'GET', path: `${api}/dossiers/${demo[0]}` }] : []),
        {
          method: 'POST',
          path: `${api}/ratings`,
          setupRequest: (req) => ({
            ...req,
            headers: {
              'content-type': 'application/json',
              'idempotency-key': `bench-heap-${process.pid}-${key++}`,
              'motcua-device': device,
            },
            body: JSON.stringify({ agency: stack.agency, channel: 'kiosk', overall: 'satisfied', ratedAt: new Date().toISOString() }),
          }),
        },
      ];
      const result = await autocannon({ url: stack.server.url, connections: 20, duration: 15, requests });
      const rssAfter = rssOf(pid);
      figures.server = [
        { name: 'reference server RSS after start, MB', value: round1(rssStart.rss / MB) },
        {
          name: `reference server RSS after 15 s mixed load (${result.requests.total.toLocaleString('en')} requests, ${result.non2xx} non-2xx), MB`,
          value: round1(rssAfter.rss / MB),
        },
        { name: 'reference server peak RSS, MB', value: round1(rssAfter.peak / MB) },
      ];
    } finally {
      await browser.close();
      await stack.stop();
    }
    return figures;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const DEMO_SCRIPT = `import('./packages/server/src/demo-dossiers.ts').then((m) => console.log(JSON.stringify(m.demoDossiers().map((d) => d.code))))`;

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await heapBench(), null, 2));
