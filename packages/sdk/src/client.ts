/**
 * The motcua API client: one typed method per route, every response validated against the contract.
 * @module
 */
import ky, { HTTPError, TimeoutError } from 'ky';
import * as z from 'zod/mini';
import {
  MotcuaAbortError,
  MotcuaError,
  MotcuaHttpError,
  MotcuaInputError,
  MotcuaNetworkError,
  MotcuaResponseError,
  MotcuaTimeoutError,
  type FieldIssue,
} from './errors.js';
import { buildPath, endpoints, type Endpoint } from './endpoints.js';
import type { Agency } from './schemas/agency.js';
import { AgencyCode, Problem, ProcedureCode, type Sector } from './schemas/common.js';
import type { DossierStatus } from './schemas/dossier.js';
import type { Catalog, ProcedurePage, ProcedureQuery, Procedure, ProcedureSummary } from './schemas/procedure.js';
import type { Rating, RatingReceipt } from './schemas/rating.js';
import type { ServiceStats, StatsQuery } from './schemas/stats.js';
import type { AgencyDirectory, AgencyDirectoryQuery, ProvinceStats } from './schemas/directory.js';
import type { AlertSubscriptionRequest, PushKey, PushSubscriptionReceipt, Unsubscribed } from './schemas/push.js';
import type { PushCall, PushContext } from './push-calls.js';
import type { CatalogCalls } from './catalog-calls.js';

type AnySchema = z.ZodMiniType;

// The schemas of agencies, dossiers, ratings and statistics load with the first call that needs them (a separate chunk
// per group in a bundle), so a page that only looks procedures up does not carry them, and a page that calls one group
// does not carry the others (the statistics page loads no dossier or rating schema, the QR sheet only the agency's).
// So do the procedure schemas: only the lookup, the QR card and the QR sheet need them (the embed's loader fetches their
// chunk together with those widgets, rollup.config.mjs FIRST_RENDER_IMPORTS); a catalog or procedure call loads them in
// parallel with its request. The dossier-code checker comes with the dossier schemas, its messages only for a bad code.
const procedureSchemas = () => import('./schemas/procedure-on-demand.js');
const agencySchemas = () => import('./schemas/agency-on-demand.js');
const dossierSchemas = () => import('./schemas/dossier-on-demand.js');
const ratingSchemas = () => import('./schemas/rating-on-demand.js');
const statsSchemas = () => import('./schemas/stats-on-demand.js');
const directorySchemas = () => import('./schemas/directory-on-demand.js');
const pushCalls = () => import('./push-calls.js');
const catalogModule = () => import('./catalog-calls.js');
type ProcedureSchemas = Awaited<ReturnType<typeof procedureSchemas>>;

/**
 * Retry policy for idempotent calls (GET, and POST with an `Idempotency-Key`).
 * @example
 * ```ts
 * createClient({ baseUrl, retry: { limit: 4, backoffMs: 500, maxRetryAfterMs: 30_000 } });
 * ```
 */
export interface RetryOptions {
  /** Retries after the first attempt (default 2; 0 disables retries). A timed-out request is retried only once. */
  limit?: number;
  /** Base delay in ms, doubled at each retry, with jitter (between half and all of it), at most 30 s (default 300). */
  backoffMs?: number;
  /**
   * Longest `Retry-After` (seconds or an HTTP date, on 429 and 503) the client waits for, in ms (default 10000); longer
   * waits throw at once with `retryAfter`.
   */
  maxRetryAfterMs?: number;
}

/**
 * What {@link createClient} needs.
 * @example
 * ```ts
 * const options: ClientOptions = { baseUrl: '/api/v1', timeout: 10_000, retry: { limit: 3 }, locale: 'en' };
 * const client = createClient(options);
 * ```
 */
