import * as z from 'zod/mini';
import { AgencyCode, DateOnly } from './common.js';

const Count = z.number().check(z.int(), z.gte(0));
/** A ratio in [0, 1], or `null` when its denominator is zero. */
const Rate = z.nullable(z.number().check(z.gte(0), z.lte(1)));

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
export type StatsTotals = z.infer<typeof StatsTotals>;

/** Service statistics of an agency over a period, with a monthly series for charts. */
export const ServiceStats = z.extend(StatsTotals, {
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
export type ServiceStats = z.infer<typeof ServiceStats>;

/** Query of `GET /agencies/{agency}/stats`: the period, both ends included. */
export const StatsQuery = z.object({ from: DateOnly, to: DateOnly });
export type StatsQuery = z.infer<typeof StatsQuery>;
