// GET /api/v1/holidays?year=: the calendar due dates are counted with, per year, with sources; bounded years; ETag.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { holidayCalendar } from '@motcua/sdk/calendar';
import { HolidayYear, Problem } from '@motcua/sdk/schemas';
import { createApp } from './app.js';
import type { Db } from './db.js';
import { calendar, REF_NOW } from './test-helpers.js';
import type { HolidayCalendar } from './working-hours.js';

// The route reads no database: a database that fails proves it.
const noDb: Db = {
  kind: 'pglite',
  query: () => Promise.reject(new Error('no database')),
  exec: () => Promise.reject(new Error('no database')),
  transaction: () => Promise.reject(new Error('no database')),
  close: () => Promise.resolve(),
};

function appWith(cal: HolidayCalendar = calendar) {
  return createApp({ db: noDb, calendar: cal, allowedOrigins: '*', now: () => REF_NOW });
}

describe('GET /api/v1/holidays', () => {
  it('lists 2026 with Fri 2 January off and Sat 10 January as a working day, each with its source', async () => {
    const { app, close } = appWith();
    try {
      const res = await app.request('/api/v1/holidays?year=2026');
      assert.equal(res.status, 200);
      const body = HolidayYear.parse(await res.json());
      assert.equal(body.year, 2026);
      assert.equal(body.provisional, false);
      const jan2 = body.holidays.find((h) => h.date === '2026-01-02');
      assert.match(jan2?.source ?? '', /12729\/VPCP-KGVX/);
      assert.deepEqual(
        body.workdays.map((w) => w.date),
        ['2026-01-10'],
      );
      assert.ok(body.holidays.every((h) => h.date.startsWith('2026-') && h.source.length > 0));
      assert.ok(res.headers.get('etag'));
    } finally {
      close();
    }
  });
  it('answers 304 to a matching If-None-Match', async () => {
    const { app, close } = appWith();
    try {
      const etag = (await app.request('/api/v1/holidays?year=2025')).headers.get('etag') ?? '';
      const again = await app.request('/api/v1/holidays?year=2025', { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);
    } finally {
      close();
    }
  });
  it('marks 2027 provisional, and a year the data does not cover (2030) too', async () => {
    const { app, close } = appWith();
    try {
      assert.equal(HolidayYear.parse(await (await app.request('/api/v1/holidays?year=2027')).json()).provisional, true);
      const y2030 = HolidayYear.parse(await (await app.request('/api/v1/holidays?year=2030')).json());
      assert.equal(y2030.provisional, true);
      assert.deepEqual(y2030.holidays, []);
    } finally {
      close();
    }
  });
  it('refuses a missing, malformed or out-of-range year with a Vietnamese problem', async () => {
    const { app, close } = appWith();
    try {
      for (const q of ['', '?year=', '?year=abc', '?year=2019', '?year=2036', '?year=99999999', '?year=2026.5', '?year=-2026']) {
        const res = await app.request(`/api/v1/holidays${q}`);
        assert.equal(res.status, 400, q);
        assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
        const problem = Problem.parse(await res.json());
        assert.equal(problem.code, 'invalid_request');
        assert.match(problem.detail ?? '', /Năm không hợp lệ/);
      }
    } finally {
      close();
    }
  });
  it('a calendar built in code (no entries) lists its bare dates', async () => {
    const { app, close } = appWith(holidayCalendar(['2026-10-16'], ['2026-10-17']));
    try {
      const body = HolidayYear.parse(await (await app.request('/api/v1/holidays?year=2026')).json());
      assert.deepEqual(
        body.holidays.map((h) => h.date),
        ['2026-10-16'],
      );
      assert.deepEqual(
        body.workdays.map((h) => h.date),
        ['2026-10-17'],
      );
    } finally {
      close();
    }
  });
});
