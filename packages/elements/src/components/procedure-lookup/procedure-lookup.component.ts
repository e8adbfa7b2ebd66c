import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { OnlineService, ProcedureSummary, Sector } from '@motcua/sdk';
import { createSearchIndex, createSearchIndexInSlices, type SearchIndex, type SearchIndexOptions } from '@motcua/sdk/text/search';
import { MotcuaElement } from '../../internal/motcua-element.js';
import { registerDefaults } from '../../internal/i18n.js';
import { baseStyles } from '../../internal/base.styles.js';
import { ConnectionController } from '../../internal/client-resolver.js';
import { formatFeeSummary, formatOnline, formatProcessingTime, viCollator, warmViCollator } from '../../internal/format.js';
import type { Detail } from './procedure-detail.js';
import type { ServerSearch } from './procedure-lookup.server.js';
import { styles } from './procedure-lookup.styles.js';
import { LazyReadAloud } from '../../internal/read-aloud-lazy.js';
import './procedure-lookup.strings.js';

interface Row {
  item: ProcedureSummary;
  /** Matched ranges of `item.name`, sorted and not overlapping (from the SDK's search index). */
  highlights: ReadonlyArray<readonly [number, number]>;
}
type LoadState = 'idle' | 'loading' | 'ready' | 'server' | 'error' | 'offline';

/** The English terms, loaded when a lookup first renders in English: a Vietnamese page does not download them. */
let english: Promise<unknown> | undefined;

const SPINNER = html`<span class="spinner" aria-hidden="true"></span>`;
const CODE = /^\d\.\d{6}(\.\d{2})?$/;
const ONLINE_LEVELS: readonly OnlineService[] = ['full', 'partial', 'none'];
/** Common procedures shown as tiles above the catalog when the search box is empty. */
const COMMON = 6;

/** Sectors in Vietnamese alphabetical order: one collator (`localeCompare(…, 'vi')` makes one per comparison). */
const sectorOrder = (a: Sector, b: Sector): number => viCollator().compare(a.name, b.name);

/** The `kind` (`network`, `aborted`, …) and `status` of an SDK error, without `instanceof` across bundles. */
const failure = (error: unknown): { kind?: unknown; status?: unknown } => (typeof error === 'object' && error) || {};

/** The deep link's parameter: `#thu-tuc=1.001193`. */
const PARAM = 'thu-tuc';
const hashParams = (): URLSearchParams => new URLSearchParams(location.hash.slice(1));
/** The procedure code in the page URL's `#thu-tuc=` (or `?thu-tuc=`), if any. */
const codeFromLocation = (): string | undefined =>
  (hashParams().get(PARAM) ?? new URLSearchParams(location.search).get(PARAM))?.trim() || undefined;
const WINDOW_EVENTS = ['popstate', 'hashchange', 'online', 'offline'];

