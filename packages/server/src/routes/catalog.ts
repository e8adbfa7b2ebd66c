/**
 * Catalog changes through the integration API (scope `catalog:write`): `POST /agencies/{agency}/catalog-changes`
 * upserts the commune's own procedures and adds or removes procedures of the national catalog on its list, in one
 * transaction that sets a new catalog version (the public catalog's ETag changes; widgets revalidating their cached
 * copy get the new one). A Hono sub-app mounted under `/api/v1` by `app.ts`.
 * @module
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  CatalogChangeBatch,
  MAX_CATALOG_CHANGES,
  type CatalogChangeBatchResult,
  type CatalogChangeResult,
  type OwnProcedure,
} from '@motcua/sdk/integration';
import { AgencyCode, type Procedure } from '@motcua/sdk/schemas';
import { requireKey, type KeyEnv } from '../auth.js';
import { sectorSlug } from '../catalog-import.js';
import type { Db, Queryable } from '../db.js';
import { issuesToErrors, problemResponse } from '../problem.js';
import { bumpCatalogVersion, getMeta, linkProcedures, upsertProcedures } from '../store.js';
import { formatVn } from '../working-hours.js';

/** Largest body of a catalog change batch. */
export const CATALOG_BODY_LIMIT = 1024 * 1024;

export interface CatalogRoutesOptions {
  db: Db;
  now: () => Date;
  /** Whether an agency exists (the app's cached agency list). */
  agencyExists: (code: string) => Promise<boolean>;
  /** Called after a batch changed the catalog: the app drops its cached catalog version at once. */
  onChange?: () => void;
}

const invalid = (detail: string, errors?: Array<{ path: string; message: string }>): Response =>
  problemResponse({ status: 400, code: 'invalid_request', detail, ...(errors ? { errors } : {}) });

/** The stored record of a commune's own procedure. */
function recordOf(agency: string, p: OwnProcedure, now: Date): Procedure {
  return {
    code: p.code,
    name: p.name.normalize('NFC'),
    sector: { code: p.sector.code ?? sectorSlug(p.sector.name), name: p.sector.name.normalize('NFC') },
    levels: p.levels ?? ['commune'],
    onlineService: p.onlineService ?? 'none',
    processingTime: p.processingTime,
    feeSummary: p.feeSummary ?? null,
    kind: 'local',
    id: `${agency}/${p.code}`,
    cases: [],
    channels: [],
    steps: p.steps ?? [],
    componentGroups: (p.componentGroups ?? []).map((g) => ({
      name: g.name,
      components: g.components.map((c) => ({ ...c, forms: c.forms ?? [] })),
    })),
    requirements: p.requirements ?? '',
    legalBasis: p.legalBasis ?? [],
    results: p.results ?? [],
    implementingUnits: p.implementingUnits ?? [],
    applicantTypes: p.applicantTypes ?? [],
    detailed: true,
    portalUrl: p.portalUrl ?? '',
    updatedAt: formatVn(now),
  };
}

/** JSON with sorted keys (the database's jsonb keeps its own key order). */
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.keys(value)
          .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(value);

/** A record as compared for "unchanged": everything but its time. */
const withoutTime = (p: Procedure | undefined): string => {
  if (!p) return '';
  const { updatedAt: _, ...rest } = p;
  return canonical(rest);
};

