/**
 * Service statistics over a period, computed in SQL (definitions in the domain notes):
 * received = carried over + new (online / in person / postal); resolved early / on time / late;
 * in progress not yet due / overdue / waiting for a supplement; withdrawn; not accepted; satisfaction from ratings.
 * Periods are Vietnam calendar dates, both ends included.
 *
 * The served figures come from the pre-computed daily totals (`stats_daily`, migration 008, kept by triggers in the
 * same transaction as every write): {@link computeStats} and {@link computeTotalsByAgency}. The same figures computed
 * over the dossiers and ratings rows ({@link computeStatsFromRows}, {@link computeTotalsByAgencyFromRows}) stay as
 * the definition the totals are tested against, and count the few irregular dossiers the totals leave out.
 * @module
 */
import type { ServiceStats, StatsTotals } from '@motcua/sdk/schemas';
import type { Db, Queryable } from './db.js';
import { addDays, vnDate, vnTime } from './working-hours.js';

const rate = (num: number, den: number): number | null => (den > 0 ? Math.round((num / den) * 10_000) / 10_000 : null);

// Vietnam-local date / month of a timestamptz, independent of the session time zone.
const localDate = (col: string): string => `((${col} AT TIME ZONE 'UTC') + interval '7 hours')::date`;
const localMonth = (col: string): string => `to_char((${col} AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM')`;

interface TotalsRow {
  new_total: number;
  online: number;
  direct: number;
  postal: number;
  carried_over: number;
  resolved: number;
  late: number;
  on_time: number;
  in_progress: number;
  overdue: number;
  waiting_supplement: number;
  withdrawn: number;
  not_accepted: number;
}

/**
 * The counts of the totals over dossiers submitted before the end of the period ($2 start, $3 end, $4 the as-of
 * instant), for one agency ({@link computeStatsFromRows}). {@link computeTotalsByAgencyFromRows} counts the same classes with
 * {@link DOSSIER_CLASS}.
 */
const TOTALS_COLUMNS = `
       count(*) FILTER (WHERE submitted_at >= $2 AND submitted_at < $3)::int AS new_total,
       count(*) FILTER (WHERE submitted_at >= $2 AND submitted_at < $3 AND channel = 'online')::int AS online,
       count(*) FILTER (WHERE submitted_at >= $2 AND submitted_at < $3 AND channel = 'direct')::int AS direct,
       count(*) FILTER (WHERE submitted_at >= $2 AND submitted_at < $3 AND channel = 'postal')::int AS postal,
       count(*) FILTER (WHERE submitted_at < $2 AND (finished_at IS NULL OR finished_at >= $2) AND (ended_at IS NULL OR ended_at >= $2))::int
         AS carried_over,
       count(*) FILTER (WHERE finished_at >= $2 AND finished_at < $3)::int AS resolved,
       count(*) FILTER (WHERE finished_at >= $2 AND finished_at < $3 AND finished_at > due_at)::int AS late,
       count(*) FILTER (WHERE finished_at >= $2 AND finished_at < $3 AND finished_at <= due_at
         AND ${localDate('finished_at')} = ${localDate('due_at')})::int AS on_time,
       count(*) FILTER (WHERE submitted_at < $4 AND (finished_at IS NULL OR finished_at >= $4) AND (ended_at IS NULL OR ended_at >= $4))::int
         AS in_progress,
       count(*) FILTER (WHERE submitted_at < $4 AND (finished_at IS NULL OR finished_at >= $4) AND (ended_at IS NULL OR ended_at >= $4)
         AND due_at < $4 AND status <> 'supplement_requested')::int AS overdue,
       count(*) FILTER (WHERE submitted_at < $4 AND (finished_at IS NULL OR finished_at >= $4) AND (ended_at IS NULL OR ended_at >= $4)
         AND status = 'supplement_requested')::int AS waiting_supplement,
       count(*) FILTER (WHERE status = 'withdrawn' AND ended_at >= $2 AND ended_at < $3)::int AS withdrawn,
       count(*) FILTER (WHERE status = 'not_accepted' AND ended_at >= $2 AND ended_at < $3)::int AS not_accepted`;

interface RatingsRow {
  total: number;
  very: number;
  satisfied: number;
  not_satisfied: number;
}

