// Shared helpers of the reliability suites: the reference server, ratings with unique markers, and counting ratings
// both through the stats endpoint and directly in the database.
import { randomUUID } from 'node:crypto';
import type { Rating } from '@motcua/sdk';
// @ts-expect-error -- plain ESM helper without type declarations
import { startReferenceServer as start } from '../../scripts/reference-server.mjs';

export interface ReferenceServer {
  url: string;
  api: string;
  dataDir: string;
  child: import('node:child_process').ChildProcess;
  stop(): Promise<void>;
}

export const startReferenceServer = start as (options?: {
  dataDir?: string;
  env?: Record<string, string>;
  port?: number;
  quiet?: boolean;
  /** `false`: production mode (no generated dossiers, no demo site); demo mode otherwise. */
  demo?: boolean;
}) => Promise<ReferenceServer>;

/** Today's date in Vietnam (the server's calendar), YYYY-MM-DD, shifted by `days`. */
export function vnDate(days = 0): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The first agency the server lists. */
export async function firstAgency(api: string): Promise<string> {
  const res = await fetch(`${api}/agencies`);
  const body = (await res.json()) as { items: Array<{ code: string }> };
  const code = body.items[0]?.code;
  if (!code) throw new Error('the server lists no agency');
  return code;
}

const OVERALL = ['very_satisfied', 'satisfied', 'not_satisfied'] as const;

/** A valid kiosk rating whose comment carries `marker` (so a test can find exactly its own ratings). */
export function kioskRating(agency: string, marker: string, i: number): Rating {
  return {
    agency,
    channel: 'kiosk',
    overall: OVERALL[i % 3] ?? 'satisfied',
    counter: String((i % 4) + 1),
    comment: `${marker} #${i}`,
    ratedAt: new Date().toISOString(),
  };
}

/** The credential of the demo kiosk of `agency` (kiosk ratings need an enrolled device; the demo site serves this one). */
export async function demoDevice(api: string, agency: string): Promise<string> {
  const res = await fetch(new URL(`/demo-device.json?agency=${agency}`, api));
  if (!res.ok) throw new Error(`demo-device.json answered ${res.status}`);
  return ((await res.json()) as { credential: string }).credential;
}

/** A fresh idempotency key. */
export const newKey = (): string => randomUUID();

/** Number of ratings of `agency` the stats endpoint reports for the last 30 days (Vietnam dates). */
export async function statsRatingCount(api: string, agency: string): Promise<number> {
  const res = await fetch(`${api}/agencies/${agency}/stats?from=${vnDate(-30)}&to=${vnDate(0)}`);
  if (!res.ok) throw new Error(`stats answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { satisfaction: { total: number } };
  return body.satisfaction.total;
}

/**
 * Counts, directly in a stopped server's embedded database (PGlite folder), the ratings whose comment starts with
 * `marker`: total rows and distinct comments (each rating of a run has a distinct comment).
 */
export async function countInDatabase(dataDir: string, marker: string): Promise<{ rows: number; distinct: number }> {
  const { openDb } = await import('../../packages/server/src/db.js');
  const db = await openDb({ dataDir });
  try {
    const [row] = await db.query<{ rows: number; distinct: number }>(
      'SELECT count(*)::int AS rows, count(DISTINCT comment)::int AS distinct FROM ratings WHERE comment LIKE $1',
      [`${marker}%`],
    );
    return { rows: row?.rows ?? 0, distinct: row?.distinct ?? 0 };
  } finally {
    await db.close();
  }
}

/** Runs `worker` over `items` with at most `concurrency` in flight. */
export async function pool<T, R>(items: readonly T[], concurrency: number, worker: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await worker(items[index] as T, index);
      }
    }),
  );
  return results;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
