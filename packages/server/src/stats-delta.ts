/**
 * The change of the daily statistics totals (`stats_daily`, migration 008) that a set of dossier writes makes, computed
 * in the process: the event ingest ({@link applyEvents} in dossier-sync.ts) adds it to the totals once per batch, in the
 * statement that writes the dossiers, instead of the statement triggers working through every written row (migration
 * 010). The moments are those of the SQL function `stats_dossier_days` (008), exactly: times are compared to the
 * microsecond as stored; a time this module cannot count exactly (`infinity`, a year BC, beyond 1697–2243…) makes
 * {@link statsInputOfRow} answer `undefined`, and the caller then leaves the batch to the triggers.
 * @module
 */

/** The counters of one dossier that the daily totals sum (the columns of `stats_daily`, in order). */
export const DOSSIER_COUNTERS = [
  'received',
  'online',
  'direct',
  'postal',
  'closed',
  'resolved',
  'resolved_good',
  'on_time',
  'late',
  'withdrawn',
  'not_accepted',
  'overdue_in',
  'overdue_out',
  'supplement_in',
  'supplement_out',
] as const;

type Counter = (typeof DOSSIER_COUNTERS)[number];
const INDEX = Object.fromEntries(DOSSIER_COUNTERS.map((c, i) => [c, i])) as Record<Counter, number>;

/** What the daily totals read from a dossier row; times in microseconds since 1970 (UTC), null when empty. */
export interface StatsInput {
  agency: string;
  status: string;
  channel: string;
  submitted: number | null;
  due: number | null;
  finished: number | null;
  ended: number | null;
}

const DAY_US = 86_400_000_000;
const VN_OFFSET_US = 7 * 3_600_000_000;

/** The Vietnam calendar day (UTC+7) of an instant, as a day number (days since 1970-01-01); `stats_vn_day`. */
const vnDay = (us: number): number => Math.floor((us + VN_OFFSET_US) / DAY_US);

const least = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));
const greatest = (...xs: Array<number | null>): number | null =>
  xs.reduce<number | null>((m, x) => (x === null ? m : m === null ? x : Math.max(m, x)), null);

/** The (day, counter, +1) moments of one dossier: `stats_dossier_days` of 008 (none for an irregular dossier). */
export function dossierMoments(d: StatsInput): Array<[day: number, counter: Counter]> {
  const { status, channel, submitted: s, due, finished: f, ended: e } = d;
  const closedAt = least(f, e);
  if (closedAt !== null && s !== null && closedAt < s) return [];
  const out: Array<[number, Counter]> = [];
  const supplement = status === 'supplement_requested';
  if (s !== null) {
    const day = vnDay(s);
    out.push([day, 'received']);
    if (channel === 'online' || channel === 'direct' || channel === 'postal') out.push([day, channel]);
    if (supplement) out.push([day, 'supplement_in']);
  }
  if (closedAt !== null) {
    const day = vnDay(closedAt);
    out.push([day, 'closed']);
    if (supplement) out.push([day, 'supplement_out']);
  }
  if (f !== null) {
    const day = vnDay(f);
    out.push([day, 'resolved']);
    if (due !== null && f <= due) {
      out.push([day, 'resolved_good']);
      if (day === vnDay(due)) out.push([day, 'on_time']);
    }
    if (due !== null && f > due) out.push([day, 'late']);
  }
  if ((status === 'withdrawn' || status === 'not_accepted') && e !== null) out.push([vnDay(e), status]);
  if (!supplement && due !== null) {
    out.push([vnDay(greatest(s, due) as number), 'overdue_in']);
    if (closedAt !== null) out.push([vnDay(greatest(s, due, closedAt) as number), 'overdue_out']);
  }
  return out;
}

/** The change of the daily totals: per agency and day, the counters added (negative: taken away). */
export class StatsDelta {
  private readonly rows = new Map<string, { agency: string; day: number; counters: number[] }>();

  /** Adds (`sign` 1) or takes away (`sign` -1) one dossier's moments. */
  add(d: StatsInput, sign: 1 | -1): void {
    for (const [day, counter] of dossierMoments(d)) {
      const key = `${d.agency}\u0000${day}`;
      let row = this.rows.get(key);
      if (!row) this.rows.set(key, (row = { agency: d.agency, day, counters: DOSSIER_COUNTERS.map(() => 0) }));
      row.counters[INDEX[counter]] = (row.counters[INDEX[counter]] as number) + sign;
    }
  }