const NO_DOSSIERS: TotalsRow = {
  new_total: 0,
  online: 0,
  direct: 0,
  postal: 0,
  carried_over: 0,
  resolved: 0,
  late: 0,
  on_time: 0,
  in_progress: 0,
  overdue: 0,
  waiting_supplement: 0,
  withdrawn: 0,
  not_accepted: 0,
};
const NO_RATINGS: RatingsRow = { total: 0, very: 0, satisfied: 0, not_satisfied: 0 };

const RATINGS_COLUMNS = `count(*)::int AS total,
       count(*) FILTER (WHERE overall = 'very_satisfied')::int AS very,
       count(*) FILTER (WHERE overall = 'satisfied')::int AS satisfied,
       count(*) FILTER (WHERE overall = 'not_satisfied')::int AS not_satisfied`;

/** The totals and rates of one agency from its counted rows. */
function totalsFrom(t: TotalsRow, s: RatingsRow): StatsTotals {
  const early = t.resolved - t.late - t.on_time;
  return {
    received: { total: t.carried_over + t.new_total, carriedOver: t.carried_over, online: t.online, direct: t.direct, postal: t.postal },
    resolved: { total: t.resolved, early, onTime: t.on_time, late: t.late },
    inProgress: {
      total: t.in_progress,
      notDue: Math.max(0, t.in_progress - t.overdue - t.waiting_supplement),
      overdue: t.overdue,
      waitingSupplement: t.waiting_supplement,
    },
    withdrawn: t.withdrawn,
    notAccepted: t.not_accepted,
    onTimeRate: rate(early + t.on_time, t.resolved),
    onlineRate: rate(t.online, t.new_total),
    satisfaction: {
      total: s.total,
      verySatisfied: s.very,
      satisfied: s.satisfied,
      notSatisfied: s.not_satisfied,
      rate: rate(s.very + s.satisfied, s.total),
    },
  };
}

/** The period's bounds as query parameters: start, end (exclusive) and the as-of instant (now, at most the end). */
function periodParams(from: string, to: string, now: Date): [string, string, string] {
  const start = vnTime(from);
  const end = vnTime(addDays(to, 1));
  const asOf = new Date(Math.min(end.getTime(), now.getTime()));
  return [start.toISOString(), end.toISOString(), asOf.toISOString()];
}

/**
 * The class of a dossier over a period ($2 start, $3 end, $4 as-of; rows submitted before $3), as one small integer,
 * so that many agencies are counted with one `count(*)` per (agency, class) instead of thirteen filtered aggregates per
 * row (the same definitions as {@link TOTALS_COLUMNS}, about 40% faster on a million rows). Bits:
 * 0–2 received: 1 online, 2 direct, 3 postal, 4 other channel (new in the period), 5 carried over;
 * 3–4 resolved in the period: 1 early, 2 on time, 3 late; 5–6 in progress at $4: 1 not yet due, 2 overdue, 3 waiting
 * for a supplement; 7–8 ended in the period: 1 withdrawn, 2 not accepted. On PGlite every operator is a function call
 * in WebAssembly, so the cheap tests come first: the local-date comparison only runs for dossiers resolved less than a
 * day before their due time (same local day implies that), and the open test looks at the end columns first.
 */
const DOSSIER_CLASS = `
    CASE WHEN submitted_at >= $2 THEN CASE channel WHEN 'online' THEN 1 WHEN 'direct' THEN 2 WHEN 'postal' THEN 3 ELSE 4 END
      WHEN (finished_at IS NULL OR finished_at >= $2) AND (ended_at IS NULL OR ended_at >= $2) THEN 5 ELSE 0 END
    + CASE WHEN finished_at >= $2 AND finished_at < $3 THEN
        CASE WHEN finished_at > due_at THEN 24
          WHEN finished_at > due_at - interval '1 day' AND ${localDate('finished_at')} = ${localDate('due_at')} THEN 16 ELSE 8 END
      ELSE 0 END
    + CASE WHEN (finished_at IS NULL OR finished_at >= $4) AND (ended_at IS NULL OR ended_at >= $4) AND submitted_at < $4 THEN
        CASE WHEN status = 'supplement_requested' THEN 96 WHEN due_at < $4 THEN 64 ELSE 32 END
      ELSE 0 END
    + CASE WHEN ended_at >= $2 AND ended_at < $3 THEN CASE status WHEN 'withdrawn' THEN 128 WHEN 'not_accepted' THEN 256 ELSE 0 END
      ELSE 0 END`;

