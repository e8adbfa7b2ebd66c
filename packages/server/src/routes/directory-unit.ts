/**
 * The agency e-ID in the directory through the integration API (scope `directory:write`):
 * `PUT /agencies/{agency}/directory-unit` with `{ "gso": "20320" }` attaches the key's agency to its commune/ward, by
 * the rules of the CSV import (`motcua-server agencies import`), and sets a new catalog version so the directory
 * (`GET /agencies?province=…`) shows it at once with a new ETag. A Hono sub-app mounted under `/api/v1` by `app.ts`.
 * @module
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DirectoryUnitAttach, type DirectoryUnitAttachResult } from '@motcua/sdk/integration';
import { AgencyCode, type Agency } from '@motcua/sdk/schemas';
import { requireKey, type KeyEnv } from '../auth.js';
import type { Db } from '../db.js';
import { attachAgencyToUnit } from '../directory.js';
import { issuesToErrors, problemResponse } from '../problem.js';

/** Largest body: `{ "gso": "20320" }` needs 15 bytes. */
export const DIRECTORY_UNIT_BODY_LIMIT = 1024;

export interface DirectoryUnitRoutesOptions {
  db: Db;
  /** The served agency (the app's cached list), or undefined. */
  findAgency: (code: string) => Promise<Agency | undefined>;
  /** Called after the directory changed: the app drops its cached catalog version at once. */
  onChange?: () => void;
}

const invalid = (detail: string, errors?: Array<{ path: string; message: string }>): Response =>
  problemResponse({ status: 400, code: 'invalid_request', detail, ...(errors ? { errors } : {}) });

export function directoryUnitRoutes(options: DirectoryUnitRoutesOptions): Hono<KeyEnv> {
  const { db } = options;
  const app = new Hono<KeyEnv>();
  const limit = bodyLimit({
    maxSize: DIRECTORY_UNIT_BODY_LIMIT,
    onError: () =>
      problemResponse({
        status: 413,
        code: 'payload_too_large',
        headers: { connection: 'close' },
        detail: `Dữ liệu gửi lên vượt quá ${DIRECTORY_UNIT_BODY_LIMIT} byte: gửi { "gso": "<mã xã/phường>" }.`,
      }),
  });

  app.put('/agencies/:agency/directory-unit', requireKey(db, 'directory:write'), limit, async (c: Context<KeyEnv>) => {
    const code = c.req.param('agency') ?? '';
    if (!AgencyCode.safeParse(code).success)
      return invalid('Mã đơn vị không đúng dạng 000.00.00.H00.', [{ path: 'agency', message: 'Mã đơn vị không đúng dạng' }]);
    const agency = await options.findAgency(code);
    if (!agency) return problemResponse({ status: 404, code: 'not_found', detail: `Không có đơn vị ${code}.` });
    if (!/^application\/([\w.+-]*\+)?json\b/i.test(c.req.header('content-type') ?? ''))
      return problemResponse({ status: 415, code: 'unsupported_media_type', detail: 'Gửi dữ liệu dạng application/json.' });
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return invalid('Dữ liệu JSON không đúng cú pháp.');
    }
    const parsed = DirectoryUnitAttach.safeParse(body);
    if (!parsed.success)
      return invalid('Gửi { "gso": "<mã xã/phường 5 chữ số>" }, ví dụ { "gso": "20320" }.', issuesToErrors(parsed.error.issues));
    const { gso } = parsed.data;
    const result = await attachAgencyToUnit(db, code, gso, agency.province.code || null);
    if (!result.ok) {
      if (result.reason === 'unit_taken')
        return problemResponse({
          status: 409,
          code: 'unit_taken',
          detail: `Xã/phường ${gso} đã gắn mã định danh ${result.holder ?? ''} của đơn vị khác; gỡ mã đó trước (agencies import).`,
        });
      return problemResponse({
        status: 422,
        code: 'unknown_unit',
        detail:
          result.reason === 'unknown_unit'
            ? `Không có xã/phường nào có mã ${gso} trong danh mục đơn vị hành chính.`
            : `Xã/phường ${gso} không thuộc tỉnh của đơn vị ${code} (mã tỉnh ${agency.province.code}).`,
        errors: [{ path: 'gso', message: result.reason === 'unknown_unit' ? 'Không có mã này' : 'Thuộc tỉnh khác' }],
      });
    }
    if (result.changed) options.onChange?.();
    const answer: DirectoryUnitAttachResult = {
      agency: code,
      unit: result.unit,
      result: result.changed ? 'attached' : 'unchanged',
      movedFrom: result.movedFrom,
    };
    return new Response(JSON.stringify(answer), {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    });
  });

  return app;
}
