/**
 * The working-day calendar of a year: `GET /holidays?year=` (days off, make-up working days, each with its source).
 * @module
 */
import { Hono } from 'hono';
import { HolidayQuery } from '@motcua/sdk/schemas';
import { holidayYear } from '../holidays-route.js';
import { issuesToErrors } from '../problem.js';
import type { HolidayCalendar, HolidayData } from '../working-hours.js';
import type { RouteContext } from './context.js';
import { type Body, type Env, bodyOf, etagOf, matchesEtag } from './http.js';

export function holidayRoutes(ctx: RouteContext): Hono<Env> {
  const { calendar, json, invalid } = ctx;
  const api = new Hono<Env>();

  // The working-day calendar of a year (days off, make-up working days, each with its source). Years are bounded, so
  // the per-year answers cached here are at most 16.
  const holidayBodies = new Map<number, { body: Body; etag: string }>();
  api.get('/holidays', (c) => {
    const raw = c.req.query('year');
    const parsed = HolidayQuery.safeParse({ year: raw !== undefined && /^\d{1,6}$/.test(raw) ? Number(raw) : raw });
    if (!parsed.success) return invalid('Năm không hợp lệ: cần year=YYYY trong khoảng 2020–2035.', issuesToErrors(parsed.error.issues));
    const { year } = parsed.data;
    let entry = holidayBodies.get(year);
    if (!entry) {
      const text = JSON.stringify(holidayYear(calendar as HolidayCalendar & Partial<HolidayData>, year));
      holidayBodies.set(year, (entry = { body: bodyOf(text), etag: etagOf(text) }));
    }
    const headers = { etag: entry.etag, 'cache-control': 'public, max-age=3600' };
    if (matchesEtag(c.req.header('if-none-match'), entry.etag)) return new Response(null, { status: 304, headers });
    return json(c, entry.body, 200, headers);
  });

  return api;
}
