/**
 * Rate limits in the database, so that every instance behind a load balancer counts into the same budgets.
 *
 * Every counted request takes its slot with ONE statement (`INSERT … ON CONFLICT DO UPDATE … RETURNING count`): the
 * row lock of the upsert orders concurrent requests, on one server or on many sharing a PostgreSQL, so a burst of 100
 * parallel guesses gets exactly `max` slots, never more. A request that turns out well (the right phone digits) gives
 * its slot back afterwards ({@link RateLimiter.refund}), which makes a "failures only" budget out of the same counter.
 * Fixed windows: a counter starts at the first counted request and resets `window` seconds later.
 * @module
 */
import type { Queryable } from './db.js';

/** One budget a request counts into. */
export interface Budget {
  /** Counter name, e.g. `lookup:192.0.2.1` or `verify-code:000.00.06.H56-231027-0361`. */
  key: string;
  /** Requests allowed per window. */
  max: number;
  /** Window length in seconds. */
  window: number;
}

/** Per budget of a request: the request's place in its window (1 = first) and the seconds until the window ends. */
export interface Slot {
  key: string;
  position: number;
  remaining: number;
}

/**
 * SQL (a CTE named `slots(i, key, position, remaining)`) that takes one slot in each budget of each request `i`: the
 * budgets come as `$1` (a JSON array of `{ i, key, window }`). Several requests of a batch on the same key take
 * consecutive places. Meant to be prefixed to a query that reads what the requests asked for, in the same statement.
 */
export const TAKE_SLOTS_SQL = `
  c AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS c(i int, key text, window_seconds int)),
  k AS (SELECT key, max(window_seconds) AS window_seconds, count(*)::int AS n FROM c GROUP BY key),
  up AS (
    INSERT INTO rate_limits AS r (key, window_start, count, window_seconds)
    SELECT key, now(), n, window_seconds FROM k
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN r.window_start <= now() - make_interval(secs => r.window_seconds) THEN excluded.count
                   ELSE r.count + excluded.count END,
      window_start = CASE WHEN r.window_start <= now() - make_interval(secs => r.window_seconds) THEN now() ELSE r.window_start END,
      window_seconds = excluded.window_seconds
    RETURNING r.key, r.count, r.window_start, r.window_seconds),
  slots AS (
    SELECT c.i, c.key,
      (up.count - k.n + row_number() OVER (PARTITION BY c.key ORDER BY c.i))::int AS position,
      extract(epoch FROM (up.window_start + make_interval(secs => up.window_seconds) - now()))::float8 AS remaining
    FROM c JOIN k USING (key) JOIN up USING (key))`;

/** The JSON for `$1` of {@link TAKE_SLOTS_SQL}: the budgets of each request, by request index. */
export const slotParams = (budgets: ReadonlyArray<readonly Budget[]>): string =>
  JSON.stringify(budgets.flatMap((list, i) => list.map((b) => ({ i, key: b.key, window_seconds: b.window }))));

/**
 * Seconds to wait (0 = allowed) for a request whose slots are `slots`: the longest remaining window among the budgets
 * it overran.
 */
export function blockedFor(budgets: readonly Budget[], slots: readonly Slot[]): number {
  let wait = 0;
  for (const budget of budgets) {
    const slot = slots.find((s) => s.key === budget.key);
    if (slot && slot.position > budget.max) wait = Math.max(wait, Math.max(1, Math.ceil(slot.remaining)));
  }
  return wait;
}

export interface RateLimiter {
  /** Gives back one slot of each key (a request that ended well and should not count). */
  refund(keys: readonly string[]): Promise<void>;
  close(): void;
}

export function createRateLimiter(db: Queryable, sweepEverySeconds: number): RateLimiter {
  const sweep = setInterval(
    () => {
      db.query('DELETE FROM rate_limits WHERE window_start < now() - make_interval(secs => window_seconds)').catch(() => undefined);
    },
    Math.max(60_000, sweepEverySeconds * 1000),
  );
  sweep.unref();
  return {
    async refund(keys) {
      if (keys.length === 0) return;
      await db.query('UPDATE rate_limits SET count = count - 1 WHERE key = ANY($1::text[]) AND count > 0', [keys]);
    },
    close() {
      clearInterval(sweep);
    },
  };
}
