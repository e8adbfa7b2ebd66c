/**
 * Working-day arithmetic for due dates (ngày hẹn trả), in the centre's time zone.
 *
 * Saturdays and Sundays are skipped. Public holidays are data a deployment updates each year (Tết moves,
 * the government swaps days), so they are passed in as ISO dates (`2026-02-17`) — when the server does not
 * provide them, only weekends are skipped and the widget says so.
 */

/** The time zone of Vietnamese service centres. */
export const CENTRE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Vietnam's offset from UTC: +7 hours all year (no daylight saving since 1975). */
const CENTRE_OFFSET_MS = 7 * 3_600_000;

/** The calendar date (`YYYY-MM-DD`) of `instant` in the centre's time zone. */
export function calendarDate(instant: Date): string {
  return new Date(instant.getTime() + CENTRE_OFFSET_MS).toISOString().slice(0, 10);
}

function toUtcDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000;
}

function isWorkingDay(utcDay: number, holidays: ReadonlySet<string>): boolean {
  const date = new Date(utcDay * 86_400_000);
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !holidays.has(date.toISOString().slice(0, 10));
}

/**
 * Counts the working days after `from` up to and including `to` (calendar dates `YYYY-MM-DD`).
 * Negative when `to` is before `from` (then it counts the working days after `to` up to and including `from`).
 */
export function workingDaysBetween(from: string, to: string, holidays: ReadonlySet<string> = new Set()): number {
  const a = toUtcDay(from);
  const b = toUtcDay(to);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let day = lo + 1; day <= hi; day++) if (isWorkingDay(day, holidays)) count++;
  return count * sign;
}

/** Where a dossier stands against its legal due date. */
export type DueState =
  | { kind: 'due'; workingDays: number } // due in N working days (0 = due today)
  | { kind: 'overdue'; workingDays: number } // past the due date by N working days (at least 1 calendar day late)
  | { kind: 'none' }; // no due date yet (not received)

/**
 * Compares the due date with `now`, both as calendar dates in the centre's time zone.
 * A dossier due today is `{kind: 'due', workingDays: 0}`; due yesterday (a Friday, seen on Monday) is overdue by 1.
 */
export function dueState(dueAt: string | null, now: Date, holidays: ReadonlySet<string> = new Set()): DueState {
  if (!dueAt) return { kind: 'none' };
  const due = calendarDate(new Date(dueAt));
  const today = calendarDate(now);
  if (due >= today) return { kind: 'due', workingDays: workingDaysBetween(today, due, holidays) };
  return { kind: 'overdue', workingDays: Math.max(1, workingDaysBetween(due, today, holidays)) };
}
