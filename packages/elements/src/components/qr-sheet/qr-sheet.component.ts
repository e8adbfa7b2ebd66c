import { html, nothing, css, type PropertyValues, type TemplateResult } from 'lit';
import type { Agency, ProcedureSummary, Sector } from '@motcua/sdk';
import { MotcuaElement } from '../../internal/motcua-element.js';
import { registerDefaults } from '../../internal/i18n.js';
import { baseStyles } from '../../internal/base.styles.js';
import { ConnectionController } from '../../internal/client-resolver.js';
import { cardTemplate, procedureUrl } from '../qr-card/qr-card.template.js';
import { viCollator, warmViCollator } from '../../internal/format.js';
import { cardStyles } from '../qr-card/qr-card.styles.js';
import './qr-sheet.strings.js';

/** Cards per A4 page: 2 columns × 4 rows of 93 × 61 mm. */
export const CARDS_PER_PAGE = 8;
/**
 * A4 pages laid out on screen at first, and added each time the reader scrolls near the end: one page per task, so no
 * single task lays out more than 8 cards (each encodes a QR code), and the page stays responsive while they come.
 */
export const SCREEN_PAGES = 2;
/**
 * QR codes encoded per task before a page is laid out: each takes 5–10 ms on a phone-class CPU, so a page's eight in
 * one task (with its layout) made a 300 ms task at 4× CPU slowdown; a few per task keep each one short.
 */
const CARDS_PER_TASK = 3;

/**
 * Whether a card needs two rows of the page (122 mm of text height instead of 53 mm) to print its whole name and
 * facts at ≥ 9 pt: an estimate from the lengths of the texts (measured against the whole demo catalog by the tests,
 * which check in print that no card overflows).
 */
export function isTall(item: ProcedureSummary, url: string): boolean {
  const lines = (text: string, perLine: number): number => Math.max(1, Math.ceil(text.length / perLine));
  const name = lines(item.name, 36) * 4.4;
  const facts = (1 + lines(item.sector.name, 22) + 2 + 2 + lines(url, 24)) * 4;
  return name + 1.5 + Math.max(36, facts) > 53;
}

/**
 * Splits cards into A4 pages of 2 columns × 4 rows filled column by column, a tall card taking two rows of a column
 * (as the grid's `grid-auto-flow: column dense` places them).
 */
export function paginate<T>(items: readonly T[], tall: (item: T) => boolean): T[][] {
  const pages: T[][] = [];
  // Cells in use on the last page, one bit each, column by column (bit 4 × column + row).
  let used = 255;
  for (const item of items) {
    const mask = tall(item) ? 3 : 1;
    // The first cell from which the card fits in its column (a tall card never starts on a column's last row).
    const at = [0, 1, 2, 3, 4, 5, 6, 7].find((c) => !(used & (mask << c)) && (mask === 1 || c % 4 < 3));
    if (at === undefined) {
      pages.push([item]);
      used = mask;
    } else {
      pages.at(-1)!.push(item);
      used |= mask << at;
    }
  }
  return pages;
}

const PAGE_RULE_KEY = Symbol.for('motcua.page-rule');

/**
 * `@page` rules are ignored inside shadow roots, so the sheet adds one constructed stylesheet to the document
 * (allowed under a strict Content-Security-Policy, unlike a `<style>` element).
 */
function ensurePageRule(): void {
  const g = globalThis as unknown as Record<symbol, unknown>;
  if (g[PAGE_RULE_KEY] || typeof document === 'undefined' || typeof CSSStyleSheet === 'undefined') return;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('@page { size: A4 portrait; margin: 10mm; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    g[PAGE_RULE_KEY] = true;
  } catch {
    // Very old browsers: the printer's defaults apply.
  }
}

const sheetStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.75em 1.5em;
    margin-bottom: 1em;
  }
  .toolbar h2 {
    flex: 1 1 100%;
    margin: 0;
    font-size: 1.4em;
  }
  .toolbar p {
    margin: 0;
  }
  label {
    display: flex;
    flex-direction: column;
    flex: 0 1 24em;
    min-width: 0;
    max-width: 100%;
    font-size: 0.9em;
  }
  select {
    width: 100%;
    max-width: 100%;
    min-height: var(--_target);
    padding: 0.25em 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .button {
    min-height: var(--_target);
    padding: 0.5em 1.25em;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_primary-text);
    font-weight: 600;
  }
  .progress {
    margin: 0 0 1em;
  }
  .hint {
    flex-basis: 100%;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .state {
    padding: 1em;
    background: var(--_surface);
    border-radius: var(--_radius);
  }
  .pages {
    display: flex;
    flex-direction: column;
    align-items: safe center;
    gap: 8mm;
    padding: 8mm 0;
    background: var(--_surface);
    overflow-x: auto;
    container: sheet / inline-size;
  }
  .page {
    box-sizing: content-box;
    width: 190mm;
    height: 276mm;
    padding: 10mm;
    background: #fff;
    color: #000;
    box-shadow: 0 1mm 4mm rgb(0 0 0 / 0.25);
    display: flex;
    flex-direction: column;
    overflow: hidden;
    print-color-adjust: exact;
    -webkit-print-color-adjust: exact;
  }
  .page > * {
    box-sizing: border-box;
  }
  .page-head {
    display: flex;
    justify-content: space-between;
    height: 8mm;
    font-size: 9pt;
    font-weight: 700;
    border-bottom: 0.3mm solid #000;
    margin-bottom: 3mm;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(2, 93mm);
    grid-template-rows: repeat(4, 61mm);
    grid-auto-flow: column dense;
    gap: 4mm;
  }
  .grid .card {
    --_qr: var(--motcua-qr-size, 26mm);
    height: 61mm;
  }
  .grid .tall {
    grid-row: span 2;
    height: 126mm;
  }
  .calibration {
    margin-top: auto;
    display: flex;
    align-items: center;
    gap: 3mm;
    height: 8mm;
    font-size: 7.5pt;
  }
  .bar {
    display: block;
    width: 50mm;
    height: 2mm;
    border: 0.3mm solid #000;
    border-top: 0;
    background: linear-gradient(#000, #000) center / 100% 0.3mm no-repeat;
  }
  /* On a screen narrower than an A4 page (phones), the pages flow: one card per row, no fixed heights. Print keeps A4. */
  @media screen {
    @container sheet (max-width: 214mm) {
      .pages {
        padding: 8px;
        gap: 16px;
      }
      .page {
        width: auto;
        height: auto;
        align-self: stretch;
        padding: 8px;
      }
      .page-head {
        height: auto;
        gap: 8px;
        font-size: 12px;
      }
      .grid {
        grid-template-columns: minmax(0, 1fr);
        grid-template-rows: none;
        gap: 8px;
      }
      .grid .card {
        height: auto;
        grid-row: auto;
      }
      .calibration {
        display: none;
      }
    }
  }
  @media print {
    .toolbar,
    .progress,
    .state {
      display: none !important;
    }
    .pages {
      display: block;
      padding: 0;
      gap: 0;
      background: none;
    }
    .page {
      padding: 0;
      box-shadow: none;
      break-after: page;
      page-break-after: always;
    }
    .page:last-of-type {
      break-after: auto;
      page-break-after: auto;
    }
  }
`;

/** The English terms, loaded when the QR sheet first renders in English: a Vietnamese page does not download them. */
let english: Promise<unknown> | undefined;

/**
 * Every procedure of an agency (or of one sector) as QR cards on A4 pages, ready to print for the wall of the
 * service centre: sizes in millimetres, 8 cards per page, no card split across pages, and a 50 mm calibration mark
 * because printer drivers often scale pages.
 *
 * On screen only the first two A4 pages are laid out when the catalog arrives; two more follow each time the reader
 * scrolls near the last one (with the keyboard too), so a long catalog never blocks the page. The Print button lays every
 * page out before opening the print dialog, and printing from the browser menu (`beforeprint`) does the same.
 * `ready` resolves once the first pages are laid out; `renderAll()` lays out every card of the selection. On a screen
 * narrower than A4 the pages flow as one column of cards; print always uses A4.
 *
 * @tag motcua-qr-sheet
 * @summary Printable A4 sheets of procedure QR cards.
 * @attr api - Base URL of the API; not needed inside `<motcua-portal>`.
 * @attr agency - Agency e-ID, e.g. `000.00.06.H56`; not needed inside `<motcua-portal>`.
 * @attr sector - Only this sector's procedures (sector code, e.g. `G15-TP07`); the toolbar can change it.
 * @attr url-template - Link of each QR: `{origin}`, `{code}`, `{agency}` are filled in. Default `{origin}/#thu-tuc={code}`.
 * @attr lang - `vi` (default) or `en`.
 * @csspart toolbar - The screen-only toolbar (filter, count, Print button).
 * @csspart print - The Print button.
 * @csspart progress - "Showing N/M cards" while later pages are not laid out yet (screen only, polite live region).
 * @csspart page - One A4 page.
 * @csspart card - One card.
 * @csspart qr - Each QR code.
 * @cssproperty --motcua-qr-size - Side of each QR code (default 26mm on the sheet).
 */
export class MotcuaQrSheet extends MotcuaElement {
  static override properties = {
    api: {},
    agency: {},
    sector: {},
    urlTemplate: { attribute: 'url-template' },
    loadState: { state: true, attribute: false },
    items: { state: true, attribute: false },
    agencyInfo: { state: true, attribute: false },
    shown: { state: true, attribute: false },
  };
  static override styles = [baseStyles, cardStyles, sheetStyles];

  /** Renders in English once the English terms are there (never half translated). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (!this.resolvedLang.toLowerCase().startsWith('en')) return super.scheduleUpdate();
    // A failed load falls back to Vietnamese and is tried again on the next update.
    english ??= import('./qr-sheet.strings.en.js').then(
      ({ en }) => registerDefaults({ en }),
      () => (english = undefined),
    );
    return english.then(() => super.scheduleUpdate());
  }

  api = '';
  agency = '';
  sector = '';
  urlTemplate = '';

  private loadState: 'idle' | 'loading' | 'ready' | 'error' | 'offline' = 'idle';
  private items: ProcedureSummary[] = [];
  private agencyInfo?: Agency;

  /** A4 pages laid out so far (may run past the end). */
  private shown = 0;
  /** A4 pages wanted on screen: laid out one per task until `shown` reaches it. */
  private target = 0;
  private nextPage?: ReturnType<typeof setTimeout>;
  /** The selection split into pages, kept while the items, the sector and the link settings stay the same. */
  private paged?: { items: ProcedureSummary[]; key: string; pages: ProcedureSummary[][] };
  /** Lays out more pages when the last laid-out one comes near the viewport. */
  private observer?: IntersectionObserver;
  private resolveReady?: () => void;
  private readyPromise = new Promise<void>((resolve) => (this.resolveReady = resolve));

  private readonly connection = new ConnectionController(this);
  private loadedKey = '';
  private abort?: AbortController;
  /** Each card's template, kept while the language and link settings stay the same (its QR is encoded once). */
  private cards = new WeakMap<ProcedureSummary, TemplateResult>();
  private cardsKey = '';

  override connectedCallback(): void {
    super.connectedCallback();
    ensurePageRule();
    // Sorting the sectors needs the Vietnamese collator: built while the catalog is on its way, not in the first render.
    warmViCollator();
    window.addEventListener('beforeprint', this.completeNow);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeprint', this.completeNow);
    this.observer?.disconnect();
    this.observer = undefined;
    clearTimeout(this.nextPage);
    this.nextPage = undefined;
    this.abort?.abort();
    this.loadedKey = '';
  }

  /**
   * Resolves once the catalog has loaded (or failed) and the first pages of the current selection are laid out (the
   * others are laid out as the reader scrolls, or all at once by `renderAll()` and for printing).
   */
  get ready(): Promise<void> {
    return this.readyPromise;
  }

  /** Lays out every card of the current selection (as printing does); resolves when they are in the DOM. */
  async renderAll(): Promise<void> {
    await this.ready;
    if (this.shown < this.pages.length) this.shown = this.target = this.pages.length;
    await this.updateComplete;
  }

  /** Renders every remaining page in this task (the browser is about to print). */
  private readonly completeNow = (): void => {
    if (this.shown < this.pages.length) {
      this.shown = this.target = this.pages.length;
      this.performUpdate();
    }
  };

  private showMore(): void {
    this.target = this.shown + SCREEN_PAGES;
    this.requestUpdate();
  }

  /** The selection split into A4 pages. */
  private get pages(): ProcedureSummary[][] {
    const items = this.selected;
    const key = `${this.urlTemplate} ${this.connection.agency}`;
    if (this.paged?.items !== items || this.paged.key !== key)
      this.paged = { items, key, pages: paginate(items, (item) => this.tall(item)) };
    return this.paged.pages;
  }

  /** The procedures of the selected sector, kept while the items and the sector stay the same. */
  private filtered?: { items: ProcedureSummary[]; sector: string; selected: ProcedureSummary[] };

  protected override willUpdate(changed: PropertyValues): void {
    if (this.isConnected && this.connection.key !== this.loadedKey) {
      if (this.loadedKey) {
        this.items = [];
        this.agencyInfo = undefined;
      }
      this.loadedKey = this.connection.key;
      void this.load();
    }
    // A new selection starts again from its first page; a refreshed catalog keeps the pages already shown.
    if (changed.has('sector') || (changed.has('items') && !(changed.get('items') as ProcedureSummary[] | undefined)?.length)) {
      // The first page too is laid out once its cards are encoded, a few per task (see `updated`).
      this.shown = 0;
      this.target = SCREEN_PAGES;
      if (!this.resolveReady) this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
    }
  }

  protected override updated(): void {
    const wanted = Math.min(this.target, this.pages.length);
    if (this.loadState === 'ready' && this.shown < wanted) {
      // The next page in a task of its own (the reader's input and the browser's paint come in between), after its QR
      // codes have been encoded a few per task.
      this.nextPage ??= setTimeout(() => {
        this.nextPage = undefined;
        if (!this.encodeAhead(this.pages[this.shown] ?? [])) {
          this.requestUpdate();
          return;
        }
        this.shown = Math.max(this.shown, Math.min(this.shown + 1, this.target));
      });
      if (this.shown > 0 || !this.pages.length) this.settleReady();
      return;
    }
    const more = this.shown < this.pages.length && this.renderRoot.querySelector('.page:last-of-type');
    if (more && typeof IntersectionObserver !== 'undefined') {
      this.observer ??= new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && this.showMore(), {
        rootMargin: '0px 0px 300px',
      });
      // Observed afresh after each update, so a sentinel still in view after a batch asks for the next one.
      this.observer.disconnect();
      this.observer.observe(more);
    } else this.observer?.disconnect();
    if (this.loadState !== 'loading') this.settleReady();
  }

  private settleReady(): void {
    this.resolveReady?.();
    this.resolveReady = undefined;
  }

  /** Encodes up to `CARDS_PER_TASK` cards of `page` not encoded yet; true when every card of the page is. */
  private encodeAhead(page: readonly ProcedureSummary[]): boolean {
    const lang = this.resolvedLang;
    if (`${lang} ${this.urlTemplate} ${this.connection.agency}` !== this.cardsKey) return true;
    let budget = CARDS_PER_TASK;
    for (const item of page) {
      if (this.cards.has(item)) continue;
      if (budget-- === 0) return false;
      this.card(item, lang);
    }
    return true;
  }

  private async load(): Promise<void> {
    const client = this.connection.client;
    const agency = this.connection.agency;
    if (!client || !agency) return;
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.loadState = 'loading';
    client
      .getAgency(agency, { signal: abort.signal })
      .then((info) => (this.agencyInfo = info))
      .catch(() => undefined);
    try {
      const peeked = await client.peekCatalog(agency).catch(() => undefined);
      if (peeked && !abort.signal.aborted) {
        this.items = peeked.items;
        this.loadState = 'ready';
      }
      const catalog = await client.getCatalog(agency, { signal: abort.signal });
      if (abort.signal.aborted) return;
      this.items = catalog.items;
      this.loadState = 'ready';
    } catch {
      if (abort.signal.aborted || this.items.length) return;
      this.loadState = navigator.onLine === false ? 'offline' : 'error';
    }
  }

  /** The procedures that will be printed, in catalog order. */
  get selected(): ProcedureSummary[] {
    if (!this.sector) return this.items;
    if (this.filtered?.items !== this.items || this.filtered.sector !== this.sector)
      this.filtered = { items: this.items, sector: this.sector, selected: this.items.filter((item) => item.sector.code === this.sector) };
    return this.filtered.selected;
  }

  /** The sectors of the items by name, kept while the items stay the same (one collator: `localeCompare` makes one per call). */
  private sorted?: { items: ProcedureSummary[]; sectors: Sector[] };

  private get sectors(): Sector[] {
    if (this.sorted?.items === this.items) return this.sorted.sectors;
    const byCode = new Map<string, Sector>();
    for (const item of this.items) if (!byCode.has(item.sector.code)) byCode.set(item.sector.code, item.sector);
    const collator = viCollator();
    this.sorted = { items: this.items, sectors: [...byCode.values()].sort((a, b) => collator.compare(a.name, b.name)) };
    return this.sorted.sectors;
  }

  private async print(): Promise<void> {
    await this.renderAll();
    window.print();
  }

  private card(item: ProcedureSummary, lang: string): TemplateResult {
    let card = this.cards.get(item);
    if (!card) {
      const options = { lang, item, urlTemplate: this.urlTemplate, agency: this.connection.agency };
      this.cards.set(item, (card = cardTemplate({ ...options, tall: this.tall(item) })));
    }
    return card;
  }

  private tall(item: ProcedureSummary): boolean {
    return isTall(item, procedureUrl(this.urlTemplate, item.code, this.connection.agency) ?? '');
  }

  protected override render(): TemplateResult {
    // In a portal that has not answered yet: loading (below), not an error.
    const problem = this.connection.waiting ? undefined : this.connection.problem();
    if (problem) return html`<p class="state" role="alert">${this.t(`sheet.${problem}`)}</p>`;
    if (this.loadState === 'error' || this.loadState === 'offline') {
      return html`<div class="state" role="alert">
        <p>${this.t(this.loadState === 'offline' ? 'sheet.offline' : 'sheet.error')}</p>
        <button class="button" type="button" @click=${() => void this.load()}>${this.t('sheet.retry')}</button>
      </div>`;
    }
    if (this.loadState !== 'ready') return html`<p class="state" role="status">${this.t('sheet.loading')}</p>`;
    const items = this.selected;
    const all = this.pages;
    const total = all.length;
    const pages = all.slice(0, this.shown);
    const shown = pages.reduce((n, page) => n + page.length, 0);
    const lang = this.resolvedLang;
    const cardsKey = `${lang} ${this.urlTemplate} ${this.connection.agency}`;
    if (cardsKey !== this.cardsKey) {
      this.cards = new WeakMap();
      this.cardsKey = cardsKey;
    }
    const title = this.agencyInfo ? this.agencyInfo.centreName || this.agencyInfo.name : this.connection.agency;
    return html`
      <div part="toolbar" class="toolbar">
        <h2>${this.t('sheet.heading')}${this.agencyInfo ? ` — ${this.agencyInfo.name}` : ''}</h2>
        <label>
          <span>${this.t('sheet.sector')}</span>
          <select @change=${(e: Event) => (this.sector = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.sector}>${this.t('sheet.allSectors')}</option>
            ${this.sectors.map((s) => html`<option value=${s.code} ?selected=${s.code === this.sector}>${s.name}</option>`)}
          </select>
        </label>
        <p role="status">${this.t('sheet.summary', { count: items.length, pages: total })}</p>
        <button part="print" class="button" type="button" @click=${this.print}>${this.t('sheet.print')}</button>
        <p class="hint">${this.t('sheet.hint')}</p>
      </div>
      <p part="progress" class="progress" aria-live="polite">
        ${shown < items.length ? this.t('sheet.preparing', { n: shown, total: items.length }) : nothing}
      </p>
      ${
        items.length
          ? html`<div class="pages" tabindex="0" role="region" aria-label=${this.t('sheet.heading')}>
              ${pages.map(
                (page, n) =>
                  html`<section part="page" class="page" aria-label=${this.t('sheet.page', { n: n + 1, total })}>
                    <div class="page-head">
                      <span>${title}</span>
                      <span>${this.t('sheet.page', { n: n + 1, total })}</span>
                    </div>
                    <div class="grid">${page.map((item) => this.card(item, lang))}</div>
                    <div class="calibration">
                      <span class="bar" aria-hidden="true"></span>
                      <span>${this.t('sheet.calibration')}</span>
                    </div>
                  </section>`,
              )}
            </div>`
          : html`<p class="state">${this.t('sheet.empty')}</p>`
      }
      ${nothing}
    `;
  }
}
