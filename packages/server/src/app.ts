/**
 * The Hono application: every route of the motcua contract under `/api/v1`, `/healthz`, `/openapi.json`,
 * the demo site and the embed build.
 * @module
 */
import { createHash, randomUUID } from 'node:crypto';
import { deflateSync, gzipSync } from 'node:zlib';
import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import { compress } from 'hono/compress';
import { parseAccept } from 'hono/utils/accept';
import { demoDossiers } from './demo-dossiers.js';
import { retryAfterFor, unavailableDetail, unavailableKind } from './db-errors.js';
import { bodyLimit } from 'hono/body-limit';
import { getConnInfo } from '@hono/node-server/conninfo';
import {
  type Agency,
  AgencyCode,
  type Catalog,
  type DossierStatus,
  DOSSIER_STATUS_CODES,
  type DossierStatusValue,
  IdempotencyKey,
  type Procedure,
  ProcedureCode,
  type ProcedurePage,
  ProcedureQuery,
  HolidayQuery,
  type ProcedureSummary,
  Rating,
  type RatingReceipt,
  type Sector,
  STATS_MAX_DAYS,
  StatsQuery,
  type Timing,
  VerifyRequest,
} from '@motcua/sdk/schemas';
import { createSearchIndex, type SearchIndex } from '@motcua/sdk/text';
import type { Db } from './db.js';
import { parseCode } from './dossier-code.js';
import { maskName } from './generator.js';
import { issuesToErrors, problemResponse } from './problem.js';
import {
  type Budget,
  type RateLimiter,
  type Taken,
  TAKE_SLOTS_SQL,
  blockedFor,
  createRateLimiter,
  slotParams,
  slotsOf,
} from './rate-limit.js';
import { LOOPBACK_PROXIES, clientAddress as resolveClient, clientKey, trustedProxies } from './client-address.js';
import { createBatcher } from './batch.js';
import { createRatingInserter } from './rating-insert.js';
import { INTEGRATION_PATH, integrationRoutes } from './routes/integration.js';
import { DEFAULT_DEVICE_LIMITS, type DeviceLimits, createDeviceSpender, demoDevice } from './devices.js';
import { type RatingProofs, ratingProofs } from './rating-proof.js';
import { serverSecret } from './secret.js';
import { computeStats } from './stats.js';
import { serveStatic, type StaticOptions } from './static.js';
import { seed as seedDatabase, getMeta } from './store.js';
import { formatVn, type HolidayCalendar, type HolidayData, vnDate } from './working-hours.js';
import { holidayYear } from './holidays-route.js';

export interface AppOptions {
  db: Db;
  calendar: HolidayCalendar;
  /** Allowed CORS origins; `'*'` for any (embedded demo mode); empty for same-origin only. */
  allowedOrigins: readonly string[] | '*';
  /** Maximum request body in bytes. */
  bodyLimit?: number;
  /** Budgets of the public dossier look-up and owner verification (defaults in {@link DEFAULT_LIMITS}). */
  rateLimit?: RateLimits;
  /** Writes one JSON log line per request; undefined = silent. */
  log?: (line: string) => void;
  /**
   * Addresses and CIDR ranges of the proxies in front of the server (`MOTCUA_TRUSTED_PROXIES`): from them, the client is
   * the right-most `X-Forwarded-For` hop that is not one of them. Empty (default): the connection's peer is the client.
   */
  trustedProxies?: readonly string[];
  /** @deprecated Use `trustedProxies`. `true` trusts a proxy on the same machine (loopback) only. */
  trustProxy?: boolean;
  static?: StaticOptions;
  /** Clock (tests). */
  now?: () => Date;
  /** OpenAPI document (JSON text) served at `/openapi.json`. */
  openApi?: () => string | undefined;
  /** Seed directory used when the dossier history is regenerated for a new day. */
  seedDir?: string;
  /**
   * How long (ms) the in-memory caches of the catalog, agency list and procedure records trust the catalog version
   * they last read from the database before reading it again (default 5,000). Another instance's import (or the
   * `import-catalog` CLI) is seen within this time; 0 reads the version on every request.
   */
  catalogRevalidateMs?: number;
  /**
   * Demo mode: the generated dossier history is regenerated when the day changes, and `/demo-dossiers.json` is served.
   * Off (default): only real data, no demo files.
   */
  demo?: boolean;
  /** Signs owner proofs (`MOTCUA_SECRET`); without it a secret is generated once and kept in the database. */
  secret?: string;
  /** Per-device rating limit of kiosks (default: bursts of 200, then one vote per 10 s). */
  deviceLimits?: DeviceLimits;
}

