/**
 * The integration client: typed, validating calls of the secured routes, for a provincial system (server side; the
 * key is a secret: never put it in a web page).
 * @module
 */
import * as z from 'zod/mini';
import {
  MotcuaAbortError,
  MotcuaHttpError,
  MotcuaInputError,
  MotcuaNetworkError,
  MotcuaResponseError,
  MotcuaTimeoutError,
} from '../errors.js';
import { buildPath } from '../endpoints.js';
import { toFieldIssues } from '../field-issues.js';
import { AgencyCode, Problem } from '../schemas/common.js';
import { DossierCode } from '../schemas/dossier.js';
import { integrationEndpoints } from './routes.js';
import {
  DossierEventBatch,
  DossierEventBatchResult,
  DossierUpsert,
  DossierUpsertResult,
  RatingExportPage,
  RatingExportQuery,
  type DossierEvent,
} from './schemas.js';
import { CatalogChangeBatch, CatalogChangeBatchResult, type CatalogChange } from './catalog.js';
import { DirectoryUnitAttach, DirectoryUnitAttachResult } from './directory-unit.js';

/**
 * What {@link createIntegrationClient} needs.
 * @example
 * ```ts
 * const options: IntegrationClientOptions = { baseUrl: 'https://motcua.example.gov.vn/api/v1', key: process.env.MOTCUA_KEY! };
 * ```
 */
export interface IntegrationClientOptions {
  /** Base URL of the API including `/api/v1`. */
  baseUrl: string;
  /** The API key printed by `motcua-server keys create` (`mck_…`). */
  key: string;
  /** A `fetch` implementation (default: the global one). */
  fetch?: typeof globalThis.fetch;
  /** Milliseconds to wait for an answer (default 30000). */
  timeout?: number;
  /** Retries of a call after a network error, a timeout, 429 or 5xx (default 2). Every call here is idempotent. */
  retries?: number;
}

const RETRY = [408, 429, 500, 502, 503, 504];

function check<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data as z.infer<S>;
  const issues = toFieldIssues(result.error);
  throw new MotcuaInputError(`Invalid ${what}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`, {
    issues,
  });
}

/**
 * Creates a client of the integration API. Errors are the public client's: {@link MotcuaHttpError} (with the
 * problem details; 401/403 for key problems), {@link MotcuaResponseError}, {@link MotcuaNetworkError}…
 * @example
 * ```ts
 * import { createIntegrationClient } from '@motcua/sdk/integration';
 * const motcua = createIntegrationClient({ baseUrl: 'https://motcua.example.gov.vn/api/v1', key: process.env.MOTCUA_KEY! });
 * const { results } = await motcua.pushDossierEvents('000.00.06.H56', [
 *   { id: 'evt-1', dossier: '000.00.06.H56-261027-0001', type: 'resolved', at: '20261027160000' },
 * ]);
 * ```
 */
