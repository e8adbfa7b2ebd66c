import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addWorkingHours, dueDate, dueState, formatVn, holidayCalendar, isIsoDate, isWorkingDay, workingDaysBetween } from './calendar.js';

// New Year 2026 (12729/VPCP-KGVX, 25 Dec 2025): Thu 1 and Fri 2 January off, Saturday 10 January worked.
const cal = holidayCalendar(['2026-01-01', '2026-01-02'], ['2026-01-10']);
const at = (local: string): Date => new Date(`${local}+07:00`);

describe('@motcua/sdk/calendar', () => {
  it('a make-up Saturday is a working day; a swapped Friday is not; a plain Saturday is not', () => {
    assert.equal(isWorkingDay('2026-01-10', cal), true);
    assert.equal(isWorkingDay('2026-01-02', cal), false);
    assert.equal(isWorkingDay('2026-01-17', cal), false);
    assert.equal(isWorkingDay('2026-01-10'), false, 'without the calendar only weekends are known');
  });
  it('due dates count working hours across the swap', () => {
    assert.equal(formatVn(dueDate(at('2025-12-31T14:00:00'), { value: 1, unit: 'working_day' }, cal)), '2026-01-05T14:00:00+07:00');
    assert.equal(formatVn(dueDate(at('2026-01-08T08:00:00'), { value: 3, unit: 'working_day' }, cal)), '2026-01-12T08:00:00+07:00');
    assert.equal(formatVn(addWorkingHours(at('2026-01-09T16:30:00'), 1, cal)), '2026-01-10T07:30:00+07:00');
  });
  it('working days between dates and the due state count the make-up Saturday', () => {
    assert.equal(workingDaysBetween('2026-01-08', '2026-01-12', cal), 3);
    assert.equal(workingDaysBetween('2026-01-12', '2026-01-08', cal), -3);
    assert.deepEqual(dueState('2026-01-12T08:00:00+07:00', at('2026-01-08T10:00:00'), cal), { kind: 'due', workingDays: 3 });
    assert.deepEqual(dueState('2026-01-09T08:00:00+07:00', at('2026-01-12T10:00:00'), cal), { kind: 'overdue', workingDays: 2 });
    assert.deepEqual(dueState(null, new Date(), cal), { kind: 'none' });
  });
  it('strings in a calendar that are not dates change nothing; isIsoDate checks real dates', () => {
    const c = holidayCalendar(['2026-02-30', '2026-1-5', 'x', '2026-02-17'], ['<script>']);
    assert.equal(isWorkingDay('2026-02-17', c), false);
    assert.equal(workingDaysBetween('2026-02-13', '2026-02-20', c), 4);
    assert.equal(isIsoDate('2026-02-29'), false);
    assert.equal(isIsoDate('2028-02-29'), true);
    assert.equal(isIsoDate(20260217), false);
  });
});
