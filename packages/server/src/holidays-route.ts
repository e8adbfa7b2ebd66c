/** The body of `GET /api/v1/holidays?year=`: one year of the holiday calendar the server counts due dates with. @module */
import type { HolidayYear } from '@motcua/sdk/schemas';
import type { HolidayCalendar, HolidayData, HolidayEntry } from './working-hours.js';

/** The days off and make-up working days of `year`; a calendar without entries (built in code) lists bare dates. */
export function holidayYear(calendar: HolidayCalendar & Partial<HolidayData>, year: number): HolidayYear {
  const prefix = `${year}-`;
  const bare = (dates: ReadonlySet<string>): HolidayEntry[] => [...dates].sort().map((date) => ({ date, name: '', source: '' }));
  const pick = (entries: readonly HolidayEntry[] | undefined, dates: ReadonlySet<string>): HolidayYear['holidays'] =>
    (entries ?? bare(dates))
      .filter((e) => e.date.startsWith(prefix))
      .map((e) => ({ date: e.date, name: e.name, source: e.source, ...(e.provisional ? { provisional: true } : {}) }));
  const holidays = pick(calendar.entries?.holidays, calendar.holidays);
  const workdays = pick(calendar.entries?.workdays, calendar.workdays);
  // A year the file does not cover at all is provisional too: only weekends are known.
  const covered = holidays.length > 0 || workdays.length > 0;
  return { year, provisional: !covered || (calendar.provisionalYears?.has(year) ?? false), holidays, workdays };
}
