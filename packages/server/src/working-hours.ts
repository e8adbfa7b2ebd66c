/**
 * The legal due-date rule of one-stop centres. The arithmetic lives in `@motcua/sdk/calendar` so the server and the
 * widgets count the same working days; this module re-exports it and loads the holiday calendar files.
 * @module
 */
import { readFileSync } from 'node:fs';
import { type HolidayCalendar, isIsoDate } from '@motcua/sdk/calendar';

export {
  addDays,
  addWorkingHours,
  dueDate,
  type Duration,
  EMPTY_CALENDAR,
  formatVn,
  type HolidayCalendar,
  HOURS_PER_WORKING_DAY,
  isWorkingDay,
  vnDate,
  VN_OFFSET_MS,
  vnTime,
  WORKING_PERIODS,
  workingDaysBetween,
  workingHoursBetween,
} from '@motcua/sdk/calendar';

/** One dated entry of a holiday file: a day off or a make-up working day, with the notice it comes from. */
export interface HolidayEntry {
  date: string;
  name: string;
  source: string;
  /** The day follows from the law but the year's schedule is not yet announced (or the entry is not yet confirmed). */
  provisional?: boolean;
}

/** A parsed holiday file: the calendar plus its entries (for `/api/v1/holidays`). */
export interface HolidayData extends HolidayCalendar {
  readonly entries: { readonly holidays: readonly HolidayEntry[]; readonly workdays: readonly HolidayEntry[] };
  /** Years whose schedule is not yet announced (`"provisional": true` in the file's `years`). */
  readonly provisionalYears: ReadonlySet<number>;
}

interface HolidayFile {
  holidays?: unknown;
  workdays?: unknown;
  years?: unknown;
}

const MAX_TEXT = 500;

/**
 * Builds a calendar from the JSON format of `seed/holidays.json`: `{ years?: {"2027": {provisional: true}},
 * holidays: [{date, name, source, provisional?}], workdays: [...] }`. Throws on a malformed file.
 */
export function parseHolidayCalendar(json: unknown): HolidayData {
  if (typeof json !== 'object' || json === null) throw new Error('holiday calendar: expected an object');
  const file = json as HolidayFile;
  const years = new Set<number>();
  if (file.years !== undefined) {
    if (typeof file.years !== 'object' || file.years === null || Array.isArray(file.years))
      throw new Error('holiday calendar: "years" must be an object keyed by year');
    for (const [year, info] of Object.entries(file.years)) {
      if (!/^\d{4}$/.test(year)) throw new Error(`holiday calendar: years.${year} is not a year`);
      if (typeof info === 'object' && info !== null && (info as { provisional?: unknown }).provisional === true) years.add(Number(year));
    }
  }
  const entries = (list: unknown, what: string): HolidayEntry[] => {
    if (list === undefined) return [];
    if (!Array.isArray(list)) throw new Error(`holiday calendar: "${what}" must be an array`);
    return list.map((raw: unknown, i) => {
      const entry = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      const { date, name, source, provisional } = entry;
      if (!isIsoDate(date)) throw new Error(`holiday calendar: ${what}[${i}].date must be YYYY-MM-DD`);
      const text = (value: unknown, field: string): string => {
        if (value === undefined) return '';
        if (typeof value !== 'string' || value.length > MAX_TEXT)
          throw new Error(`holiday calendar: ${what}[${i}].${field} must be a string of at most ${MAX_TEXT} characters`);
        return value;
      };
      const out: HolidayEntry = { date, name: text(name, 'name'), source: text(source, 'source') };
      if (provisional === true || years.has(Number(date.slice(0, 4)))) out.provisional = true;
      return out;
    });
  };
  const holidays = entries(file.holidays, 'holidays');
  const workdays = entries(file.workdays, 'workdays');
  return {
    holidays: new Set(holidays.map((e) => e.date)),
    workdays: new Set(workdays.map((e) => e.date)),
    entries: { holidays, workdays },
    provisionalYears: years,
  };
}

/**
 * Merges a province's own calendar into the national one: its days off and make-up working days are added, and a
 * date it lists as a working day is no longer a day off (and the other way round).
 */
export function mergeHolidayCalendars(base: HolidayData, extra: HolidayData): HolidayData {
  const extraOff = new Set(extra.entries.holidays.map((e) => e.date));
  const extraWork = new Set(extra.entries.workdays.map((e) => e.date));
  const holidays = [...base.entries.holidays.filter((e) => !extraWork.has(e.date) && !extraOff.has(e.date)), ...extra.entries.holidays];
  const workdays = [...base.entries.workdays.filter((e) => !extraOff.has(e.date) && !extraWork.has(e.date)), ...extra.entries.workdays];
  const byDate = (a: HolidayEntry, b: HolidayEntry): number => a.date.localeCompare(b.date);
  holidays.sort(byDate);
  workdays.sort(byDate);
  return {
    holidays: new Set(holidays.map((e) => e.date)),
    workdays: new Set(workdays.map((e) => e.date)),
    entries: { holidays, workdays },
    provisionalYears: new Set([...base.provisionalYears, ...extra.provisionalYears]),
  };
}

/** Loads a holiday file, and merges a province's extra file into it when `extraPath` is given. */
export function loadHolidayCalendar(path: string, extraPath?: string): HolidayData {
  const base = parseHolidayCalendar(JSON.parse(readFileSync(path, 'utf8')));
  if (!extraPath) return base;
  return mergeHolidayCalendars(base, parseHolidayCalendar(JSON.parse(readFileSync(extraPath, 'utf8'))));
}