type Env = { Variables: { started: number } };

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
/** JSON answers smaller than this are sent as they are (compressing them saves next to nothing). */
const COMPRESS_THRESHOLD = 1024;
type Encoding = 'gzip' | 'deflate';
const EXPOSE = 'ETag, Retry-After, Idempotent-Replayed';
/** Dossier statuses that may be rated: the dossier is finished (result ready or returned); see docs/security.md. */
const RATABLE = new Set<DossierStatusValue>(['resolved', 'returned']);
/** How far in the future `ratedAt` may lie (device clocks drift a little), and how far in the past. */
const RATED_AT_SKEW_MS = 2 * 60_000;
const RATED_AT_MAX_AGE_MS = 15 * 60_000;
/** Votes an enrolled kiosk queued while offline may be older: it replays them when the network returns. */
const RATED_AT_MAX_AGE_DEVICE_MS = 72 * 3600_000;
const PROOF_HEADER = 'motcua-owner-proof';
const DEVICE_HEADER = 'motcua-device';
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

interface DossierDbRow {
  code: string;
  agency_code: string;
  agency_name: string | null;
  procedure_code: string;
  procedure_name: string;
  status: DossierStatusValue;
  channel: DossierStatus['channel'];
  result_delivery: DossierStatus['resultDelivery'];
  submitted_at: Date;
  received_at: Date | null;
  due_at: Date | null;
  finished_at: Date | null;
  returned_at: Date | null;
  pending: DossierStatus['pending'];
  reason: string | null;
  steps: DossierStatus['steps'];
  applicant_name: string;
  phone: string;
  rated: boolean;
}

const ACTIVE = new Set<DossierStatusValue>(['submitted', 'received', 'processing', 'payment_requested']);

export function timingOf(row: Pick<DossierDbRow, 'status' | 'due_at' | 'finished_at'>, now: Date): Timing {
  if (row.finished_at && row.due_at) {
    if (row.finished_at.getTime() > row.due_at.getTime()) return 'late';
    return vnDate(row.finished_at) === vnDate(row.due_at) ? 'on_time' : 'early';
  }
  if (row.finished_at) return 'early';
  if (ACTIVE.has(row.status) && row.due_at && row.due_at.getTime() < now.getTime()) return 'overdue';
  return 'in_progress';
}

const iso = (d: Date | null): string | null => (d ? formatVn(d) : null);

export function dossierView(row: DossierDbRow, view: 'public' | 'owner', now: Date): DossierStatus {
  const code = row.procedure_code.match(/^\d\.\d{6}(\.\d{2})?/)?.[0] ?? row.procedure_code;
  return {
    code: row.code,
    view,
    procedure: { code, name: row.procedure_name },
    agency: { code: row.agency_code, name: row.agency_name ?? row.agency_code },
    status: row.status,
    statusCode: DOSSIER_STATUS_CODES[row.status],
    submittedAt: formatVn(row.submitted_at),
    receivedAt: iso(row.received_at),
    dueAt: iso(row.due_at),
    finishedAt: iso(row.finished_at),
    returnedAt: iso(row.returned_at),
    timing: timingOf(row, now),
    channel: row.channel,
    resultDelivery: row.result_delivery,
    steps: row.steps,
    pending: row.pending,
    reason: row.reason,
    // Who rated what is nobody else's business: only the owner learns whether the dossier has been rated.
    ...(view === 'owner' ? { rated: row.rated, applicantName: maskName(row.applicant_name) } : {}),
  };
}

/** Stable JSON (sorted keys) for comparing rating bodies. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

const etagOf = (body: string): string => `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v === etag || v === `W/${etag}`;
  });
}

/**
 * The content coding for a client's `Accept-Encoding`, chosen as Hono's `compress()` does: gzip or deflate with q=1
 * (gzip first) at once, otherwise the highest q above 0 (an explicit entry wins over `*`); undefined = identity.
 */