  /**
   * The rows that change, in (agency, day) order (the order every writer of the totals takes their row locks in), as
   * objects with the `stats_daily` column names.
   */
  rowsToWrite(): Array<Record<string, string | number>> {
    return [...this.rows.values()]
      .filter((r) => r.counters.some((c) => c !== 0))
      .sort((a, b) => (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : a.day - b.day))
      .map((r) => ({
        agency_code: r.agency,
        day: new Date(r.day * 86_400_000).toISOString().slice(0, 10),
        ...Object.fromEntries(DOSSIER_COUNTERS.map((c, i) => [c, r.counters[i] as number])),
      }));
  }
}

/** SQL: adds the rows of {@link StatsDelta.rowsToWrite} (a JSON array in parameter `$n`) to the daily totals. */
export const addStatsDeltaSql = (n: number): string => `INSERT INTO stats_daily AS t (agency_code, day, ${DOSSIER_COUNTERS.join(', ')})
  SELECT agency_code, day, ${DOSSIER_COUNTERS.join(', ')}
  FROM jsonb_to_recordset($${n}::jsonb) AS x(agency_code text, day date, ${DOSSIER_COUNTERS.map((c) => `${c} integer`).join(', ')})
  ORDER BY agency_code, day
  ON CONFLICT (agency_code, day) DO UPDATE SET ${DOSSIER_COUNTERS.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')}`;

/** SQL (a value to select in the transaction's writing statement): marks the transaction as keeping the dossiers' daily totals itself. */
export const STATS_BY_CALLER_SQL = `set_config('motcua.stats_daily_by_caller', 'on', true)`;

/**
 * Whether an instant (milliseconds) is one whose microseconds a number holds exactly (±273 years around 1970, 1697–2243);
 * others are left to the triggers.
 */
const inRange = (ms: number): boolean => Math.abs(ms) <= 8.64e12;

/** A timestamptz as PostgreSQL writes it in JSON: ISO 8601, up to microseconds, with the session's offset. */
const PG_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.(\d{1,6}))?(?:[+-]\d\d:\d\d|Z)$/;

/**
 * Microseconds since 1970 of a timestamptz as PostgreSQL writes it in JSON (`2026-10-15T08:00:00.123456+07:00`);
 * null for null; undefined when the text is anything else (`infinity`, a year BC, an offset in seconds…).
 */
export function microsOf(value: unknown): number | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') return undefined;
  const m = PG_TIME.exec(value);
  if (!m) return undefined;
  // Date.parse keeps the first three digits of the fraction (milliseconds); the microseconds are added.
  const ms = Date.parse(value);
  if (!inRange(ms)) return undefined;
  const fraction = m[1] ?? '';
  return ms * 1000 + (fraction.length > 3 ? Number(fraction.slice(3).padEnd(3, '0')) : 0);
}

/**
 * The statistics input of a dossier row read as JSON (before its times are turned into dates, which keep only
 * milliseconds); undefined when a time cannot be read exactly.
 */
export function statsInputOfRow(row: Record<string, unknown>): StatsInput | undefined {
  const submitted = microsOf(row.submitted_at);
  const due = microsOf(row.due_at);
  const finished = microsOf(row.finished_at);
  const ended = microsOf(row.ended_at);
  if (submitted === undefined || due === undefined || finished === undefined || ended === undefined) return undefined;
  return { agency: String(row.agency_code), status: String(row.status), channel: String(row.channel), submitted, due, finished, ended };
}

/**
 * The statistics input of a dossier state about to be written (its dates are written to the millisecond); undefined
 * when a date is beyond the range counted exactly here.
 */
export function statsInputOfState(state: {
  agency_code: string;
  status: string;
  channel: string;
  submitted_at: Date | null;
  due_at: Date | null;
  finished_at: Date | null;
  ended_at: Date | null;
}): StatsInput | undefined {
  // A date written through JSON: an invalid one is written as null.
  const us = (d: Date | null): number | null | undefined =>
    d === null || Number.isNaN(d.getTime()) ? null : inRange(d.getTime()) ? d.getTime() * 1000 : undefined;
  const submitted = us(state.submitted_at);
  const due = us(state.due_at);
  const finished = us(state.finished_at);
  const ended = us(state.ended_at);
  if (submitted === undefined || due === undefined || finished === undefined || ended === undefined) return undefined;
  return { agency: state.agency_code, status: state.status, channel: state.channel, submitted, due, finished, ended };
}
