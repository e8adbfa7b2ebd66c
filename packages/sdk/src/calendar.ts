/**
 * The working-day calendar of Vietnamese one-stop centres, shared by the server and the widgets so both count the
 * same days. Processing time is counted in working hours (07:00–11:30 and 13:30–17:00, 8 h = 1 working day);
 * weekends and public holidays are skipped, a weekend day made a working day by a government swap (e.g. Saturday
 * 10 January 2026) counts; a dossier received after 17:00 counts from the next working morning. All wall-clock
 * times are Vietnam time (UTC+07:00, no daylight saving). No dependencies: widgets import it.
 * @module
 */

/** Vietnam's offset from UTC: +7 hours all year (no daylight saving since 1975). */
export const VN_OFFSET_MS = 7 * 3_600_000;
/** The time zone of Vietnamese service centres. */
export const CENTRE_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const DAY_MS = 86_400_000;
const MINUTE = 60_000;
/** Working periods of a day, in ms after local midnight. */
export const WORKING_PERIODS: ReadonlyArray<readonly [number, number]> = [
  [7 * 60 * MINUTE, (11 * 60 + 30) * MINUTE],
  [(13 * 60 + 30) * MINUTE, 17 * 60 * MINUTE],
];
export const HOURS_PER_WORKING_DAY = 8;

/** Days off and make-up working days, as `YYYY-MM-DD` dates in Vietnam. */
export interface HolidayCalendar {
  /** Days off (YYYY-MM-DD) besides weekends: holidays, compensatory and swapped days off. */
  readonly holidays: ReadonlySet<string>;
  /** Weekend days that are working days because of a swap (YYYY-MM-DD). */
  readonly workdays: ReadonlySet<string>;
}

export const EMPTY_CALENDAR: HolidayCalendar = { holidays: new Set(), workdays: new Set() };

/**
 * A calendar from lists of `YYYY-MM-DD` dates (e.g. the `/api/v1/holidays` answer). A string that is not such a date
 * matches no day, so it changes nothing.
 */
export function holidayCalendar(holidays: Iterable<string> = [], workdays: Iterable<string> = []): HolidayCalendar {
  return { holidays: new Set(holidays), workdays: new Set(workdays) };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `date` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(date: unknown): date is string {
  if (typeof date !== 'string' || !ISO_DATE.test(date)) return false;
  const t = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === date;
}

/** Local (Vietnam) day number since 1970-01-01 of an instant. */
function localDay(instant: number): number {
  return Math.floor((instant + VN_OFFSET_MS) / DAY_MS);
}

function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function isoToDay(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number. */
function weekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function workingDayNumber(day: number, calendar: HolidayCalendar): boolean {
  const iso = dayToIso(day);
  return calendar.workdays.has(iso) || (!calendar.holidays.has(iso) && weekday(day) <= 5);
}

// The due-date arithmetic asks about the same days again and again (the server computes thousands of due dates):
// it remembers the answers per calendar. Date counting in the widgets uses the plain test above.
const memo = new WeakMap<HolidayCalendar, Map<number, boolean>>();

function workingDayMemo(day: number, calendar: HolidayCalendar): boolean {
  let days = memo.get(calendar);
  if (!days) memo.set(calendar, (days = new Map()));
  let working = days.get(day);
  if (working === undefined) days.set(day, (working = workingDayNumber(day, calendar)));
  return working;
}

/** Whether a calendar date (YYYY-MM-DD) is a working day. */
export function isWorkingDay(date: string, calendar: HolidayCalendar = EMPTY_CALENDAR): boolean {
  return workingDayNumber(isoToDay(date), calendar);
}

/**
 * The instant `hours` working hours after `start`. A start outside working hours counts from the next
 * working period. When the hours end exactly at the end of a period (11:30 or 17:00), that end is the result.
 */
export function addWorkingHours(start: Date, hours: number, calendar: HolidayCalendar = EMPTY_CALENDAR): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError('hours must be a finite number ≥ 0');
  let remaining = Math.round(hours * 60) * MINUTE;
  if (remaining === 0) return new Date(start.getTime());
  let day = localDay(start.getTime());
  let t = start.getTime() + VN_OFFSET_MS - day * DAY_MS;
  for (let guard = 0; guard < 100_000; guard++) {
    if (workingDayMemo(day, calendar)) {
      for (const [from, to] of WORKING_PERIODS) {
        if (t >= to) continue;
        const begin = Math.max(t, from);
        const available = to - begin;
        if (remaining <= available) return new Date(day * DAY_MS + begin + remaining - VN_OFFSET_MS);
        remaining -= available;
        t = to;
      }
    }
    day++;
    t = 0;
  }
  throw new RangeError('working-hours calculation did not converge');
}

/** Working hours between two instants (0 when `to` ≤ `from`). */
export function workingHoursBetween(from: Date, to: Date, calendar: HolidayCalendar = EMPTY_CALENDAR): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  let total = 0;
  for (let day = localDay(a); day <= localDay(b); day++) {
    if (!workingDayMemo(day, calendar)) continue;
    for (const [p, q] of WORKING_PERIODS) {
      const start = Math.max(a, day * DAY_MS + p - VN_OFFSET_MS);
      const end = Math.min(b, day * DAY_MS + q - VN_OFFSET_MS);
      if (end > start) total += end - start;
    }
  }
  return total / 3_600_000;
}