export interface ClientOptions {
  /** Base URL of the API including `/api/v1`, e.g. `https://motcua.example.gov.vn/api/v1`. */
  baseUrl: string;
  /**
   * A `fetch` implementation (default: the global one), handed to ky: called as `fetch(request, init)` for every attempt,
   * with a `Request` that carries the method, headers, body and signal. The client stops waiting at its `timeout` or
   * abort even if this function ignores the signal.
   */
  fetch?: typeof globalThis.fetch;
  /** Milliseconds to wait for the response headers, and again for the body (default 15000). */
  timeout?: number;
  retry?: RetryOptions;
  /** Language of dossier-code error messages (`MotcuaInputError`) and of `Accept-Language` (default `vi`). */
  locale?: 'vi' | 'en';
  /** Persistent catalog cache, e.g. `createStorageCache(localStorage)`; the last catalog is then available at once. */
  cache?: CatalogCache;
  /**
   * Milliseconds during which a catalog this client has just received (a 200 that passed validation, or a 304 that
   * confirmed the copy held) answers later `getCatalog` calls for the same agency without a request, so widgets that
   * ask one after another share one download (default 0: every call revalidates; `Infinity`: for the life of the
   * client). Only in memory: a new client (a reload) revalidates its persistent copy, and a failed call is not kept.
   */
  catalogReuseMs?: number;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * A counter kiosk's device credential (`motcua-server devices enrol` prints it), sent as `Motcua-Device` with its
   * kiosk ratings. `submitRating`'s own `device` option wins.
   */
  device?: string;
}

/**
 * Options of {@link MotcuaClient.submitRating}.
 * @example
 * ```ts
 * const o: SubmitRatingOptions = { idempotencyKey: crypto.randomUUID(), proof: dossier.ratingProof?.token };
 * ```
 */
export interface SubmitRatingOptions extends CallOptions {
  /** Unique per rating (a UUID): the same key and body are stored once, however often they are sent. */
  idempotencyKey: string;
  /** The owner's proof for the rated dossier: `ratingProof.token` of {@link MotcuaClient.verifyDossier}'s answer. */
  proof?: string;
  /** The kiosk's device credential, for `channel: 'kiosk'` (default: the client's `device` option). */
  device?: string;
}

/**
 * Per-call options.
 * @example
 * ```ts
 * const controller = new AbortController();
 * await client.getSectors({ signal: controller.signal });
 * ```
 */
export interface CallOptions {
  /** Cancels the call; the promise then rejects with {@link MotcuaAbortError}. */
  signal?: AbortSignal;
}

/**
 * A catalog as persisted by a {@link CatalogCache}.
 * @example
 * ```ts
 * const entry: CatalogCacheEntry = { etag: '"v1"', catalog, savedAt: new Date().toISOString() };
 * ```
 */
export interface CatalogCacheEntry {
  /** The `ETag` the server sent with the catalog, used to revalidate it. */
  etag: string | null;
  catalog: Catalog;
  /** When the client stored it (ISO 8601). */
  savedAt: string;
}

/**
 * Persistent storage for catalogs, so a widget can show the last catalog instantly on a slow network.
 * Entries read back are validated again; a broken or foreign entry is ignored.
 * @example
 * ```ts
 * const memory = new Map<string, CatalogCacheEntry>();
 * const cache: CatalogCache = {
 *   get: async (key) => memory.get(key),
 *   set: async (key, value) => void memory.set(key, value),
 * };
 * const client = createClient({ baseUrl, cache });
 * ```
 */
export interface CatalogCache {
  /** The entry stored under `key`, or `undefined`. May return anything: the client validates what it reads. */
  get(key: string): Promise<CatalogCacheEntry | undefined>;
  /** Stores `value` under `key`; failures should be swallowed (the cache is best effort). */
  set(key: string, value: CatalogCacheEntry): Promise<void>;
}

/**
 * What {@link createStorageCache} needs of a store: the two methods of Web Storage it calls (`localStorage` and
 * `sessionStorage` have them), without needing the DOM types, so the SDK also type-checks in a Node-only project.
 * @example
 * ```ts
 * const store = new Map<string, string>();
 * const storage: KeyValueStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) };
 * const client = createClient({ baseUrl: '/api/v1', cache: createStorageCache(storage) });
 * ```
 */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * A {@link CatalogCache} on a Web Storage object (`localStorage`, `sessionStorage`) or anything with
 * `getItem`/`setItem`. Quota errors and unreadable entries are ignored: the cache is best effort.
 * @param storage Where to keep entries.
 * @param prefix Prefix of the storage keys (default `motcua:`).
 * @example
 * ```ts
 * const client = createClient({ baseUrl: '/api/v1', cache: createStorageCache(localStorage) });
 * const last = await client.peekCatalog('000.00.06.H56'); // instantly, from the previous visit
 * ```
 */
