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
  /**
   * A budget that may be taken ahead in blocks ({@link createSlotLeases}): look-ups, which nobody gives back. Never set
   * on a budget whose slots are refunded (the owner check's), since a slot held here could not be given back there.
   */
  lease?: boolean;
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

/** A block of consecutive places of one budget, taken ahead in the shared counter and handed out here. */
interface Lease {
  /** The next place to hand out, and the last one taken. */
  next: number;
  last: number;
  /** performance.now() until which the places belong to the window they were counted in (see {@link SlotLeases.grant}). */
  validUntil: number;
  /** performance.now() when that window ends at the latest: what a refusal asks to wait. */
  endsBy: number;
}

/** Places a budget may take ahead: at most this many per batch's request, … */
export const LEASE_PER_REQUEST = 32;
/** … at most this share of the budget (1/16: a budget under 16 is never leased) … */
export const LEASE_SHARE = 16;
/** … and at most this many. */
export const LEASE_MAX = 1000;
/** Keys with a lease at most (an address flood cannot grow the map: past it, budgets are taken one by one as before). */
export const LEASES_KEPT = 10_000;

/**
 * Look-up places taken ahead, so that a client sending many look-ups at once (the same address in one batch at least
 * twice) does not write its counters on every batch. When such a batch takes its places in the shared counter, it takes
 * up to {@link LEASE_PER_REQUEST} more per request of the batch (never more than 1/{@link LEASE_SHARE} of the budget nor
 * {@link LEASE_MAX}) in the same atomic upsert; this instance then hands them out, in order, to that client's next
 * look-ups without a write. Every place handed out was counted in the shared counter before, by the one upsert that
 * orders all instances, so no instance and no burst gets more than `max` places answered per window; a place past `max`
 * is refused here exactly as the counter would refuse it. The places are valid only in the window they were counted in:
 * until `sent + remaining` (the upsert's clock is at or after `sent`), after which the budget goes to the counter again.
 * The cost is on the strict side: places taken ahead and not used stay counted (at most a lease per instance and window).
 * Used by one batch at a time (createBatcher), and synchronous, so nothing here can be raced.
 */
export interface SlotLeases {
  /**
   * Hands out a place of `budget` from its lease, if it has a valid one: the place and the seconds until the window ends
   * (as {@link Slot}; {@link blockedFor} refuses a place past `max` as for one from the counter); undefined when the
   * budget must go to the shared counter.
   */
  take(budget: Budget, at: number): Slot | undefined;
  /**
   * Places to take ahead for each key a batch sends to the counter (`keys`/`counts` as {@link slotParams} builds them,
   * `budgets` the batch's), 0 for most: only leasable budgets asked at least twice in the batch get more.
   */
  ahead(keys: readonly string[], counts: readonly number[], budgets: ReadonlyArray<readonly Budget[]>): number[];
  /**
   * Keeps the places taken ahead: for key `keys[i]`, the last `ahead[i]` of its count `taken` returned, valid from `sent`
   * (performance.now() before the statement was sent) for the `remaining` seconds the counter returned.
   */
  grant(keys: readonly string[], ahead: readonly number[], taken: readonly Taken[], sent: number, received: number): void;
  /** Keys holding a lease (for tests). */
  readonly size: number;
}

export function createSlotLeases(): SlotLeases {
  const leases = new Map<string, Lease>();
  const prune = (at: number): void => {
    for (const [key, lease] of leases) if (lease.next > lease.last || at >= lease.validUntil) leases.delete(key);
  };
  return {
    take(budget, at) {
      if (!budget.lease) return undefined;
      const lease = leases.get(budget.key);
      if (!lease) return undefined;
      if (at >= lease.validUntil || lease.next > lease.last) {
        leases.delete(budget.key);
        return undefined;
      }
      const position = lease.next++;
      if (lease.next > lease.last) leases.delete(budget.key);
      return { key: budget.key, position, remaining: Math.max(0, (lease.endsBy - at) / 1000) };
    },
    ahead(keys, counts, budgets) {
      if (!counts.some((n) => n >= 2)) return counts.map(() => 0);
      const leasable = new Map<string, number>();
      for (const list of budgets) for (const b of list) if (b.lease) leasable.set(b.key, b.max);
      return keys.map((key, i) => {
        const max = leasable.get(key);
        const n = counts[i] ?? 0;
        if (max === undefined || n < 2) return 0;
        return Math.max(0, Math.min(n * LEASE_PER_REQUEST, Math.floor(max / LEASE_SHARE), LEASE_MAX));
      });
    },
    grant(keys, ahead, taken, sent, received) {
      const byKey = new Map(taken.map((t) => [t.key, t]));
      keys.forEach((key, i) => {
        const extra = ahead[i] ?? 0;
        const t = byKey.get(key);
        if (extra <= 0 || !t) return;
        if (leases.size >= LEASES_KEPT) prune(received);
        if (leases.size >= LEASES_KEPT) return;
        leases.set(key, {
          next: t.count - extra + 1,
          last: t.count,
          validUntil: sent + t.remaining * 1000,
          endsBy: received + t.remaining * 1000,
        });
      });
    },
    get size() {
      return leases.size;
    },
  };
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
