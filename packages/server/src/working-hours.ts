/**
 * The legal due-date rule of one-stop centres: processing time is counted in working hours
 * (07:00–11:30 and 13:30–17:00, 8 h = 1 working day), weekends and public holidays are skipped,
 * a dossier received after 17:00 counts from the next working morning. All wall-clock times are
 * Vietnam time (UTC+07:00, no daylight saving).
 * @module
 */
import { readFileSync } from 'node:fs';

export const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
const MINUTE = 60_000;
/** Working periods of a day, in ms after local midnight. */
export const WORKING_PERIODS: ReadonlyArray<readonly [number, number]> = [
  [7 * 60 * MINUTE, (11 * 60 + 30) * MINUTE],
  [(13 * 60 + 30) * MINUTE, 17 * 60 * MINUTE],
];
export const HOURS_PER_WORKING_DAY = 8;

export interface HolidayCalendar {
  /** Days off (YYYY-MM-DD) besides weekends. */
  readonly holidays: ReadonlySet<string>;
  /** Weekend days that are working days because of a swap (YYYY-MM-DD). */
  readonly workdays: ReadonlySet<string>;
}

interface HolidayFile {
  holidays?: Array<{ date?: unknown }>;
  workdays?: Array<{ date?: unknown }>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Builds a calendar from the JSON format of `seed/holidays.json`. Throws on a malformed file. */
export function parseHolidayCalendar(json: unknown): HolidayCalendar {
  if (typeof json !== 'object' || json === null) throw new Error('holiday calendar: expected an object');
  const file = json as HolidayFile;
  const dates = (list: HolidayFile['holidays'], what: string): Set<string> => {
    if (list === undefined) return new Set();
    if (!Array.isArray(list)) throw new Error(`holiday calendar: "${what}" must be an array`);
    return new Set(
      list.map((entry, i) => {
        const date = entry?.date;
        if (typeof date !== 'string' || !ISO_DATE.test(date) || Number.isNaN(Date.parse(date)))
          throw new Error(`holiday calendar: ${what}[${i}].date must be YYYY-MM-DD`);
        return date;
      }),
    );
  };
  return { holidays: dates(file.holidays, 'holidays'), workdays: dates(file.workdays, 'workdays') };
}

export function loadHolidayCalendar(path: string): HolidayCalendar {
  return parseHolidayCalendar(JSON.parse(readFileSync(path, 'utf8')));
}

export const EMPTY_CALENDAR: HolidayCalendar = { holidays: new Set(), workdays: new Set() };

/** Local (Vietnam) day number since 1970-01-01 of an instant. */
function localDay(instant: number): number {
  return Math.floor((instant + VN_OFFSET_MS) / DAY_MS);
}

function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local day number. */
function weekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Whether a calendar date (YYYY-MM-DD) is a working day. */
export function isWorkingDay(date: string, calendar: HolidayCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const day = Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
  return weekday(day) <= 5;
}

const memo = new WeakMap<HolidayCalendar, Map<number, boolean>>();

function isWorkingDayNumber(day: number, calendar: HolidayCalendar): boolean {
  let days = memo.get(calendar);
  if (!days) memo.set(calendar, (days = new Map()));
  let working = days.get(day);
  if (working === undefined) {
    const iso = dayToIso(day);
    working = calendar.workdays.has(iso) || (!calendar.holidays.has(iso) && weekday(day) <= 5);
    days.set(day, working);
  }
  return working;
}

/**
 * The instant `hours` working hours after `start`. A start outside working hours counts from the next
 * working period. When the hours end exactly at the end of a period (11:30 or 17:00), that end is the result.
 */
export function addWorkingHours(start: Date, hours: number, calendar: HolidayCalendar): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError('hours must be a finite number ≥ 0');
  let remaining = Math.round(hours * 60) * MINUTE;
  if (remaining === 0) return new Date(start.getTime());
  let day = localDay(start.getTime());
  let t = start.getTime() + VN_OFFSET_MS - day * DAY_MS;
  for (let guard = 0; guard < 100_000; guard++) {
    if (isWorkingDayNumber(day, calendar)) {
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
export function workingHoursBetween(from: Date, to: Date, calendar: HolidayCalendar): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  let total = 0;
  for (let day = localDay(a); day <= localDay(b); day++) {
    if (!isWorkingDayNumber(day, calendar)) continue;
    for (const [p, q] of WORKING_PERIODS) {
      const start = Math.max(a, day * DAY_MS + p - VN_OFFSET_MS);
      const end = Math.min(b, day * DAY_MS + q - VN_OFFSET_MS);
      if (end > start) total += end - start;
    }
  }
  return total / 3_600_000;
}

/**
 * Legal due date of a dossier received at `receivedAt` for a processing time, with the time spent
 * waiting for supplements (`pauses`) added back.
 */
export function dueDate(
  receivedAt: Date,
  time: { value: number; unit: string },
  calendar: HolidayCalendar,
  pauses: ReadonlyArray<readonly [Date, Date]> = [],
): Date {
  const paused = pauses.reduce((sum, [a, b]) => sum + workingHoursBetween(a, b, calendar), 0);
  switch (time.unit) {
    case 'hour':
      return addWorkingHours(receivedAt, time.value + paused, calendar);
    case 'day':
    case 'month': {
      // Calendar days (months as 30 days); a result on a day off moves to the end of the next working day.
      const days = time.unit === 'day' ? time.value : time.value * 30;
      let end = new Date(receivedAt.getTime() + days * DAY_MS);
      let day = localDay(end.getTime());
      while (!isWorkingDayNumber(day, calendar)) day++;
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
