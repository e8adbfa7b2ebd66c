#!/usr/bin/env node
// Development helper, run once: copies the national catalogue (5,670 procedures) from ../shared into the compact
// fixture the search benchmark reads (code, name, sector only), so the repository never reads ../shared at run time.
//   node tests/bench/search/make-fixture.mjs [path/to/national-catalog.jsonl]
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const source = process.argv[2] ?? new URL('../../../../shared/data/national-catalog.jsonl', import.meta.url).pathname;
const rows = readFileSync(source, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
const sectors = [];
const sectorIndex = new Map();
const compact = rows.map((row) => {
  const sector = row.categories?.[0] ?? '';
  if (!sectorIndex.has(sector)) {
    sectorIndex.set(sector, sectors.length);
    sectors.push(sector);
  }
  return [row.code, row.name, sectorIndex.get(sector)];
});
const fixture = {
  source: 'National Public Service Portal (dichvucong.gov.vn), national catalogue of administrative procedures, collected 2026',
  count: compact.length,
  sectors,
  rows: compact,
};
const target = new URL('../fixtures/national-catalog.json.gz', import.meta.url);
writeFileSync(target, gzipSync(JSON.stringify(fixture), { level: 9 }));
console.log(`wrote ${target.pathname}: ${compact.length} procedures, ${sectors.length} sectors`);