/** Adds `n` dossiers of class `k` ({@link DOSSIER_CLASS}) to the counts. */
function addClass(t: TotalsRow, k: number, n: number): void {
  const received = k & 7;
  if (received >= 1 && received <= 4) {
    t.new_total += n;
    if (received === 1) t.online += n;
    else if (received === 2) t.direct += n;
    else if (received === 3) t.postal += n;
  } else if (received === 5) t.carried_over += n;
  const resolved = (k >> 3) & 3;
  if (resolved > 0) t.resolved += n;
  if (resolved === 2) t.on_time += n;
  else if (resolved === 3) t.late += n;
  const open = (k >> 5) & 3;
  if (open > 0) t.in_progress += n;
  if (open === 2) t.overdue += n;
  else if (open === 3) t.waiting_supplement += n;
  const ended = (k >> 7) & 3;
  if (ended === 1) t.withdrawn += n;
  else if (ended === 2) t.not_accepted += n;
}

/**
 * The totals of many agencies at once (a province's communes): one grouped pass over their dossiers and one over their
 * ratings, with the same counts as {@link computeStats} (no monthly series). Agencies without rows get zeros.
 */
export async function computeTotalsByAgencyFromRows(
  db: Queryable,
  agencies: readonly string[],
  from: string,
  to: string,
  now: Date,
): Promise<Map<string, StatsTotals>> {
  const out = new Map<string, StatsTotals>();
  if (agencies.length === 0) return out;
  const counts = await countRows(db, agencies, periodParams(from, to, now), '', true);
  for (const [agency, c] of counts) out.set(agency, totalsFrom(c.dossiers, c.ratings));
  return out;
}

interface Counts {
  dossiers: TotalsRow;
  ratings: RatingsRow;
}

/**
 * The counts of many agencies over the dossiers rows (and the ratings rows when `withRatings`), `where` narrowing the
 * dossiers (e.g. to the irregular ones).
 */
async function countRows(
  db: Queryable,
  agencies: readonly string[],
  period: [string, string, string],
  where: string,
  withRatings: boolean,
): Promise<Map<string, Counts>> {
  const params = [[...agencies], ...period];
  // Both at once: on PostgreSQL they run on two connections of the pool (PGlite runs them one after the other).
  const [classes, ratings] = await Promise.all([
    db.query<{ agency: string; k: number; n: number }>(
      `SELECT agency_code AS agency, (${DOSSIER_CLASS}) AS k, count(*)::int AS n
     FROM dossiers WHERE agency_code = ANY($1::text[]) AND submitted_at < $3 ${where} GROUP BY 1, 2`,
      params,
    ),
    withRatings
      ? db.query<{ agency: string; overall: string; n: number }>(
          `SELECT agency_code AS agency, overall, count(*)::int AS n
     FROM ratings WHERE agency_code = ANY($1::text[]) AND rated_at >= $2 AND rated_at < $3 GROUP BY 1, 2`,
          params.slice(0, 3),
        )
      : [],
  ]);
  const counts = new Map<string, Counts>(agencies.map((a) => [a, { dossiers: { ...NO_DOSSIERS }, ratings: { ...NO_RATINGS } }]));
  for (const r of classes) {
    const c = counts.get(r.agency);
    if (c) addClass(c.dossiers, Number(r.k), Number(r.n));
  }
  for (const r of ratings) {
    const c = counts.get(r.agency);
    if (!c) continue;
    const n = Number(r.n);
    c.ratings.total += n;
    if (r.overall === 'very_satisfied') c.ratings.very += n;
    else if (r.overall === 'satisfied') c.ratings.satisfied += n;
    else if (r.overall === 'not_satisfied') c.ratings.not_satisfied += n;
  }
  return counts;
}

interface MonthRow {
  month: string;
  received: number;
  online: number;
  resolved: number;
  good: number;
  rated: number;
  happy: number;
}

