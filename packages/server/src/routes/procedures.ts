/**
 * The procedure catalog: `GET /agencies/{agency}/procedures/catalog` (whole catalog, ETag), `GET
 * /agencies/{agency}/procedures` (search, pages) and `GET /procedures/{code}` (one procedure, ETag).
 * @module
 */
import { Hono } from 'hono';
import {
  type Catalog,
  type Procedure,
  ProcedureCode,
  type ProcedurePage,
  ProcedureQuery,
  type ProcedureSummary,
} from '@motcua/sdk/schemas';
import { createSearchIndex, type SearchIndex } from '@motcua/sdk/text';
import { issuesToErrors, problemResponse } from '../problem.js';
import { formatVn } from '../working-hours.js';
import type { RouteContext } from './context.js';
import { type Env, matchesEtag, plainText } from './http.js';

export function procedureRoutes(ctx: RouteContext): Hono<Env> {
  const { db, cached, json, notModified, invalid, checkAgencyParam } = ctx;
  const api = new Hono<Env>();

  api.get('/agencies/:agency/procedures/catalog', async (c) => {
    const check = await checkAgencyParam(c);
    if (!check.ok) return check.response;
    const entry = await catalogOf(check.agency.code);
    if (!entry) return problemResponse({ status: 404, code: 'not_found' });
    const headers = { etag: entry.etag, 'cache-control': 'public, max-age=0, must-revalidate' };
    if (matchesEtag(c.req.header('if-none-match'), entry.etag)) return notModified(c, entry.body, headers);
    return json(c, entry.body, 200, headers);
  });

  /** An agency's catalog, cached per data version (the `catalog` route's body, and what `?q=` searches in memory). */
  const catalogOf = (code: string) =>
    cached<Catalog>(`catalog:${code}`, async () => {
      const rows = await db.query<{ summary: ProcedureSummary; updated_at: Date }>(
        `SELECT p.summary, p.updated_at FROM procedures p JOIN agency_procedures ap ON ap.procedure_code = p.code
         WHERE ap.agency_code = $1 ORDER BY p.sector_name, p.name`,
        [code],
      );
      const latest = rows.reduce((m, r) => Math.max(m, r.updated_at.getTime()), 0);
      // How many dossiers the agency received per procedure (its whole history): the search and the lookup's tiles put
      // the commune's common procedures first by these counts.
      const counts = new Map(
        (
          await db.query<{ code: string; n: number }>(
            'SELECT procedure_code AS code, count(*)::int AS n FROM dossiers WHERE agency_code = $1 GROUP BY procedure_code',
            [code],
          )
        ).map((r) => [r.code, r.n]),
      );
      const items = rows.map((r) => ({ ...r.summary, dossierCount: counts.get(r.summary.code) ?? 0 }));
      return { agency: code, updatedAt: formatVn(new Date(latest)), items };
    });
  /** One search index per cached catalog (the same search as the widget's: `@motcua/sdk/text`). */
  const searchIndexes = new WeakMap<Catalog, SearchIndex>();
  const searchIndexOf = (catalog: Catalog): SearchIndex => {
    let index = searchIndexes.get(catalog);
    if (!index) searchIndexes.set(catalog, (index = createSearchIndex(catalog.items)));
    return index;
  };

  api.get('/agencies/:agency/procedures', async (c) => {
    const check = await checkAgencyParam(c);
    if (!check.ok) return check.response;
    const raw = c.req.query();
    const numeric = (v: string | undefined): number | string | undefined =>
      v === undefined ? undefined : /^\d{1,6}$/.test(v) ? Number(v) : v;
    const parsed = ProcedureQuery.safeParse({
      ...(raw.q !== undefined ? { q: raw.q } : {}),
      ...(raw.sector ? { sector: raw.sector } : {}),
      ...(raw.online ? { online: raw.online } : {}),
      ...(raw.page !== undefined ? { page: numeric(raw.page) } : {}),
      ...(raw.pageSize !== undefined ? { pageSize: numeric(raw.pageSize) } : {}),
    });
    if (!parsed.success) return invalid('Tham số tìm kiếm không hợp lệ.', issuesToErrors(parsed.error.issues));
    const q = plainText(parsed.data.q ?? '')
      .trim()
      .replace(/\s+/g, ' ');
    const page = parsed.data.page ?? 1;
    const pageSize = parsed.data.pageSize ?? 20;
    if (q) {
      // Ranked in memory over the cached catalog, by the SDK's search (synonyms, typos, popularity): the widget offline
      // and this route answer the same.
      const catalog = (await catalogOf(check.agency.code))?.data;
      const { sector, online } = parsed.data;
      const hits = catalog
        ? searchIndexOf(catalog).search(q, {
            limit: catalog.items.length,
            filter: (p) => (!sector || p.sector.code === sector) && (!online || p.onlineService === online),
          })
        : [];
      const items = hits.slice((page - 1) * pageSize, page * pageSize).map((hit) => hit.item);
      const result: ProcedurePage = { items, page, pageSize, total: hits.length };
      return json(c, JSON.stringify(result), 200, { 'cache-control': 'public, max-age=60' });
    }
    const rows = await db.query<{ total: number; items: ProcedureSummary[] }>(
      `WITH q AS (SELECT lower(unaccent($2::text)) AS f, lower($2::text) AS raw),
       m AS (
         SELECT p.summary, p.name,
           CASE WHEN q.f = '' THEN 0 ELSE
             (CASE WHEN lower(p.name) LIKE '%' || replace(replace(replace(q.raw, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' THEN 2 ELSE 0 END)
             + (CASE WHEN p.search LIKE '%' || replace(replace(replace(q.f, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' THEN 1 ELSE 0 END)
             + (CASE WHEN p.code = $2 THEN 5 ELSE 0 END)
             + word_similarity(q.f, p.search) + similarity(q.f, p.search)
           END AS score
         FROM procedures p JOIN agency_procedures ap ON ap.procedure_code = p.code AND ap.agency_code = $1, q
         WHERE ($3::text = '' OR p.sector_code = $3) AND ($4::text = '' OR p.online_service = $4)
           AND (q.f = '' OR p.search LIKE '%' || replace(replace(replace(q.f, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'
                OR word_similarity(q.f, p.search) >= 0.5 OR ($2 ~ '^[0-9][0-9.]*$' AND p.code LIKE $2 || '%'))
       )
       SELECT (SELECT count(*)::int FROM m) AS total,
         COALESCE((SELECT json_agg(x.summary ORDER BY x.score DESC, x.name)
                   FROM (SELECT summary, score, name FROM m ORDER BY score DESC, name LIMIT $5 OFFSET $6) x), '[]'::json) AS items`,
      [check.agency.code, q, parsed.data.sector ?? '', parsed.data.online ?? '', pageSize, (page - 1) * pageSize],
    );
    const result: ProcedurePage = { items: rows[0]?.items ?? [], page, pageSize, total: rows[0]?.total ?? 0 };
    return json(c, JSON.stringify(result), 200, { 'cache-control': 'public, max-age=60' });
  });

  api.get('/procedures/:code', async (c) => {
    const code = c.req.param('code');
    const parsed = ProcedureCode.safeParse(code);
    if (!parsed.success) return invalid('Mã thủ tục không đúng dạng 1.000000.', [{ path: 'code', message: 'Mã thủ tục không đúng dạng' }]);
    const entry = await cached<Procedure>(`procedure:${code}`, async () => {
      const rows = await db.query<{ data: Procedure }>('SELECT data FROM procedures WHERE code = $1', [code]);
      return rows[0]?.data;
    });
    if (!entry) return problemResponse({ status: 404, code: 'not_found', detail: `Không có thủ tục ${code}.` });
    const headers = { etag: entry.etag, 'cache-control': 'public, max-age=300' };
    if (matchesEtag(c.req.header('if-none-match'), entry.etag)) return notModified(c, entry.body, headers);
    return json(c, entry.body, 200, headers);
  });

  return api;
}
