#!/usr/bin/env node
// Search benchmark: @motcua/sdk/text beside MiniSearch and FlexSearch over the national catalogue (5,670 procedures)
// in headless Chromium, typing real queries keystroke by keystroke. Prints a table; `runSearchBench()` returns the
// figures (tests/bench/run.mjs calls it). Nothing asserts on time.
//   node tests/bench/search/index.mjs [--rounds 5] [--json]
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../../scripts/chromium.mjs';
import { QUERIES, TOP_QUERIES } from './queries.mjs';

export { QUERIES, TOP_QUERIES };

const here = fileURLToPath(new URL('.', import.meta.url));

async function bundle() {
  const result = await esbuild.build({
    entryPoints: [`${here}browser.ts`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    conditions: ['motcua-source'],
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** Serves the page cross-origin isolated, so performance.now() has fine resolution (5 µs rather than 100 µs). */
function serve(script, catalog) {
  const headers = {
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
    'cache-control': 'no-store',
  };
  const server = createServer((req, res) => {
    if (req.url === '/bench.js') res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    else if (req.url === '/catalog.json') res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(catalog);
    else
      res
        .writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' })
        .end('<!doctype html><title>search bench</title><script type="module" src="/bench.js"></script>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Runs the benchmark and returns its figures: for each library, index build time (first, min and median of 5) and the
 * median, p95 and max time per keystroke query, plus the top hit of a few queries.
 * @param {{ rounds?: number, log?: (...args: unknown[]) => void }} [options]
 */
export async function runSearchBench(options = {}) {
  const log = options.log ?? (() => {});
  const rounds = options.rounds ?? 5;
  const catalog = gunzipSync(readFileSync(new URL('../fixtures/national-catalog.json.gz', import.meta.url))).toString('utf8');
  const script = await bundle();
  const server = await serve(script, catalog);
  // The query set makes a run long (≈ 4,800 keystrokes × rounds × 3 libraries in one evaluate): a loaded machine
  // needs more than puppeteer's default 180 s protocol timeout.
  const browser = await puppeteer.launch({
    executablePath: ensureChromium(),
    args: CHROMIUM_ARGS,
    headless: true,
    protocolTimeout: 1_800_000,
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => typeof globalThis.motcuaSearchBench === 'function');
    log(`search bench: ${QUERIES.length} queries × ${rounds} rounds in ${await browser.version()}`);
    return await page.evaluate(
      (queries, topQueries, rounds) => globalThis.motcuaSearchBench({ queries, topQueries, rounds, builds: 5 }),
      QUERIES,
      TOP_QUERIES,
      rounds,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

/** The figures as a printable table. */
export function formatTable(figures) {
  const header = [
    'library',
    'median ms/keystroke',
    'p95 ms',
    'p95 ms (fastest round)',
    'max ms',
    'build ms (first)',
    'build ms (min of 5)',
    'build ms (median of 5)',
  ];
  const rows = figures.libraries.map((l) => [
    l.name,
    l.medianMs.toFixed(3),
    l.p95Ms.toFixed(3),
    l.p95FastestMs.toFixed(3),
    l.maxMs.toFixed(2),
    l.buildFirstMs.toFixed(1),
    l.buildMinMs.toFixed(1),
    l.buildMedianMs.toFixed(1),
  ]);
  const width = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(width[i]) : c.padStart(width[i]))).join('  ');
  const out = [
    `Search over ${figures.catalog} procedures, ${figures.queries} queries typed keystroke by keystroke (${figures.keystrokes} keystrokes per round), ` +
      `timer resolution ${figures.timerResolutionMs.toFixed(3)} ms${figures.crossOriginIsolated ? ' (cross-origin isolated)' : ''}`,
    'goal (motcua): median ≤ 0.5 ms, p95 ≤ 1 ms, build ≤ 150 ms',
    line(header),
    ...rows.map(line),
  ];
  out.push('', 'slowest keystrokes (median over rounds, ms):');
  for (const l of figures.libraries)
    out.push(`  ${l.name.padEnd(width[0])}  ${l.slowest.map(([q, ms]) => `"${q}" ${ms.toFixed(2)}`).join(', ')}`);
  out.push('', 'top hit per query:');
  for (const query of Object.keys(figures.libraries[0]?.top ?? {})) {
    out.push(`  "${query}"`);
    for (const l of figures.libraries) out.push(`    ${l.name.padEnd(width[0])}  ${(l.top[query] ?? '').slice(0, 90)}`);
  }
  return out.join('\n');
}

export default async function bench(context = {}) {
  const figures = await runSearchBench({ log: context.log ?? ((...a) => console.error(...a)) });
  console.error(formatTable(figures));
  return {
    catalog: figures.catalog,
    keystrokesPerRound: figures.keystrokes,
    timerResolutionMs: figures.timerResolutionMs,
    libraries: figures.libraries.map(({ top: _top, slowest: _slowest, ...l }) => l),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const roundsIndex = process.argv.indexOf('--rounds');
  const figures = await runSearchBench({ rounds: roundsIndex > 0 ? Number(process.argv[roundsIndex + 1]) : 5, log: console.error });
  console.log(process.argv.includes('--json') ? JSON.stringify(figures, null, 2) : formatTable(figures));
}
