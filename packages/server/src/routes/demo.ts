/**
 * Demo-site files (demo mode with a static site only): today's demo dossiers (`/demo-dossiers.json`) and an agency's
 * demo kiosk credential (`/demo-device.json`), each also under `/demo/`. Mounted on the root app.
 * @module
 */
import { Hono, type Context } from 'hono';
import { AgencyCode } from '@motcua/sdk/schemas';
import { demoDossiers } from '../demo-dossiers.js';
import { demoDevice } from '../devices.js';
import { problemResponse } from '../problem.js';
import type { RouteContext } from './context.js';
import type { Env } from './http.js';

export function demoRoutes(ctx: RouteContext): Hono<Env> {
  const { db, now, deviceLimits, secret, findAgency, json, invalid } = ctx;
  const app = new Hono<Env>();

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

  return app;
}
