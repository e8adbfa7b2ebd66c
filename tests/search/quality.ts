// The three searches scored on the query sets, over one seeded server (PGlite in memory): the SDK's (as the widget runs
// it, offline from the agency's cached catalog with its dossier counts), the server's `GET …/procedures?q=`, and
// MiniSearch out of the box over the same catalog.
import type { Catalog, ProcedurePage } from '@motcua/sdk/schemas';
import { backends, seededContext } from '../../packages/server/src/test-helpers.js';
import { type Evaluation, type Query, QUERIES, evaluate, miniSearch, sdkSearch } from './evaluate.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The demo commune whose catalog (393 procedures) the figures are measured on. */
export const AGENCY = '000.30.01.H17';

export const HOLDOUT: Query[] = (
  JSON.parse(readFileSync(fileURLToPath(new URL('./holdout.json', import.meta.url)), 'utf8')) as { queries: Query[] }
).queries;

export interface Quality {
  sdk: Evaluation;
  server: Evaluation;
  minisearch: Evaluation;
  /** The SDK's search on the held-out set (never tuned against). */
  sdkHoldout: Evaluation;
}

export async function measureQuality(): Promise<Quality> {
  const ctx = await seededContext(backends[0] as (typeof backends)[number]);
  try {
    const catalog = (await (await ctx.request(`/api/v1/agencies/${AGENCY}/procedures/catalog`)).json()) as Catalog;
    const server = async (q: string): Promise<string[]> => {
      const res = await ctx.request(`/api/v1/agencies/${AGENCY}/procedures?q=${encodeURIComponent(q)}&pageSize=20`);
      return ((await res.json()) as ProcedurePage).items.map((item) => item.code);
    };
    const sdk = sdkSearch(catalog.items);
    return {
      sdk: await evaluate(sdk, QUERIES),
      server: await evaluate(server, QUERIES),
      minisearch: await evaluate(miniSearch(catalog.items), QUERIES),
      sdkHoldout: await evaluate(sdk, HOLDOUT),
    };
  } finally {
    await ctx.close();
  }
}
