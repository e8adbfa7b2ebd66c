/**
 * The middleware every request of the public app goes through, in one place: security and CORS headers, the request
 * log, CORS preflight, compression, refusal of repeated query parameters and control characters, the request body
 * limit (413), and the last answers: 404 for unknown paths, 503 when the database is unavailable, 500 otherwise — all
 * problem+json. Per-route concerns (API keys: `auth.ts` `requireKey`; rate limits: `RouteContext.loadDossier` budgets and
 * `rateLimited`) are shared through the route context.
 * @module
 */
import type { Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import { bodyLimit } from 'hono/body-limit';
import { retryAfterFor, unavailableDetail, unavailableKind } from '../db-errors.js';
import { problemResponse } from '../problem.js';
import { INTEGRATION_PATH } from './integration.js';
import type { RouteContext } from './context.js';
import { type Env, SECURITY_HEADERS, drainRequest } from './http.js';

/** Installs the middleware that runs before every route (call before mounting any route). */
export function installMiddleware(app: Hono<Env>, ctx: RouteContext): void {
  const { options, corsHeaders, fast, clientAddress, invalid, forgetDossierReads } = ctx;
  // gzip/deflate for clients that accept it (the widgets' chunks and the catalog shrink 4–6×: what a slow rural link
  // needs); small answers (under 1 KB) are sent as they are.
  // Answers built by `json()` are already compressed as needed (see there); this handles the others.
  // The widgets' script chunks are compressed from 256 bytes: a page loads several small on-demand chunks (the calendar,
  // a group of schemas: 0.3–1 KB each), and 1 KB of threshold sent them 40% larger than needed on a slow link.
  const compressOthers = compress();
  const compressScripts = compress({ threshold: 256 });
  // One middleware for every request (a layer of Hono's chain costs each request a closure and a promise): after the
  // route, a response not built by `json()` is compressed (as above), then given the security and CORS headers; then the
  // request log.
  app.use('*', async (c, next) => {
    c.set('started', performance.now());
    await next();
    // Any write through this instance (a dossier pushed, a rating, a catalog import…) is seen by the next look-up.
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') forgetDossierReads();
    if (!fast.has(c.res)) {
      await (c.req.path.startsWith('/embed/') ? compressScripts : compressOthers)(c, async () => undefined);
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

  const maxSize = options.bodyLimit ?? 16 * 1024;
  const limitBody = bodyLimit({
    maxSize,
    onError: (c) => {
      drainRequest(c);
      return problemResponse({
        status: 413,
        code: 'payload_too_large',
        // The connection ends after this answer: say so, so that the client does not reuse it.
        headers: { connection: 'close' },
        detail: `Dữ liệu gửi lên vượt quá ${maxSize} byte.`,
      });
    },
  });
  // The checks of every API request, in this order, in one middleware (see above):
  app.use('/api/*', async (c, next) => {
    const url = c.req.url;
    // A query parameter given twice (`?from=…&from=…`) is ambiguous (which one did the client mean?): refused. Most
    // requests have no query string at all: nothing to parse.
    if (url.includes('?')) {
      const names = [...new URL(url).searchParams.keys()];
      const repeated = names.filter((name, i) => names.indexOf(name) !== i);
      if (repeated.length > 0)
        return invalid(`Tham số ${repeated[0]} xuất hiện nhiều lần.`, [{ path: repeated[0] as string, message: 'Tham số lặp lại' }]);
    }
    // Control characters (NUL and friends) are never part of a path or query value here; PostgreSQL rejects NUL in
    // text, so refuse them at the door with a 400 instead of letting them reach a query.
    if (/%(?:[01][0-9a-f]|7f)/i.test(url))
      return problemResponse({ status: 400, code: 'invalid_request', detail: 'Đường dẫn hoặc tham số có ký tự điều khiển không hợp lệ.' });
    // The request body limit (413), except for reads and the integration API (its own, larger limits).
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || INTEGRATION_PATH.test(c.req.path)) return next();
    return limitBody(c, next);
  });
}

/** A 404 problem naming the path. */
export const pathNotFound = (url: string): Response =>
  problemResponse({ status: 404, code: 'not_found', detail: `Không có đường dẫn ${new URL(url).pathname}.` });

/**
 * The answer to a request no route took: 405 with `Allow` when the path exists with other methods (a `GET` route also
 * answers `HEAD`), otherwise 404 — both problem+json. The routes are read from the finished app on first use, so every
 * module mounted on it counts, whatever its order.
 */
export function unmatched(app: Hono<Env>): (c: Context<Env>) => Response {
  let table: Array<{ pattern: RegExp; methods: Set<string> }> | undefined;
  const build = (): Array<{ pattern: RegExp; methods: Set<string> }> => {
    const byPath = new Map<string, Set<string>>();
    for (const route of app.routes) {
      // Middleware and fallbacks (`ALL`, `*`) are not routes of their own.
      if (route.method === 'ALL' || route.path.includes('*')) continue;
      const methods = byPath.get(route.path) ?? new Set<string>();
      methods.add(route.method);
      if (route.method === 'GET') methods.add('HEAD');
      byPath.set(route.path, methods);
    }
    return [...byPath].map(([path, methods]) => ({
      pattern: new RegExp('^' + path.replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]\w*/g, '[^/]+') + '/?$'),
      methods,
    }));
  };
  return (c) => {
    table ??= build();
    const allowed = new Set<string>();
    for (const { pattern, methods } of table) if (pattern.test(c.req.path)) for (const m of methods) allowed.add(m);
    if (allowed.size === 0 || allowed.has(c.req.method)) return pathNotFound(c.req.url);
    const allow = [...allowed].sort().join(', ');
    return problemResponse({
      status: 405,
      code: 'method_not_allowed',
      headers: { allow },
      detail: `Đường dẫn ${c.req.path} không nhận phương thức ${c.req.method} (chỉ ${allow}).`,
    });
  };
}

/** Installs the fallbacks: 405 for a known path with another method, 404 for unknown paths, 503 for an unavailable database, 500 for anything else. */
export function installFallbacks(app: Hono<Env>, ctx: RouteContext): void {
  const { logError } = ctx;
  app.notFound(unmatched(app));
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
}