/** Applies a batch of changes for one agency; one result per change, in the order sent. */
export async function applyCatalogChanges(db: Db, agency: string, batch: CatalogChangeBatch, now: Date): Promise<CatalogChangeBatchResult> {
  return db.transaction(async (tx: Queryable) => {
    // One lock for every agency's catalog changes (they are rare): two agencies creating the same new code at once
    // cannot both see it free and both claim it.
    await tx.query('SELECT pg_advisory_xact_lock(726181, 0)');
    const codes = [...new Set(batch.changes.map((c) => (c.op === 'upsert' ? c.procedure.code : c.code)))];
    const known = new Map(
      (
        await tx.query<{ code: string; owner_agency: string | null; data: Procedure }>(
          'SELECT code, owner_agency, data FROM procedures WHERE code = ANY($1::text[])',
          [codes],
        )
      ).map((r) => [r.code, r]),
    );
    const listed = new Set(
      (
        await tx.query<{ code: string }>(
          'SELECT procedure_code AS code FROM agency_procedures WHERE agency_code = $1 AND procedure_code = ANY($2::text[])',
          [agency, codes],
        )
      ).map((r) => r.code),
    );
    const results: CatalogChangeResult[] = [];
    for (const change of batch.changes) {
      const code = change.op === 'upsert' ? change.procedure.code : change.code;
      const existing = known.get(code);
      const reject = (error: NonNullable<CatalogChangeResult['error']>, reason: string): void =>
        void results.push({ op: change.op, code, result: 'rejected', error, reason });
      if (existing && existing.owner_agency !== null && existing.owner_agency !== agency) {
        reject('other_agency', `Thủ tục ${code} là thủ tục riêng của đơn vị khác.`);
        continue;
      }
      if (change.op === 'upsert') {
        if (existing && existing.owner_agency === null) {
          reject(
            'national_procedure',
            `Thủ tục ${code} thuộc danh mục quốc gia, không sửa được qua API: dùng { "op": "add" } để đưa vào danh mục của đơn vị.`,
          );
          continue;
        }
        const record = recordOf(agency, change.procedure, now);
        if (existing && listed.has(code) && withoutTime(existing.data) === withoutTime(record)) {
          results.push({ op: 'upsert', code, result: 'unchanged', created: false });
          continue;
        }
        await upsertProcedures(tx, [record]);
        await tx.query('UPDATE procedures SET owner_agency = $2 WHERE code = $1', [code, agency]);
        await linkProcedures(tx, agency, [code]);
        known.set(code, { code, owner_agency: agency, data: record });
        listed.add(code);
        results.push({ op: 'upsert', code, result: 'applied', created: !existing });
      } else if (change.op === 'add') {
        if (!existing) {
          reject(
            'unknown_procedure',
            `Không có thủ tục ${code} trong danh mục quốc gia: nhập danh mục (import-catalog) hoặc dùng op upsert.`,
          );
          continue;
        }
        if (listed.has(code)) results.push({ op: 'add', code, result: 'unchanged' });
        else {
          await linkProcedures(tx, agency, [code]);
          listed.add(code);
          results.push({ op: 'add', code, result: 'applied' });
        }
      } else if (!listed.has(code)) results.push({ op: 'remove', code, result: 'unchanged' });
      else {
        await tx.query('DELETE FROM agency_procedures WHERE agency_code = $1 AND procedure_code = $2', [agency, code]);
        listed.delete(code);
        results.push({ op: 'remove', code, result: 'applied' });
      }
    }
    const count = (r: CatalogChangeResult['result']): number => results.filter((x) => x.result === r).length;
    if (count('applied') > 0) await bumpCatalogVersion(tx);
    return {
      results,
      applied: count('applied'),
      unchanged: count('unchanged'),
      rejected: count('rejected'),
      version: (await getMeta(tx, 'catalog_version')) ?? '0',
    };
  });
}

export function catalogRoutes(options: CatalogRoutesOptions): Hono<KeyEnv> {
  const { db, now } = options;
  const app = new Hono<KeyEnv>();
  const limit = bodyLimit({
    maxSize: CATALOG_BODY_LIMIT,
    onError: () =>
      problemResponse({
        status: 413,
        code: 'payload_too_large',
        headers: { connection: 'close' },
        detail: `Dữ liệu gửi lên vượt quá ${CATALOG_BODY_LIMIT} byte (tối đa ${MAX_CATALOG_CHANGES} thay đổi mỗi lần).`,
      }),
  });

  app.post('/agencies/:agency/catalog-changes', requireKey(db, 'catalog:write'), limit, async (c: Context<KeyEnv>) => {
    const agency = c.req.param('agency') ?? '';
    if (!AgencyCode.safeParse(agency).success)
      return invalid('Mã đơn vị không đúng dạng 000.00.00.H00.', [{ path: 'agency', message: 'Mã đơn vị không đúng dạng' }]);
    if (!(await options.agencyExists(agency)))
      return problemResponse({ status: 404, code: 'not_found', detail: `Không có đơn vị ${agency}.` });
    if (!/^application\/([\w.+-]*\+)?json\b/i.test(c.req.header('content-type') ?? ''))
      return problemResponse({ status: 415, code: 'unsupported_media_type', detail: 'Gửi dữ liệu dạng application/json.' });
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return invalid('Dữ liệu JSON không đúng cú pháp.');
    }
    const parsed = CatalogChangeBatch.safeParse(body);
    if (!parsed.success)
      return invalid(`Gửi { "changes": [...] } với 1 đến ${MAX_CATALOG_CHANGES} thay đổi hợp lệ.`, issuesToErrors(parsed.error.issues));
    const result = await applyCatalogChanges(db, agency, parsed.data, now());
    if (result.applied > 0) options.onChange?.();
    return new Response(JSON.stringify(result), {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    });
  });

  return app;
}
