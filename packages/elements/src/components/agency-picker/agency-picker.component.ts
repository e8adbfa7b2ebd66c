import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { AdminUnit, MotcuaClient } from '@motcua/sdk';
import { createCommuneIndex, type CommuneHit, type CommuneIndex } from '@motcua/sdk/text/communes';
import { MotcuaElement } from '../../internal/motcua-element.js';
import { registerDefaults } from '../../internal/i18n.js';
import { baseStyles } from '../../internal/base.styles.js';
import { ConnectionController } from '../../internal/client-resolver.js';
import { styles } from './agency-picker.styles.js';
import './agency-picker.strings.js';

type LoadState = 'idle' | 'loading' | 'ready' | 'error';

/** Most options shown at once. */
const LIMIT = 10;
const UNIT = /^\d{5}$/;
const PROVINCE = /^\d{2}$/;
const STORAGE_PREFIX = 'motcua.agency-picker.';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** The portal element this picker drives: the nearest `<motcua-portal>` ancestor, across shadow roots. */
function nearestPortal(el: Element): (HTMLElement & { agency: string }) | undefined {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element) {
      const portal = node.closest('motcua-portal');
      if (portal) return portal as HTMLElement & { agency: string };
    }
    const root: Node = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return undefined;
}

/** The English terms, loaded when the agency picker first renders in English: a Vietnamese page does not download them. */
let english: Promise<unknown> | undefined;

/**
 * "Find my commune": a combobox over the communes and wards of a province (or the country) that sets the agency of the
 * nearest `<motcua-portal>`, so every widget inside switches to the chosen commune without reloading the page. It
 * understands old (pre-merger) names, names without diacritics and the `xã`/`phường`/`P.`/`X.` prefixes; choosing an
 * old name says which new commune it is now part of. The choice is remembered on the device (`localStorage`) and can
 * be preset by the page address (`?xa=20320`, the commune's GSO code). Same keyboard model as the procedure lookup:
 * arrows move, Enter chooses, Escape closes then clears.
 *
 * @tag motcua-agency-picker
 * @summary Pick your commune (by its new or old name) and every widget in the portal switches to it.
 * @attr api - Base URL of the API; not needed inside `<motcua-portal>`.
 * @attr province - GSO code of the province to limit the choice to, e.g. `48`; empty: the whole country.
 * @attr param - Name of the address parameter that presets the commune (default `xa`).
 * @attr lang - `vi` (default) or `en`; when empty, the nearest `lang` attribute.
 * @event motcua-agency-change - A commune served by this deployment was chosen (the portal's agency is set unless
 *   cancelled). `detail: { unit, agency, via }`.
 * @csspart base - The wrapper.
 * @csspart label - The label.
 * @csspart input - The search box.
 * @csspart listbox - The list of communes.
 * @csspart option - One commune.
 * @csspart status - The current choice and loading messages.
 * @csspart error - The error message.
 * @cssproperty --motcua-picker-max-width - Maximum width (default 36em).
 */
export class MotcuaAgencyPicker extends MotcuaElement {
  static override styles = [baseStyles, styles];

  /** Renders in English once the English terms are there (never half translated). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (!this.resolvedLang.toLowerCase().startsWith('en')) return super.scheduleUpdate();
    // A failed load falls back to Vietnamese and is tried again on the next update.
    english ??= import('./agency-picker.strings.en.js').then(
      ({ en }) => registerDefaults({ en }),
      () => (english = undefined),
    );
    return english.then(() => super.scheduleUpdate());
  }
  static override properties = {
    api: {},
    province: {},
    param: {},
    query: { state: true, attribute: false },
    loadState: { state: true, attribute: false },
    active: { state: true, attribute: false },
    expanded: { state: true, attribute: false },
    chosen: { state: true, attribute: false },
    message: { state: true, attribute: false },
  };

  /** Base URL of the API; overrides the portal's. */
  api = '';
  /** Not used: the picker sets the portal's agency. Present so the connection controller can read it. */
  agency = '';
  /** GSO code of the province to limit the choice to. */
  province = '';
  /** The address parameter that presets the commune. */
  param = 'xa';

