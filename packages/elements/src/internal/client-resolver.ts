/**
 * How a widget gets its API client, agency and language: from the nearest `<motcua-portal>` (through `@lit/context`),
 * else from its own `api` and `agency` attributes.
 *
 * Use it in any component (the tracker, satisfaction and stats widgets too):
 *
 * ```ts
 * import { ConnectionController } from '../../internal/client-resolver.js';
 *
 * export class MotcuaThing extends MotcuaElement {
 *   /** Base URL of the API; overrides the portal's. *\/
 *   @property() api = '';
 *   /** Agency e-ID; overrides the portal's. *\/
 *   @property() agency = '';
 *   protected readonly connection = new ConnectionController(this);
 *
 *   protected override willUpdate(): void {
 *     // `key` changes whenever the client or the agency changes (a late portal, a new attribute): reload then.
 *     if (this.connection.key !== this.loadedKey) { this.loadedKey = this.connection.key; void this.load(); }
 *   }
 *   private async load() {
 *     const { client, agency } = this.connection;   // client is undefined until an api is known
 *     if (!client || !agency) return;               // render this.connection.problem ('missing_api' | 'missing_agency')
 *     …
 *   }
 * }
 * ```
 *
 * Rules: the widget's own `api` attribute wins over the portal's (the widget then uses its own client, shared with
 * every other widget on the page that names the same API), and its own `agency` wins over the portal's. A portal that
 * upgrades after its children still reaches them: the first consumer attaches one `ContextRoot` to the document.
 * `@lit/context` (`portal-context.ts`) loads only on a page with a portal: with the portal's own chunk, or when a widget
 * connects inside a `<motcua-portal>` element (upgraded or not) before it; a widget with no portal around it never
 * needs it (every single-widget page: ≈ 0.6 KB gz less).
 * Relative `api` values (`/api/v1`) resolve against the page's base URL.
 * @module
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createClient, createStorageCache, type MotcuaClient } from '@motcua/sdk';
import type { PortalContext } from './context.js';

/** A component that can be connected: it has `api` and `agency` properties (its attributes). */
export type ConnectionHost = ReactiveControllerHost & HTMLElement & { api: string; agency: string };

/** Why a widget cannot load yet. */
export type ConnectionProblem = 'missing_api' | 'missing_agency';

const CLIENTS_KEY = Symbol.for('motcua.shared-clients');
type Globals = Record<symbol, unknown>;

/** What a widget reads of its portal: `@lit/context`'s `ContextConsumer` (see portal-context.ts). */
export interface PortalConsumer {
  readonly value?: PortalContext | undefined;
}

/** Makes a widget's portal consumer; set by portal-context.ts when it loads. */
let consumePortal: ((host: ConnectionHost) => PortalConsumer) | undefined;
/** Called once by portal-context.ts as it loads. */
export function setPortalConsumer(consume: (host: ConnectionHost) => PortalConsumer): void {
  consumePortal = consume;
}

/** Whether `el` sits inside a `<motcua-portal>` element, upgraded or not (through shadow roots too). */
function insidePortal(el: Element): boolean {
  for (let node: Node | null = el; node; node = node instanceof ShadowRoot ? node.host : node.parentNode)
    if ((node as Element).localName === 'motcua-portal') return true;
  return false;
}

/** Resolves an `api` attribute (absolute or relative to the page) to an absolute URL without a trailing slash. */
export function resolveApi(api: string): string {
  const base = typeof document === 'undefined' ? 'http://localhost/' : document.baseURI;
  return new URL(api.trim(), base).href.replace(/\/+$/, '');
}