export function createIntegrationClient(options: IntegrationClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeout = options.timeout ?? 30_000;
  const retries = options.retries ?? 2;
  if (!/^mck_[A-Za-z0-9]+_[A-Za-z0-9_-]+$/.test(options.key)) throw new MotcuaInputError('Invalid API key: expected mck_<id>_<secret>');

  async function send<S extends z.ZodMiniType>(
    endpoint: { method: string; path: string },
    params: Record<string, string>,
    schema: S,
    init: { body?: unknown; query?: Record<string, string | number | undefined>; signal?: AbortSignal | undefined },
  ): Promise<{ data: z.infer<S>; status: number }> {
    let url = base + buildPath(endpoint.path, params);
    const path = new URL(url, 'http://localhost').pathname;
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(init.query ?? {})) if (v !== undefined) query.append(k, String(v));
    if (String(query)) url += `?${query}`;
    for (let attempt = 0; ; attempt++) {
      const signals = [AbortSignal.timeout(timeout), ...(init.signal ? [init.signal] : [])];
      let response: Response;
      try {
        response = await (options.fetch ?? fetch)(url, {
          method: endpoint.method.toUpperCase(),
          headers: {
            accept: 'application/json',
            authorization: `Bearer ${options.key}`,
            ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
          signal: AbortSignal.any(signals),
        });
      } catch (error) {
        if (init.signal?.aborted) throw new MotcuaAbortError(path, { cause: error });
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        if (attempt < retries) {
          await new Promise((r) => setTimeout(r, 300 * 2 ** attempt));
          continue;
        }
        throw timedOut ? new MotcuaTimeoutError(path, timeout, { cause: error }) : new MotcuaNetworkError(path, { cause: error });
      }
      const text = await response.text();
      if (!response.ok) {
        if (RETRY.includes(response.status) && attempt < retries) {
          const after = Number(response.headers.get('retry-after'));
          await new Promise((r) => setTimeout(r, Number.isFinite(after) && after > 0 ? Math.min(after, 30) * 1000 : 300 * 2 ** attempt));
          continue;
        }
        let problem: Problem | undefined;
        try {
          const parsed = z.safeParse(Problem, JSON.parse(text));
          if (parsed.success) problem = parsed.data;
        } catch {
          // not JSON: the status alone must do
        }
        throw new MotcuaHttpError({ status: response.status, path, ...(problem ? { problem } : {}) });
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new MotcuaResponseError(path, [{ path: '', message: 'the body is not valid JSON' }], { cause: error });
      }
      const result = z.safeParse(schema, json);
      if (!result.success) throw new MotcuaResponseError(path, toFieldIssues(result.error));
      return { data: result.data as z.infer<S>, status: response.status };
    }
  }

  return {
    /**
     * Creates or replaces a dossier (`created` tells which).
     * @example
     * ```ts
     * await motcua.upsertDossier('000.00.06.H56', '000.00.06.H56-261027-0001', {
     *   procedure: { code: '1.001193' }, status: 2, channel: 1,
     *   applicant: { name: 'Nguyễn Văn An', phone: '0905123456' }, submittedAt: '20261027081500', receivedAt: '20261027081500',
     * });
     * ```
     */
    async upsertDossier(
      agency: string,
      code: string,
      dossier: DossierUpsert,
      o: { signal?: AbortSignal } = {},
    ): Promise<DossierUpsertResult> {
      const params = { agency: check(AgencyCode, agency, 'agency code'), code: check(DossierCode, code, 'dossier code') };
      const body = check(DossierUpsert, dossier, 'dossier');
      return (await send(integrationEndpoints.upsertDossier, params, DossierUpsertResult, { body, signal: o.signal })).data;
    },

    /**
     * Pushes up to 500 events; the answer has one result per event (applied, duplicate, rejected with a reason).
     * Safe to send again after a failure: events already applied come back as duplicates.
     * @example
     * ```ts
     * const { rejected, results } = await motcua.pushDossierEvents(agency, events);
     * ```
     */
    async pushDossierEvents(agency: string, events: DossierEvent[], o: { signal?: AbortSignal } = {}): Promise<DossierEventBatchResult> {
      const params = { agency: check(AgencyCode, agency, 'agency code') };
      const body = check(DossierEventBatch, { events }, 'events');
      return (await send(integrationEndpoints.pushDossierEvents, params, DossierEventBatchResult, { body, signal: o.signal })).data;
    },

    /**
     * One page of the ratings export; pass the previous page's `next` as `since`.
     * @example
     * ```ts
     * const page = await motcua.exportRatings(agency, { since: saved, limit: 500 });
     * ```
     */
    async exportRatings(agency: string, query: RatingExportQuery = {}, o: { signal?: AbortSignal } = {}): Promise<RatingExportPage> {
      const params = { agency: check(AgencyCode, agency, 'agency code') };
      const q = check(RatingExportQuery, query, 'export query');
      return (await send(integrationEndpoints.exportRatings, params, RatingExportPage, { query: q, signal: o.signal })).data;
    },

    /**
     * Applies up to 100 catalog changes (own procedures, national ones added to or removed from the list); the answer
     * has one result per change and the new catalog `version`. Safe to send again: a change already made is `unchanged`.
     * @example
     * ```ts
     * await motcua.changeCatalog(agency, [
     *   { op: 'add', code: '1.001193' },
     *   { op: 'upsert', procedure: { code: '1.999001', name: 'Thủ tục riêng của xã', sector: { name: 'Cư trú' }, processingTime: null } },
     * ]);
     * ```
     */
    async changeCatalog(agency: string, changes: CatalogChange[], o: { signal?: AbortSignal } = {}): Promise<CatalogChangeBatchResult> {
      const params = { agency: check(AgencyCode, agency, 'agency code') };
      const body = check(CatalogChangeBatch, { changes }, 'catalog changes');
      return (await send(integrationEndpoints.changeCatalog, params, CatalogChangeBatchResult, { body, signal: o.signal })).data;
    },

    /**
     * Attaches the agency's e-ID to its commune/ward (GSO code) in the directory; moves it from the unit it was on.
     * Safe to send again (`unchanged`). A unit carrying another agency's e-ID fails with {@link MotcuaHttpError} 409.
     * @example
     * ```ts
     * const { result, movedFrom } = await motcua.attachDirectoryUnit('000.30.01.H17', '20320');
     * ```
     */
    async attachDirectoryUnit(agency: string, gso: string, o: { signal?: AbortSignal } = {}): Promise<DirectoryUnitAttachResult> {
      const params = { agency: check(AgencyCode, agency, 'agency code') };
      const body = check(DirectoryUnitAttach, { gso }, 'GSO code');
      return (await send(integrationEndpoints.attachDirectoryUnit, params, DirectoryUnitAttachResult, { body, signal: o.signal })).data;
    },
  };
}

/**
 * The client {@link createIntegrationClient} returns.
 * @example
 * ```ts
 * function sync(client: IntegrationClient) { return client.exportRatings('000.00.06.H56'); }
 * ```
 */
export type IntegrationClient = ReturnType<typeof createIntegrationClient>;
