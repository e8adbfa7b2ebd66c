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
 * SQL (an expression, of type json) that adds `$2[j]` requests to budget `$1[j]` (window `$3[j]` seconds) and returns each
 * budget's count after them and the seconds left in its window, as a JSON array of {@link Taken}. Meant to be used in a
 * query that reads what the requests asked for, in the same statement; {@link slotParams} builds `$1`–`$3` and
 * {@link slotsOf} turns the returned counts into each request's place. One row per budget key, whatever the number of
 * requests: the statement's cost does not grow with the batch. Keys come sorted, so two statements on the same keys
 * lock their rows in the same order (no deadlock between instances on PostgreSQL).
 *
 * The upsert itself is the function `motcua_take_slots` (migration `008_take_slots_function.sql`): one
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` in PL/pgSQL, which keeps its plan for the session, so that a look-up does
 * not parse and plan it again each time.
 */
export const TAKE_SLOTS_SQL = 'motcua_take_slots($1::text[], $2::int[], $3::int[])';

/**
 * SQL (an expression, of type json) that takes the slots as {@link TAKE_SLOTS_SQL} does (`$1`–`$3`; none when `$1` is
 * empty) and reads the dossiers whose codes are `$4`, in the same statement: the function `motcua_lookup_dossiers`
 * (migration `010_dossier_lookup_function.sql`), which keeps its plans for the session. It answers
 * `{"taken": Taken[], "rows": [...]}` (the rows as json: timestamps are ISO strings).
 */
export const LOOKUP_DOSSIERS_SQL = 'motcua_lookup_dossiers($1::text[], $2::int[], $3::int[], $4::text[])';

/** `$1`–`$3` of {@link TAKE_SLOTS_SQL} for requests with these budgets: each key once, with its number of requests. */
export function slotParams(budgets: ReadonlyArray<readonly Budget[]>): [string[], number[], number[]] {
  const keys = new Map<string, { n: number; window: number }>();
  for (const list of budgets)
    for (const b of list) {
      const k = keys.get(b.key);
      if (k) {
        k.n += 1;
        k.window = Math.max(k.window, b.window);
      } else keys.set(b.key, { n: 1, window: b.window });
    }
  const sorted = [...keys.keys()].sort();
  return [sorted, sorted.map((k) => keys.get(k)?.n ?? 0), sorted.map((k) => keys.get(k)?.window ?? 0)];
}

/** What {@link TAKE_SLOTS_SQL} returns per budget key. */
export interface Taken {
  key: string;
  count: number;
  remaining: number;
}

/**
 * Each request's slots, from the counts after the batch: the requests of one batch on the same key take consecutive
 * places, in the order they came (the first of `n` gets `count - n + 1`).
 */
export function slotsOf(budgets: ReadonlyArray<readonly Budget[]>, taken: readonly Taken[]): Slot[][] {
  const byKey = new Map(taken.map((t) => [t.key, t]));
  const n = new Map<string, number>();
  for (const list of budgets) for (const b of list) n.set(b.key, (n.get(b.key) ?? 0) + 1);
  const seen = new Map<string, number>();
  return budgets.map((list) =>
    list.flatMap((b) => {
      const t = byKey.get(b.key);
      if (!t) return [];
      const place = (seen.get(b.key) ?? 0) + 1;
      seen.set(b.key, place);
      return [{ key: b.key, position: t.count - (n.get(b.key) ?? 0) + place, remaining: t.remaining }];
    }),
  );
}

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
