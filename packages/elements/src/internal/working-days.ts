/**
 * Working-day arithmetic for due dates (ngày hẹn trả), in the centre's time zone: the SDK's calendar module
 * (`@motcua/sdk/calendar`), the same code the server computes due dates with. Weekends are skipped, public holidays
 * and make-up working days (a Saturday made a working day by a swap) come as data — when the page provides none, only
 * weekends are skipped and the widget says so.
 */
import {
  dueState as sdkDueState,
  type DueState,
  EMPTY_CALENDAR,
  type HolidayCalendar,
  vnDate,
  workingDaysBetween as sdkWorkingDaysBetween,
} from '@motcua/sdk/calendar';

export { CENTRE_TIME_ZONE, type DueState, type HolidayCalendar, holidayCalendar } from '@motcua/sdk/calendar';

/** The calendar date (`YYYY-MM-DD`) of `instant` in the centre's time zone. */
export const calendarDate: (instant: Date) => string = vnDate;

const NO_DAYS: ReadonlySet<string> = new Set();

/** A calendar from either a full calendar or a bare set of holidays (the older form, no make-up working days). */
function toCalendar(days: HolidayCalendar | ReadonlySet<string> | undefined): HolidayCalendar {
  if (!days) return EMPTY_CALENDAR;
  return 'workdays' in days ? days : { holidays: days, workdays: NO_DAYS };
}

/**
 * Counts the working days after `from` up to and including `to` (calendar dates `YYYY-MM-DD`).
 * Negative when `to` is before `from`.
 */
export function workingDaysBetween(from: string, to: string, days?: HolidayCalendar | ReadonlySet<string>): number {
  return sdkWorkingDaysBetween(from, to, toCalendar(days));
}

/** Compares the due date with `now`, both as calendar dates in the centre's time zone (see `@motcua/sdk/calendar`). */
export function dueState(dueAt: string | null, now: Date, days?: HolidayCalendar | ReadonlySet<string>): DueState {
  return sdkDueState(dueAt, now, toCalendar(days));
}