/** The monthly series of one agency over the rows ($1 agency, $2 start, $3 end); `where` narrows the dossiers. */
function monthRows(db: Queryable, params: unknown[], where: string, withRatings: boolean): Promise<MonthRow[]> {
  const ratings = withRatings
    ? `SELECT ${localMonth('rated_at')} AS month, count(*)::int AS rated, count(*) FILTER (WHERE overall <> 'not_satisfied')::int AS happy
       FROM ratings WHERE agency_code = $1 AND rated_at >= $2 AND rated_at < $3 GROUP BY 1`
    : `SELECT NULL::text AS month, 0 AS rated, 0 AS happy WHERE false`;
  return db.query<MonthRow>(
    `WITH r AS (
       SELECT ${localMonth('submitted_at')} AS month, count(*)::int AS received, count(*) FILTER (WHERE channel = 'online')::int AS online
       FROM dossiers WHERE agency_code = $1 AND submitted_at >= $2 AND submitted_at < $3 ${where} GROUP BY 1),
     f AS (
       SELECT ${localMonth('finished_at')} AS month, count(*)::int AS resolved, count(*) FILTER (WHERE finished_at <= due_at)::int AS good
       FROM dossiers WHERE agency_code = $1 AND finished_at >= $2 AND finished_at < $3 ${where} GROUP BY 1),
     s AS (${ratings})
     SELECT m.month, COALESCE(r.received, 0) AS received, COALESCE(r.online, 0) AS online, COALESCE(f.resolved, 0) AS resolved,
       COALESCE(f.good, 0) AS good, COALESCE(s.rated, 0) AS rated, COALESCE(s.happy, 0) AS happy
     FROM (SELECT month FROM r UNION SELECT month FROM f UNION SELECT month FROM s) m
     LEFT JOIN r USING (month) LEFT JOIN f USING (month) LEFT JOIN s USING (month)`,
    params,
  );
}

/** Every month of the period, from the counted rows (several lists of rows for one month are added up). */
function monthsFrom(from: string, to: string, ...lists: MonthRow[][]): ServiceStats['months'] {
  const byMonth = new Map<string, MonthRow>();
  for (const list of lists)
    for (const r of list) {
      const m = byMonth.get(r.month) ?? { month: r.month, received: 0, online: 0, resolved: 0, good: 0, rated: 0, happy: 0 };
      m.received += Number(r.received);
      m.online += Number(r.online);
      m.resolved += Number(r.resolved);
      m.good += Number(r.good);
      m.rated += Number(r.rated);
      m.happy += Number(r.happy);
      byMonth.set(r.month, m);
    }
  const months: ServiceStats['months'] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7);) {
    const row = byMonth.get(m);
    months.push({
      month: m,
      received: row?.received ?? 0,
      resolved: row?.resolved ?? 0,
      onTimeRate: rate(row?.good ?? 0, row?.resolved ?? 0),
      onlineRate: rate(row?.online ?? 0, row?.received ?? 0),
      satisfactionRate: rate(row?.happy ?? 0, row?.rated ?? 0),
    });
    const [y, mo] = m.split('-').map(Number) as [number, number];
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  }
  return months;
}

/** An agency's statistics counted over the dossiers and ratings rows (the definition; see {@link computeStats}). */
export async function computeStatsFromRows(db: Queryable, agency: string, from: string, to: string, now: Date): Promise<ServiceStats> {
  const params = [agency, ...periodParams(from, to, now)];
  const [totals] = await db.query<TotalsRow>(
    `SELECT ${TOTALS_COLUMNS}
     FROM dossiers WHERE agency_code = $1 AND submitted_at < $3`,
    params,
  );
  const [sat] = await db.query<RatingsRow>(
    `SELECT ${RATINGS_COLUMNS}
     FROM ratings WHERE agency_code = $1 AND rated_at >= $2 AND rated_at < $3`,
    params.slice(0, 3),
  );
  const monthly = await monthRows(db, params.slice(0, 3), '', true);
  return { agency, from, to, ...totalsFrom(totals ?? NO_DOSSIERS, sat ?? NO_RATINGS), months: monthsFrom(from, to, monthly) };
}

// ------------------------------------------------------------------ from the daily totals (migration 008)

/**
 * The dossiers the daily totals leave out (finished or ended before they were submitted; the partial index
 * `dossiers_irregular` has this predicate), counted from the rows.
 */
const IRREGULAR = 'AND (least(finished_at, ended_at) < submitted_at) IS TRUE';
const REGULAR = 'AND (least(finished_at, ended_at) < submitted_at) IS NOT TRUE';

/** Open (submitted, neither finished nor ended) at the instant `t`, as in {@link TOTALS_COLUMNS}. */
const openAt = (t: string): string =>
  `(submitted_at < ${t} AND (finished_at IS NULL OR finished_at >= ${t}) AND (ended_at IS NULL OR ended_at >= ${t}))`;
