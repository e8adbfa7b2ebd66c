// Lighthouse (the npm package, default mobile profile: Moto G-class emulation, simulated slow 4G, 4× CPU slowdown)
// on every page of the demo site (docs/demo/*.html as the reference server serves them in demo mode), driving the
// system Chromium through chrome-launcher (headless=new). Each page is audited RUNS times; the median of each
// category score is recorded. Goals (issue 17): Performance ≥ 90 on every page; Accessibility, Best Practices, SEO 100.
//   node tests/bench/lighthouse/index.mjs      (or `npm run bench -- --only lighthouse`)
// For profiling: BENCH_LIGHTHOUSE_PATHS=/,/tinh audits only those pages; BENCH_LIGHTHOUSE_REPORTS=/tmp/lh keeps every
// run's full JSON report there (long-tasks, bootup-time, mainthread-work-breakdown show what blocks the main thread).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { ensureChromium } from '../../../scripts/chromium.mjs';
import { median, root, startStack } from '../load/harness.mjs';

const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const ONLY_PATHS = process.env.BENCH_LIGHTHOUSE_PATHS?.split(',').filter(Boolean);
const REPORTS = process.env.BENCH_LIGHTHOUSE_REPORTS;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
export const GOALS = { performance: 90, accessibility: 100, 'best-practices': 100, seo: 100 };

/** The demo site's pages, as the server routes them: index.html at `/`, `x.html` at `/x`. */
export function demoPaths() {
  return readdirSync(join(root, 'docs/demo'))
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => (f === 'index.html' ? '/' : `/${f.replace(/\.html$/, '')}`));
}

export default async function lighthouseBench({ log = console.error } = {}) {
  const stack = await startStack({ log });
  const chrome = await chromeLauncher.launch({
    chromePath: ensureChromium(),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-dev-shm-usage'],
  });
  const pages = [];
  try {
    if (REPORTS) mkdirSync(REPORTS, { recursive: true });
    for (const path of demoPaths().filter((p) => !ONLY_PATHS || ONLY_PATHS.includes(p))) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const result = await lighthouse(stack.server.url + path, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: CATEGORIES,
        });
        const lhr = result?.lhr;
        if (!lhr) throw new Error(`lighthouse returned no report for ${path}`);
        if (REPORTS) writeFileSync(join(REPORTS, `${path === '/' ? 'index' : path.slice(1)}-${i + 1}.json`), JSON.stringify(lhr));
        if (lhr.runtimeError) throw new Error(`lighthouse on ${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const score = (id) => (lhr.categories[id]?.score === null ? null : Math.round((lhr.categories[id]?.score ?? 0) * 100));
        const numeric = (id) => lhr.audits[id]?.numericValue;
        runs.push({
          performance: score('performance'),
          accessibility: score('accessibility'),
          'best-practices': score('best-practices'),
          seo: score('seo'),
          lcpMs: numeric('largest-contentful-paint'),
          tbtMs: numeric('total-blocking-time'),
          cls: numeric('cumulative-layout-shift'),
          failed: Object.values(lhr.audits)
            .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
            .map((a) => a.id),
        });
        log(`lighthouse ${path} run ${i + 1}: ${CATEGORIES.map((c) => `${c} ${runs.at(-1)[c]}`).join(', ')}`);
      }
      const med = (key) => {
        const values = runs.map((r) => r[key]).filter((v) => typeof v === 'number');
        return values.length ? median(values) : null;
      };
      pages.push({
        path,
        performance: med('performance'),
        accessibility: med('accessibility'),
        bestPractices: med('best-practices'),
        seo: med('seo'),
        lcpMs: Math.round(med('lcpMs') ?? 0),
        tbtMs: Math.round(med('tbtMs') ?? 0),
        cls: Math.round((med('cls') ?? 0) * 1000) / 1000,
        failedAudits: [...new Set(runs.flatMap((r) => r.failed))].sort().join(', '),
      });
    }
  } finally {
    await chrome.kill();
    await stack.stop();
  }
  const { version } = await import('lighthouse/package.json', { with: { type: 'json' } }).then((m) => m.default);
  return {
    method: `Lighthouse ${version}, mobile profile (default config), headless Chromium, median of ${RUNS} runs per page`,
    pages,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await lighthouseBench(), null, 2));
