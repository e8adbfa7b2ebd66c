import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sdkCalendar from '@motcua/sdk/calendar';
import { DEFAULT_HOLIDAYS_FILE } from './config.js';
import * as serverCalendar from './working-hours.js';
import {
  addWorkingHours,
  dueDate,
  formatVn,
  isWorkingDay,
  loadHolidayCalendar,
  parseHolidayCalendar,
  vnDate,
  workingDaysBetween,
  workingHoursBetween,
  addDays,
} from './working-hours.js';

const cal = loadHolidayCalendar(DEFAULT_HOLIDAYS_FILE);
const at = (local: string): Date => new Date(`${local}+07:00`);
const add = (local: string, hours: number): string => formatVn(addWorkingHours(at(local), hours, cal)).slice(0, 16);

describe('working hours: 07:00–11:30 and 13:30–17:00, 8 h a day', () => {
  it('a full working day from 07:00 ends at 17:00 the same day', () => {
    assert.equal(add('2026-10-12T07:00:00', 8), '2026-10-12T17:00');
  });
  it('skips the lunch break', () => {
    assert.equal(add('2026-10-12T10:00:00', 2), '2026-10-12T14:00');
    assert.equal(add('2026-10-12T11:30:00', 1), '2026-10-12T14:30');
    assert.equal(add('2026-10-12T12:15:00', 1), '2026-10-12T14:30');
    assert.equal(add('2026-10-12T07:00:00', 4.5), '2026-10-12T11:30');
  });
  it('carries over to the next working morning', () => {
    assert.equal(add('2026-10-12T16:00:00', 8), '2026-10-13T16:00');
  });
  it('a dossier received after 17:00 counts from the next working morning', () => {
    assert.equal(add('2026-10-12T17:30:00', 8), '2026-10-13T17:00');
    assert.equal(add('2026-10-12T17:00:00', 1), '2026-10-13T08:00');
    assert.equal(add('2026-10-12T22:45:00', 4.5), '2026-10-13T11:30');
  });
  it('a dossier received before 07:00 counts from 07:00', () => {
    assert.equal(add('2026-10-12T06:10:00', 1), '2026-10-12T08:00');
  });
  it('skips weekends', () => {
    assert.equal(add('2026-10-16T15:00:00', 8), '2026-10-19T15:00'); // Friday → Monday
    assert.equal(add('2026-10-17T09:00:00', 1), '2026-10-19T08:00'); // Saturday → Monday morning
    assert.equal(add('2026-10-18T20:00:00', 16), '2026-10-20T17:00'); // Sunday evening, 2 days
  });
  it('skips public holidays (2 September and its adjacent day)', () => {
    assert.equal(add('2026-08-31T16:00:00', 8), '2026-09-03T16:00');
  });
  it('skips the five days of Tết 2026 (Lunar New Year 17 February)', () => {
    assert.equal(add('2026-02-13T10:00:00', 8), '2026-02-23T10:00');
  });
  it('skips Tết 2027 (Lunar New Year 6 February) around its weekend', () => {
    assert.equal(add('2027-02-03T14:00:00', 16), '2027-02-12T14:00');
  });
  it('skips Tết 2025 (Lunar New Year 29 January)', () => {
    assert.equal(add('2025-01-24T16:00:00', 2), '2025-02-03T08:00');
  });
  it('counts a Saturday made a working day by a swap', () => {
    assert.equal(add('2025-04-25T16:00:00', 2), '2025-04-26T08:00');
    assert.equal(isWorkingDay('2025-04-26', cal), true);
  });
  it('zero hours is the start itself; negative hours are refused', () => {
    assert.equal(add('2026-10-17T09:00:00', 0), '2026-10-17T09:00');
    assert.throws(() => addWorkingHours(at('2026-10-12T07:00:00'), -1, cal), RangeError);
    assert.throws(() => addWorkingHours(at('2026-10-12T07:00:00'), Number.NaN, cal), RangeError);
  });
});

describe('working hours between two instants', () => {
  it('counts only working periods', () => {
    assert.equal(workingHoursBetween(at('2026-10-12T07:00:00'), at('2026-10-13T07:00:00'), cal), 8);
    assert.equal(workingHoursBetween(at('2026-10-12T11:00:00'), at('2026-10-12T14:00:00'), cal), 1);
    assert.equal(workingHoursBetween(at('2026-10-16T16:00:00'), at('2026-10-19T08:00:00'), cal), 2);
    assert.equal(workingHoursBetween(at('2026-10-13T07:00:00'), at('2026-10-12T07:00:00'), cal), 0);
  });
  it('is the inverse of addWorkingHours', () => {
    const start = at('2026-02-12T09:20:00');
    for (const h of [0.5, 3, 8, 13.25, 40]) {
      assert.equal(workingHoursBetween(start, addWorkingHours(start, h, cal), cal), h);
    }
  });
});

