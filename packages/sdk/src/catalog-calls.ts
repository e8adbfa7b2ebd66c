/**
 * The catalog calls of the client (`getCatalog`, `peekCatalog`) with their caches, loaded on the first catalog call: only
 * the lookup and the QR sheet ask for catalogs (the embed's loader fetches this chunk together with them, rollup.config.mjs
 * FIRST_RENDER_IMPORTS), so the statistics, QR card, tracker and satisfaction pages do not carry it.
 * @module
 */
import * as z from 'zod/mini';
import type { CallOptions, CatalogCache, CatalogCacheEntry } from './client.js';
import { endpoints, type Endpoint } from './endpoints.js';
import { MotcuaAbortError, MotcuaResponseError } from './errors.js';
import type { Catalog } from './schemas/procedure.js';

/** What the client lends these calls. */
export interface CatalogContext {
  /** `https://host/api/v1`, without a trailing slash: part of the cache key. */
  base: string;
  cache: CatalogCache | undefined;
  /**
   * How long (ms) a catalog just received answers later calls without a request (`ClientOptions.catalogReuseMs`);
   * none, 0, a negative number or NaN: never.
   */
  reuseMs?: number | undefined;
  send(
    route: Endpoint,
    request: { params: Record<string, string>; headers: Record<string, string>; signal: AbortSignal },
  ): Promise<{ response: Response; read: () => Promise<unknown>; path: string }>;
  validate<S extends z.ZodMiniType>(schema: S, data: unknown, path: string): Promise<z.infer<S>>;
  /** The procedure schemas (a network error of the call when their chunk cannot be fetched). */
  schemas(): Promise<typeof import('./schemas/procedure-on-demand.js')>;
}

/** Procedures of a catalog validated per task (see `validateCatalog`). */
const CATALOG_SLICE = 40;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Ends the current task, so the browser can handle input and paint (`scheduler.yield()` where there is one). */
function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

