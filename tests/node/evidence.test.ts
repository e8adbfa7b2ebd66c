// The README's evidence figures and docs/performance.md come from tests/bench/results.json (scripts/evidence.mjs),
// never typed by hand: this fails when either disagrees with results.json, or when a ✅ would stand beside a figure
// that misses its goal (read back from the page's own text, not from the generator's verdict).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
// @ts-expect-error -- a plain ESM script without type declarations
import { evidenceLines, renderBlock } from '../../scripts/evidence.mjs';
// @ts-expect-error -- a plain ESM script without type declarations
import { goalRows, performanceDoc } from '../../scripts/performance-doc.mjs';

type GoalRow = { what: string; figure: string; goal: string; met: boolean };
const rowsOf = goalRows as (r: unknown) => GoalRow[];
const docOf = performanceDoc as (r: unknown) => string;

const root = new URL('../../', import.meta.url);
const results = JSON.parse(readFileSync(new URL('tests/bench/results.json', root), 'utf8')) as unknown;
const readme = readFileSync(new URL('README.md', root), 'utf8');
const doc = readFileSync(new URL('docs/performance.md', root), 'utf8');

/** A figure as a number in a common unit (seconds as ms), from text such as "34.2 KB", "1.95 s", "1,969 events/s". */
function value(text: string): number {
  const m = /(-?[\d,]+(?:\.\d+)?)\s*(ms|s\b)?/.exec(text);
  assert.ok(m, `no number in ${JSON.stringify(text)}`);
  const n = Number(m[1]?.replace(/,/g, ''));
  return m[2] === 's' ? n * 1000 : n;
}

/** Whether a figure meets a goal written as "≤ x", "≥ x" or "x" (exactly), both read from the page's text. */
function meets(figure: string, goal: string): boolean {
  const target = value(goal);
  const actual = value(figure);
  if (goal.trim().startsWith('≤')) return actual <= target;
  if (goal.trim().startsWith('≥')) return actual >= target;
  return actual === target;
}

/** The rows of the Goals table of a generated page: what, measured, goal, mark. */
function goalTable(page: string): string[][] {
  const section = page.slice(page.indexOf('## Goals'), page.indexOf('## Figures by part'));
  return section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| what') && !l.startsWith('| ---'))
    .map((l) =>
      l
        .slice(2, -2)
        .split(' | ')
        .map((c) => c.trim()),
    );
}

test('the README evidence block is exactly what results.json gives (run `node scripts/evidence.mjs` after `npm run bench`)', () => {
  const block = (renderBlock as (r: unknown) => string)(results);
  assert.ok(readme.includes(block), 'README.md evidence block differs from tests/bench/results.json');
});

test('docs/performance.md is exactly what results.json gives (run `node scripts/evidence.mjs` after `npm run bench`)', () => {
  assert.equal(doc, docOf(results), 'docs/performance.md differs from tests/bench/results.json');
});

test('in docs/performance.md, a ✅ stands only beside a figure that meets its goal, and every missed figure says so', () => {
  const rows = goalTable(doc);
  assert.ok(rows.length >= 10, 'the Goals table lists the goals');
  for (const [what, figure, goal, mark] of rows) {
    const met = meets(figure ?? '', goal ?? '');
    assert.equal(mark, met ? '✅' : '❌ missed', `${what}: ${figure} against ${goal} is marked ${mark}`);
  }
});

/** A recorded run with some figures over their goals and some within. */
const synthetic = {
  date: '2026-12-04T00:00:00Z',
  machine: {},
  parts: {
    bytes: {
      status: 'ok',
      date: '2026-12-04T00:00:00Z',
      figures: {
        method: 'test',
        pages: [
          {
            name: 'page with <motcua-portal>',
            goalKb: 30,
            scriptKbUpFront: 20,
            scriptKbAfterUse: 25.1,
            scriptFilesAfterUse: 3,
            wireKbAfterUse: 26,
            met: true,
            catalogFetches: 0,
          },
          {
            name: 'page with every widget',
            goalKb: 50,
            scriptKbUpFront: 70,
            scriptKbAfterUse: 81.5,
            scriptFilesAfterUse: 21,
            wireKbAfterUse: 90,
            met: false,
            catalogFetches: 2,
          },
        ],
      },
    },
    lighthouse: {
      status: 'ok',
      date: '2026-12-04T00:00:00Z',
      figures: {
        method: 'test',
        pages: [
          {
            path: '/',
            performance: 69,
            accessibility: 100,
            bestPractices: 96,
            seo: 100,
            lcpMs: 1,
            tbtMs: 1,
            cls: 0,
            longestTaskMs: 390,
            longestTaskUrl: '/embed/latest/chunks/portal.js',
            longestTaskWork: 'scriptEvaluation 80%',
            longestTaskWorstMs: 500,
            failedAudits: '',
          },
          {
            path: '/in-the-qr',
            performance: 95,
            accessibility: 100,
            bestPractices: 100,
            seo: 100,
            lcpMs: 1,
            tbtMs: 1,
            cls: 0,
            longestTaskMs: 180,
            longestTaskUrl: 'Unattributable',
            longestTaskWork: 'styleLayout 90%',
            longestTaskWorstMs: 210,
            failedAudits: '',
          },
          {
            path: '/tinh',
            performance: 95,
            accessibility: 100,
            bestPractices: 100,
            seo: 100,
            lcpMs: 1,
            tbtMs: 1,
            cls: 0,
            longestTaskMs: 260,
            longestTaskUrl: '/embed/latest/components/service-stats.js',
            longestTaskWork: 'scriptEvaluation 90%',
            longestTaskWorstMs: 300,
            failedAudits: '',
          },
        ],
      },
    },
  },
};