  private query = '';
  private loadState: LoadState = 'idle';
  private active = -1;
  private expanded = false;
  private chosen?: AdminUnit;
  private message = '';
  private units: AdminUnit[] = [];
  private index?: CommuneIndex<AdminUnit>;
  private loadedKey = '';
  private loadedClient?: MotcuaClient;
  private controller?: AbortController;
  protected readonly connection = new ConnectionController(this);

  private get provinceCode(): string | undefined {
    const p = this.province.trim();
    return PROVINCE.test(p) ? p : undefined;
  }

  private get storageKey(): string {
    return `${STORAGE_PREFIX}${this.provinceCode ?? 'all'}`;
  }

  /** The options for the current query (the province's units in directory order when the box is empty). */
  private get hits(): Array<CommuneHit<AdminUnit>> {
    if (!this.index) return [];
    const q = this.query.trim();
    if (!q) return this.units.slice(0, LIMIT).map((unit) => ({ unit, score: 0 }));
    return this.index.search(q, { limit: LIMIT, ...(this.provinceCode ? { province: this.provinceCode } : {}) });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.controller?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Reload when the client (not the agency this picker itself sets) or the province changes.
    const client = this.connection.client;
    const key = `${this.provinceCode ?? 'all'}`;
    if (client && (client !== this.loadedClient || key !== this.loadedKey || changed.has('province'))) {
      this.loadedClient = client;
      this.loadedKey = key;
      void this.load(client);
    }
  }

