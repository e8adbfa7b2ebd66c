/**
 * Agencies and sectors: `GET /agencies`, `GET /agencies/{agency}`, `GET /sectors`.
 * @module
 */
import { Hono } from 'hono';
import type { Sector } from '@motcua/sdk/schemas';
import type { RouteContext } from './context.js';
import type { Env } from './http.js';

export function agencyRoutes(ctx: RouteContext): Hono<Env> {
  const { db, cached, agencies, json, checkAgencyParam } = ctx;
  const api = new Hono<Env>();

  api.get('/agencies', async (c) => {
    const entry = await cached('agencies-list', async () => ({ items: await agencies() }));
    return json(c, entry?.body ?? '{"items":[]}', 200, { 'cache-control': 'public, max-age=60' });
  });

  api.get('/agencies/:agency', async (c) => {
    const check = await checkAgencyParam(c);
    if (!check.ok) return check.response;
    return json(c, JSON.stringify(check.agency), 200, { 'cache-control': 'public, max-age=60' });
  });

  api.get('/sectors', async (c) => {
    const entry = await cached('sectors', async () => {
      const rows = await db.query<Sector>(
        `SELECT DISTINCT p.sector_code AS code, p.sector_name AS name FROM procedures p
         WHERE EXISTS (SELECT 1 FROM agency_procedures ap WHERE ap.procedure_code = p.code)`,
      );
      const items = rows.map((r) => ({ code: r.code, name: r.name })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
      return { items };
    });
    return json(c, entry?.body ?? '{"items":[]}', 200, { 'cache-control': 'public, max-age=60' });
  });

  return api;
}
