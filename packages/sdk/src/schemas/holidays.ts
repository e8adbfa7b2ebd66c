import * as z from 'zod/mini';
import { DateOnly } from './common.js';

/**
 * A year the holiday calendar answers for (bounded: a wider range is refused with 400).
 * @example
 * ```ts
 * HolidayQuery.parse({ year: 2026 });
 * ```
 */
export const HolidayQuery = z.object({ year: z.number().check(z.int(), z.gte(2020), z.lte(2035)) });
/**
 * The value {@link HolidayQuery} describes (what parsing with it returns).
 * @example
 * ```ts
 * const query: HolidayQuery = { year: 2026 };
 * ```
 */
export type HolidayQuery = z.infer<typeof HolidayQuery>;

/**
 * One day off or make-up working day, with the notice it comes from.
 * @example
 * ```ts
 * HolidayEntry.parse({ date: '2026-01-02', name: 'Nghỉ hoán đổi', source: '12729/VPCP-KGVX, 25 Dec 2025' });
 * ```
 */
export const HolidayEntry = z.object({
  date: DateOnly,
  name: z.string().check(z.maxLength(500)),
  /** The notice (document number and date) or the Labour Code rule; `not yet confirmed: …` when unchecked. */
  source: z.string().check(z.maxLength(500)),
  /** True when the year's schedule is not yet announced or the entry is not yet confirmed. */
  provisional: z.optional(z.boolean()),
});
/**
 * The value {@link HolidayEntry} describes (what parsing with it returns).
 * @example
 * ```ts
 * const entry: HolidayEntry = HolidayEntry.parse(json);
 * ```
 */
export type HolidayEntry = z.infer<typeof HolidayEntry>;

/**
 * The working-day calendar of a year: days off besides weekends (`holidays`) and weekend days that are working days
 * because of a swap (`workdays`). `provisional` when the year's schedule is not yet announced.
 * @example
 * ```ts
 * const year = HolidayYear.parse(json);
 * holidayCalendar(year.holidays.map((h) => h.date), year.workdays.map((w) => w.date));
 * ```
 */
export const HolidayYear = z.object({
  year: z.number().check(z.int()),
  provisional: z.boolean(),
  holidays: z.array(HolidayEntry).check(z.maxLength(366)),
  workdays: z.array(HolidayEntry).check(z.maxLength(366)),
});
/**
 * The value {@link HolidayYear} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: HolidayYear = HolidayYear.parse(json);
 * ```
 */
export type HolidayYear = z.infer<typeof HolidayYear>;
