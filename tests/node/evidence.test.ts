// The README's evidence figures come from tests/bench/results.json (scripts/evidence.mjs), never typed by hand:
// this fails when the README and results.json disagree, or when a ✅ would stand beside a figure that misses its goal.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
// @ts-expect-error -- a plain ESM script without type declarations
import { evidenceLines, renderBlock } from '../../scripts/evidence.mjs';

const root = new URL('../../', import.meta.url);
const results = JSON.parse(readFileSync(new URL('tests/bench/results.json', root), 'utf8')) as unknown;
const readme = readFileSync(new URL('README.md', root), 'utf8');

test('the README evidence block is exactly what results.json gives (run `node scripts/evidence.mjs` after `npm run bench`)', () => {
  const block = (renderBlock as (r: unknown) => string)(results);
  assert.ok(readme.includes(block), 'README.md evidence block differs from tests/bench/results.json');
});

test('a figure over its goal is marked ❌ and one within it ✅', () => {
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
});
