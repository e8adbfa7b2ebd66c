// Relevance of a search on the query set (tests/search/queries.json): hit@1, hit@5 and mean reciprocal rank (MRR, over
// the first 20 results), overall and per kind of query. Used by the test (tests/search/search-quality.test.ts) and by
// the benchmark part `search-quality` (tests/bench/search-quality/), which also scores the server's `?q=` and MiniSearch.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import type { ProcedureSummary } from '@motcua/sdk/schemas';
import { createSearchIndex, foldVietnamese } from '@motcua/sdk/text';

export interface Query {
  kind: string;
  q: string;
  expect: string[];
}

export interface Figures {
  queries: number;
  hitAt1: number;
  hitAt5: number;
  mrr: number;
}

export interface Evaluation {
  overall: Figures;
  kinds: Record<string, Figures>;
  /** Queries with no expected procedure in the top 5: what the search returned first. */
  misses: Array<{ kind: string; q: string; expect: string[]; got: string[] }>;
}

/** The goals (issue 14): hit@5 ≥ 90% overall and ≥ 80% in every kind. */
export const GOALS = { hitAt5: 0.9, hitAt5PerKind: 0.8 };

export const QUERIES: Query[] = (
  JSON.parse(readFileSync(fileURLToPath(new URL('./queries.json', import.meta.url)), 'utf8')) as { queries: Query[] }
).queries;

/** The 393 commune procedures of the project's seed. */
export function seedProcedures(): ProcedureSummary[] {
  const path = fileURLToPath(new URL('../../packages/server/seed/procedures.json.gz', import.meta.url));
  return JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as ProcedureSummary[];
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function figures(ranks: number[]): Figures {
  const n = ranks.length || 1;
  return {
    queries: ranks.length,
    hitAt1: round(ranks.filter((r) => r === 1).length / n),
    hitAt5: round(ranks.filter((r) => r > 0 && r <= 5).length / n),
    mrr: round(ranks.reduce((s, r) => s + (r > 0 ? 1 / r : 0), 0) / n),
  };
}

/** Scores a search (query → procedure codes, best first) on the query set. */
export async function evaluate(
  search: (query: string) => string[] | Promise<string[]>,
  queries: readonly Query[] = QUERIES,
): Promise<Evaluation> {
  const ranks: number[] = [];
  const byKind = new Map<string, number[]>();
  const misses: Evaluation['misses'] = [];
  for (const query of queries) {
    const codes = (await search(query.q)).slice(0, 20);
    const at = codes.findIndex((code) => query.expect.includes(code));
    const rank = at + 1;
    ranks.push(rank);
    byKind.set(query.kind, [...(byKind.get(query.kind) ?? []), rank]);
    if (rank === 0 || rank > 5) misses.push({ kind: query.kind, q: query.q, expect: query.expect, got: codes.slice(0, 3) });
  }
  return { overall: figures(ranks), kinds: Object.fromEntries([...byKind].map(([kind, r]) => [kind, figures(r)])), misses };
}

/** The SDK's search (the widget's, offline from the cached catalog). */
export function sdkSearch(items: readonly ProcedureSummary[]): (query: string) => string[] {
  const index = createSearchIndex(items);
  return (query) => index.search(query, { limit: 20 }).map((hit) => hit.item.code);
}

/** MiniSearch 7 as it comes, with the usual accent fold, prefix and fuzzy matching, and name boosted. */
export function miniSearch(items: readonly ProcedureSummary[]): (query: string) => string[] {
  const index = new MiniSearch<ProcedureSummary & { id: number }>({
    fields: ['name', 'code', 'sector'],
    storeFields: ['code'],
    extractField: (row, field) => (field === 'sector' ? row.sector.name : String(row[field as keyof typeof row])),
    processTerm: (term) => foldVietnamese(term, { telex: false }),
    searchOptions: { prefix: true, fuzzy: 0.2, boost: { name: 3, code: 2 } },
  });
  index.addAll(items.map((item, id) => ({ ...item, id })));
  return (query) =>
    index
      .search(query)
      .slice(0, 20)
      .map((result) => String(result.code));
}

/** A table of figures, one row per kind. */
export function formatEvaluation(name: string, evaluation: Evaluation): string {
  const row = (label: string, f: Figures): string =>
    `  ${label.padEnd(14)} ${String(f.queries).padStart(4)}  hit@1 ${(f.hitAt1 * 100).toFixed(1).padStart(5)}%  hit@5 ${(f.hitAt5 * 100)
      .toFixed(1)
      .padStart(5)}%  MRR ${f.mrr.toFixed(3)}`;
  return [name, row('overall', evaluation.overall), ...Object.entries(evaluation.kinds).map(([kind, f]) => row(kind, f))].join('\n');
}
