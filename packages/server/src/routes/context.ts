/**
 * What every route module of the public API shares, built once per app by {@link createRouteContext}: the database,
 * the clock, the per-instance caches (catalog version, agencies), the rate limiter and its budgets, the owner proofs
 * and kiosk devices, and the response helpers (`json`, `invalid`, `readJson`, `rateLimited`, …) that answer with the
 * right headers and problem+json errors. A route module is a factory `(ctx: RouteContext) => Hono<Env>`.
 * @module
 */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Agency, AgencyCode } from '@motcua/sdk/schemas';
import type { AppOptions } from '../app.js';
import { createBatcher } from '../batch.js';
import { LOOPBACK_PROXIES, clientAddress as resolveClient, clientKey, trustedProxies } from '../client-address.js';
import type { Db } from '../db.js';
import { type DeviceLimits, DEFAULT_DEVICE_LIMITS, createDeviceSpender } from '../devices.js';
import { type DossierDbRow, type DossierJsonRow, dossierRowOf } from '../dossier-view.js';
import { problemResponse } from '../problem.js';
import {
  type Budget,
  type RateLimiter,
  type Slot,
  type Taken,
  LOOKUP_DOSSIERS_SQL,
  blockedFor,
  createRateLimiter,
  createSlotLeases,
  slotParams,
  slotsOf,
} from '../rate-limit.js';
import { createRatingInserter } from '../rating-insert.js';
import { type RatingProofs, ratingProofs } from '../rating-proof.js';
import { serverSecret } from '../secret.js';
import { seed as seedDatabase, getMeta } from '../store.js';
import { type HolidayCalendar, vnDate } from '../working-hours.js';
import {
  type Body,
  COMPRESS_THRESHOLD,
  EXPOSE,
  type Encoding,
  type Env,
  SECURITY_HEADERS,
  bodyOf,
  encoded,
  etagOf,
  requestHeader,
  selectEncoding,
} from './http.js';

/** Budgets of the public dossier look-up and owner verification (see docs/security.md). */
export interface RateLimits {
  /** Dossier look-ups (found or not) per client per window (0: no limit — benchmarks and closed networks only). */
  lookups: number;
  /** Failed owner verifications per client per window. */
  verifications: number;
  /** Window of `lookups` and `verifications`, seconds. */
  windowSeconds: number;
  /** Dossier look-ups per client per day (24 h; 0: no limit). */
  lookupsPerDay?: number;
  /** Wrong answers to one dossier's owner check (from any address) before the code is locked. */
  codeFailures?: number;
  /** How long a code stays locked after `codeFailures` wrong answers, seconds. */
  codeLockSeconds?: number;
}

export const DEFAULT_LIMITS: Required<RateLimits> = {
  lookups: 60,
  verifications: 20,
  windowSeconds: 600,
  lookupsPerDay: 500,
  codeFailures: 5,
  codeLockSeconds: 900,
};

const CACHE_TTL_MS = 5_000;
/** At most this many dossiers kept by the look-up (see `dossierRevalidateMs`); all are forgotten when it is reached. */
const DOSSIER_READS_KEPT = 2_000;

/** A field error of a problem+json answer. */
export type FieldError = { path: string; message: string };

