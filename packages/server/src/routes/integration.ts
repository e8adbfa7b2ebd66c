/**
 * The integration API (secured with API keys): dossier upsert, dossier event batches, ratings export. A Hono
 * sub-app mounted under `/api/v1` by `app.ts`.
 * @module
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_EVENTS_PER_BATCH, RatingExportQuery, type ExportedRating, type RatingExportPage } from '@motcua/sdk/integration';
import { AgencyCode, DossierCode } from '@motcua/sdk/schemas';
import { requireKey, type KeyEnv } from '../auth.js';
import type { Db } from '../db.js';
import { applyEvents, upsertDossier } from '../dossier-sync.js';
import { issuesToErrors, problemResponse } from '../problem.js';
import { formatVn, type HolidayCalendar } from '../working-hours.js';

/** Largest body of an integration request: a batch of 500 events. */
export const INTEGRATION_BODY_LIMIT = 1024 * 1024;

/** Paths whose body limit is this module's (checked after the key), not the public API's 16 KB. */
export const INTEGRATION_PATH = /^\/api\/v1\/agencies\/[^/]+\/(?:dossiers\/[^/]+|dossier-events|catalog-changes)$/;

export interface IntegrationOptions {
  db: Db;
  calendar: HolidayCalendar;
  now: () => Date;
  /** Whether an agency exists (the app's cached agency list). */
  agencyExists: (code: string) => Promise<boolean>;
}

const json = (value: unknown, status = 200): Response =>
  new Response(JSON.stringify(value), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });

const invalid = (detail: string, errors?: Array<{ path: string; message: string }>): Response =>
  problemResponse({ status: 400, code: 'invalid_request', detail, ...(errors ? { errors } : {}) });

async function readJson(c: Context<KeyEnv>): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(c.req.header('content-type') ?? ''))
    return {
      ok: false,
      response: problemResponse({ status: 415, code: 'unsupported_media_type', detail: 'Gửi dữ liệu dạng application/json.' }),
    };
  try {
    return { ok: true, value: JSON.parse(await c.req.text()) };
  } catch {
    return { ok: false, response: invalid('Dữ liệu JSON không đúng cú pháp.') };
  }
}

