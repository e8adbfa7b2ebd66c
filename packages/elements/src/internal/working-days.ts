/**
 * Working-day arithmetic for due dates (ngày hẹn trả), in the centre's time zone: the SDK's calendar module
 * (`@motcua/sdk/calendar`), the same code the server computes due dates with. Weekends are skipped; public holidays
 * and make-up working days (a Saturday made a working day by a swap) come as data, a `HolidayCalendar`
 * (`holidayCalendar(holidays, workdays)`) — when the page provides none, only weekends are skipped and the widget says so.
 */
export {
  CENTRE_TIME_ZONE,
  type DueState,
  dueState,
  type HolidayCalendar,
  holidayCalendar,
  /** The calendar date (`YYYY-MM-DD`) of an instant in the centre's time zone. */
  vnDate as calendarDate,
  workingDaysBetween,
} from '@motcua/sdk/calendar';