export function selectEncoding(header: string | undefined): Encoding | undefined {
  if (header === undefined) return undefined;
  const accepts = parseAccept(header);
  const wildcard = accepts.find((a) => a.type === '*')?.q;
  let best: { encoding: Encoding; q: number } | undefined;
  for (const encoding of ['gzip', 'deflate'] as const) {
    const explicit = accepts.find((a) => a.type.toLowerCase() === encoding);
    const q = explicit ? explicit.q : (wildcard ?? 0);
    if (q === 1) return encoding;
    if (q > 0 && (!best || q > best.q)) best = { encoding, q };
  }
  return best?.encoding;
}

/** A response body with its compressed forms, computed at most once each (for bodies served many times). */
export interface Body {
  readonly bytes: Uint8Array;
  gzip?: Uint8Array;
  deflate?: Uint8Array;
}

const bodyOf = (content: string | Uint8Array): Body => ({ bytes: typeof content === 'string' ? Buffer.from(content) : content });

function encoded(body: Body, encoding: Encoding): Uint8Array {
  if (encoding === 'gzip') return (body.gzip ??= gzipSync(body.bytes));
  return (body.deflate ??= deflateSync(body.bytes));
}

/**
 * After answering before the whole request body arrived (a 413), keep reading and discarding the rest for up to two
 * seconds: closing a connection with unread data makes the kernel reset it, and the client then sees a reset instead
 * of the answer. (Only on Node, where `c.env.incoming` is the request stream.)
 */
function drainRequest(c: Context): void {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || incoming.complete) return;
  const timer = setTimeout(() => incoming.destroy(), 2000);
  timer.unref();
  incoming.once('end', () => clearTimeout(timer));
  incoming.once('close', () => clearTimeout(timer));
  incoming.resume();
}

/** Plain text: NFC, no control characters other than line breaks and tabs. */
export function plainText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.normalize('NFC').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

