// The ranking the search gives, recorded: for every query of the query sets (tests/search/queries.json, holdout.json,
// and the benchmark's typed queries), typed in full and cut while typing (after 1, 2 and 3 characters, half way, one
// character short), the codes of the first hits over the national catalogue (5,670 procedures) and over the commune's
// 393 with a spread of popularity. tests/node/search-ranking.test.ts compares them with ranking-snapshot.json, so a
// change made for speed cannot move a result. After an intended change of the ranking, re-record with
//   node --import tsx --conditions=motcua-source tests/search/ranking.ts --write
// and review the diff of the snapshot.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { ProcedureSummary } from '@motcua/sdk/schemas';
import { createSearchIndex, type SearchableProcedure } from '@motcua/sdk/text';
import { QUERIES as TYPED } from '../bench/search/queries.mjs';
import { QUERIES, seedProcedures } from './evaluate.js';
import { HOLDOUT } from './quality.js';

const SNAPSHOT = fileURLToPath(new URL('./ranking-snapshot.json', import.meta.url));

/** Hits recorded per query (a partial hit is marked `~`). */
const FULL = 10;
const CUT = 5;

/** Every query, in full, and its cuts while typing. */
export function rankingQueries(): { full: string[]; cuts: string[] } {
  const full = [...new Set([...QUERIES.map((q) => q.q), ...HOLDOUT.map((q) => q.q), ...(TYPED as string[])])];
  const cuts = new Set<string>();
  for (const q of full)
    for (const length of [1, 2, 3, Math.ceil(q.length / 2), q.length - 1])
      if (length > 0 && length < q.length) cuts.add(q.slice(0, length));
  for (const q of full) cuts.delete(q);
  return { full, cuts: [...cuts] };
}

/** The national catalogue of the search benchmark (code, name, sector). */
export function nationalCatalog(): SearchableProcedure[] {
  const path = fileURLToPath(new URL('../bench/fixtures/national-catalog.json.gz', import.meta.url));
  const catalog = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as {
    sectors: string[];
    rows: Array<[string, string, number]>;
  };
  return catalog.rows.map(([code, name, sector]) => ({ code, name, sector: { name: catalog.sectors[sector] ?? '' } }));
}

/** The commune's procedures with a fixed spread of dossier counts (0 to 96 by code), so popularity takes part. */
export function communeCatalog(): Array<ProcedureSummary & { dossierCount: number }> {
  return seedProcedures().map((p) => ({ ...p, dossierCount: Number(p.code.replace(/\D/g, '')) % 97 }));
}

export type Ranking = Record<'national' | 'commune', Record<string, string[]>>;

/** The ranking of the current search. */
export function ranking(): Ranking {
  const { full, cuts } = rankingQueries();
  const table = (items: readonly SearchableProcedure[]): Record<string, string[]> => {
    const index = createSearchIndex(items);
    const out: Record<string, string[]> = {};
    for (const [queries, limit] of [
      [full, FULL],
      [cuts, CUT],
    ] as const)
      for (const q of queries) out[q] = index.search(q, { limit }).map((hit) => `${hit.partial ? '~' : ''}${hit.item.code}`);
    return out;
  };
  return { national: table(nationalCatalog()), commune: table(communeCatalog()) };
}

export function readSnapshot(): Ranking {
  return JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Ranking;
}

if (process.argv.includes('--write')) {
  const current = ranking();
  writeFileSync(SNAPSHOT, `${JSON.stringify(current, null, 0).replace(/\],"/g, '],\n"')}\n`);
  console.log(`wrote ${SNAPSHOT}: ${Object.keys(current.national).length} queries × 2 catalogues`);
}