export function createStorageCache(storage: KeyValueStorage, prefix = 'motcua:'): CatalogCache {
  return {
    async get(key) {
      try {
        const text = storage.getItem(prefix + key);
        return text ? (JSON.parse(text) as CatalogCacheEntry) : undefined;
      } catch {
        return undefined;
      }
    },
    async set(key, value) {
      try {
        storage.setItem(prefix + key, JSON.stringify(value));
      } catch {
        // Quota exceeded or storage disabled: keep working without persistence.
      }
    },
  };
}

/**
 * Converts zod issues to `{ path, message }` pairs (field-issues.ts: its messages load only when something is invalid).
 * Without that chunk (the network failed too), zod's own path and message.
 */
async function fieldIssues(error: z.core.$ZodError): Promise<FieldIssue[]> {
  try {
    return (await import('./field-issues.js')).toFieldIssues(error);
  } catch {
    return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  }
}

async function checkInput<S extends AnySchema>(schema: S, value: unknown, what: string): Promise<z.infer<S>> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data as z.infer<S>;
  const issues = await fieldIssues(result.error);
  throw new MotcuaInputError(`Invalid ${what}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`, {
    issues,
  });
}

/** Seconds from a `Retry-After` value (delta-seconds or an HTTP date). */
function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Combines abort signals (AbortSignal.any where available: Safari before 17.4 lacks it). */
function anySignal(signals: AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(signals);
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts (even if `promise` never settles). */
function untilAborted<T>(promise: () => Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    promise()
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', stop));
  });
}

/** Statuses worth retrying: the server or a proxy may answer differently next time. */
const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];

interface Send {
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /** Allow retrying a POST (it carries an Idempotency-Key). */
  idempotent?: boolean;
}

/**
 * Creates a client for the motcua API.
 * @example
 * ```ts
 * import { createClient } from '@motcua/sdk';
 * const client = createClient({ baseUrl: 'https://motcua.example.gov.vn/api/v1' });
 * const agency = await client.getAgency('000.00.06.H56');
 * const page = await client.searchProcedures(agency.code, { q: 'khai sinh' });
 * ```
 */