/** The shared state and helpers of the public API's route modules (see the module comment). */
export interface RouteContext {
  readonly options: AppOptions;
  readonly db: Db;
  readonly calendar: HolidayCalendar;
  readonly now: () => Date;
  readonly limits: Required<RateLimits>;
  readonly limiter: RateLimiter;
  readonly deviceLimits: DeviceLimits;
  readonly ratingInserts: ReturnType<typeof createRatingInserter>;
  readonly spendDeviceVote: ReturnType<typeof createDeviceSpender>;
  /** The server secret (configured, or shared through the database). */
  secret(): Promise<string>;
  /** Issues and checks owner proofs for ratings. */
  proofs(): Promise<RatingProofs>;
  /** A value cached per catalog version, serialised (and compressed on demand) once, with its ETag. */
  cached<T>(key: string, load: () => Promise<T | undefined>): Promise<{ body: Body; etag: string; data: T } | undefined>;
  /** The catalog version (changes with every write of procedures, agencies or the directory): the caches' key. */
  catalogVersion(): Promise<string>;
  /** Forgets this instance's copy of the catalog version (after a catalog write through this instance: seen at once). */
  forgetCatalogVersion(): void;
  agencies(): Promise<Agency[]>;
  findAgency(code: string): Promise<Agency | undefined>;
  /** Demo mode: regenerates the demo dossier history when the Vietnam date changed. */
  freshDossiers(): Promise<void>;
  logError(msg: string, error: unknown): void;
  /** The client's rate-limit key (address or IPv6 /64, through trusted proxies only). */
  clientAddress(c: Context<Env>): string;
  /** CORS headers of an `/api/` answer for this request's origin. */
  corsHeaders(c: Context<Env>): Record<string, string>;
  /** Responses built by `json()` (headers complete, compressed already): the middleware leaves them alone. */
  readonly fast: WeakSet<Response>;
  /** A JSON answer with every header set, compressed per `Accept-Encoding` when large. */
  json(c: Context<Env>, content: string | Uint8Array | Body, status?: number, headers?: Record<string, string>): Response;
  /**
   * A 304 for a conditional read of `body` whose ETag matched: the headers its 200 would carry (`etag` — weak when that
   * would be compressed —, `cache-control`, `vary`, security and CORS) set up front as `json()` does, so the middleware
   * leaves it alone (a revalidation costs next to nothing).
   */
  notModified(c: Context<Env>, body: Body, headers: Record<string, string>): Response;
  /** A 400 (or `status`) `invalid_request` problem. */
  invalid(detail: string, errors?: FieldError[], status?: number): Response;
  /** The JSON body of a request (415 when not JSON, 400 when malformed). */
  readJson(c: Context<Env>): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }>;
  /** The `:agency` path parameter: well formed (400) and known (404). */
  checkAgencyParam(c: Context<Env>): Promise<{ ok: true; agency: Agency } | { ok: false; response: Response }>;
  /** A 429 `rate_limited` problem with `Retry-After`. */
  rateLimited(retryAfter: number): Response;
  /** A 404 `dossier_not_found` problem. */
  notFound(): Response;
  /** Takes a slot of each budget and reads the dossier in one statement (see rate-limit.ts). */
  loadDossier(code: string, budgets: readonly Budget[]): Promise<{ blocked: number; row: DossierDbRow | undefined }>;
  /** Forgets the dossiers the look-up keeps for `dossierRevalidateMs` (called after every write request). */
  forgetDossierReads(): void;
  /** The look-up budgets of a client: per window and per day. */
  lookupBudgets(client: string): Budget[];
}