describe('due date', () => {
  it('working days are 8 working hours each', () => {
    assert.equal(formatVn(dueDate(at('2026-10-12T08:00:00'), { value: 3, unit: 'working_day' }, cal)).slice(0, 16), '2026-10-15T08:00');
  });
  it('time waiting for a supplement extends the due date', () => {
    const received = at('2026-10-12T08:00:00');
    const pause: [Date, Date] = [at('2026-10-13T08:00:00'), at('2026-10-14T08:00:00')];
    assert.equal(formatVn(dueDate(received, { value: 3, unit: 'working_day' }, cal, [pause])).slice(0, 16), '2026-10-16T08:00');
  });
  it('hours are working hours', () => {
    assert.equal(formatVn(dueDate(at('2026-10-12T16:30:00'), { value: 2, unit: 'hour' }, cal)).slice(0, 16), '2026-10-13T08:30');
  });
  it('calendar days that end on a day off move to the end of the next working day', () => {
    // Thursday + 2 calendar days = Saturday → Monday 17:00
    assert.equal(formatVn(dueDate(at('2026-10-15T09:00:00'), { value: 2, unit: 'day' }, cal)).slice(0, 16), '2026-10-19T17:00');
  });
});

describe('holiday calendar (data, not code)', () => {
  it('holds 1 January, Tết, Hùng Kings, 30/4, 1/5 and 2/9 for 2025–2027', () => {
    for (const d of ['2025-01-01', '2026-01-01', '2027-01-01', '2025-01-29', '2026-02-17', '2027-02-08', '2025-04-07', '2026-04-27']) {
      assert.equal(isWorkingDay(d, cal), false, d);
    }
    for (const y of [2025, 2026, 2027]) assert.equal(isWorkingDay(`${y}-09-02`, cal), false);
    assert.equal(isWorkingDay('2026-04-30', cal), false);
    assert.equal(isWorkingDay('2026-05-01', cal), false);
    assert.equal(isWorkingDay('2026-10-15', cal), true);
    assert.equal(isWorkingDay('2026-10-17', cal), false);
  });
  it('a deployment can supply its own calendar', () => {
    const custom = parseHolidayCalendar({ holidays: [{ date: '2026-10-15' }] });
    assert.equal(isWorkingDay('2026-10-15', custom), false);
    assert.equal(formatVn(addWorkingHours(at('2026-10-14T16:00:00'), 2, custom)).slice(0, 16), '2026-10-16T08:00');
  });
  it('rejects malformed files with a clear message', () => {
    assert.throws(() => parseHolidayCalendar(null), /expected an object/);
    assert.throws(() => parseHolidayCalendar({ holidays: 'x' }), /must be an array/);
    assert.throws(() => parseHolidayCalendar({ holidays: [{ date: '15/10/2026' }] }), /holidays\[0\]\.date must be YYYY-MM-DD/);
  });
  it('a province file adds its own days and can cancel a national one (MOTCUA_HOLIDAYS_EXTRA_FILE)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-holidays-'));
    const extra = join(dir, 'extra.json');
    writeFileSync(
      extra,
      JSON.stringify({
        holidays: [{ date: '2026-10-16', name: 'Ngày truyền thống của tỉnh', source: 'Quyết định của UBND tỉnh (ví dụ)' }],
        workdays: [{ date: '2026-09-01', name: 'Làm việc', source: 'ví dụ' }],
      }),
    );
    const merged = loadHolidayCalendar(DEFAULT_HOLIDAYS_FILE, extra);
    assert.equal(isWorkingDay('2026-10-16', merged), false);
    assert.equal(isWorkingDay('2026-09-01', merged), true);
    assert.equal(isWorkingDay('2026-09-02', merged), false, 'national days stay');
    assert.equal(merged.entries.holidays.find((e) => e.date === '2026-10-16')?.source, 'Quyết định của UBND tỉnh (ví dụ)');
  });
  it('formats instants as Vietnam time', () => {
    assert.equal(formatVn(new Date('2026-10-14T18:30:00Z')), '2026-10-15T01:30:00+07:00');
    assert.equal(vnDate(new Date('2026-10-14T18:30:00Z')), '2026-10-15');
  });
});