export function createClient(options: ClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeout = options.timeout ?? 15_000;
  const backoffMs = options.retry?.backoffMs ?? 300;
  const maxRetryAfterMs = options.retry?.maxRetryAfterMs ?? 10_000;
  const locale = options.locale ?? 'vi';
  const cache = options.cache;
  const fetchImpl = options.fetch;

  const pathOf = (url: string): string => {
    try {
      return new URL(url, 'http://localhost').pathname;
    } catch {
      return url;
    }
  };

  // The transport is ky: query string, JSON body, `timeout` for the headers, retries with backoff, jitter and
  // `Retry-After`. What ky does not do is added here: the same timeout for the body, typed errors, and the few retry
  // rules below (see `shouldRetry`).
  const http = ky.create({
    timeout,
    headers: { accept: 'application/json', 'accept-language': locale, ...options.headers },
    // 304 is the catalog revalidation, not an error.
    throwHttpErrors: (status) => status !== 304,
    retry: {
      limit: options.retry?.limit ?? 2,
      statusCodes: RETRY_STATUSES,
      afterStatusCodes: [429, 503],
      maxRetryAfter: maxRetryAfterMs,
      // A request that got no answer in time is tried once more (see `shouldRetry`): on a weak rural link a dropped
      // request usually goes through the second time.
      retryOnTimeout: true,
      delay: (attempt) => backoffMs * 2 ** (attempt - 1),
      // "Equal jitter": half the delay fixed, half random, so clients that failed together do not retry together.
      jitter: (delay) => delay / 2 + Math.random() * (delay / 2),
      backoffLimit: 30_000,
    },
    // Raced against the request's signal, so a `fetch` option that ignores its signal still stops at an abort (ky's
    // `timeout` does not wait for it either).
    fetch: (input, init) => untilAborted(() => (fetchImpl ?? fetch)(input, init), (input as Request).signal),
  });

  /**
   * Sends one call through ky and returns the response with a `read()` bounded by the same timeout, or throws a
   * {@link MotcuaError}.
   */
  async function send(route: Endpoint, call: Send): Promise<{ response: Response; read: () => Promise<unknown>; path: string }> {
    const url = base + buildPath(route.path, call.params);
    const path = pathOf(url);
    const user = call.signal;
    if (user?.aborted) throw new MotcuaAbortError(path, { cause: user.reason });
    // Aborted when the body (of an answer or of an error) takes longer than `timeout`: ky's timeout ends with the headers.
    const timer = new AbortController();
    const signal = user ? anySignal([user, timer.signal]) : timer.signal;
    /** The body as text; a body that stalls must not hang the call: `timeout` bounds it too. */
    const text = async (response: Response): Promise<string> => {
      const clock = setTimeout(() => timer.abort(), timeout);
      try {
        return await untilAborted(() => response.text(), signal);
      } finally {
        clearTimeout(clock);
      }
    };
    let response: Response;
    try {
      response = await http(url, {
        method: route.method,
        signal,
        headers: call.headers ?? {},
        searchParams: call.query,
        json: call.body,
        retry: {
          // Retried: reads, and POSTs that carry an Idempotency-Key (the server answers a replay with the same receipt).
          methods: call.idempotent ? ['get', 'post'] : ['get'],
          shouldRetry: ({ error, retryCount }) => {
            // A timeout is retried once only: the user has already waited a whole `timeout`.
            if (user?.aborted || (error instanceof TimeoutError && retryCount > 1)) return false;
            if (!(error instanceof HTTPError)) return undefined;
            const failed = error.response;
            if (!RETRY_STATUSES.includes(failed.status)) return false;
            const header = failed.headers.get('retry-after');
            const after = parseRetryAfter(header);
            // Longer than the caller accepts: throw at once with `retryAfter` (ky would wait `maxRetryAfter`).
            if (after !== undefined && after * 1000 > maxRetryAfterMs) return false;
            // It will be retried: let go of the failed answer's connection now, not after the wait.
            failed.body?.cancel().catch(() => undefined);
            // A Retry-After that is neither seconds nor a date: the backoff (ky would wait `maxRetryAfter`).
            return header && after === undefined ? true : undefined;
          },
        },
      });
    } catch (error) {
      throw error instanceof HTTPError ? await httpError(error, path, text) : mapError(error, path, user, timer.signal);
    }
    const read = async (): Promise<unknown> => {
      let body: string;
      try {
        body = await text(response);
      } catch (error) {
        throw mapError(error, path, user, timer.signal);
      }
      try {
        return JSON.parse(body) as unknown;
      } catch (error) {
        throw new MotcuaResponseError(path, [{ path: '', message: 'the body is not valid JSON' }], { cause: error });
      }
    };
    return { response, read, path };
  }

  function mapError(error: unknown, path: string, user: AbortSignal | undefined, bodyTimer: AbortSignal): MotcuaError {
    if (error instanceof MotcuaError) return error;
    if (user?.aborted) return new MotcuaAbortError(path, { cause: error });
    // ky's TimeoutError (no headers in time), or the body timer.
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || bodyTimer.aborted) return new MotcuaTimeoutError(path, timeout, { cause: error });
    if (name === 'AbortError') return new MotcuaAbortError(path, { cause: error });
    return new MotcuaNetworkError(path, { cause: error });
  }

  async function httpError(error: HTTPError, path: string, text: (response: Response) => Promise<string>): Promise<MotcuaHttpError> {
    const { response } = error;
    let problem: Problem | undefined;
    try {
      const parsed = z.safeParse(Problem, JSON.parse(await text(response)));
      if (parsed.success) problem = parsed.data;
    } catch {
      // Not JSON (a proxy's HTML error page…) or cut off: the status alone must do.
    }
    const retryAfter = parseRetryAfter(response.headers.get('retry-after')) ?? problem?.retryAfter;
    return new MotcuaHttpError({
      status: response.status,
      path,
      ...(problem ? { problem } : {}),
      ...(retryAfter !== undefined ? { retryAfter } : {}),
      cause: error,
    });
  }

  async function call<S extends AnySchema>(route: Endpoint, schema: S, request: Send): Promise<z.infer<S>> {
    const { read, path } = await send(route, request);
    return validate(schema, await read(), path);
  }

  /** Loads a lazily bundled schema module; a chunk that cannot be fetched is a network error of the call. */
  async function load<T>(schemas: () => Promise<T>, route: Endpoint): Promise<T> {
    try {
      return await schemas();
    } catch (error) {
      throw new MotcuaNetworkError(pathOf(base + route.path), { cause: error });
    }
  }

  async function validate<S extends AnySchema>(schema: S, data: unknown, path: string): Promise<z.infer<S>> {
    const result = z.safeParse(schema, data);
    if (!result.success) throw new MotcuaResponseError(path, await fieldIssues(result.error));
    return result.data as z.infer<S>;
  }

  /** Checks a dossier code (the checker comes with the dossier schemas, its messages only for a code that is not valid). */
  async function dossierCode(code: string, route: Endpoint): Promise<string> {
    const { checkDossierCode } = await load(dossierSchemas, route);
    const parsed = checkDossierCode(code);
    if (parsed.ok) return parsed.value.code;
    // Still an input error when the messages cannot load (offline): `reason` says what is wrong.
    const messages = await import('./dossier-code.js').catch(() => undefined);
    throw new MotcuaInputError(messages?.DOSSIER_CODE_MESSAGES[locale][parsed.reason] ?? parsed.reason, { reason: parsed.reason });
  }

  /**
   * The catalog calls and their caches live in their own chunk (catalog-calls.ts), loaded on the first catalog call with
   * the procedure schemas: most pages never ask for a catalog. One set per client, so its widgets share the caches.
   */
  let catalog: Promise<CatalogCalls> | undefined;
  const viaCatalog = (): Promise<CatalogCalls> =>
    (catalog ??= (async () => {
      const schemas = (): Promise<ProcedureSchemas> => load(procedureSchemas, endpoints.getCatalog);
      // Both chunks at once: the first catalog call needs the schemas too.
      schemas().catch(() => undefined);
      const { catalogCalls } = await load(catalogModule, endpoints.getCatalog);
      return catalogCalls({ base, cache, send, validate, schemas, reuseMs: options.catalogReuseMs });
    })().catch((error: unknown) => {
      catalog = undefined; // a chunk that could not be fetched is tried again on the next call
      throw error;
    }));

  /** The status-alert calls live in their own chunk (with their schemas): most pages never make them. */
  const viaPush = async <T>(name: PushCall, o: CallOptions, ...args: unknown[]): Promise<T> => {
    const run = (await load(pushCalls, { method: 'get', path: '' }))[name] as (
      context: PushContext,
      ...rest: unknown[]
    ) => Promise<unknown>;
    return (await run({ call, dossierCode, check: checkInput, signal: o.signal, proof: (o as { proof?: string }).proof }, ...args)) as T;
  };

  const client = {
    /**
     * Every agency the server knows.
     * @example
     * ```ts
     * const agencies = await client.getAgencies();
     * ```
     */
    async getAgencies(o: CallOptions = {}): Promise<Agency[]> {
      const { AgencyList } = await load(agencySchemas, endpoints.getAgencies);
      return (await call(endpoints.getAgencies, AgencyList, { signal: o.signal })).items;
    },

    /**
     * The agency directory ("find my commune"): every commune/ward of a province, or the best matches of `q` (old
     * pre-merger names included, the matched one in `via`), each with its GSO code and the agency e-ID where served.
     * @example
     * ```ts
     * const { units } = await client.getAgencyDirectory({ province: '48', q: 'Hòa Phong' });
     * units[0]?.name; // 'Xã Hoà Vang'
     * ```
     */
    async getAgencyDirectory(query: AgencyDirectoryQuery, o: CallOptions = {}): Promise<AgencyDirectory> {
      const m = await load(directorySchemas, endpoints.getAgencies);
      return call(endpoints.getAgencies, m.AgencyDirectory, { query: m.directoryQuery(query), signal: o.signal });
    },

    /**
     * Service statistics of a province: totals over its reporting communes, and each commune's own.
     * @example
     * ```ts
     * const stats = await client.getProvinceStats('48', { from: '2026-01-01', to: '2026-03-31' });
     * stats.communes.length;
     * ```
     */
    async getProvinceStats(province: string, period: StatsQuery, o: CallOptions = {}): Promise<ProvinceStats> {
      const m = await load(directorySchemas, endpoints.getProvinceStats);
      return call(endpoints.getProvinceStats, m.ProvinceStats, { ...m.provinceStatsRequest(province, period), signal: o.signal });
    },

    /**
     * One agency by its e-ID.
     * @example
     * ```ts
     * const agency = await client.getAgency('000.00.06.H56');
     * ```
     */
    async getAgency(code: string, o: CallOptions = {}): Promise<Agency> {
      const agency = await checkInput(AgencyCode, code, 'agency code');
      const { Agency } = await load(agencySchemas, endpoints.getAgency);
      return call(endpoints.getAgency, Agency, { params: { agency }, signal: o.signal });
    },

    /**
     * The sectors (lĩnh vực).
     * @example
     * ```ts
     * const sectors = await client.getSectors();
     * ```
     */
    async getSectors(o: CallOptions = {}): Promise<Sector[]> {
      const { SectorList } = await load(agencySchemas, endpoints.getSectors);
      return (await call(endpoints.getSectors, SectorList, { signal: o.signal })).items;
    },

    /**
     * Server-side search over an agency's procedures, one page.
     * @example
     * ```ts
     * const page = await client.searchProcedures('000.00.06.H56', { q: 'khai sinh', page: 1, pageSize: 20 });
     * ```
     */
    async searchProcedures(agency: string, query: ProcedureQuery = {}, o: CallOptions = {}): Promise<ProcedurePage> {
      const code = await checkInput(AgencyCode, agency, 'agency code');
      const { ProcedurePage, ProcedureQuery } = await load(procedureSchemas, endpoints.searchProcedures);
      const q = await checkInput(ProcedureQuery, query, 'procedure query');
      return call(endpoints.searchProcedures, ProcedurePage, { params: { agency: code }, query: q, signal: o.signal });
    },

    /**
     * Every result of a search, page after page, as an async iterator. Stop early with `break` or the signal.
     * @example
     * ```ts
     * for await (const procedure of client.iterateProcedures('000.00.06.H56', { sector: 'G15-TP07' })) {
     *   console.log(procedure.code, procedure.name);
     * }
     * ```
     */
    iterateProcedures(agency: string, query: ProcedureQuery = {}, o: CallOptions = {}): AsyncIterable<ProcedureSummary> {
      return {
        async *[Symbol.asyncIterator]() {
          let page = query.page ?? 1;
          for (;;) {
            const result = await client.searchProcedures(agency, { ...query, page }, o);
            yield* result.items;
            if (result.items.length === 0 || result.page * result.pageSize >= result.total) return;
            page = result.page + 1;
          }
        },
      };
    },

    /**
     * The agency's compact catalog for client-side search. Revalidated with `If-None-Match` against the copy in
     * memory (or in the persistent `cache`), so an unchanged catalog costs a bodiless 304; a new one is persisted.
     * Widgets on one page share a client: calls for the same catalog while one is on its way share its request, and
     * with `catalogReuseMs` so do calls made shortly after it arrived.
     * @example
     * ```ts
     * const catalog = await client.getCatalog('000.00.06.H56');
     * const index = createSearchIndex(catalog.items);
     * ```
     */
    async getCatalog(agency: string, o: CallOptions = {}): Promise<Catalog> {
      const code = await checkInput(AgencyCode, agency, 'agency code');
      return (await viaCatalog()).getCatalog(code, o);
    },

    /**
     * The last catalog this client (or, with a persistent `cache`, a previous visit) received, without any network;
     * `undefined` when there is none. Show it at once, then call `getCatalog` to refresh.
     * @example
     * ```ts
     * const cached = await client.peekCatalog('000.00.06.H56');
     * if (cached) render(cached.items);
     * render((await client.getCatalog('000.00.06.H56')).items);
     * ```
     */
    async peekCatalog(agency: string): Promise<Catalog | undefined> {
      return (await viaCatalog()).peekCatalog(agency);
    },

    /**
     * The full record of a procedure.
     * @example
     * ```ts
     * const procedure = await client.getProcedure('1.001193');
     * ```
     */
    async getProcedure(code: string, o: CallOptions = {}): Promise<Procedure> {
      const procedure = await checkInput(ProcedureCode, code, 'procedure code');
      const schemas = load(procedureSchemas, endpoints.getProcedure);
      schemas.catch(() => undefined);
      const { read, path } = await send(endpoints.getProcedure, { params: { code: procedure }, signal: o.signal });
      const { Procedure } = await schemas;
      return validate(Procedure, await read(), path);
    },

    /**
     * The public view of a dossier. An invalid code throws {@link MotcuaInputError} (with `reason`) before any request.
     * @example
     * ```ts
     * const dossier = await client.getDossier('000.00.06.H56-231027-0361');
     * console.log(dossier.status, dossier.dueAt);
     * ```
     */
    async getDossier(code: string, o: CallOptions = {}): Promise<DossierStatus> {
      const dossier = await dossierCode(code, endpoints.getDossier);
      const { DossierStatus } = await load(dossierSchemas, endpoints.getDossier);
      return call(endpoints.getDossier, DossierStatus, { params: { code: dossier }, signal: o.signal });
    },

    /**
     * The owner view of a dossier, proven with the last 4 digits of the phone: adds the masked applicant name, whether
     * it has been rated, and `ratingProof`, the token {@link MotcuaClient.submitRating} needs to rate it (30 minutes).
     * @example
     * ```ts
     * const dossier = await client.verifyDossier('000.00.06.H56-231027-0361', '6789');
     * console.log(dossier.applicantName); // 'Nguyễn V** A**'
     * if (dossier.ratingProof && !dossier.rated) offerRating(dossier.ratingProof.token);
     * ```
     */
    async verifyDossier(code: string, phoneLast4: string, o: CallOptions = {}): Promise<DossierStatus> {
      const dossier = await dossierCode(code, endpoints.verifyDossier);
      const { DossierStatus, VerifyRequest } = await load(dossierSchemas, endpoints.verifyDossier);
      const body = await checkInput(VerifyRequest, { phoneLast4 }, 'phone digits');
      return call(endpoints.verifyDossier, DossierStatus, { params: { code: dossier }, body, signal: o.signal });
    },

    /**
     * Submits a rating. Safe to retry: the same `idempotencyKey` and body give the same receipt
     * (`replayed: true` when the server had it already). A rating of a dossier needs the owner's `proof` (from
     * {@link MotcuaClient.verifyDossier}); a kiosk rating needs the kiosk's `device` credential.
     * @example
     * ```ts
     * const dossier = await client.verifyDossier('000.00.06.H56-231027-0361', '6789');
     * const { receipt, replayed } = await client.submitRating(
     *   { agency: '000.00.06.H56', channel: 'online', dossierCode: dossier.code, overall: 'very_satisfied', ratedAt: new Date().toISOString() },
     *   { idempotencyKey: crypto.randomUUID(), proof: dossier.ratingProof?.token },
     * );
     * ```
     */
    async submitRating(rating: Rating, o: SubmitRatingOptions): Promise<{ receipt: RatingReceipt; replayed: boolean }> {
      const { DeviceCredential, IdempotencyKey, Rating, RatingReceipt } = await load(ratingSchemas, endpoints.submitRating);
      const body = await checkInput(Rating, rating, 'rating');
      const key = await checkInput(IdempotencyKey, o.idempotencyKey, 'Idempotency-Key');
      const headers: Record<string, string> = { 'idempotency-key': key };
      if (o.proof !== undefined) headers['motcua-owner-proof'] = o.proof;
      const device = o.device ?? options.device;
      if (body.channel === 'kiosk' && device !== undefined)
        headers['motcua-device'] = await checkInput(DeviceCredential, device, 'device credential');
      const { response, read, path } = await send(endpoints.submitRating, {
        body,
        headers,
        signal: o.signal,
        idempotent: true,
      });
      const receipt = await validate(RatingReceipt, await read(), path);
      return { receipt, replayed: response.status === 200 };
    },

    /**
     * Service statistics of an agency over a period (`from`, `to` as `YYYY-MM-DD`, both included).
     * @example
     * ```ts
     * const stats = await client.getStats('000.00.06.H56', { from: '2026-01-01', to: '2026-06-30' });
     * console.log(stats.onTimeRate, stats.satisfaction.rate);
     * ```
     */
    async getStats(agency: string, period: StatsQuery, o: CallOptions = {}): Promise<ServiceStats> {
      const code = await checkInput(AgencyCode, agency, 'agency code');
      const { ServiceStats, StatsQuery } = await load(statsSchemas, endpoints.getStats);
      const query = await checkInput(StatsQuery, period, 'period');
      if (query.from > query.to) {
        throw new MotcuaInputError(`Invalid period: from (${query.from}) is after to (${query.to})`, {
          issues: [{ path: 'from', message: 'must not be after to' }],
        });
      }
      return call(endpoints.getStats, ServiceStats, { params: { agency: code }, query, signal: o.signal });
    },

    /**
     * The server's VAPID public key, the `applicationServerKey` of `PushManager.subscribe()`.
     * @example
     * ```ts
     * const { publicKey } = await client.getPushKey();
     * ```
     */
    getPushKey: (o: CallOptions = {}): Promise<PushKey> => viaPush('getPushKey', o),

    /**
     * Subscribes a browser to the status alerts of a dossier, with the citizen's consent and the owner's `proof`
     * (`ratingProof.token` of {@link MotcuaClient.verifyDossier}). Keep `unsubscribeToken` to revoke later.
     * @example
     * ```ts
     * const push = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: publicKey });
     * const receipt = await client.subscribeDossier(code, { ...push.toJSON(), consent: true, consentText }, { proof });
     * // or by SMS/Zalo to the dossier's own phone number, when `getPushKey()` answers `sms: true`:
     * await client.subscribeDossier(code, { kind: 'sms', consent: true, consentText }, { proof });
     * ```
     */
    subscribeDossier: (
      code: string,
      subscription: AlertSubscriptionRequest,
      o: CallOptions & { proof: string },
    ): Promise<PushSubscriptionReceipt> => viaPush('subscribeDossier', o, code, subscription),

    /**
     * Ends one subscription of a dossier, with the owner's `proof`.
     * @example
     * ```ts
     * await client.unsubscribeDossier(code, receipt.id, { proof });
     * ```
     */
    unsubscribeDossier: (code: string, id: string, o: CallOptions & { proof: string }): Promise<Unsubscribed> =>
      viaPush('unsubscribeDossier', o, code, id),

    /**
     * Ends a subscription with its `unsubscribeToken` (no proof needed: the token is one).
     * @example
     * ```ts
     * await client.unsubscribe(receipt.unsubscribeToken);
     * ```
     */
    unsubscribe: (token: string, o: CallOptions = {}): Promise<Unsubscribed> => viaPush('unsubscribe', o, token),
  };
  return client;
}

/**
 * The client {@link createClient} returns.
 * @example
 * ```ts
 * function showAgency(client: MotcuaClient, code: string) {
 *   return client.getAgency(code);
 * }
 * ```
 */
export type MotcuaClient = ReturnType<typeof createClient>;
