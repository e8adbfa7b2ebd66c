/**
 * Method and path of every route, without schemas: what the client needs to send a request. The full route table
 * (`routes.ts`, with schemas and documentation) spreads these in, so a path is written once; the client loads each
 * route's schemas on its own, so a page bundles only the schemas of the calls it makes.
 * @module
 */

/** Method and path of one route (relative to `/api/v1`, with `{name}` placeholders). */
export interface Endpoint {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
}

/** Every route's method and path, keyed by the client method that calls it. */
export const endpoints = {
  getAgencies: { method: 'get', path: '/agencies' },
  getAgency: { method: 'get', path: '/agencies/{agency}' },
  getSectors: { method: 'get', path: '/sectors' },
  searchProcedures: { method: 'get', path: '/agencies/{agency}/procedures' },
  getCatalog: { method: 'get', path: '/agencies/{agency}/procedures/catalog' },
  getProcedure: { method: 'get', path: '/procedures/{code}' },
  getDossier: { method: 'get', path: '/dossiers/{code}' },
  verifyDossier: { method: 'post', path: '/dossiers/{code}/verify' },
  submitRating: { method: 'post', path: '/ratings' },
  getStats: { method: 'get', path: '/agencies/{agency}/stats' },
  getHolidays: { method: 'get', path: '/holidays' },
  getProvinceStats: { method: 'get', path: '/provinces/{code}/stats' },
} as const satisfies Record<string, Endpoint>;

/**
 * The status-alert routes, apart: only their own lazy chunk (`push-calls.ts`) and the route table need them.
 */
export const pushEndpoints = {
  getPushKey: { method: 'get', path: '/push/key' },
  subscribeDossier: { method: 'post', path: '/dossiers/{code}/subscriptions' },
  unsubscribeDossier: { method: 'delete', path: '/dossiers/{code}/subscriptions/{id}' },
  unsubscribe: { method: 'post', path: '/unsubscribe/{token}' },
} as const satisfies Record<string, Endpoint>;

/**
 * Fills a path template with URL-encoded parameters.
 * @example
 * ```ts
 * buildPath('/agencies/{agency}/stats', { agency: '000.00.06.H56' }); // '/agencies/000.00.06.H56/stats'
 * ```
 */
export function buildPath(template: string, params: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`Missing path parameter ${name} for ${template}`);
    return encodeURIComponent(value);
  });
}