  private async load(client: MotcuaClient): Promise<void> {
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    this.loadState = 'loading';
    try {
      const province = this.provinceCode;
      const directory = await client.getAgencyDirectory(province ? { province } : { units: '1' }, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.units = directory.units;
      this.index = createCommuneIndex(this.units);
      this.loadState = 'ready';
      this.restore();
    } catch {
      if (!controller.signal.aborted) this.loadState = 'error';
    }
  }

  /** The commune from the address (`?xa=`), else the one remembered on this device, else the portal's current one. */
  private restore(): void {
    const byCode = (code: string | null | undefined): AdminUnit | undefined =>
      code && UNIT.test(code) ? this.units.find((u) => u.code === code) : undefined;
    const fromUrl = byCode(new URLSearchParams(location.search).get(this.param || 'xa'));
    let remembered: string | null | undefined;
    try {
      remembered = storage()?.getItem(this.storageKey);
    } catch {
      remembered = undefined;
    }
    const unit = fromUrl ?? byCode(remembered);
    if (unit) {
      this.choose(unit, undefined, { announce: false, remember: Boolean(fromUrl) });
      return;
    }
    const current = this.connection.agency;
    const served = current ? this.units.find((u) => u.agency === current) : undefined;
    if (served) {
      this.chosen = served;
      this.query = served.name;
    }
  }

  private choose(unit: AdminUnit, via: string | undefined, options: { announce?: boolean; remember?: boolean } = {}): void {
    this.query = unit.name;
    this.expanded = false;
    this.active = -1;
    if (!unit.agency) {
      this.message = this.t('picker.unserved', { name: unit.name });
      return;
    }
    this.chosen = unit;
    if (options.remember !== false)
      try {
        storage()?.setItem(this.storageKey, unit.code);
      } catch {
        // A storage that refuses writes (quota, private mode): the choice lasts for this page only.
      }
    this.message =
      options.announce === false
        ? ''
        : via
          ? this.t('picker.chosenVia', { old: via, name: unit.name })
          : this.t('picker.chosen', { name: unit.name });
    if (this.emit('motcua-agency-change', { unit, agency: unit.agency, via }, { cancelable: true })) {
      const portal = nearestPortal(this);
      if (portal) portal.agency = unit.agency;
    }
  }

  // ── input ────────────────────────────────────────────────────────────

  private onInput(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
    this.active = -1;
    this.expanded = true;
    this.message = '';
  }

  private onKeyDown(event: KeyboardEvent): void {
    const hits = this.hits;
    const count = hits.length;
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
        const hit = hits[this.active] ?? (this.expanded && count === 1 ? hits[0] : undefined);
        if (this.expanded && hit) {
          event.preventDefault();
          this.choose(hit.unit, hit.via);
        }
        break;
      }
      case 'Escape':
        if (this.expanded) {
          this.expanded = false;
          this.active = -1;
        } else if (this.query) {
          this.query = '';
          this.expanded = true;
        }
        break;
      default:
        break;
    }
  }

  private onOptionDown(event: Event): void {
    // Keep the focus in the search box while the option is clicked.
    event.preventDefault();
  }

  private retry(): void {
    const client = this.connection.client;
    if (client) void this.load(client);
  }

  // ── rendering ────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    // In a portal that has not answered yet: loading (the status says so), not an error.
    if (!this.connection.waiting && this.connection.problem(false))
      return html`<p part="error" class="error" role="alert">${this.t('picker.missing_api')}</p>`;
    const hits = this.loadState === 'ready' ? this.hits : [];
    const showList = this.expanded && hits.length > 0;
    const activeId = showList && this.active >= 0 && this.active < hits.length ? `o${this.active}` : '';
    const counted = this.expanded && this.query.trim() && this.loadState === 'ready' ? this.t('picker.count', { count: hits.length }) : '';
    return html`<div part="base" class="base">
      <div class="field">
        <label part="label" class="label" for="input">${this.t('picker.label')}</label>
        <p id="hint" class="hint">${this.t('picker.hint')}</p>
        <input
          id="input"
          part="input"
          class="input"
          type="text"
          role="combobox"
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-controls="listbox"
          aria-expanded=${showList ? 'true' : 'false'}
          aria-activedescendant=${activeId || nothing}
          aria-describedby="hint"
          placeholder=${this.t('picker.placeholder')}
          ?disabled=${this.loadState !== 'ready'}
          .value=${this.query}
          @input=${this.onInput}
          @keydown=${this.onKeyDown}
          @focus=${() => (this.expanded = true)}
          @blur=${() => (this.expanded = false)}
        />
        <ul id="listbox" part="listbox" class="listbox" role="listbox" aria-label=${this.t('picker.results')} ?hidden=${!showList}>
          ${showList ? hits.map((hit, i) => this.renderOption(hit, i)) : nothing}
        </ul>
      </div>
      <div role="status" aria-live="polite" class="status" part="status">${this.renderStatus(counted)}</div>
    </div>`;
  }

  private renderOption(hit: CommuneHit<AdminUnit>, i: number): TemplateResult {
    return html`<li
      id=${`o${i}`}
      part="option"
      class="option"
      role="option"
      aria-selected=${i === this.active ? 'true' : 'false'}
      @mousedown=${this.onOptionDown}
      @click=${() => this.choose(hit.unit, hit.via)}
    >
      <span class="name">${hit.unit.name}</span>
      ${hit.via ? html`<span class="via">${this.t('picker.via', { old: hit.via })}</span>` : nothing}
      ${hit.unit.agency ? nothing : html`<span class="note">${this.t('picker.notServed')}</span>`}
    </li>`;
  }

  private renderStatus(counted: string): TemplateResult | string {
    switch (this.loadState) {
      case 'idle':
      case 'loading':
        return this.t('picker.loading');
      case 'error':
        return html`<span part="error" class="error">${this.t('picker.error')}</span>
          <button class="button" type="button" @click=${this.retry}>${this.t('picker.retry')}</button>`;
      case 'ready':
        if (this.message) return this.message;
        if (counted) return counted;
        return this.chosen ? this.t('picker.current', { name: this.chosen.name }) : '';
    }
  }
}

declare module '../../internal/motcua-element.js' {
  interface MotcuaEventMap {
    'motcua-agency-change': { unit: AdminUnit; agency: string; via: string | undefined };
  }
}