function persistentCache(): Storage | undefined {
  try {
    // Reading localStorage throws in sandboxed iframes; a storage that refuses writes (quota, some private modes)
    // is fine: the SDK's storage cache ignores failed reads and writes.
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * How long a catalog one widget received answers the page's other widgets without a request: long enough for the
 * widgets of one page view (a QR sheet loaded lazily, or scrolled to, after the lookup), short enough that a page left
 * open (a kiosk, a single-page site) asks the server again for a widget added later. A reload always revalidates.
 */
const PAGE_CATALOG_REUSE_MS = 5 * 60_000;

/**
 * One client per API URL for the whole page (the portal's and the widgets' own `api`), so widgets share the catalog
 * cache and its ETag, and the page fetches an agency's catalog once however many widgets ask for it.
 * The catalog is also kept in `localStorage` (when available) so a returning visitor sees it instantly.
 */
export function sharedClient(api: string): MotcuaClient {
  const g = globalThis as unknown as Globals;
  const clients = (g[CLIENTS_KEY] ??= new Map<string, MotcuaClient>()) as Map<string, MotcuaClient>;
  const baseUrl = resolveApi(api);
  let client = clients.get(baseUrl);
  if (!client) {
    const storage = persistentCache();
    client = createClient({
      baseUrl,
      catalogReuseMs: PAGE_CATALOG_REUSE_MS,
      ...(storage ? { cache: createStorageCache(storage) } : {}),
    });
    clients.set(baseUrl, client);
  }
  return client;
}

const clientIds = new WeakMap<object, number>();
let nextClientId = 1;
function idOf(client: object | undefined): number {
  if (!client) return 0;
  let id = clientIds.get(client);
  if (!id) clientIds.set(client, (id = nextClientId++));
  return id;
}

/** Gives a widget its client, agency and portal language; see the module documentation for use. */
export class ConnectionController implements ReactiveController {
  private readonly host: ConnectionHost;
  private consumer?: PortalConsumer;
  private loading = false;

  constructor(host: ConnectionHost) {
    this.host = host;
    // A page whose portal code is there already: the consumer asks at once, as the widget connects.
    if (consumePortal) this.consumer = consumePortal(host);
    else host.addController(this);
  }

  hostConnected(): void {
    if (this.consumer || this.loading || !insidePortal(this.host)) return;
    if (consumePortal) {
      this.consumer = consumePortal(this.host);
      return;
    }
    // Inside a portal, before any portal code ran on this page: load it (the portal's chunk brings the same module).
    this.loading = true;
    import('./portal-context.js').then(
      () => {
        this.loading = false;
        this.consumer ??= consumePortal?.(this.host);
      },
      () => (this.loading = false), // tried again when the widget connects again
    );
  }

  /** What the nearest portal provides, if any. */
  get portal(): PortalContext | undefined {
    return this.consumer?.value;
  }

  /** The API base URL in use (absolute), or '' when none is known. */
  get api(): string {
    if (this.host.api) return resolveApi(this.host.api);
    return this.portal?.api ? resolveApi(this.portal.api) : '';
  }

  /** The client to call: the widget's own (from `api`), else the portal's. */
  get client(): MotcuaClient | undefined {
    if (this.host.api) return sharedClient(this.host.api);
    return this.portal?.client;
  }

  /** The agency e-ID in use: the widget's own `agency`, else the portal's. */
  get agency(): string {
    return (this.host.agency || this.portal?.agency || '').trim();
  }

  /** The portal's language, when the widget sits in a portal that sets one. */
  get lang(): string {
    return this.portal?.lang ?? '';
  }

  /**
   * Whether the widget sits in a portal that has not answered yet: the portal's chunk has not run (the embed loader
   * fetches every widget's chunk at once, and the widget's may arrive first), the portal code is still loading, or the
   * portal is defined but has not provided its value yet (it does at its first update). Its API and agency are on their
   * way then, not missing: show the loading state, not an error. A portal that has answered without a client (no `api`)
   * ends the wait, so `problem()` says `missing_api`.
   */
  get waiting(): boolean {
    return !this.portal && !this.host.api && insidePortal(this.host);
  }

  /** Why the widget cannot load, if it cannot. `needsAgency` false for widgets that work without one. */
  problem(needsAgency = true): ConnectionProblem | undefined {
    if (!this.client) return 'missing_api';
    if (needsAgency && !this.agency) return 'missing_agency';
    return undefined;
  }

  /** Changes whenever the client or the agency changes: compare it to decide when to reload. */
  get key(): string {
    return `${idOf(this.client)}|${this.agency}`;
  }
}