/** A processing time with its unit: `working_day` (ngày làm việc), `day` (calendar days), `hour`, `month`. */
export interface Duration {
  value: number;
  unit: string;
}

/**
 * Legal due date of a dossier received at `receivedAt` for a processing time, with the time spent
 * waiting for supplements (`pauses`) added back. `working_day` (and any unit not listed) counts working hours,
 * 8 per day; `hour` counts working hours; `day` and `month` (30 days) count calendar days, and a result on a day
 * off moves to 17:00 of the next working day.
 */
export function dueDate(
  receivedAt: Date,
  time: Duration,
  calendar: HolidayCalendar = EMPTY_CALENDAR,
  pauses: ReadonlyArray<readonly [Date, Date]> = [],
): Date {
  const paused = pauses.reduce((sum, [a, b]) => sum + workingHoursBetween(a, b, calendar), 0);
  switch (time.unit) {
    case 'hour':
      return addWorkingHours(receivedAt, time.value + paused, calendar);
    case 'day':
    case 'month': {
      const days = time.unit === 'day' ? time.value : time.value * 30;
      let end = new Date(receivedAt.getTime() + days * DAY_MS);
      let day = localDay(end.getTime());
      while (!workingDayMemo(day, calendar)) day++;
      if (day !== localDay(end.getTime())) end = new Date(day * DAY_MS + 17 * 60 * MINUTE - VN_OFFSET_MS);
      return paused > 0 ? addWorkingHours(end, paused, calendar) : end;
    }
    default:
      return addWorkingHours(receivedAt, time.value * HOURS_PER_WORKING_DAY + paused, calendar);
  }
}

/** `2026-10-27T08:15:00+07:00`: an instant as Vietnam wall-clock time. */
export function formatVn(instant: Date): string {
  const local = new Date(instant.getTime() + VN_OFFSET_MS).toISOString();
  return `${local.slice(0, 19)}+07:00`;
}

/** The Vietnam calendar date (YYYY-MM-DD) of an instant. */
export function vnDate(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of a Vietnam wall-clock time on a date, e.g. `vnTime('2026-10-27', 8, 15)`. */
export function vnTime(date: string, hours = 0, minutes = 0): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + (hours * 60 + minutes) * MINUTE - VN_OFFSET_MS);
}

/** Adds calendar days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Counts the working days after `from` up to and including `to` (calendar dates `YYYY-MM-DD`).
 * Negative when `to` is before `from` (then it counts the working days after `to` up to and including `from`).
 */
export function workingDaysBetween(from: string, to: string, calendar: HolidayCalendar = EMPTY_CALENDAR): number {
  const a = isoToDay(from);
  const b = isoToDay(to);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let day = lo + 1; day <= hi; day++) if (workingDayNumber(day, calendar)) count++;
  return count * sign;
}

/** Where a dossier stands against its legal due date. */
export type DueState =
  | { kind: 'due'; workingDays: number } // due in N working days (0 = due today)
  | { kind: 'overdue'; workingDays: number } // past the due date by N working days (at least 1 calendar day late)
  | { kind: 'none' }; // no due date yet (not received)

/**
 * Compares the due date with `now`, both as calendar dates in Vietnam.
 * A dossier due today is `{kind: 'due', workingDays: 0}`; due yesterday (a Friday, seen on Monday) is overdue by 1.
 */
export function dueState(dueAt: string | null, now: Date, calendar: HolidayCalendar = EMPTY_CALENDAR): DueState {
  if (!dueAt) return { kind: 'none' };
  const due = vnDate(new Date(dueAt));
  const today = vnDate(now);
  if (due >= today) return { kind: 'due', workingDays: workingDaysBetween(today, due, calendar) };
  return { kind: 'overdue', workingDays: Math.max(1, workingDaysBetween(due, today, calendar)) };
}
