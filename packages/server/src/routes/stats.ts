/**
 * An agency's statistics over a period: `GET /agencies/{agency}/stats?from=&to=`.
 * @module
 */
import { Hono } from 'hono';
import { STATS_MAX_DAYS, StatsQuery } from '@motcua/sdk/schemas';
import { issuesToErrors } from '../problem.js';
import { computeStats } from '../stats.js';
import type { RouteContext } from './context.js';
import type { Env } from './http.js';

export function statsRoutes(ctx: RouteContext): Hono<Env> {
  const { db, now, freshDossiers, json, invalid, checkAgencyParam } = ctx;
  const api = new Hono<Env>();

  api.get('/agencies/:agency/stats', async (c) => {
    const check = await checkAgencyParam(c);
    if (!check.ok) return check.response;
    // Bounded period (years 2000–2099 in the schema; from ≤ to, at most three years here), so the answer stays small.
    const parsed = StatsQuery.safeParse({ from: c.req.query('from'), to: c.req.query('to') });
    if (!parsed.success)
      return invalid(
        'Khoảng thời gian không hợp lệ (from, to dạng YYYY-MM-DD trong các năm 2000–2099).',
        issuesToErrors(parsed.error.issues),
      );
    const { from, to } = parsed.data;
    if (from > to) return invalid('Ngày bắt đầu phải trước ngày kết thúc.', [{ path: 'from', message: 'from > to' }]);
    if (Date.parse(to) - Date.parse(from) > STATS_MAX_DAYS * 86_400_000)
      return invalid('Khoảng thời gian tối đa 3 năm.', [{ path: 'to', message: 'Khoảng thời gian quá dài' }]);
    await freshDossiers();
    const stats = await computeStats(db, check.agency.code, from, to, now());
    return json(c, JSON.stringify(stats), 200, { 'cache-control': 'public, max-age=60' });
  });

  return api;
}