test('a figure over its goal is marked ❌ missed, one within it ✅, and a part that was not run is not invented', () => {
  const rows = rowsOf(synthetic);
  const find = (what: string) => rows.find((r) => r.what.startsWith(what));
  assert.equal(find('page with <motcua-portal>: script')?.met, true);
  assert.equal(find('page with every widget: script')?.met, false);
  assert.equal(find('page with every widget: catalog')?.met, false);
  assert.equal(find('Lighthouse /: Performance')?.met, false);
  assert.equal(find('Lighthouse /: Accessibility')?.met, true);
  // The longest-task goal (≤ 200 ms) is read on the landing page and the QR sheet; other pages' figure is only shown.
  assert.equal(find('Lighthouse /: longest main-thread task')?.met, false);
  assert.equal(find('Lighthouse /in-the-qr: longest main-thread task')?.met, true);
  assert.equal(find('Lighthouse /tinh: longest main-thread task'), undefined);
  const page = docOf(synthetic);
  for (const [what, figure, goal, mark] of goalTable(page)) assert.equal(mark, meets(figure ?? '', goal ?? '') ? '✅' : '❌ missed', what);
  assert.match(page, /page with &lt;motcua-portal&gt;: script as Chromium downloads it, after use \| 25\.1 KB \| ≤ 30 KB \| ✅/);
  assert.match(page, /page with every widget: script as Chromium downloads it, after use \| 81\.5 KB \| ≤ 50 KB \| ❌ missed/);
  assert.match(page, /Lighthouse \/: longest main-thread task \| 390 ms \| ≤ 200 ms \| ❌ missed/);
  assert.match(page, /Lighthouse \/in-the-qr: longest main-thread task \| 180 ms \| ≤ 200 ms \| ✅/);
  assert.match(page, /\| \/tinh \|.*\| 260 ms \(300 ms\) \| \/embed\/latest\/components\/service-stats\.js, scriptEvaluation 90% \|/);
  assert.match(page, /### Server\n\nNot measured in the recorded run\./);
  assert.doesNotMatch(page, /rating ingest \|/);
});

test('the README lines mark a figure over its goal ❌ and one within it ✅', () => {
  const lines = (evidenceLines as (r: unknown) => string[])({
    parts: {
      sizes: {
        date: '2026-12-04T00:00:00Z',
        figures: {
          rows: [
            { label: 'loader (motcua.js)', gz: 1000, budget: 3072 },
            { label: 'page with <motcua-procedure-lookup>', gz: 31000, budget: 30720 },
            { label: 'page with <motcua-portal>', gz: 20000, budget: 30720 },
            { label: 'page with every widget', gz: 60000, budget: 51200 },
          ],
        },
      },
      'sdk-size': { date: '2026-12-04', figures: { sdkGzipKb: 14, goalKb: 15 } },
    },
  });
  assert.match(lines[0] ?? '', /<motcua-procedure-lookup> 30\.3 KB ❌/);
  assert.match(lines[0] ?? '', /<motcua-portal> 19\.5 KB ✅/);
  assert.match(lines[0] ?? '', /every widget 58\.6 KB ❌/);
  assert.match(lines[1] ?? '', /14 KB ✅/);
  const lighthouse = (evidenceLines as (r: unknown) => string[])({ parts: { lighthouse: synthetic.parts.lighthouse } });
  assert.match(
    lighthouse.find((l) => l.includes('Lighthouse')) ?? '',
    /longest main-thread task \(simulated mobile CPU\) \/ 390 ms ❌, \/in-the-qr 180 ms ✅ \(goal 200 ms\)/,
  );
});
