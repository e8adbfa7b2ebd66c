/**
 * Service routes outside the versioned API: `GET /healthz` (database reachable, mode) and the OpenAPI document at
 * `/openapi.json` and `/api/v1/openapi.json`. Mounted on the root app.
 * @module
 */
import { Hono, type Context } from 'hono';
import { retryAfterFor, unavailableDetail, unavailableKind } from '../db-errors.js';
import { problemResponse } from '../problem.js';
import type { RouteContext } from './context.js';
import { type Body, type Env, bodyOf } from './http.js';

export function metaRoutes(ctx: RouteContext): Hono<Env> {
  const { db, options, json, logError } = ctx;
  const app = new Hono<Env>();

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
  const openApiHandler = async (c: Context<Env>): Promise<Response> => {
    const text = await options.openApi?.();
    if (!text) return problemResponse({ status: 404, code: 'not_found', detail: 'OpenAPI document not available.' });
    if (openApiBody?.text !== text) openApiBody = { text, body: bodyOf(text) };
    return json(c, openApiBody.body, 200, { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' });
  };
  app.get('/openapi.json', openApiHandler);
  app.get('/api/v1/openapi.json', openApiHandler);

  return app;
}