export function integrationRoutes(options: IntegrationOptions): Hono<KeyEnv> {
  const { db, calendar, now } = options;
  const app = new Hono<KeyEnv>();
  const limit = bodyLimit({
    maxSize: INTEGRATION_BODY_LIMIT,
    onError: () =>
      problemResponse({
        status: 413,
        code: 'payload_too_large',
        headers: { connection: 'close' },
        detail: `Dữ liệu gửi lên vượt quá ${INTEGRATION_BODY_LIMIT} byte (tối đa ${MAX_EVENTS_PER_BATCH} sự kiện mỗi lần).`,
      }),
  });

  /** The agency of the path: well formed and known (checked after the key, so nothing is told without one). */
  const agencyOf = async (c: Context<KeyEnv>): Promise<{ agency: string } | { response: Response }> => {
    const agency = c.req.param('agency') ?? '';
    if (!AgencyCode.safeParse(agency).success)
      return { response: invalid('Mã đơn vị không đúng dạng 000.00.00.H00.', [{ path: 'agency', message: 'Mã đơn vị không đúng dạng' }]) };
    if (!(await options.agencyExists(agency)))
      return { response: problemResponse({ status: 404, code: 'not_found', detail: `Không có đơn vị ${agency}.` }) };
    return { agency };
  };

  app.put('/agencies/:agency/dossiers/:code', requireKey(db, 'dossiers:write'), limit, async (c) => {
    const a = await agencyOf(c);
    if ('response' in a) return a.response;
    const code = c.req.param('code');
    if (!DossierCode.safeParse(code).success)
      return invalid('Mã hồ sơ không đúng dạng 000.00.06.H56-231027-0361.', [{ path: 'code', message: 'Mã hồ sơ không đúng dạng' }]);
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const outcome = await upsertDossier(db, calendar, a.agency, code, body.value, now());
    if (!outcome.ok) return invalid(outcome.detail, outcome.errors);
    return json(outcome.result, outcome.result.created ? 201 : 200);
  });

  app.post('/agencies/:agency/dossier-events', requireKey(db, 'dossiers:write'), limit, async (c) => {
    const a = await agencyOf(c);
    if ('response' in a) return a.response;
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const value = body.value as { events?: unknown } | null;
    const extra = value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value).filter((k) => k !== 'events') : [];
    if (!value || typeof value !== 'object' || !Array.isArray(value.events))
      return invalid('Gửi { "events": [...] }.', [{ path: 'events', message: 'Thiếu mảng events' }]);
    if (extra.length)
      return invalid('Có trường không được phép.', [{ path: extra.join(','), message: `Trường không được phép: ${extra.join(', ')}` }]);
    if (value.events.length === 0 || value.events.length > MAX_EVENTS_PER_BATCH)
      return invalid(`Mỗi lần gửi từ 1 đến ${MAX_EVENTS_PER_BATCH} sự kiện.`, [
        { path: 'events', message: `${value.events.length} sự kiện (tối đa ${MAX_EVENTS_PER_BATCH})` },
      ]);
    return json(await applyEvents(db, calendar, a.agency, value.events, now()));
  });

  app.get('/agencies/:agency/ratings', requireKey(db, 'ratings:read'), async (c) => {
    const a = await agencyOf(c);
    if ('response' in a) return a.response;
    const raw = c.req.queries();
    const unknown = Object.keys(raw).filter((k) => k !== 'since' && k !== 'limit');
    const repeated = Object.entries(raw).filter(([, v]) => v.length > 1);
    if (unknown.length || repeated.length)
      return invalid('Tham số không hợp lệ (chỉ since và limit, mỗi tham số một lần).', [
        ...unknown.map((k) => ({ path: k, message: 'Tham số không được phép' })),
        ...repeated.map(([k]) => ({ path: k, message: 'Tham số lặp lại' })),
      ]);
    const sinceRaw = c.req.query('since');
    const limitRaw = c.req.query('limit');
    const parsed = RatingExportQuery.safeParse({
      ...(sinceRaw !== undefined ? { since: sinceRaw } : {}),
      ...(limitRaw !== undefined ? { limit: /^\d{1,6}$/.test(limitRaw) ? Number(limitRaw) : limitRaw } : {}),
    });
    if (!parsed.success) return invalid('Tham số xuất đánh giá không hợp lệ.', issuesToErrors(parsed.error.issues));
    const since = parsed.data.since ?? '0';
    const pageSize = parsed.data.limit ?? 100;
    // `seq` follows commit order (see migration 004), so paging by it never skips a rating committed late.
    const rows = await db.query<{
      id: string;
      agency_code: string;
      dossier_code: string | null;
      overall: ExportedRating['overall'];
      channel: ExportedRating['channel'];
      counter_name: string | null;
      officer: string | null;
      criteria: ExportedRating['criteria'];
      comment: string | null;
      rated_at: Date;
      received_at: Date;
      cursor: string;
    }>(
      `SELECT id, agency_code, dossier_code, overall, channel, counter_name, officer, criteria, comment, rated_at, received_at,
         seq::text AS cursor
       FROM ratings
       WHERE agency_code = $1 AND body_hash <> 'generated' AND seq > $2::bigint
       ORDER BY seq LIMIT $3`,
      [a.agency, since, pageSize + 1],
    );
    const items = rows.slice(0, pageSize);
    const page: RatingExportPage = {
      items: items.map((r) => ({
        id: r.id,
        agency: r.agency_code,
        dossierCode: r.dossier_code,
        overall: r.overall,
        channel: r.channel,
        counter: r.counter_name,
        officer: r.officer,
        criteria: r.criteria,
        comment: r.comment,
        ratedAt: formatVn(r.rated_at),
        receivedAt: formatVn(r.received_at),
      })),
      next: items.at(-1)?.cursor ?? since,
      hasMore: rows.length > pageSize,
    };
    return json(page);
  });

  return app;
}