/** The catalog calls of one client, sharing its memory and persistent caches. `agency` is checked by the client. */
export function catalogCalls(context: CatalogContext) {
  const { base, cache, send, validate, reuseMs = 0 } = context;
  const memory = new Map<string, CatalogCacheEntry>();
  /**
   * When the server last gave or confirmed the copy in `memory`, per catalog (`Date.now()`): within `reuseMs` of it the
   * copy answers without a request. Set only by an answer that passed validation (a 200, or a 304 for the copy held),
   * never from the persistent cache, so a reload always revalidates; a failed request sets nothing.
   */
  const received = new Map<string, number>();

  /** The copy held for `key` if the server gave or confirmed it less than `reuseMs` ago. */
  function reusable(key: string): Catalog | undefined {
    // Nothing received: NaN, never fresh. A clock set back (age < 0) proves nothing about the copy's age: ask the server.
    const age = Date.now() - (received.get(key) ?? NaN);
    return age >= 0 && age < reuseMs ? memory.get(key)?.catalog : undefined;
  }

  /**
   * Validates a catalog a slice of procedures at a time, letting the browser run between slices: 400 procedures take
   * ~300 ms to validate on a mid-range phone (zod interprets its schemas under a strict CSP), one task long enough to
   * delay a tap by that much. The result is the same as validating at once, and so is the error: when any part fails,
   * the whole catalog is validated at once, which throws naming every bad field with its usual path (`items[12].name`).
   */
  async function validateCatalog(schema: typeof Catalog, data: unknown, path: string): Promise<Catalog> {
    const sliced = await validateInSlices(schema, data);
    return sliced ?? validate(schema, data, path);
  }

  /**
   * The catalog validated a slice of procedures per task; undefined when it is not valid (or too small to slice, or not
   * a catalog at all), for the caller to validate at once or drop.
   */
  async function validateInSlices(schema: typeof Catalog, data: unknown): Promise<Catalog | undefined> {
    const items = isRecord(data) ? data['items'] : undefined;
    if (!isRecord(data) || !Array.isArray(items) || items.length <= CATALOG_SLICE) return undefined;
    const head = z.safeParse(schema, { ...data, items: [] });
    if (!head.success) return undefined;
    const list = schema.shape.items;
    const valid: Catalog['items'] = [];
    for (let i = 0; i < items.length; i += CATALOG_SLICE) {
      await yieldToBrowser();
      const slice = z.safeParse(list, items.slice(i, i + CATALOG_SLICE));
      if (!slice.success) return undefined;
      valid.push(...slice.data);
    }
    return { ...head.data, items: valid };
  }

  const catalogKey = (agency: string) => `catalog:${base}:${agency}`;

  async function persisted(agency: string): Promise<CatalogCacheEntry | undefined> {
    if (!cache) return undefined;
    try {
      const [{ CachedEntry, Catalog }, entry] = await Promise.all([context.schemas(), cache.get(catalogKey(agency)) as Promise<unknown>]);
      // A large saved catalog is validated a slice per task too (a returning visitor's page stays responsive); the
      // rest of the entry, and a small catalog, at once.
      const catalog = isRecord(entry) ? entry['catalog'] : undefined;
      const sliced = await validateInSlices(Catalog, catalog);
      if (sliced) {
        const head = z.safeParse(CachedEntry, { ...(isRecord(entry) ? entry : {}), catalog: { ...sliced, items: [] } });
        return head.success ? { ...head.data, catalog: sliced } : undefined;
      }
      const parsed = z.safeParse(CachedEntry, entry);
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** Catalog calls on their way, per agency: callers asking for the same catalog meanwhile share the request. */
  const catalogsInFlight = new Map<string, { controller: AbortController; waiting: number; promise: Promise<Catalog> }>();
  /** One catalog request (with the ETag of the copy held, if any); fills the memory and persistent caches. */
  async function fetchCatalog(code: string, key: string, signal: AbortSignal): Promise<Catalog> {
    const schemas = context.schemas();
    // Settled here too, so a request that fails first leaves no unhandled rejection behind.
    schemas.catch(() => undefined);
    const held = memory.get(key) ?? (await persisted(code));
    const { response, read, path } = await send(endpoints.getCatalog, {
      params: { agency: code },
      headers: held?.etag ? { 'if-none-match': held.etag } : {},
      signal,
    });
    if (response.status === 304) {
      if (!held)
        throw new MotcuaResponseError(path, [{ path: '', message: 'the server answered 304 Not Modified to a request without ETag' }]);
      memory.set(key, held);
      received.set(key, Date.now());
      return held.catalog;
    }
    const { Catalog } = await schemas;
    const catalog = await validateCatalog(Catalog, await read(), path);
    const entry: CatalogCacheEntry = { etag: response.headers.get('etag'), catalog, savedAt: new Date().toISOString() };
    memory.set(key, entry);
    received.set(key, Date.now());
    if (cache) {
      try {
        // Storing serialises the whole catalog: in a task of its own, neither after the last slice validated nor before
        // the caller's own work with the catalog (a widget's first render of it).
        await yieldToBrowser();
        await cache.set(key, entry);
        await yieldToBrowser();
      } catch {
        // A failing cache must not fail the call.
      }
    }
    return catalog;
  }

  return {
    /**
     * The agency's compact catalog for client-side search. Revalidated with `If-None-Match` against the copy in
     * memory (or in the persistent `cache`), so an unchanged catalog costs a bodiless 304; a new one is persisted.
     * Within `reuseMs` of an answer, the copy it gave or confirmed is returned without a request.
     * @example
     * ```ts
     * const catalog = await client.getCatalog('000.00.06.H56');
     * const index = createSearchIndex(catalog.items);
     * ```
     */
    async getCatalog(code: string, o: CallOptions = {}): Promise<Catalog> {
      const key = catalogKey(code);
      // Widgets asking one after another (a lazily loaded QR sheet after the lookup) share the answer just received.
      const fresh = reusable(key);
      if (fresh) {
        if (o.signal?.aborted) throw new MotcuaAbortError(endpoints.getCatalog.path, { cause: o.signal.reason });
        return fresh;
      }
      // Widgets on one page share a client: calls for the same catalog while one is on its way share its request
      // (one download per page, however many widgets ask); the request is cancelled only when every caller cancelled.
      let shared = catalogsInFlight.get(key);
      if (!shared || shared.controller.signal.aborted) {
        const controller = new AbortController();
        const entry = { controller, waiting: 0, promise: fetchCatalog(code, key, controller.signal) };
        catalogsInFlight.set(key, entry);
        void entry.promise.then(
          () => catalogsInFlight.get(key) === entry && catalogsInFlight.delete(key),
          () => catalogsInFlight.get(key) === entry && catalogsInFlight.delete(key),
        );
        shared = entry;
      }
      const { controller, promise } = shared;
      const signal = o.signal;
      if (!signal) {
        shared.waiting++;
        return promise;
      }
      if (signal.aborted) throw new MotcuaAbortError(endpoints.getCatalog.path, { cause: signal.reason });
      shared.waiting++;
      const entry = shared;
      return new Promise<Catalog>((resolve, reject) => {
        const onAbort = (): void => {
          reject(new MotcuaAbortError(endpoints.getCatalog.path, { cause: signal.reason }));
          if (--entry.waiting === 0) controller.abort(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        promise.then(
          (catalog) => {
            signal.removeEventListener('abort', onAbort);
            resolve(catalog);
          },
          (error: unknown) => {
            signal.removeEventListener('abort', onAbort);
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      });
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
      const held = memory.get(catalogKey(agency)) ?? (await persisted(agency));
      return held?.catalog;
    },
  };
}

export type CatalogCalls = ReturnType<typeof catalogCalls>;