/**
 * A search box for the agency's administrative procedures, following the WAI-ARIA combobox pattern: results update
 * as the user types (with or without diacritics), filters by sector and online-service level, and a detail view with
 * the documents to bring, fees, processing time, where to submit and the legal basis. Deep link: `#thu-tuc=1.001193`.
 *
 * The agency's catalog is fetched once (shown at once from the device's copy when there is one, then refreshed with
 * an ETag) and searched on the device; when it cannot be loaded, each search goes to the server instead.
 *
 * @tag motcua-procedure-lookup
 * @summary Find a procedure in a keystroke and see exactly what to bring, what it costs and how long it takes.
 * @attr api - Base URL of the API; not needed inside `<motcua-portal>`.
 * @attr agency - Agency e-ID, e.g. `000.00.06.H56`; not needed inside `<motcua-portal>`.
 * @attr lang - `vi` (default) or `en`; when empty, the nearest `lang` attribute.
 * @attr page-size - How many results to show before "show more" (default 20).
 * @attr no-history - Do not write `#thu-tuc=` into the address bar when a procedure is opened.
 * @attr url-template - URL template of the QR card in the detail view (see `<motcua-qr-card>`).
 * @attr query - Initial search text.
 * @event motcua-search - The results changed after typing or filtering. `detail: { query, count }`.
 * @event motcua-procedure-select - A procedure was chosen; cancel it to stop the detail view opening. `detail: { code }`.
 * @csspart base - The wrapper of everything.
 * @csspart label - The search box's label.
 * @csspart input - The search box.
 * @csspart filters - The row of filters.
 * @csspart sector - The sector filter.
 * @csspart online - The online-level filter.
 * @csspart count - The number of results.
 * @csspart listbox - The list of results.
 * @csspart result - One result.
 * @csspart result-name - A result's name.
 * @csspart result-meta - A result's code, sector, time and fee.
 * @csspart mark - A matched word in a result's name.
 * @csspart more - The "show more" button.
 * @csspart empty - The no-results message.
 * @csspart status - Loading and notice messages.
 * @csspart error - The error and offline message.
 * @csspart retry - The retry button.
 * @csspart button - Every button.
 * @csspart detail - The detail view.
 * @csspart back - The back button of the detail view.
 * @csspart submit-online - The "Submit online" link.
 * @csspart centre - "Where to go and when" in the detail view: the centre's address, phone and opening hours.
 * @csspart read-aloud - The row of the "Nghe" (Listen) and "Cỡ chữ" (Text size) buttons.
 * @csspart listen - The "Nghe" button (`aria-pressed="true"` while reading; press again to stop).
 * @csspart listen-offer - "Nghe bằng tiếng Việt", offered when the device has no voice for the widget's language.
 * @csspart speech-message - The message when the content cannot be read aloud (a polite live region).
 * @csspart text-size - The "Cỡ chữ" button that opens the A− / A / A+ menu.
 * @csspart text-size-menu - The A− / A / A+ buttons (the choice applies to every widget and is kept on the device).
 * @cssstate loading - The catalog is loading (before its first list, also while the portal around it has not run yet): a
 *   page may keep the list's space meanwhile, e.g.
 *   `motcua-procedure-lookup:state(loading) { min-height: 40rem }`, so what is under it does not move up, then down.
 * @cssproperty --motcua-text-scale - Multiplies the text size (set by the text-size menu; a page may set a default, e.g. 1.25).
 * @cssproperty --motcua-color-primary - Buttons and accents.
 * @cssproperty --motcua-color-mark - Background of matched words (default a light yellow).
 * @cssproperty --motcua-lookup-max-width - Maximum width of the widget (default none).
 */
export class MotcuaProcedureLookup extends MotcuaElement {
  static override styles = [baseStyles, styles];
  static override properties = {
    api: {},
    agency: {},
    pageSize: { type: Number, attribute: 'page-size' },
    noHistory: { type: Boolean, attribute: 'no-history' },
    urlTemplate: { attribute: 'url-template' },
    query: {},
    loadState: { state: true, attribute: false },
    items: { state: true, attribute: false },
    stale: { state: true, attribute: false },
    sector: { state: true, attribute: false },
    online: { state: true, attribute: false },
    limit: { state: true, attribute: false },
    active: { state: true, attribute: false },
    expanded: { state: true, attribute: false },
    detail: { state: true, attribute: false },
    offline: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
    detailView: { state: true, attribute: false },
  };

  /** Base URL of the API; overrides the portal's. */
  api = '';
  /** Agency e-ID; overrides the portal's. */
  agency = '';
  /** How many results to show before "show more". */
  pageSize = 20;
  /** Do not write `#thu-tuc=` into the address bar. */
  noHistory = false;
  /** URL template of the QR card in the detail view. */
  urlTemplate = '';
  /** The search text. */
  query = '';

  private loadState: LoadState = 'idle';
  private items: ProcedureSummary[] = [];
  private index?: SearchIndex<ProcedureSummary>;
  /** The vocabulary `index` was built with (it is built again with the synonym table once that has loaded). */
  private indexVocabulary?: SearchIndexOptions<ProcedureSummary>;
  private vocabulary?: SearchIndexOptions<ProcedureSummary>;
  /** Stops the index being built in the background (for a catalog since replaced, or a widget removed). */
  private indexAbort?: AbortController;
  /** What the background build is indexing, and with which vocabulary. */
  private indexing?: { items: ProcedureSummary[]; vocabulary: SearchIndexOptions<ProcedureSummary> | undefined };
  /** The synonym table's chunk, loading or loaded (`vocabulary` is set when it has). */
  private vocabularyLoad?: Promise<void>;
  /** How many of the first rows are the commune's common procedures (tiles), when the search box is empty. */
  private common = 0;
  private stale = false;
  private sector = '';
  private online: OnlineService | '' = '';
  private limit = 20;
  private active = -1;
  private expanded = true;
  private detail?: Detail;
  private offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  /** The server-side search, loaded when the catalog cannot be (procedure-lookup.server.ts). */
  private server?: ServerSearch;
  private announcement = '';
  private detailView?: typeof import('./procedure-detail.js');