export function createApp(options: AppOptions): { app: Hono<Env>; close: () => void } {
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
  const app = new Hono<Env>();

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
  const freshDossiers = async (): Promise<void> => {
    if (!options.demo) return;
    const today = vnDate(now());
    if (dossiersFor === today) return;
    const stored = await getMeta(db, 'dossiers_for');
    if (stored === today) {
      dossiersFor = today;
      return;
    }
    regenerating ??= seedDatabase(db, calendar, now(), options.seedDir, { demo: true })
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
    dossiersFor = today;
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
    return clientKey(resolveClient(remote, c.req.header('x-forwarded-for'), proxies));
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
    const all: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      ...SECURITY_HEADERS,
      ...corsHeaders(c),
      ...headers,
    };
    let bytes = body.bytes;
    if (
      c.req.method !== 'HEAD' &&
      bytes.byteLength >= COMPRESS_THRESHOLD &&
      !/(?:^|,)\s*?no-transform\s*?(?:,|$)/i.test(all['cache-control'] ?? '')
    ) {
      const vary = all.vary;
      if (vary !== '*' && !(vary && /(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary)))
        all.vary = vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding';
      const encoding = selectEncoding(c.req.header('accept-encoding'));
      if (encoding) {
        bytes = encoded(body, encoding);
        all['content-encoding'] = encoding;
        if (all.etag && !all.etag.startsWith('W/')) all.etag = `W/${all.etag}`;
      }
    }
    const response = new Response(bytes as ConstructorParameters<typeof Response>[0], { status, headers: all });
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
   * read once. A request that overran a budget gets `blocked` seconds and no dossier.
   */
  const DOSSIER_READ = `SELECT d.code, d.agency_code, a.data->>'name' AS agency_name, d.procedure_code, d.procedure_name, d.status,
      d.channel, d.result_delivery, d.submitted_at, d.received_at, d.due_at, d.finished_at, d.returned_at, d.pending, d.reason,
      d.steps, d.applicant_name, d.phone, EXISTS (SELECT 1 FROM ratings x WHERE x.dossier_code = d.code) AS rated
    FROM dossiers d LEFT JOIN agencies a ON a.code = d.agency_code`;
  const lookupBatch = createBatcher(async (items: Array<{ code: string; budgets: readonly Budget[] }>) => {
    const budgets = items.map((item) => item.budgets);
    const codes = [...new Set(items.map((item) => item.code))];
    const [keys, counts, windows] = slotParams(budgets);
    let taken: Taken[] = [];
    let rows: DossierDbRow[];
    if (keys.length === 0) rows = await db.query<DossierDbRow>(`${DOSSIER_READ} WHERE d.code = ANY($1::text[])`, [codes]);
    else {
      // One row per dossier found, or one empty row: the budgets' counts ride along on every row.
      const result = await db.query<Partial<DossierDbRow> & { taken: Taken[] }>(
        `WITH ${TAKE_SLOTS_SQL}
         SELECT t.taken, d.* FROM (SELECT (SELECT json_agg(taken) FROM taken) AS taken) t
         LEFT JOIN (${DOSSIER_READ} WHERE d.code = ANY($4::text[])) d ON true`,
        [keys, counts, windows, codes],
      );
      taken = result[0]?.taken ?? [];
      rows = result.filter((r): r is DossierDbRow & { taken: Taken[] } => typeof r.code === 'string');
    }
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const slots = slotsOf(budgets, taken);
    return items.map((item, i) => {
      const blocked = blockedFor(item.budgets, slots[i] ?? []);
      return { blocked, row: blocked === 0 ? byCode.get(item.code) : undefined };
    });
  });
  const loadDossier = (code: string, budgets: readonly Budget[]): Promise<{ blocked: number; row: DossierDbRow | undefined }> =>
    lookupBatch({ code, budgets });
  /** The look-up budgets of a client: per window and per day; every look-up counts, found or not. 0 = no such budget. */
  const lookupBudgets = (client: string): Budget[] =>
    [
      { key: `lookup:${client}`, max: limits.lookups, window: limits.windowSeconds },
      { key: `lookup-day:${client}`, max: limits.lookupsPerDay, window: 86_400 },
    ].filter((b) => b.max > 0);

  // -------------------------------------------------------------- middleware
  // Headers every response carries. JSON answers built by `json()` get them up front (Hono's node adapter then writes
  // the bytes without building a Headers object); other responses (problems, static files) get them here.
  const origins = options.allowedOrigins;
  const corsHeaders = (c: Context<Env>): Record<string, string> => {
    if (!c.req.path.startsWith('/api/')) return {};
    if (origins === '*') return { 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSE };
    const origin = c.req.header('origin');
    if (!origin || !origins.includes(origin)) return origins.length ? { vary: 'Origin' } : {};
    return { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSE, vary: 'Origin' };
  };
  const fast = new WeakSet<Response>();
  app.use('*', async (c, next) => {
    c.set('started', performance.now());
    await next();
    if (!fast.has(c.res)) {
      const headers = c.res.headers;
      for (const [k, v] of Object.entries({ ...SECURITY_HEADERS, ...corsHeaders(c) })) if (!headers.has(k)) headers.set(k, v);
    }
    if (options.log) {
      const url = new URL(c.req.url);
      options.log(
        JSON.stringify({
          time: new Date().toISOString(),
          level: c.res.status >= 500 ? 'error' : 'info',
          msg: 'request',
          method: c.req.method,
          path: url.pathname,
          status: c.res.status,
          ms: Math.round((performance.now() - c.get('started')) * 10) / 10,
          ip: clientAddress(c),
        }),
      );
    }
  });

  app.options('/api/*', (c) => {
    const cors = corsHeaders(c);
    if (!cors['access-control-allow-origin']) return new Response(null, { status: 204, headers: { ...SECURITY_HEADERS, ...cors } });
    return new Response(null, {
      status: 204,
      headers: {
        ...cors,
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': 'Content-Type, Idempotency-Key, If-None-Match, Accept-Language, Motcua-Owner-Proof, Motcua-Device',
        'access-control-max-age': '600',
      },
    });
  });

  // gzip/deflate for clients that accept it (the widgets' chunks and the catalog shrink 4–6×: what a slow rural link
  // needs); small answers (under 1 KB) are sent as they are.
  // Answers built by `json()` are already compressed as needed (see there); this handles the others.
  const compressOthers = compress();
  app.use('*', async (c, next) => {
    await next();
    if (!fast.has(c.res)) await compressOthers(c, async () => undefined);
  });

  // A query parameter given twice (`?from=…&from=…`) is ambiguous (which one did the client mean?): refused.
  app.use('/api/*', async (c, next) => {
    const names = [...new URL(c.req.url).searchParams.keys()];
    const repeated = names.filter((name, i) => names.indexOf(name) !== i);
    if (repeated.length > 0)
      return invalid(`Tham số ${repeated[0]} xuất hiện nhiều lần.`, [{ path: repeated[0] as string, message: 'Tham số lặp lại' }]);
    return next();
  });

  // Control characters (NUL and friends) are never part of a path or query value here; PostgreSQL rejects NUL in text,
  // so refuse them at the door with a 400 instead of letting them reach a query.
  app.use('/api/*', async (c, next) => {
    if (/%(?:[01][0-9a-f]|7f)/i.test(c.req.url)) {
      return problemResponse({ status: 400, code: 'invalid_request', detail: 'Đường dẫn hoặc tham số có ký tự điều khiển không hợp lệ.' });
    }
    return next();
  });

  app.use('/api/*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || INTEGRATION_PATH.test(c.req.path)) return next();
    return bodyLimit({
      maxSize: options.bodyLimit ?? 16 * 1024,
      onError: (c) => {
        drainRequest(c);
        return problemResponse({
          status: 413,
          code: 'payload_too_large',
          // The connection ends after this answer: say so, so that the client does not reuse it.
          headers: { connection: 'close' },
          detail: `Dữ liệu gửi lên vượt quá ${options.bodyLimit ?? 16 * 1024} byte.`,
        });
      },
    })(c, next);
  });

  // -------------------------------------------------------------- routes
  app.get('/healthz', async () => {
    try {
      await db.query('SELECT 1');
      return new Response(JSON.stringify({ status: 'ok', database: db.kind, mode: options.demo ? 'demo' : 'production' }), {
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      });
    } catch (error) {
      logError('health check failed', error);
      const retryAfter = retryAfterFor(unavailableKind(error) ?? 'down');
      return problemResponse({
        status: 503,
        code: 'unavailable',
        retryAfter,
        detail: unavailableDetail(unavailableKind(error) ?? 'down', retryAfter),
      });
    }
  });

  // The OpenAPI document, at the root and with the API it describes (`/api/v1/openapi.json`).
  let openApiBody: { text: string; body: Body } | undefined;
  const openApiHandler = (c: Context<Env>): Response => {
    const text = options.openApi?.();
    if (!text) return problemResponse({ status: 404, code: 'not_found', detail: 'OpenAPI document not available.' });
    if (openApiBody?.text !== text) openApiBody = { text, body: bodyOf(text) };
    return json(c, openApiBody.body, 200, { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' });
  };
  app.get('/openapi.json', openApiHandler);
  app.get('/api/v1/openapi.json', openApiHandler);

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

  api.get('/agencies/:agency/procedures/catalog', async (c) => {
    const check = await checkAgencyParam(c);
    if (!check.ok) return check.response;
    const entry = await catalogOf(check.agency.code);
    if (!entry) return problemResponse({ status: 404, code: 'not_found' });
    const headers = { etag: entry.etag, 'cache-control': 'public, max-age=0, must-revalidate' };
    if (matchesEtag(c.req.header('if-none-match'), entry.etag)) return new Response(null, { status: 304, headers });
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
    if (matchesEtag(c.req.header('if-none-match'), entry.etag)) return new Response(null, { status: 304, headers });
    return json(c, entry.body, 200, headers);
  });

  const checkCode = (c: Context<Env>): { code: string } | { response: Response } => {
    const parsed = parseCode(c.req.param('code') ?? '', now());
    if (!parsed.ok) return { response: invalid(parsed.message, [{ path: 'code', message: parsed.message }]) };
    return { code: parsed.code };
  };

  const notFound = (): Response => problemResponse({ status: 404, code: 'dossier_not_found', detail: 'Không tìm thấy hồ sơ với mã này.' });

  api.get('/dossiers/:code', async (c) => {
    const r = checkCode(c);
    if ('response' in r) return r.response;
    await freshDossiers();
    const { blocked, row } = await loadDossier(r.code, lookupBudgets(clientAddress(c)));
    if (blocked > 0) return rateLimited(blocked);
    if (!row) return notFound();
    return json(c, JSON.stringify(dossierView(row, 'public', now())), 200, { 'cache-control': 'no-store' });
  });

  api.post('/dossiers/:code/verify', async (c) => {
    const r = checkCode(c);
    if ('response' in r) return r.response;
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const parsed = VerifyRequest.safeParse(body.value);
    if (!parsed.success) return invalid('Dữ liệu xác minh không hợp lệ.', issuesToErrors(parsed.error.issues));
    const extra = Object.keys(body.value as object).filter((k) => k !== 'phoneLast4');
    if (extra.length > 0)
      return invalid('Dữ liệu xác minh có trường không được phép.', [
        { path: extra.join(','), message: `Trường không được phép: ${extra.join(', ')}` },
      ]);
    await freshDossiers();
    // Two budgets, each a slot taken before the answer is checked and given back when it is right (so they count wrong
    // answers, atomically): the client's, and the code's own — whoever asks, from however many addresses, a code whose
    // owner check failed `codeFailures` times is locked for `codeLockSeconds`, even for the right answer.
    const byClient: Budget = { key: `verify:${clientAddress(c)}`, max: limits.verifications, window: limits.windowSeconds };
    const byCode: Budget = { key: `verify-code:${r.code}`, max: limits.codeFailures, window: limits.codeLockSeconds };
    const { blocked, row } = await loadDossier(r.code, [byClient, byCode]);
    if (blocked > 0) return rateLimited(blocked);
    if (!row || !row.phone.endsWith(parsed.data.phoneLast4)) return notFound();
    await limiter.refund([byClient.key, byCode.key]);
    // The owner's proof for rating this dossier (POST /ratings, header Motcua-Owner-Proof).
    const proof = (await proofs()).issue(row.code, now());
    const view = { ...dossierView(row, 'owner', now()), ratingProof: { token: proof.token, expiresAt: formatVn(proof.expiresAt) } };
    return json(c, JSON.stringify(view), 200, { 'cache-control': 'no-store' });
  });

  api.post('/ratings', async (c) => {
    const key = c.req.header('idempotency-key');
    const keyCheck = IdempotencyKey.safeParse(key ?? '');
    if (!keyCheck.success)
      return invalid('Thiếu hoặc sai tiêu đề Idempotency-Key (8–128 ký tự chữ, số, - hoặc _).', [
        { path: 'Idempotency-Key', message: key ? 'Idempotency-Key không đúng dạng' : 'Thiếu Idempotency-Key' },
      ]);
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const parsed = Rating.safeParse(body.value);
    if (!parsed.success) return invalid('Đánh giá không hợp lệ.', issuesToErrors(parsed.error.issues));
    const rating = parsed.data;
    const ratedAt = new Date(rating.ratedAt);
    if (!(await findAgency(rating.agency)))
      return invalid(`Không có đơn vị ${rating.agency}.`, [{ path: 'agency', message: 'Đơn vị không tồn tại' }], 422);
    let dossierCode: string | undefined;
    if (rating.dossierCode !== undefined) {
      const code = parseCode(rating.dossierCode, now());
      if (!code.ok) return invalid(code.message, [{ path: 'dossierCode', message: code.message }]);
      dossierCode = code.code;
    }
    const hash = createHash('sha256').update(canonical(rating)).digest('hex');
    const receiptOf = (row: {
      id: string;
      agency_code: string;
      dossier_code: string | null;
      overall: string;
      rated_at: Date;
      received_at: Date;
    }): RatingReceipt => ({
      id: row.id,
      agency: row.agency_code,
      ...(row.dossier_code ? { dossierCode: row.dossier_code } : {}),
      overall: row.overall as RatingReceipt['overall'],
      ratedAt: formatVn(row.rated_at),
      receivedAt: formatVn(row.received_at),
    });
    type RatingRow = {
      id: string;
      agency_code: string;
      dossier_code: string | null;
      overall: string;
      rated_at: Date;
      received_at: Date;
      body_hash: string;
    };
    const existing = async (): Promise<RatingRow | undefined> =>
      (
        await db.query<RatingRow>(
          'SELECT id, agency_code, dossier_code, overall, rated_at, received_at, body_hash FROM ratings WHERE idempotency_key = $1',
          [key],
        )
      )[0];
    const replay = (row: RatingRow): Response =>
      row.body_hash === hash
        ? json(c, JSON.stringify(receiptOf(row)), 200, { 'idempotent-replayed': 'true', 'cache-control': 'no-store' })
        : problemResponse({
            status: 409,
            code: 'idempotency_conflict',
            detail: 'Khóa Idempotency-Key này đã được dùng cho một đánh giá có nội dung khác.',
          });
    // A refusal of a rating that was stored already (its answer lost, the proof expired or the device revoked since,
    // an old queued vote replayed) is a replay: the same receipt. Looked up only on this rare path.
    const refuse = async (response: Response): Promise<Response> => {
      const again = await existing();
      return again && again.body_hash === hash ? replay(again) : response;
    };
    // Proof: an online rating is of one dossier, proven by its owner; a kiosk vote comes from an enrolled device.
    if (rating.channel === 'online' && dossierCode === undefined)
      return invalid(
        'Đánh giá trực tuyến phải kèm mã hồ sơ và xác minh chủ hồ sơ.',
        [{ path: 'dossierCode', message: 'Thiếu mã hồ sơ' }],
        422,
      );
    if (dossierCode !== undefined) {
      const token = c.req.header(PROOF_HEADER);
      if (!token)
        return refuse(
          problemResponse({
            status: 401,
            code: 'proof_required',
            detail: 'Cần xác minh chủ hồ sơ (4 số cuối điện thoại) trước khi đánh giá hồ sơ này.',
          }),
        );
      const proof = (await proofs()).check(token, dossierCode, now());
      if (!proof.ok)
        return refuse(
          problemResponse({
            status: 403,
            code: 'proof_invalid',
            detail:
              proof.reason === 'expired'
                ? 'Phiên xác minh chủ hồ sơ đã hết hạn. Vui lòng xác minh lại rồi gửi đánh giá.'
                : 'Bằng chứng xác minh chủ hồ sơ không hợp lệ cho hồ sơ này.',
          }),
        );
    }
    const device = rating.channel === 'kiosk' ? c.req.header(DEVICE_HEADER) : undefined;
    if (rating.channel === 'kiosk' && !device)
      return refuse(
        problemResponse({
          status: 401,
          code: 'device_required',
          detail: 'Đánh giá tại quầy chỉ được nhận từ máy kiosk đã đăng ký (tiêu đề Motcua-Device).',
        }),
      );
    // When: never in the future (beyond a little clock drift), at most minutes old; an enrolled kiosk's queued votes
    // may be up to 72 hours old (it replays them when its network returns).
    const age = now().getTime() - ratedAt.getTime();
    if (age < -RATED_AT_SKEW_MS)
      return invalid('Thời điểm đánh giá ở tương lai.', [{ path: 'ratedAt', message: 'Thời điểm đánh giá ở tương lai' }], 422);
    const maxAge = device ? RATED_AT_MAX_AGE_DEVICE_MS : RATED_AT_MAX_AGE_MS;
    if (age > maxAge)
      return refuse(
        invalid(
          `Thời điểm đánh giá quá cũ (tối đa ${device ? '72 giờ' : '15 phút'} trước khi gửi).`,
          [{ path: 'ratedAt', message: 'Thời điểm đánh giá quá cũ' }],
          422,
        ),
      );
    let deviceId: string | null = null;
    if (device) {
      const check = await spendDeviceVote(device);
      if (!check.ok && check.reason === 'limited') return rateLimited(check.retryAfter);
      if (!check.ok)
        return refuse(
          problemResponse({
            status: 403,
            code: 'device_invalid',
            detail:
              check.reason === 'revoked'
                ? 'Máy kiosk này đã bị thu hồi. Cán bộ cần đăng ký lại thiết bị.'
                : 'Mã thiết bị kiosk không đúng. Cán bộ cần đăng ký lại thiết bị.',
          }),
        );
      if (check.agency !== rating.agency)
        return refuse(
          problemResponse({
            status: 403,
            code: 'device_invalid',
            detail: 'Máy kiosk này được đăng ký cho đơn vị khác.',
            errors: [{ path: 'agency', message: 'Thiết bị không thuộc đơn vị này' }],
          }),
        );
      deviceId = check.id;
    }
    if (dossierCode) {
      await freshDossiers();
      const { blocked, row } = await loadDossier(dossierCode, lookupBudgets(clientAddress(c)));
      if (blocked > 0) return rateLimited(blocked);
      if (!row) return notFound();
      if (row.agency_code !== rating.agency)
        return invalid('Hồ sơ không thuộc đơn vị được đánh giá.', [{ path: 'dossierCode', message: 'Hồ sơ không thuộc đơn vị này' }], 422);
      if (!RATABLE.has(row.status))
        return refuse(
          problemResponse({
            status: 409,
            code: 'not_finished',
            detail: 'Hồ sơ chưa giải quyết xong. Ông/Bà có thể đánh giá khi hồ sơ đã có kết quả.',
          }),
        );
    }
    // Insert first (one round trip on the common path); a conflict is a replay, a key reuse or a second rating.
    const inserted = await ratingInserts.insert({
      id: `r_${randomUUID()}`,
      idempotency_key: key as string,
      body_hash: hash,
      agency_code: rating.agency,
      dossier_code: dossierCode ?? null,
      overall: rating.overall,
      channel: rating.channel,
      counter_name: rating.counter === undefined ? null : plainText(rating.counter),
      officer: rating.officer === undefined ? null : plainText(rating.officer),
      criteria: rating.criteria ?? null,
      comment: rating.comment === undefined ? null : plainText(rating.comment).trim(),
      rated_at: ratedAt.toISOString(),
      device_id: deviceId,
    });
    if (inserted) return json(c, JSON.stringify(receiptOf(inserted)), 201, { 'cache-control': 'no-store' });
    const again = await existing();
    if (again) return replay(again);
    return problemResponse({
      status: 409,
      code: 'already_rated',
      detail: 'Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần.',
    });
  });

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

  api.route('/', integrationRoutes({ db, calendar, now, agencyExists: async (code) => (await findAgency(code)) !== undefined }));

  api.all('*', (c) => problemResponse({ status: 404, code: 'not_found', detail: `Không có đường dẫn ${new URL(c.req.url).pathname}.` }));

  app.route('/api/v1', api);

  if (options.static && options.demo) {
    // Today's demo dossiers (one per status, codes dated relative to today) for the demo site's "codes to try" list.
    const samples = (c: Context<Env>): Response =>
      json(
        c,
        JSON.stringify({
          items: demoDossiers(now()).map(({ code, status, timing, phoneLast4 }) => ({ code, status, timing, phoneLast4 })),
        }),
        200,
        { 'cache-control': 'no-store' },
      );
    app.get('/demo-dossiers.json', samples);
    app.get('/demo/demo-dossiers.json', samples);
    // The demo kiosk's device credential (demo site only, like the demo dossiers): an agency's demo device, created on
    // first use with a credential derived from the server secret. A real kiosk is enrolled with `devices enrol`.
    const demoKiosk = async (c: Context<Env>): Promise<Response> => {
      const agency = c.req.query('agency') ?? '';
      if (!AgencyCode.safeParse(agency).success || !(await findAgency(agency)))
        return invalid('Thiếu hoặc sai mã đơn vị (agency).', [{ path: 'agency', message: 'Đơn vị không tồn tại' }]);
      // Only a demo database (it holds the fixed demo dossiers) has demo kiosks: never beside real data.
      if ((await db.query('SELECT 1 FROM dossiers WHERE demo LIMIT 1')).length === 0)
        return problemResponse({ status: 404, code: 'not_found', detail: 'Không có kiosk demo trên máy chủ này.' });
      const credential = await demoDevice(db, await secret(), agency, deviceLimits);
      return json(c, JSON.stringify({ agency, credential }), 200, { 'cache-control': 'no-store' });
    };
    app.get('/demo-device.json', demoKiosk);
    app.get('/demo/demo-device.json', demoKiosk);
  }
  if (options.static) {
    const staticOptions = options.static;
    app.get('*', (c) => serveStatic(c.req.raw, staticOptions));
  }

  app.notFound((c) => problemResponse({ status: 404, code: 'not_found', detail: `Không có đường dẫn ${new URL(c.req.url).pathname}.` }));
  app.onError((error) => {
    // The database is down, full or slow: say so (503, Retry-After), the request may succeed later. Anything else is a bug.
    const kind = unavailableKind(error);
    if (kind) {
      logError(`database unavailable (${kind})`, error);
      const retryAfter = retryAfterFor(kind);
      return problemResponse({ status: 503, code: 'unavailable', retryAfter, detail: unavailableDetail(kind, retryAfter) });
    }
    logError('unhandled', error);
    return problemResponse({ status: 500, code: 'internal_error', detail: 'Đã có lỗi xảy ra. Vui lòng thử lại sau.' });
  });

  return { app, close: () => limiter.close() };
}
