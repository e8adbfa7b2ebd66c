import * as z from 'zod/mini';
import { AgencyCode, DateOnly, InputDate } from './common.js';

const Count = z.number().check(z.int(), z.gte(0));
/** A ratio in [0, 1], or `null` when its denominator is zero. */
const Rate = z.nullable(z.number().check(z.gte(0), z.lte(1)));

/**
 * Totals of service statistics over a period (received, resolved, in progress, rates, satisfaction).
 * @example
 * ```ts
 * const totals = StatsTotals.parse(json);
 * totals.onTimeRate; // e.g. 0.989, or null when nothing was resolved
 * ```
 */
export const StatsTotals = z.object({
  received: z.object({ total: Count, carriedOver: Count, online: Count, direct: Count, postal: Count }),
  resolved: z.object({ total: Count, early: Count, onTime: Count, late: Count }),
  inProgress: z.object({ total: Count, notDue: Count, overdue: Count, waitingSupplement: Count }),
  withdrawn: Count,
  notAccepted: Count,
  /** (early + on time) / resolved. */
  onTimeRate: Rate,
  /** online / new received. */
  onlineRate: Rate,
  satisfaction: z.object({
    total: Count,
    verySatisfied: Count,
    satisfied: Count,
    notSatisfied: Count,
    /** (very satisfied + satisfied) / total. */
    rate: Rate,
  }),
});
/**
 * The value {@link StatsTotals} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: StatsTotals = StatsTotals.parse(json);
 * ```
 */
export type StatsTotals = z.infer<typeof StatsTotals>;

/**
 * Service statistics of an agency over a period, with a monthly series for charts.
 * @example
 * ```ts
 * const stats = ServiceStats.parse(json);
 * stats.months.map((m) => m.onTimeRate);
 * ```
 */
export const ServiceStats = z.object({
  // `z.object` over the spread shape, not `z.extend`: same schema, and zod's extend code stays out of bundles.
  ...StatsTotals.shape,
  agency: AgencyCode,
  from: DateOnly,
  to: DateOnly,
  months: z.array(
    z.object({
      month: z.string().check(z.regex(/^\d{4}-\d{2}$/)),
      received: Count,
      resolved: Count,
      onTimeRate: Rate,
      onlineRate: Rate,
      satisfactionRate: Rate,
    }),
  ),
});
/**
 * The value {@link ServiceStats} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: ServiceStats = ServiceStats.parse(json);
 * ```
 */
export type ServiceStats = z.infer<typeof ServiceStats>;

/**
 * Longest statistics period, in days (three years): the month series stays at most 37 entries.
 * @example
 * ```ts
 * const earliest = new Date(Date.parse(to) - STATS_MAX_DAYS * 86_400_000).toISOString().slice(0, 10);
 * ```
 */
export const STATS_MAX_DAYS = 3 * 366;

/**
 * Query of `GET /agencies/{agency}/stats`: the period, both ends included, dates in the years 2000–2099. The server also
 * refuses `from` after `to` and periods longer than {@link STATS_MAX_DAYS} days (checked there, not here: a refinement
 * would add zod's refinement code to every widget bundle).
 * @example
 * ```ts
 * StatsQuery.parse({ from: '2026-01-01', to: '2026-06-30' });
 * StatsQuery.safeParse({ from: '9999-12-31', to: '9999-12-31' }).success; // false
 * ```
 */
export const StatsQuery = z.object({ from: InputDate, to: InputDate });
/**
 * The value {@link StatsQuery} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: StatsQuery = StatsQuery.parse(json);
 * ```
 */
export type StatsQuery = z.infer<typeof StatsQuery>;