export function createRouteContext(options: AppOptions): RouteContext {
  const { db, calendar } = options;
  const now = options.now ?? (() => new Date());
  const limits: Required<RateLimits> = { ...DEFAULT_LIMITS, ...options.rateLimit };
  const limiter: RateLimiter = createRateLimiter(db, limits.windowSeconds);
  const proxies = trustedProxies(options.trustedProxies ?? (options.trustProxy ? LOOPBACK_PROXIES : []));
  const ratingInserts = createRatingInserter(db);
  const deviceLimits = options.deviceLimits ?? DEFAULT_DEVICE_LIMITS;
  const spendDeviceVote = createDeviceSpender(db, deviceLimits);
  // The server secret (configured, or shared through the database), read once; a failed read is tried again next time.
  let secretLoad: Promise<string> | undefined;
  const secret = (): Promise<string> =>
    (secretLoad ??= serverSecret(db, options.secret).catch((error: unknown) => {
      secretLoad = undefined;
      throw error;
    }));
  let proofsLoaded: RatingProofs | undefined;
  const proofs = async (): Promise<RatingProofs> => (proofsLoaded ??= ratingProofs(await secret()));

  // -------------------------------------------------------------- caches (per instance; keyed by the DB catalog version)
  // Every write of procedures, agency lists or agencies (seed, import-catalog) sets a new `catalog_version` in the
  // same transaction; each instance re-reads it when its copy is older than `catalogRevalidateMs`, so an import made
  // through another instance or the CLI is served within that time. Concurrent re-reads share one query.
  const revalidateMs = options.catalogRevalidateMs ?? CACHE_TTL_MS;
  let version: { value: string; at: number } | undefined;
  let reading: Promise<string> | undefined;
  const currentVersion = async (): Promise<string> => {
    if (version && performance.now() - version.at < revalidateMs) return version.value;
    if (revalidateMs <= 0) return (await getMeta(db, 'catalog_version')) ?? '0';
    reading ??= (async () => {
      const at = performance.now();
      try {
        const value = (await getMeta(db, 'catalog_version')) ?? '0';
        version = { value, at };
        return value;
      } finally {
        reading = undefined;
      }
    })();
    return reading;
  };
  // Serialised (and compressed, per encoding asked for) once per catalog version: the hot read paths send ready bytes.
  const cache = new Map<string, { version: string; body: Body; etag: string; data: unknown }>();
  const cached = async <T>(key: string, load: () => Promise<T | undefined>): Promise<{ body: Body; etag: string; data: T } | undefined> => {
    const v = await currentVersion();
    const hit = cache.get(key);
    if (hit && hit.version === v) return hit as { body: Body; etag: string; data: T };
    const data = await load();
    if (data === undefined) return undefined;
    const text = JSON.stringify(data);
    const entry = { version: v, body: bodyOf(text), etag: etagOf(text), data };
    if (cache.size > 2000) cache.clear();
    cache.set(key, entry);
    return entry;
  };

  const loadAgencies = async (): Promise<Agency[]> => {
    const rows = await db.query<{ data: Omit<Agency, 'procedureCount'>; count: number }>(
      `SELECT a.data, (SELECT count(*)::int FROM agency_procedures ap WHERE ap.agency_code = a.code) AS count
       FROM agencies a ORDER BY a.position, a.code`,
    );
    return rows.map((r) => ({ ...r.data, procedureCount: r.count }));
  };
  const agencies = async (): Promise<Agency[]> => (await cached('agencies', async () => loadAgencies()))?.data ?? [];
  const findAgency = async (code: string): Promise<Agency | undefined> => (await agencies()).find((a) => a.code === code);

  // Dossier history follows the calendar: regenerate (once, for all instances) when the Vietnam date changes.
  let dossiersFor: string | undefined;
  let regenerating: Promise<unknown> | undefined;
  const logError = (msg: string, error: unknown): void =>
    options.log?.(
      JSON.stringify({
        time: new Date().toISOString(),
        level: 'error',
        msg,
        error: String((error as Error)?.message ?? error),
        ...(typeof (error as { code?: unknown })?.code === 'string' ? { code: (error as { code: string }).code } : {}),
      }),
    );
  // The instants (ms) of the Vietnam day whose history is known to be there: a look-up compares its clock with them.
  let freshDay: { start: number; end: number } | undefined;
  const DONE = Promise.resolve();
  const freshDossiers = (): Promise<void> => {
    if (!options.demo) return DONE;
    const at = now();
    const t = at.getTime();
    if (freshDay && t >= freshDay.start && t < freshDay.end) return DONE;
    return regenerateDossiers(at);
  };
  const regenerateDossiers = async (at: Date): Promise<void> => {
    const today = vnDate(at);
    const day = Date.parse(`${today}T00:00:00+07:00`);
    const known = (): void => {
      dossiersFor = today;
      freshDay = { start: day, end: day + 86_400_000 };
    };
    if (dossiersFor === today) return known();
    const stored = await getMeta(db, 'dossiers_for');
    if (stored === today) return known();
    regenerating ??= seedDatabase(db, calendar, at, options.seedDir, { demo: true })
      .then(undefined, (error: unknown) => {
        // Real dossiers arrived in a demo database: keep serving what is there, never mix generated ones in.
        if (!(error instanceof Error && error.name === 'DemoOnRealDataError')) throw error;
        logError('demo dossiers not regenerated', error);
        return undefined;
      })
      .finally(() => {
        regenerating = undefined;
      });
    await regenerating;
    forgetDossierReads();
    known();
  };

  // -------------------------------------------------------------- helpers
  /** The client's rate-limit key: its address (IPv4) or /64 (IPv6), through trusted proxies only (client-address.ts). */
  const clientAddress = (c: Context<Env>): string => {
    let remote: string | undefined;
    try {
      remote = getConnInfo(c).remote.address;
    } catch {
      remote = undefined;
    }
    return clientKey(resolveClient(remote, requestHeader(c, 'x-forwarded-for'), proxies));
  };

  const invalid = (detail: string, errors?: Array<{ path: string; message: string }>, status = 400): Response =>
    problemResponse({ status, code: 'invalid_request', detail, ...(errors ? { errors } : {}) });

  /**
   * A JSON answer with every header set up front, compressed here (not by the `compress()` middleware, which would turn
   * the body into a stream and cost Hono's node adapter its fast path) the same way `compress()` does: gzip or deflate
   * per `Accept-Encoding`, `Vary: Accept-Encoding`, a weak ETag when compressed. A `Body` keeps its compressed forms, so
   * cached answers are compressed once.
   */
  const json = (c: Context<Env>, content: string | Uint8Array | Body, status = 200, headers: Record<string, string> = {}): Response => {
    const body = typeof content === 'string' || content instanceof Uint8Array ? bodyOf(content) : content;
    const { all, encoding } = answerHeaders(c, body, headers);
    const bytes = encoding ? encoded(body, encoding) : body.bytes;
    const response = new Response(bytes as ConstructorParameters<typeof Response>[0], { status, headers: all });
    fast.add(response);
    return response;
  };
  /** The headers of a JSON answer of `body` (see `json()`) and the content coding it is sent in. */
  const answerHeaders = (
    c: Context<Env>,
    body: Body,
    headers: Record<string, string>,
  ): { all: Record<string, string>; encoding: Encoding | undefined } => {
    const all: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      ...SECURITY_HEADERS,
      ...corsHeaders(c),
      ...headers,
    };
    let encoding: Encoding | undefined;
    if (
      c.req.method !== 'HEAD' &&
      body.bytes.byteLength >= COMPRESS_THRESHOLD &&
      !/(?:^|,)\s*?no-transform\s*?(?:,|$)/i.test(all['cache-control'] ?? '')
    ) {
      const vary = all.vary;
      if (vary !== '*' && !(vary && /(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary)))
        all.vary = vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding';
      encoding = selectEncoding(requestHeader(c, 'accept-encoding'));
      if (encoding) {
        all['content-encoding'] = encoding;
        if (all.etag && !all.etag.startsWith('W/')) all.etag = `W/${all.etag}`;
      }
    }
    return { all, encoding };
  };

  const notModified = (c: Context<Env>, body: Body, headers: Record<string, string>): Response => {
    // The headers the 200 would carry (RFC 9110 §15.4.5: ETag, Cache-Control, Vary…), without those of a body.
    const { all } = answerHeaders(c, body, headers);
    delete all['content-type'];
    delete all['content-encoding'];
    const response = new Response(null, { status: 304, headers: all });
    fast.add(response);
    return response;
  };

  const readJson = async (c: Context<Env>): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> => {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/([\w.+-]*\+)?json\b/i.test(type))
      return {
        ok: false,
        response: problemResponse({ status: 415, code: 'unsupported_media_type', detail: 'Gửi dữ liệu dạng application/json.' }),
      };
    const text = await c.req.text();
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      return { ok: false, response: invalid('Dữ liệu JSON không đúng cú pháp.') };
    }
  };

  const checkAgencyParam = async (c: Context<Env>): Promise<{ ok: true; agency: Agency } | { ok: false; response: Response }> => {
    const code = c.req.param('agency') ?? '';
    const parsed = AgencyCode.safeParse(code);
    if (!parsed.success)
      return {
        ok: false,
        response: invalid('Mã đơn vị không đúng dạng 000.00.00.H00.', [{ path: 'agency', message: 'Mã đơn vị không đúng dạng' }]),
      };
    const agency = await findAgency(code);
    if (!agency) return { ok: false, response: problemResponse({ status: 404, code: 'not_found', detail: `Không có đơn vị ${code}.` }) };
    return { ok: true, agency };
  };

  const rateLimited = (retryAfter: number): Response =>
    problemResponse({
      status: 429,
      code: 'rate_limited',
      detail: `Bạn đã thử quá nhiều lần. Vui lòng thử lại sau ${retryAfter} giây.`,
      retryAfter,
    });

  /**
   * Takes a slot in each of `budgets` and reads the dossier, in ONE statement (atomic on every instance: see
   * rate-limit.ts); concurrent look-ups share one round trip, each budget key is written once per batch and each code
   * read once. A request that overran a budget gets `blocked` seconds and no dossier. The statement is the function
   * `motcua_lookup_dossiers` (migration 010): its plans are kept for the session, and it answers one json value.
   * Look-up budgets asked many times in a batch take places ahead in the same upsert, handed out by `leases` to that
   * client's next look-ups without a write (rate-limit.ts createSlotLeases: every place is counted before it is used).
   */
  const leases = createSlotLeases();
  // Dossiers read in the last `dossierRevalidateMs` answer a batch whose budgets were all taken ahead (above) without a
  // round trip: one client asking again and again (a refreshing tracker, a script) costs no database work, and every
  // look-up is still counted. A write request through this instance forgets them all at once (`forgetDossierReads`),
  // and a read that overlapped such a write is not kept; another instance's write, or the CLI's, is seen within
  // `dossierRevalidateMs`. Codes not found are never kept (a dossier pushed elsewhere shows at once).
  const dossierRevalidateMs = options.dossierRevalidateMs ?? 1000;
  const readRows = new Map<string, { row: DossierDbRow; at: number }>();
  let readGeneration = 0;
  const freshRow = (code: string, at: number): DossierDbRow | undefined => {
    const kept = readRows.get(code);
    return kept && at - kept.at < dossierRevalidateMs ? kept.row : undefined;
  };
  const lookupBatch = createBatcher(async (items: Array<{ code: string; budgets: readonly Budget[] }>) => {
    const at = performance.now();
    const local: Slot[][] = [];
    const budgets = items.map((item, i) => {
      const held: Slot[] = [];
      const rest = item.budgets.filter((b) => {
        const slot = leases.take(b, at);
        if (slot) held.push(slot);
        return !slot;
      });
      local[i] = held;
      return rest;
    });
    const codes = [...new Set(items.map((item) => item.code))];
    const [keys, counts, windows] = slotParams(budgets);
    if (keys.length === 0 && dossierRevalidateMs > 0 && items.every((item) => freshRow(item.code, at))) {
      return items.map((item, i) => {
        const blocked = blockedFor(item.budgets, local[i] ?? []);
        return { blocked, row: blocked === 0 ? freshRow(item.code, at) : undefined };
      });
    }
    const ahead = leases.ahead(keys, counts, budgets);
    const generation = readGeneration;
    const sent = performance.now();
    const [result] = await db.query<{ r: { taken: Taken[]; rows: DossierJsonRow[] } }>(`SELECT ${LOOKUP_DOSSIERS_SQL} AS r`, [
      keys,
      counts.map((n, i) => n + (ahead[i] ?? 0)),
      windows,
      codes,
    ]);
    const found = result?.r;
    const taken = found?.taken ?? [];
    leases.grant(keys, ahead, taken, sent, performance.now());
    // The batch's own places come before the ones taken ahead.
    const extra = new Map(keys.map((k, i) => [k, ahead[i] ?? 0]));
    const byCode = new Map((found?.rows ?? []).map((r) => [r.code, dossierRowOf(r)]));
    if (dossierRevalidateMs > 0 && generation === readGeneration) {
      if (readRows.size + codes.length > DOSSIER_READS_KEPT) readRows.clear();
      for (const code of codes) {
        const row = byCode.get(code);
        if (row) readRows.set(code, { row, at: sent });
        else readRows.delete(code);
      }
    }
    const slots = slotsOf(
      budgets,
      taken.map((t) => ({ ...t, count: t.count - (extra.get(t.key) ?? 0) })),
    );
    return items.map((item, i) => {
      const blocked = blockedFor(item.budgets, [...(local[i] ?? []), ...(slots[i] ?? [])]);
      return { blocked, row: blocked === 0 ? byCode.get(item.code) : undefined };
    });
  });
  const loadDossier = (code: string, budgets: readonly Budget[]): Promise<{ blocked: number; row: DossierDbRow | undefined }> =>
    lookupBatch({ code, budgets });
  /** Forgets the dossiers kept by the look-up (after any write through this instance, see middleware.ts). */
  const forgetDossierReads = (): void => {
    readGeneration++;
    readRows.clear();
  };
  /** The look-up budgets of a client: per window and per day; every look-up counts, found or not. 0 = no such budget. */
  const lookupBudgets = (client: string): Budget[] =>
    [
      { key: `lookup:${client}`, max: limits.lookups, window: limits.windowSeconds, lease: true },
      { key: `lookup-day:${client}`, max: limits.lookupsPerDay, window: 86_400, lease: true },
    ].filter((b) => b.max > 0);

  // Headers every response carries. JSON answers built by `json()` get them up front (Hono's node adapter then writes
  // the bytes without building a Headers object); other responses (problems, static files) get them here.
  const origins = options.allowedOrigins;
  const corsHeaders = (c: Context<Env>): Record<string, string> => {
    if (!c.req.path.startsWith('/api/')) return {};
    if (origins === '*') return { 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSE };
    const origin = requestHeader(c, 'origin');
    if (!origin || !origins.includes(origin)) return origins.length ? { vary: 'Origin' } : {};
    return { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSE, vary: 'Origin' };
  };
  const fast = new WeakSet<Response>();

  const notFound = (): Response => problemResponse({ status: 404, code: 'dossier_not_found', detail: 'Không tìm thấy hồ sơ với mã này.' });

  return {
    options,
    db,
    calendar,
    now,
    limits,
    limiter,
    deviceLimits,
    ratingInserts,
    spendDeviceVote,
    secret,
    proofs,
    cached,
    catalogVersion: currentVersion,
    forgetCatalogVersion: () => void (version = undefined),
    agencies,
    findAgency,
    freshDossiers,
    logError,
    clientAddress,
    corsHeaders,
    fast,
    json,
    notModified,
    invalid,
    readJson,
    checkAgencyParam,
    rateLimited,
    notFound,
    loadDossier,
    forgetDossierReads,
    lookupBudgets,
  };
}
