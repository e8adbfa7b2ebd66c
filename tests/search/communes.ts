// Evaluates "find my commune" (@motcua/sdk/text/communes) on tests/search/communes-queries.json: hit@1, hit@5 and MRR,
// overall and per kind. Used by the node test (thresholds) and the benchmark (figures in results.json).
import { readFileSync } from 'node:fs';
import { createCommuneIndex, type CommuneLike } from '../../packages/sdk/src/text/communes.js';

export interface CommuneQuery {
  q: string;
  province?: string;
  expect: string;
  kind: string;
}

export interface CommuneQuality {
  queries: number;
  hit1: number;
  hit5: number;
  mrr: number;
  byKind: Record<string, { queries: number; hit1: number; hit5: number }>;
  misses: Array<{ q: string; province?: string; expect: string; got: string[] }>;
}

export const readUnits = (): CommuneLike[] =>
  (JSON.parse(readFileSync(new URL('../../packages/server/seed/admin-units.json', import.meta.url), 'utf8')) as { units: CommuneLike[] })
    .units;

export const readCommuneQueries = (): CommuneQuery[] =>
  (JSON.parse(readFileSync(new URL('./communes-queries.json', import.meta.url), 'utf8')) as { queries: CommuneQuery[] }).queries;

export function evaluateCommunes(units: readonly CommuneLike[] = readUnits(), queries = readCommuneQueries()): CommuneQuality {
  const index = createCommuneIndex(units);
  let h1 = 0;
  let h5 = 0;
  let rr = 0;
  const byKind: CommuneQuality['byKind'] = {};
  const misses: CommuneQuality['misses'] = [];
  for (const query of queries) {
    const got = index.search(query.q, { limit: 5, ...(query.province ? { province: query.province } : {}) }).map((h) => h.unit.code);
    const rank = got.indexOf(query.expect);
    const kind = (byKind[query.kind] ??= { queries: 0, hit1: 0, hit5: 0 });
    kind.queries++;
    if (rank === 0) {
      h1++;
      kind.hit1++;
    }
    if (rank >= 0) {
      h5++;
      kind.hit5++;
      rr += 1 / (rank + 1);
    } else misses.push({ q: query.q, ...(query.province ? { province: query.province } : {}), expect: query.expect, got });
  }
  const n = queries.length;
  for (const k of Object.values(byKind)) {
    k.hit1 = Math.round((k.hit1 / k.queries) * 1000) / 1000;
    k.hit5 = Math.round((k.hit5 / k.queries) * 1000) / 1000;
  }
  const r = (x: number): number => Math.round((x / n) * 1000) / 1000;
  return { queries: n, hit1: r(h1), hit5: r(h5), mrr: r(rr), byKind, misses };
}
