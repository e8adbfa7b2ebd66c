/**
 * The Hono application: the shared middleware (routes/middleware.ts) and one route module per resource (routes/*.ts),
 * mounted under `/api/v1`, plus `/healthz`, `/openapi.json`, the demo site and the embed build.
 *
 * A new resource goes in its own module `routes/<resource>.ts` exporting a factory `(ctx: RouteContext) => Hono<Env>`
 * (or, like `routes/integration.ts`, taking just what it needs), mounted below with one `api.route('/', …)` line.
 * @module
 */
import { Hono } from 'hono';
import type { Db } from './db.js';
import type { DeviceLimits } from './devices.js';
import { serveStatic, type StaticOptions } from './static.js';
import type { HolidayCalendar } from './working-hours.js';
import { type RateLimits, createRouteContext } from './routes/context.js';
import type { Env } from './routes/http.js';
import { installFallbacks, installMiddleware, unmatched } from './routes/middleware.js';
import { agencyRoutes } from './routes/agencies.js';
import { demoRoutes } from './routes/demo.js';
import { dossierRoutes } from './routes/dossiers.js';
import { holidayRoutes } from './routes/holidays.js';
import { integrationRoutes } from './routes/integration.js';
import { catalogRoutes } from './routes/catalog.js';
import { provinceRoutes } from './routes/provinces.js';
import { directoryUnitRoutes } from './routes/directory-unit.js';
import { metaRoutes } from './routes/meta.js';
import { offlineRoutes } from './routes/offline.js';
import { procedureRoutes } from './routes/procedures.js';
import { ratingRoutes } from './routes/ratings.js';
import { pushRoutes } from './routes/push.js';
import type { PushConfig } from './push.js';
import { statsRoutes } from './routes/stats.js';

export { DEFAULT_LIMITS, type RateLimits } from './routes/context.js';
export { dossierView, timingOf } from './dossier-view.js';
export { type Body, plainText, selectEncoding } from './routes/http.js';

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
  /** OpenAPI document (JSON text) served at `/openapi.json` (or a promise of it: loaded on first use). */
  openApi?: () => string | undefined | Promise<string | undefined>;
  /** Seed directory used when the dossier history is regenerated for a new day. */
  seedDir?: string;
  /**
   * How long (ms) the in-memory caches of the catalog, agency list and procedure records trust the catalog version
   * they last read from the database before reading it again (default 5,000). Another instance's import (or the
   * `import-catalog` CLI) is seen within this time; 0 reads the version on every request.
   */
  catalogRevalidateMs?: number;
  /**
   * How long (ms) a dossier just read may answer the look-ups of a client whose budgets were taken ahead, without a
   * database round trip (default 1,000). A write through this instance is seen at once; one through another instance
   * (or the CLI) within this time; 0 reads the database for every batch of look-ups.
   */
  dossierRevalidateMs?: number;
  /**
   * Demo mode: the generated dossier history is regenerated when the day changes, and `/demo-dossiers.json` is served.
   * Off (default): only real data, no demo files.
   */
  demo?: boolean;
  /** Signs owner proofs (`MOTCUA_SECRET`); without it a secret is generated once and kept in the database. */
  secret?: string;
  /** Per-device rating limit of kiosks (default: bursts of 200, then one vote per 10 s). */
  deviceLimits?: DeviceLimits;
  /** Status alerts by Web Push: VAPID keys and subject (`MOTCUA_VAPID_*`), loopback endpoints for tests. */
  push?: PushConfig;
}

export function createApp(options: AppOptions): { app: Hono<Env>; close: () => void } {
  const ctx = createRouteContext(options);
  const { db, calendar, now, findAgency } = ctx;
  const app = new Hono<Env>();
  installMiddleware(app, ctx);

  app.route('/', metaRoutes(ctx));

  const api = new Hono<Env>();
  // Before the agency list: the directory handler answers `GET /agencies?province=…&q=…` and passes the plain list on.
  api.route(
    '/',
    provinceRoutes({
      db,
      now,
      version: () => ctx.catalogVersion(),
      agencies: () => ctx.agencies(),
      freshDossiers: () => ctx.freshDossiers(),
    }),
  );
  api.route('/', agencyRoutes(ctx));
  api.route('/', procedureRoutes(ctx));
  api.route('/', dossierRoutes(ctx));
  api.route('/', ratingRoutes(ctx));
  api.route('/', statsRoutes(ctx));
  api.route('/', pushRoutes(ctx, options.push));
  api.route('/', holidayRoutes(ctx));
  api.route('/', integrationRoutes({ db, calendar, now, agencyExists: async (code) => (await findAgency(code)) !== undefined }));
  api.route(
    '/',
    catalogRoutes({
      db,
      now,
      agencyExists: async (code) => (await findAgency(code)) !== undefined,
      onChange: () => ctx.forgetCatalogVersion(),
    }),
  );

  api.route('/', directoryUnitRoutes({ db, findAgency, onChange: () => ctx.forgetCatalogVersion() }));

  // Unknown paths under /api/v1 end here (not in the static files): 405 with Allow for a known path, else 404.
  api.all('*', unmatched(app));

  app.route('/api/v1', api);

  if (options.static && options.demo) app.route('/', demoRoutes(ctx));
  // The demo site's service worker (offline first), beside the demo site it serves.
  if (options.static?.demoDir) app.route('/', offlineRoutes(options.static));
  if (options.static) {
    const staticOptions = options.static;
    app.get('*', (c) => serveStatic(c.req.raw, staticOptions));
  }

  installFallbacks(app, ctx);

  return { app, close: () => ctx.limiter.close() };
}