  private readonly connection = new ConnectionController(this);
  /** Whether the `loading` custom state is set. */
  private loadingState = false;
  /** The `loading` custom state (`:state(loading)`), where the browser has custom states. */
  private readonly internals = this.attachInternals?.();
  /** "Nghe" and "Cỡ chữ" on a loaded procedure (the speech and the size menu load on first press). */
  private readonly readAloud = new LazyReadAloud(this, {
    key: () => (this.detail?.status === 'ready' && this.detail.procedure ? `${this.detail.procedure.code}|${this.resolvedLang}` : ''),
    text: async (lang) =>
      this.detail?.procedure
        ? // The speech uses the detail view's terms, which come with the detail view's chunk.
          (await Promise.all([import('./procedure-speech.js'), import('./procedure-detail.js')]))[0].procedureSpeech(
            lang,
            this.detail.procedure,
          )
        : [],
  });
  private loadedKey = '';
  private rows: Row[] = [];
  private total = 0;
  private sectors: Sector[] = [];
  private loadAbort?: AbortController;
  private detailAbort?: AbortController;
  private serverTimer?: ReturnType<typeof setTimeout>;
  private announceTimer?: ReturnType<typeof setTimeout>;
  private pushedHistory = false;
  private focusDetail = false;
  private focusInput = false;

  /** `popstate` and `hashchange` (the deep link), `online` and `offline`. */
  private readonly onWindow = ({ type }: Event): void => {
    if (type === 'offline') this.offline = true;
    else if (type !== 'online') this.syncFromLocation();
    else {
      this.offline = false;
      if (this.loadState === 'offline' || this.loadState === 'error' || this.stale) void this.loadCatalog();
      if (this.detail?.status === 'offline' || this.detail?.status === 'error') void this.loadDetail(this.detail.code);
    }
  };