const flag = (condition: string): string => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;

/** The daily totals of one agency summed over one bucket of days ({@link countDaily}). */
interface DailySums {
  agency: string;
  in_period: boolean;
  before_as_of: boolean;
  received: number;
  online: number;
  direct: number;
  postal: number;
  closed: number;
  resolved: number;
  late: number;
  on_time: number;
  withdrawn: number;
  not_accepted: number;
  overdue: number;
  waiting_supplement: number;
  rated: number;
  very: number;
  satisfied: number;
  not_satisfied: number;
}

/**
 * The counts of many agencies from the daily totals: sums of the period's days ($2–$3, Vietnam dates) for what happened
 * in the period, sums of the days before the period for the carried-over dossiers, and sums of the days before the
 * as-of day ($4) for the dossiers in progress; the as-of day's own changes up to the as-of instant are counted from
 * the rows that have a moment in it (a few), and the irregular dossiers from theirs.
 */
async function countDaily(db: Queryable, agencies: readonly string[], from: string, to: string, now: Date): Promise<Map<string, Counts>> {
  const period = periodParams(from, to, now);
  const asOf = period[2];
  const asOfDay = vnDate(new Date(asOf));
  const dayStart = vnTime(asOfDay).toISOString();
  const list = [...new Set(agencies)];
  const [sums, today, irregular] = await Promise.all([
    // Plain sums per agency and bucket (in the period or before it; before the as-of day or not), added up below: no
    // per-row FILTER, and a hash join on the agencies rather than a 100-element ANY per row.
    db.query<DailySums>(
      `SELECT d.agency_code AS agency, d.day >= $2::date AS in_period, d.day < $4::date AS before_as_of,
         sum(received)::int AS received, sum(online)::int AS online, sum(direct)::int AS direct, sum(postal)::int AS postal,
         sum(closed)::int AS closed, sum(resolved)::int AS resolved, sum(late)::int AS late, sum(on_time)::int AS on_time,
         sum(withdrawn)::int AS withdrawn, sum(not_accepted)::int AS not_accepted,
         sum(overdue_in - overdue_out)::int AS overdue, sum(supplement_in - supplement_out)::int AS waiting_supplement,
         sum(rated)::int AS rated, sum(very_satisfied)::int AS very, sum(satisfied)::int AS satisfied,
         sum(not_satisfied)::int AS not_satisfied
       FROM stats_daily d JOIN unnest($1::text[]) a (code) ON a.code = d.agency_code
       WHERE d.day <= $3::date GROUP BY 1, 2, 3`,
      [list, from, to, asOfDay],
    ),
    // The as-of instant inside a day (now): the changes of that day so far, from the rows with a moment in it.
    dayStart < asOf
      ? db.query<{ agency: string; in_progress: number; overdue: number; waiting_supplement: number }>(
          `SELECT agency_code AS agency,
             sum(${flag(openAt('$3'))} - ${flag(openAt('$2'))})::int AS in_progress,
             sum(${flag(`${openAt('$3')} AND due_at < $3 AND status <> 'supplement_requested'`)}
               - ${flag(`${openAt('$2')} AND due_at < $2 AND status <> 'supplement_requested'`)})::int AS overdue,
             sum(${flag(`${openAt('$3')} AND status = 'supplement_requested'`)}
               - ${flag(`${openAt('$2')} AND status = 'supplement_requested'`)})::int AS waiting_supplement
           FROM dossiers WHERE agency_code = ANY($1::text[]) ${REGULAR}
             AND ((submitted_at >= $2 AND submitted_at < $3) OR (due_at >= $2 AND due_at < $3)
               OR (finished_at >= $2 AND finished_at < $3) OR (ended_at >= $2 AND ended_at < $3))
           GROUP BY 1`,
          [list, dayStart, asOf],
        )
      : [],
    countRows(db, list, period, IRREGULAR, false),
  ]);
  for (const r of sums) {
    const c = irregular.get(r.agency);
    if (!c) continue;
    const t = c.dossiers;
    const n = (v: number): number => Number(v);
    if (r.in_period) {
      t.new_total += n(r.received);
      t.online += n(r.online);
      t.direct += n(r.direct);
      t.postal += n(r.postal);
      t.resolved += n(r.resolved);
      t.late += n(r.late);
      t.on_time += n(r.on_time);
      t.withdrawn += n(r.withdrawn);
      t.not_accepted += n(r.not_accepted);
      c.ratings.total += n(r.rated);
      c.ratings.very += n(r.very);
      c.ratings.satisfied += n(r.satisfied);
      c.ratings.not_satisfied += n(r.not_satisfied);
    } else t.carried_over += n(r.received) - n(r.closed);
    if (r.before_as_of) {
      t.in_progress += n(r.received) - n(r.closed);
      t.overdue += n(r.overdue);
      t.waiting_supplement += n(r.waiting_supplement);
    }
  }
  for (const r of today) {
    const c = irregular.get(r.agency);
    if (!c) continue;
    c.dossiers.in_progress += Number(r.in_progress);
    c.dossiers.overdue += Number(r.overdue);
    c.dossiers.waiting_supplement += Number(r.waiting_supplement);
  }
  return irregular;
}