describe('2026: every holiday and make-up working day, from the official notices', () => {
  const due = (local: string, value: number, unit = 'working_day'): string =>
    formatVn(dueDate(at(local), { value, unit }, cal)).slice(0, 16);
  it('New Year: off Thu 1 – Sun 4 January (Fri 2 swapped), Saturday 10 January is a working day (12729/VPCP-KGVX)', () => {
    for (const d of ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']) assert.equal(isWorkingDay(d, cal), false, d);
    assert.equal(isWorkingDay('2026-01-10', cal), true);
    assert.equal(isWorkingDay('2026-01-11', cal), false);
  });
  it('a dossier received Wed 31 Dec 2025 afternoon with 1 working day is due Mon 5 Jan 2026', () => {
    assert.equal(due('2025-12-31T14:00:00', 1), '2026-01-05T14:00');
    assert.equal(due('2025-12-31T17:30:00', 1), '2026-01-05T17:00');
  });
  it('a 3-working-day dossier received Thu 8 Jan 2026 is due Mon 12 Jan, counting Saturday 10 January', () => {
    assert.equal(due('2026-01-08T08:00:00', 3), '2026-01-12T08:00');
    assert.equal(add('2026-01-09T16:00:00', 2), '2026-01-10T08:00');
    assert.equal(workingDaysBetween('2026-01-08', '2026-01-12', cal), 3);
  });
  it('Tết: Mon 16 – Fri 20 February off, work resumes Mon 23', () => {
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) assert.equal(isWorkingDay(d, cal), false, d);
    assert.equal(due('2026-02-13T10:00:00', 1), '2026-02-23T10:00');
    assert.equal(isWorkingDay('2026-02-23', cal), true);
  });
  it('Hùng Kings (Sun 26 April) is made up on Mon 27 April', () => {
    assert.equal(isWorkingDay('2026-04-27', cal), false);
    assert.equal(due('2026-04-24T10:00:00', 1), '2026-04-28T10:00');
  });
  it('30 April and 1 May (Thu, Fri): Wed 29 April + 1 working day is Mon 4 May', () => {
    assert.equal(due('2026-04-29T10:00:00', 1), '2026-05-04T10:00');
  });
  it('Quốc khánh: 2 September and its adjacent day', () => {
    assert.equal(isWorkingDay('2026-09-02', cal), false);
    assert.equal(due('2026-08-31T16:00:00', 1), '2026-09-03T16:00');
  });
  it('a whole 2026 year: 365 days − 104 weekend days − 12 weekday days off + 1 make-up Saturday', () => {
    let working = 0;
    for (let d = '2026-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) if (isWorkingDay(d, cal)) working++;
    assert.equal(working, 365 - 104 - 12 + 1);
  });
  it('the server counts with the SDK module itself (the widgets use the same functions)', () => {
    assert.equal(serverCalendar.dueDate, sdkCalendar.dueDate);
    assert.equal(serverCalendar.isWorkingDay, sdkCalendar.isWorkingDay);
    assert.equal(serverCalendar.workingDaysBetween, sdkCalendar.workingDaysBetween);
  });
});

describe('the holiday data: 2024–2027, each entry with its source', () => {
  it('every entry names a source, and weekday days off are not weekends', () => {
    for (const e of [...cal.entries.holidays, ...cal.entries.workdays]) {
      assert.ok(e.source.length > 10, `${e.date} has a source`);
      assert.ok(e.name.length > 0, `${e.date} has a name`);
    }
    for (const y of [2024, 2025, 2026, 2027])
      assert.ok(
        cal.entries.holidays.some((e) => e.date.startsWith(`${y}-`)),
        `${y}`,
      );
    for (const e of cal.entries.workdays) assert.ok([0, 6].includes(new Date(`${e.date}T00:00:00Z`).getUTCDay()), e.date);
  });
  it('2024: Tết 8–14 Feb, Mon 29 Apr swapped with Sat 4 May, Quốc khánh 2–3 Sep, Hùng Kings 18 Apr', () => {
    for (const d of ['2024-02-08', '2024-02-14', '2024-04-18', '2024-04-29', '2024-04-30', '2024-05-01', '2024-09-02', '2024-09-03'])
      assert.equal(isWorkingDay(d, cal), false, d);
    assert.equal(isWorkingDay('2024-05-04', cal), true);
  });
  it('2025: Tết 27–31 Jan, Fri 2 May swapped with Sat 26 Apr, Quốc khánh 1–2 Sep', () => {
    for (const d of ['2025-01-27', '2025-01-31', '2025-05-02', '2025-09-01', '2025-09-02']) assert.equal(isWorkingDay(d, cal), false, d);
    assert.equal(isWorkingDay('2025-04-26', cal), true);
  });
  it('2027 is marked provisional (Tết not yet announced)', () => {
    assert.ok(cal.provisionalYears.has(2027));
    assert.ok(cal.entries.holidays.filter((e) => e.date.startsWith('2027-')).every((e) => e.provisional));
    assert.ok(!cal.provisionalYears.has(2026));
  });
});
