#!/usr/bin/env node
// "Find my commune" benchmark: relevance (hit@1, hit@5, MRR per kind) on tests/search/communes-queries.json, and time
// per keystroke over all 3,321 communes/wards in headless Chromium, the query set typed letter by letter. Nothing asserts
// on time. Run with tsx (tests/bench/run.mjs does):
//   node --import tsx --conditions=motcua-source tests/bench/communes/index.mjs
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../../scripts/chromium.mjs';
import { evaluateCommunes, readCommuneQueries } from '../../search/communes.ts';

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

function serve(script, units) {
  const headers = {
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
    'cache-control': 'no-store',
  };
  const server = createServer((req, res) => {
    if (req.url === '/bench.js') res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    else if (req.url === '/units.json') res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(units);
    else
      res
        .writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' })
        .end('<!doctype html><title>commune bench</title><script type="module" src="/bench.js"></script>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export default async function bench(context = {}) {
  const log = context.log ?? ((...a) => console.error(...a));
  const quality = evaluateCommunes();
  const seed = JSON.parse(readFileSync(new URL('../../../packages/server/seed/admin-units.json', import.meta.url), 'utf8'));
  const server = await serve(await bundle(), JSON.stringify(seed.units));
  const browser = await puppeteer.launch({
    executablePath: ensureChromium(),
    args: CHROMIUM_ARGS,
    headless: true,
    protocolTimeout: 600_000,
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => typeof globalThis.motcuaCommuneBench === 'function');
    const queries = readCommuneQueries().map(({ q }) => ({ q }));
    const timing = await page.evaluate((queries) => globalThis.motcuaCommuneBench({ queries, rounds: 7 }), queries);
    const { misses: _misses, ...figures } = quality;
    log(
      `find my commune: ${timing.units} units, ${timing.keystrokes} keystrokes × ${timing.rounds} rounds in ${await browser.version()}: ` +
        `median ${timing.medianMs.toFixed(3)} ms, p95 ${timing.p95Ms.toFixed(3)} ms, max ${timing.maxMs.toFixed(2)} ms, ` +
        `build ${timing.buildMedianMs.toFixed(1)} ms; hit@1 ${figures.hit1}, hit@5 ${figures.hit5}, MRR ${figures.mrr} on ${figures.queries} queries`,
    );
    return { quality: figures, chromium: timing };
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await bench(), null, 2));