/**
 * The totals of many agencies at once (a province's communes), from the daily totals: the same figures as
 * {@link computeTotalsByAgencyFromRows} (no monthly series). Agencies without rows get zeros.
 */
export async function computeTotalsByAgency(
  db: Queryable,
  agencies: readonly string[],
  from: string,
  to: string,
  now: Date,
): Promise<Map<string, StatsTotals>> {
  const out = new Map<string, StatsTotals>();
  if (agencies.length === 0) return out;
  for (const [agency, c] of await countDaily(db, agencies, from, to, now)) out.set(agency, totalsFrom(c.dossiers, c.ratings));
  return out;
}

/** An agency's statistics with the monthly series, from the daily totals (the same figures as {@link computeStatsFromRows}). */
export async function computeStats(db: Queryable, agency: string, from: string, to: string, now: Date): Promise<ServiceStats> {
  const [counts, daily, irregular] = await Promise.all([
    countDaily(db, [agency], from, to, now),
    db.query<MonthRow>(
      `SELECT to_char(day, 'YYYY-MM') AS month, sum(received)::int AS received, sum(online)::int AS online,
         sum(resolved)::int AS resolved, sum(resolved_good)::int AS good, sum(rated)::int AS rated,
         sum(rated - not_satisfied)::int AS happy
       FROM stats_daily WHERE agency_code = $1 AND day >= $2::date AND day <= $3::date GROUP BY 1`,
      [agency, from, to],
    ),
    monthRows(db, [agency, ...periodParams(from, to, now).slice(0, 2)], IRREGULAR, false),
  ]);
  const c = counts.get(agency) ?? { dossiers: NO_DOSSIERS, ratings: NO_RATINGS };
  return { agency, from, to, ...totalsFrom(c.dossiers, c.ratings), months: monthsFrom(from, to, daily, irregular) };
}

/** The counters of the daily totals, for comparing them (rows whose counters are all zero are left out). */
const NON_ZERO_DAILY = `(received, online, direct, postal, closed, resolved, resolved_good, on_time, late, withdrawn, not_accepted,
  overdue_in, overdue_out, supplement_in, supplement_out, rated, very_satisfied, satisfied, not_satisfied)
  <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)`;

/**
 * Recomputes the daily totals from the dossiers and ratings rows (`motcua-server stats rebuild`), the source tables
 * locked against writes meanwhile. Returns the number of (agency, day) rows written and how many of them differed
 * before (0 when the triggers kept them exact, as they should).
 */
export async function rebuildDailyTotals(db: Db): Promise<{ rows: number; changed: number }> {
  return db.transaction(async (tx) => {
    await tx.exec(`CREATE TEMP TABLE stats_daily_before ON COMMIT DROP AS SELECT * FROM stats_daily WHERE ${NON_ZERO_DAILY}`);
    const [built] = await tx.query<{ n: number }>('SELECT stats_daily_rebuild()::int AS n');
    const [diff] = await tx.query<{ n: number }>(
      `SELECT count(DISTINCT (agency_code, day))::int AS n FROM (
         (SELECT * FROM stats_daily WHERE ${NON_ZERO_DAILY} EXCEPT SELECT * FROM stats_daily_before)
         UNION ALL (SELECT * FROM stats_daily_before EXCEPT SELECT * FROM stats_daily)) d`,
    );
    return { rows: Number(built?.n ?? 0), changed: Number(diff?.n ?? 0) };
  });
}