  override connectedCallback(): void {
    super.connectedCallback();
    // Sorting the sectors needs the Vietnamese collator: built while the catalog is on its way, not in the first render.
    warmViCollator();
    for (const type of WINDOW_EVENTS) window.addEventListener(type, this.onWindow);
    this.limit = this.pageSize;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const type of WINDOW_EVENTS) window.removeEventListener(type, this.onWindow);
    this.loadAbort?.abort();
    this.detailAbort?.abort();
    this.indexAbort?.abort();
    this.server?.stop();
    clearTimeout(this.serverTimer);
    clearTimeout(this.announceTimer);
    this.loadedKey = '';
  }

  /** Renders in English once the English terms are there (never half translated). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (!this.resolvedLang.toLowerCase().startsWith('en')) return super.scheduleUpdate();
    // A failed load falls back to Vietnamese and is tried again on the next update.
    english ??= import('./procedure-lookup.strings.en.js').then(
      ({ en }) => registerDefaults({ en }),
      () => (english = undefined),
    );
    return english.then(() => super.scheduleUpdate());
  }

  protected override firstUpdated(): void {
    this.syncFromLocation();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (this.isConnected && this.connection.key !== this.loadedKey) {
      // Another API or agency: never show the previous agency's procedures, not even as a fallback.
      if (this.loadedKey) {
        this.items = [];
        this.index = undefined;
        this.indexAbort?.abort();
        this.server?.stop();
        this.server = undefined;
        this.stale = false;
      }
      this.loadedKey = this.connection.key;
      void this.loadCatalog();
    }
    if (changed.has('pageSize')) this.limit = this.pageSize;
    const searchChanged = changed.has('query') || changed.has('sector') || changed.has('online');
    // The list without a query needs no index: a new index changes only the rows of a query.
    if (searchChanged || changed.has('items') || (changed.has('index') && this.query.trim())) this.computeRows();
    if (changed.has('items')) this.sectors = this.sectorsOf(this.items);
    if (searchChanged && this.loadState === 'server') this.scheduleServerSearch();
  }

  protected override updated(changed: PropertyValues): void {
    // Loading too while its portal has not answered yet (see `connection.waiting`): from its first render, so the space a
    // page keeps for the list does not collapse for a frame (content under it jumping up, lazy widgets there loading).
    const loading = this.loadState === 'loading' || (this.loadState === 'idle' && this.connection.waiting);
    if (loading !== this.loadingState) {
      this.loadingState = loading;
      try {
        this.internals?.states?.[loading ? 'add' : 'delete']('loading');
      } catch {
        // A browser with the older custom-state syntax only (`--loading`): no state, the page keeps no space.
      }
    }
    const searchChanged = changed.has('query') || changed.has('sector') || changed.has('online');
    if (searchChanged && this.loadState === 'ready' && this.hasUpdated) {
      this.emit('motcua-search', { query: this.query, count: this.total });
      this.scheduleAnnouncement();
    }
    if (changed.has('loadState') && this.loadState === 'ready') this.scheduleAnnouncement();
    if (changed.has('active') && this.active >= 0) {
      this.renderRoot.querySelector(`#o${this.active}`)?.scrollIntoView?.({ block: 'nearest' });
    }
    // The detail's QR card loads when it comes near the screen.
    if (this.detail) this.detailView?.watchQrCard(this.renderRoot);
    if (this.focusDetail && this.detail) {
      this.focusDetail = false;
      this.renderRoot.querySelector<HTMLElement>('#detail-title')?.focus();
    }
    if (this.focusInput && !this.detail) {
      this.focusInput = false;
      this.renderRoot.querySelector<HTMLInputElement>('#input')?.focus();
    }
  }

  // ── data ─────────────────────────────────────────────────────────────

  /** Loads the agency's catalog: the device's copy first (instant), then the network (ETag refresh). */
  private async loadCatalog(): Promise<void> {
    this.loadAbort?.abort();
    const client = this.connection.client;
    const agency = this.connection.agency;
    if (!client || !agency) {
      this.loadState = 'idle';
      return;
    }
    const abort = (this.loadAbort = new AbortController());
    if (!this.items.length) this.loadState = 'loading';
    try {
      const peeked = await client.peekCatalog(agency).catch(() => undefined);
      if (abort.signal.aborted) return;
      if (peeked && !this.items.length) {
        this.setCatalog(peeked.items);
        this.stale = true;
        this.loadState = 'ready';
      }
      const catalog = await client.getCatalog(agency, { signal: abort.signal });
      if (abort.signal.aborted) return;
      this.setCatalog(catalog.items);
      this.stale = false;
      this.loadState = 'ready';
    } catch (error) {
      if (abort.signal.aborted || failure(error).kind === 'aborted') return;
      if (this.items.length) {
        // Keep searching the saved list; say so.
        this.stale = true;
        this.loadState = 'ready';
        return;
      }
      if (this.offline || (failure(error).kind === 'network' && navigator.onLine === false)) {
        this.loadState = 'offline';
        return;
      }
      // The catalog could not be loaded: search on the server instead (that code loads now).
      try {
        const { ServerSearch } = await import('./procedure-lookup.server.js');
        if (abort.signal.aborted) return;
        this.server?.stop();
        this.server = new ServerSearch(this, client, agency);
      } catch {
        this.loadState = this.failState();
        return;
      }
      this.loadState = 'server';
      void this.serverSearch();
    }
  }

  /**
   * A new catalog: its first rows render at once (the list without a query needs no index), and its search index is
   * built afterwards, once, with the vocabulary, a slice at a time between frames, so the page never waits for it (one
   * task of 100–300 ms on a phone otherwise); a query typed before it is ready builds it there and then (`ensureIndex`).
   */
  private setCatalog(items: ProcedureSummary[]): void {
    if (items === this.items) return;
    this.items = items;
    this.index = undefined;
    this.indexAbort?.abort();
    // The synonym table, stop words and regional spellings (abbreviations, everyday words, English) are a lazy chunk:
    // the search works without them at once, and understands citizens' words as soon as they have arrived.
    this.vocabularyLoad ??= import('@motcua/sdk/text/synonyms').then(
      ({ VI_ADMIN_SYNONYMS, VI_STOP_WORDS, viSpellingVariants }) => {
        this.vocabulary = { vocabulary: VI_ADMIN_SYNONYMS, stopWords: VI_STOP_WORDS, variants: viSpellingVariants };
      },
      () => undefined,
    );
    void this.vocabularyLoad.then(() => this.indexInBackground());
  }

  /** Builds the index of the current catalog with the current vocabulary between frames, unless it is built or on its way. */
  private indexInBackground(): void {
    const { items, vocabulary } = this;
    if (!items.length || (this.index && this.indexVocabulary === vocabulary)) return;
    const building = this.indexAbort;
    if (building && !building.signal.aborted && this.indexing?.items === items && this.indexing.vocabulary === vocabulary) return;
    building?.abort();
    const abort = (this.indexAbort = new AbortController());
    this.indexing = { items, vocabulary };
    createSearchIndexInSlices(items, vocabulary, { signal: abort.signal }).then(
      (index) => {
        if (abort.signal.aborted || items !== this.items) return;
        const previous = this.index;
        this.index = index;
        this.indexVocabulary = vocabulary;
        // Only the results of a query change (the list without one needs no index): no render otherwise.
        if (this.query.trim()) this.requestUpdate('index', previous);
      },
      () => undefined,
    );
  }

  /** The index of the current catalog, built now when the background build has not finished (a query typed at once). */
  private ensureIndex(): SearchIndex<ProcedureSummary> {
    if (!this.index) {
      this.index = createSearchIndex(this.items, this.vocabulary);
      this.indexVocabulary = this.vocabulary;
      // A background build of this same index is not needed any more; one with the vocabulary, when it loads, still is.
      if (this.indexing?.vocabulary === this.vocabulary) this.indexAbort?.abort();
    }
    return this.index;
  }

  private sectorsOf(items: readonly ProcedureSummary[]): Sector[] {
    const byCode = new Map<string, Sector>();
    for (const item of items) if (!byCode.has(item.sector.code)) byCode.set(item.sector.code, item.sector);
    return [...byCode.values()].sort(sectorOrder);
  }

  private matchesFilters = (item: ProcedureSummary): boolean =>
    (!this.sector || item.sector.code === this.sector) && (!this.online || item.onlineService === this.online);

  private computeRows(): void {
    const query = this.query.trim();
    if (!this.items.length) {
      this.rows = [];
      this.total = 0;
      return;
    }
    if (!query) {
      // The commune's most used procedures first (by its dossier counts), as tiles; then the catalog, by sector.
      const rows = this.items.filter(this.matchesFilters).map((item) => ({ item, highlights: [] }));
      const common = rows
        .filter((row) => (row.item.dossierCount ?? 0) > 0)
        .sort((a, b) => (b.item.dossierCount ?? 0) - (a.item.dossierCount ?? 0))
        .slice(0, COMMON);
      this.common = common.length;
      this.rows = [...common, ...rows.filter((row) => !common.includes(row))];
    } else {
      this.common = 0;
      // The hits are the rows: a hit computes its highlights when they are read, so only the rows shown pay for them.
      this.rows = this.ensureIndex().search(query, { limit: Math.max(this.items.length, 1), filter: this.matchesFilters });
    }
    this.total = this.rows.length;
  }

  private scheduleServerSearch(): void {
    clearTimeout(this.serverTimer);
    this.serverTimer = setTimeout(() => void this.serverSearch(), 250);
  }

  /** Server-side search, used when the catalog cannot be loaded: the first page, or the next one (`more`). */
  private async serverSearch(more = false): Promise<void> {
    const { query, sector, online, pageSize } = this;
    try {
      const count = await this.server?.search({ query: query.trim(), sector, online, pageSize }, more);
      if (count === undefined) return;
      this.emit('motcua-search', { query, count });
      this.scheduleAnnouncement();
    } catch {
      this.loadState = this.failState();
    }
  }

  /** What a failed request shows: the offline state when the device is offline, else the error. */
  private failState(): 'offline' | 'error' {
    return this.offline || !navigator.onLine ? 'offline' : 'error';
  }

  private async loadDetail(code: string): Promise<void> {
    this.detailAbort?.abort();
    const abort = (this.detailAbort = new AbortController());
    if (!CODE.test(code)) {
      this.detail = { code, status: 'not_found' };
      return;
    }
    const client = this.connection.client;
    this.detail = { code, status: 'loading' };
    if (!client) return;
    try {
      const procedure = await client.getProcedure(code, { signal: abort.signal });
      if (abort.signal.aborted || this.detail?.code !== code) return;
      this.detail = { code, status: 'ready', procedure };
    } catch (error) {
      if (abort.signal.aborted || failure(error).kind === 'aborted' || this.detail?.code !== code) return;
      this.detail = { code, status: failure(error).status === 404 ? 'not_found' : this.failState() };
    }
  }

  // ── navigation ───────────────────────────────────────────────────────

  private syncFromLocation(): void {
    const code = codeFromLocation();
    if (code && code !== this.detail?.code) this.openDetail(code);
    else if (!code && this.detail) this.closeDetail();
  }

  private openDetail(code: string): void {
    this.focusDetail = true;
    if (!this.detailView) {
      import('./procedure-detail.js')
        .then((view) => {
          // The detail view's styles come with it; every supported browser has constructable stylesheets.
          const root = this.renderRoot as ShadowRoot;
          const sheet = view.detailStyles.styleSheet;
          if (sheet && root.adoptedStyleSheets && !root.adoptedStyleSheets.includes(sheet))
            root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
          this.detailView = view;
          this.focusDetail = true;
        })
        .catch(() => {
          if (this.detail) this.detail = { code: this.detail.code, status: 'error' };
        });
    }
    void this.loadDetail(code);
  }

  private closeDetail(): void {
    this.detailAbort?.abort();
    this.detail = undefined;
    this.focusInput = true;
  }

  /** Opens a procedure chosen by the user: emits `motcua-procedure-select`, writes the deep link, shows the detail. */
  select(code: string): void {
    if (!this.emit('motcua-procedure-select', { code }, { cancelable: true })) return;
    if (!this.noHistory) {
      const params = hashParams();
      params.set(PARAM, code);
      history.pushState(history.state, '', `#${params.toString()}`);
      this.pushedHistory = true;
    }
    this.openDetail(code);
  }

  private back(): void {
    if (this.pushedHistory && !this.noHistory) {
      this.pushedHistory = false;
      history.back();
      return;
    }
    if (!this.noHistory && codeFromLocation()) {
      const params = hashParams();
      params.delete(PARAM);
      const hash = params.toString();
      history.replaceState(history.state, '', hash ? `#${hash}` : `${location.pathname}${location.search}`);
    }
    this.closeDetail();
  }

  // ── input ────────────────────────────────────────────────────────────

  private get visibleRows(): Row[] {
    return this.loadState === 'server' ? (this.server?.rows ?? []) : this.rows.slice(0, this.limit);
  }

  private onInput(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
    this.active = -1;
    this.expanded = true;
    this.limit = this.pageSize;
  }

  private onKeyDown(event: KeyboardEvent): void {
    const count = this.visibleRows.length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!this.expanded) this.expanded = true;
        if (count) this.active = this.active < count - 1 ? this.active + 1 : 0;
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!this.expanded) this.expanded = true;
        if (count) this.active = this.active > 0 ? this.active - 1 : count - 1;
        break;
      case 'Enter': {
        const row = this.visibleRows[this.active];
        if (this.expanded && row) {
          event.preventDefault();
          this.select(row.item.code);
        }
        break;
      }
      case 'Escape':
        if (this.expanded && this.active >= 0) {
          this.active = -1;
          this.expanded = false;
        } else if (this.expanded && count && this.query) {
          this.expanded = false;
        } else if (this.query) {
          this.query = '';
          this.expanded = true;
        }
        break;
      default:
        break;
    }
  }

  private onSector(event: Event): void {
    this.sector = (event.target as HTMLSelectElement).value;
    this.limit = this.pageSize;
    this.active = -1;
  }

  private onOnlineLevel(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.online = (ONLINE_LEVELS as readonly string[]).includes(value) ? (value as OnlineService) : '';
    this.limit = this.pageSize;
    this.active = -1;
  }

  private clearFilters(): void {
    this.sector = '';
    this.online = '';
    this.focusInput = true;
  }

  private showMore(): void {
    if (this.loadState === 'server') {
      void this.serverSearch(true);
    } else {
      this.limit += this.pageSize;
    }
  }

  private retry(): void {
    this.loadState = 'loading';
    void this.loadCatalog();
  }

  private scheduleAnnouncement(): void {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      this.announcement = this.countText();
    }, 600);
  }

  private countText(): string {
    if (this.server && this.loadState === 'server') return this.t('lookup.countServer', { count: this.server.total });
    if (this.total === 0) return this.query.trim() ? this.t('lookup.empty', { query: this.query.trim() }) : this.t('lookup.emptyNoQuery');
    return this.t('lookup.count', { count: this.total, total: this.items.length });
  }

  // ── rendering ────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    return html`<div part="base" class="base">
      <div role="status" aria-live="polite" aria-atomic="true" class="visually-hidden">${this.announcement}</div>
      ${this.detail ? this.renderDetail(this.detail) : this.renderSearch()}
    </div>`;
  }

  private renderSearch(): TemplateResult {
    // In a portal that has not answered yet: its API and agency are on their way (the loading status shows), not missing.
    const problem = this.connection.waiting ? undefined : this.connection.problem();
    if (problem) return html`<p part="error" class="error" role="alert">${this.t(`lookup.${problem}`)}</p>`;
    const rows = this.visibleRows;
    const showList = this.expanded && rows.length > 0 && (this.loadState === 'ready' || this.loadState === 'server');
    const activeId = showList && this.active >= 0 && this.active < rows.length ? `o${this.active}` : '';
    const sectors = this.loadState === 'server' ? (this.server?.sectors ?? []) : this.sectors;
    return html`
      <div class="search" role="search">
        <label part="label" for="input" class="label">${this.t('lookup.label')}</label>
        <p id="hint" class="hint">${this.t('lookup.hint')}</p>
        <input
          id="input"
          part="input"
          class="input"
          type="text"
          role="combobox"
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          enterkeyhint="search"
          aria-autocomplete="list"
          aria-controls="listbox"
          aria-expanded=${showList ? 'true' : 'false'}
          aria-activedescendant=${activeId || nothing}
          aria-describedby="hint"
          placeholder=${this.t('lookup.placeholder')}
          .value=${this.query}
          @input=${this.onInput}
          @keydown=${this.onKeyDown}
        />
        <fieldset part="filters" class="filters">
          <legend class="visually-hidden">${this.t('lookup.filters')}</legend>
          <label class="filter">
            <span>${this.t('lookup.sector')}</span>
            <select part="sector" .value=${this.sector} @change=${this.onSector}>
              <option value="" ?selected=${!this.sector}>${this.t('lookup.allSectors')}</option>
              ${sectors.map((s) => html`<option value=${s.code} ?selected=${s.code === this.sector}>${s.name}</option>`)}
            </select>
          </label>
          <label class="filter">
            <span>${this.t('lookup.online')}</span>
            <select part="online" .value=${this.online} @change=${this.onOnlineLevel}>
              <option value="" ?selected=${!this.online}>${this.t('lookup.allOnline')}</option>
              ${ONLINE_LEVELS.map(
                (level) =>
                  html`<option value=${level} ?selected=${level === this.online}>${formatOnline(this.resolvedLang, level)}</option>`,
              )}
            </select>
          </label>
        </fieldset>
      </div>
      ${this.renderState()}
      <ul id="listbox" part="listbox" class="listbox" role="listbox" aria-label=${this.t('lookup.results')} ?hidden=${!showList}>
        ${showList ? rows.map((row, i) => this.renderRow(row, i)) : nothing}
      </ul>
      ${this.renderMore(showList)}
    `;
  }

  private renderState(): TemplateResult | typeof nothing {
    switch (this.loadState) {
      case 'idle':
      case 'loading':
        return html`<p part="status" class="status loading">${SPINNER}${this.t('lookup.loading')}</p>`;
      case 'error':
      case 'offline':
        return html`<div part="error" class="error" role="alert">
          <p>${this.t(this.loadState === 'offline' ? 'lookup.offline' : 'lookup.error')}</p>
          <button part="button retry" class="button" type="button" @click=${this.retry}>${this.t('lookup.retry')}</button>
        </div>`;
      case 'server':
        return this.server!.render((key, params) => this.t(key, params), this.renderEmpty());
      case 'ready':
        return html`${
          this.offline
            ? html`<p part="status" class="status notice">${this.t('lookup.offlineCached')}</p>`
            : this.stale
              ? html`<p part="status" class="status notice">${this.t('lookup.stale')}</p>`
              : nothing
        }
        ${this.total ? html`<p part="count" class="count">${this.countText()}</p>` : this.renderEmpty()}`;
    }
  }

  private renderEmpty(): TemplateResult {
    const query = this.query.trim();
    const filtered = Boolean(this.sector || this.online);
    return html`<div part="empty" class="empty">
      <p><strong>${query ? this.t('lookup.empty', { query }) : this.t('lookup.emptyNoQuery')}</strong></p>
      ${query ? html`<p>${this.t('lookup.emptyHint')}</p>` : nothing}
      ${
        filtered
          ? html`<button part="button" class="button secondary" type="button" @click=${this.clearFilters}>
              ${this.t('lookup.clearFilters')}
            </button>`
          : nothing
      }
    </div>`;
  }

  private renderMore(showList: boolean): TemplateResult | typeof nothing {
    if (!showList) return nothing;
    const shown = this.visibleRows.length;
    const total = this.loadState === 'server' ? (this.server?.total ?? 0) : this.total;
    const rest = total - shown;
    if (rest <= 0) return nothing;
    return html`<button
      part="button more"
      class="button secondary more"
      type="button"
      ?disabled=${this.server?.busy}
      @click=${this.showMore}
    >
      ${this.t('lookup.showMore', { n: Math.min(this.pageSize, rest), rest })}
    </button>`;
  }

  private renderName(name: string, highlights: Row['highlights']): Array<TemplateResult | string> {
    const parts: Array<TemplateResult | string> = [];
    let at = 0;
    for (const [start, end] of highlights) {
      if (start > at) parts.push(name.slice(at, start));
      parts.push(html`<mark part="mark">${name.slice(start, end)}</mark>`);
      at = end;
    }
    if (at < name.length) parts.push(name.slice(at));
    return parts;
  }

  private renderRow(row: Row, i: number): TemplateResult {
    const { item } = row;
    const lang = this.resolvedLang;
    const common = i < this.common;
    return html`<li
      id=${`o${i}`}
      part=${common ? 'result common' : 'result'}
      class=${common ? 'option common' : 'option'}
      role="option"
      aria-selected=${i === this.active ? 'true' : 'false'}
      @click=${() => this.select(item.code)}
      @mousemove=${() => {
        if (this.active !== i) this.active = i;
      }}
    >
      ${common ? html`<small part="badge">${this.t('lookup.common')}</small>` : nothing}
      <span part="result-name" class="name">${this.renderName(item.name, row.highlights)}</span>
      <span part="result-meta" class="meta">
        <span>${this.t('lookup.code')} ${item.code}</span>
        <span>${item.sector.name}</span>
        <span>${formatOnline(lang, item.onlineService)}</span>
        <span>${this.t('lookup.metaTime', { v: formatProcessingTime(lang, item.processingTime) })}</span>
        <span>${this.t('lookup.metaFee', { v: formatFeeSummary(lang, item.feeSummary) })}</span>
      </span>
    </li>`;
  }

  private renderDetail(detail: Detail): TemplateResult {
    const summary = detail.procedure ?? this.items.find((item) => item.code === detail.code);
    const view = this.detailView;
    // The back button and the heading stay the same elements while the rest loads, so focus is never lost.
    return html`<article part="detail" class="detail" aria-labelledby="detail-title">
      <button part="button back" class="button secondary back" type="button" @click=${this.back}>
        <span aria-hidden="true">←</span> ${this.t('lookup.back')}
      </button>
      <h2 id="detail-title" class="title" tabindex="-1">${summary?.name ?? `${this.t('lookup.code')} ${detail.code}`}</h2>
      ${this.readAloud.render()}
      ${
        view
          ? view.renderDetail({
              lang: this.resolvedLang,
              detail,
              summary,
              urlTemplate: this.urlTemplate,
              onRetry: () => void this.loadDetail(detail.code),
              connection: this.connection,
              host: this,
            })
          : html`<p part="status" class="status loading">${SPINNER}${this.t('lookup.detailLoading')}</p>`
      }
    </article>`;
  }
}

declare module '../../internal/motcua-element.js' {
  interface MotcuaEventMap {
    'motcua-search': { query: string; count: number };
    'motcua-procedure-select': { code: string };
  }
}
