import { adoptStyles, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { checkDossierCode, type MotcuaClient } from '@motcua/sdk';
import type { DossierStatus, DossierStatusValue, DossierStep } from '@motcua/sdk/schemas';
import { MotcuaElement } from '../../internal/motcua-element.js';
import { ConnectionController, sharedClient } from '../../internal/client-resolver.js';
import { formatLocale, registerDefaults } from '../../internal/i18n.js';
import { errorInfo } from '../../internal/error-info.js';
import { CENTRE_TIME_ZONE, dueState, type HolidayCalendar, holidayCalendar } from '../../internal/working-days.js';
import { styles } from './dossier-tracker.styles.js';
import { LazyReadAloud } from '../../internal/read-aloud-lazy.js';
import './dossier-tracker.strings.js';

/** The English terms, loaded when a tracker first renders in English: a Vietnamese page does not download them. */
let english: Promise<unknown> | undefined;

export const EXAMPLE_CODE = '000.00.06.H56-231027-0361';

/** Why a look-up failed, as the tracker tells the user. */
export type TrackerErrorKind = 'invalid' | 'not_found' | 'rate_limited' | 'offline' | 'server';

export interface DossierLoadDetail {
  dossier: DossierStatus;
  /** Whether the status differs from the one shown before (auto-refresh). */
  changed: boolean;
}

export interface DossierErrorDetail {
  code: string;
  kind: TrackerErrorKind;
  /** For `invalid`: the SDK's `DossierCodeProblem`. */
  reason?: string;
  /** For `rate_limited`: seconds until the next look-up is allowed. */
  retryAfter?: number;
}

declare module '../../internal/motcua-element.js' {
  interface MotcuaEventMap {
    'motcua-dossier-load': DossierLoadDetail;
    'motcua-dossier-error': DossierErrorDetail;
  }
}

type Tone = 'info' | 'progress' | 'action' | 'success' | 'stopped';

const TONES: Record<DossierStatusValue, Tone> = {
  submitted: 'info',
  received: 'progress',
  processing: 'progress',
  supplement_requested: 'action',
  payment_requested: 'action',
  resolved: 'success',
  returned: 'success',
  not_accepted: 'stopped',
  withdrawn: 'stopped',
  stopped: 'stopped',
};

const ACTIVE: ReadonlySet<DossierStatusValue> = new Set([
  'submitted',
  'received',
  'processing',
  'supplement_requested',
  'payment_requested',
]);

/** An icon: an outline and a mark, stroked. Decorative (the status is always written in words next to it). */
const icon = (outline: string, mark: string, outlineWidth = 2, markWidth = 2.5): TemplateResult =>
  html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor">
    <path d=${outline} stroke-width=${outlineWidth} />
    <path d=${mark} stroke-width=${markWidth} />
  </svg>`;

const ICONS: Record<Tone, TemplateResult> = {
  info: icon('M3 12a9 9 0 1 0 18 0 9 9 0 1 0-18 0', 'M12 7v6l4 2', 2, 2),
  progress: icon('M12 3a9 9 0 1 0 9 9', 'M21 3v6h-6', 2.5),
  action: icon('M12 2 1 21h22L12 2z', 'M12 9v5m0 3v1'),
  success: icon('M2 12a10 10 0 1 0 20 0 10 10 0 1 0-20 0', 'm7 12 3.5 3.5L17 9'),
  stopped: icon('M2 12a10 10 0 1 0 20 0 10 10 0 1 0-20 0', 'M8 8l8 8M16 8l-8 8'),
};

/** A comma- or space-separated list of `YYYY-MM-DD` dates. */
const DATES = {
  fromAttribute: (v: string | null) => (v ?? '').split(/[\s,]+/).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)),
  toAttribute: (v: string[]) => v.join(','),
};

/**
 * Looks up a dossier (hồ sơ) by the code on its paper receipt and shows where it is, the legal due date
 * (ngày hẹn trả) in working days, the steps so far and what the applicant must do now.
 *
 * @tag motcua-dossier-tracker
 * @summary Dossier status tracker: code input, public view, owner verification, auto-refresh.
 *
 * @attr code - Dossier code to show; when empty, `?ma-ho-so=` or `#ma-ho-so=` in the page URL is used.
 * @attr api - Base URL of the motcua API (default: the portal's, else `/api/v1` on this site).
 * @attr refresh - Seconds between automatic updates (0 = off). Backs off after errors, pauses in hidden tabs.
 * @attr push-worker - Status alerts: the Web Push service worker script (same origin, e.g. `/assets/push-sw.js`), registered when the page has no service worker of its own; without either, no alerts are offered.
 * @attr holidays - Public holidays to skip when counting working days, as comma-separated `YYYY-MM-DD` dates.
 * @attr workdays - Make-up working days (a Saturday or Sunday made a working day by a swap), comma-separated `YYYY-MM-DD`.
 * @attr lang - Language (`vi` default, `en`).
 *
 * @slot heading - Replaces the default heading above the form.
 *
 * @csspart base - The wrapper.
 * @csspart form - The code form.
 * @csspart input - The code input.
 * @csspart button - The buttons.
 * @csspart error - The message under the input when the code is not valid.
 * @csspart message - Not found, rate-limited, offline and server-error notices.
 * @csspart result - The dossier section.
 * @csspart status - The status badge (icon and words).
 * @csspart details - The list of dossier facts.
 * @csspart timeline - The ordered list of steps.
 * @csspart todo - "What to do now".
 * @csspart verify - The owner-verification form.
 * @csspart payment - The fee payment block (VietQR code and transfer details) while a fee sent with its account is due.
 * @csspart payment-qr - The VietQR code of the fee payment.
 * @csspart alerts - The status alerts control (consent, Web Push subscription, revocation) after the owner check of an active dossier.
 * @csspart rating - The satisfaction form offered in place after the owner check of a finished dossier not rated yet.
 *
 * @csspart read-aloud - The row of the "Nghe" (Listen) and "Cỡ chữ" (Text size) buttons.
 * @csspart listen - The "Nghe" button (`aria-pressed="true"` while reading; press again to stop).
 * @csspart listen-offer - "Nghe bằng tiếng Việt", offered when the device has no voice for the widget's language.
 * @csspart speech-message - The message when the content cannot be read aloud (a polite live region).
 * @csspart text-size - The "Cỡ chữ" button that opens the A− / A / A+ menu.
 * @csspart text-size-menu - The A− / A / A+ buttons (the choice applies to every widget and is kept on the device).
 * @cssproperty --motcua-text-scale - Multiplies the text size (set by the text-size menu; a page may set a default, e.g. 1.25).
 * @cssproperty --motcua-tracker-max-width - Maximum width of the widget (default 768px).
 *
 * @event motcua-dossier-load - A dossier was shown or refreshed. Detail: `{dossier, changed}`.
 * @event motcua-dossier-error - A look-up could not show a dossier. Detail: `{code, kind, reason?, retryAfter?}`.
 */
export class MotcuaDossierTracker extends MotcuaElement {
  static override properties = {
    code: {},
    api: {},
    agency: {},
    refresh: { type: Number },
    pushWorker: { attribute: 'push-worker' },
    holidays: { converter: DATES },
    workdays: { converter: DATES },
    client: { attribute: false },
    draft: { state: true, attribute: false },
    invalidReason: { state: true, attribute: false },
    loading: { state: true, attribute: false },
    dossier: { state: true, attribute: false },
    failure: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
    verifyOpen: { state: true, attribute: false },
    verifyError: { state: true, attribute: false },
    verifying: { state: true, attribute: false },
    verifiedMessage: { state: true, attribute: false },
    verifyUnavailable: { state: true, attribute: false },
    verifyView: { state: true, attribute: false },
  };
  static override styles = styles;

  /** Dossier code; reflects the code currently shown. */
  code = '';
  api = '';
  /** Not needed: the dossier code names its agency. Present so the widget can sit in a portal like the others. */
  agency = '';
  /** Seconds between automatic refreshes; 0 turns auto-refresh off. */
  refresh = 0;
  /**
   * Status alerts: the Web Push service worker script (same origin) registered when the page has none of its own, e.g.
   * `/assets/push-sw.js`. Without it (and without a page service worker) the owner view offers no alerts.
   */
  pushWorker = '';
  /** Public holidays (`YYYY-MM-DD`) skipped when counting working days. */
  holidays: string[] = [];
  /** Make-up working days (`YYYY-MM-DD`, weekend days made working days by a swap) counted as working days. */
  workdays: string[] = [];

  /** A client to use instead of the portal's or the widget's own (e.g. with a custom `fetch`). */
  client?: MotcuaClient;

  /** Client, agency and language from the nearest `<motcua-portal>`, or from this widget's own attributes. */
  protected readonly connection = new ConnectionController(this);

  private draft = '';
  private invalidReason: string | undefined;
  private loading = false;
  private dossier: DossierStatus | undefined;
  private failure: { kind: Exclude<TrackerErrorKind, 'invalid'>; code: string; retryAt?: number } | undefined;
  private announcement = '';
  private verifyOpen = false;
  private verifyError = '';
  private verifying = false;
  private verifiedMessage = '';
  private verifyUnavailable = false;
  /** The owner-verification form, loaded when it is first opened. */
  private verifyView?: typeof import('./dossier-tracker-verify.js');
  private verifyLoading?: Promise<unknown>;
  /** The fee payment block, loaded for the first dossier that asks for a fee by transfer. */
  private payView?: typeof import('./dossier-tracker-pay.js');
  private payLoading?: Promise<unknown>;
  /** "Nghe" and "Cỡ chữ" on a dossier's status (the speech and the size menu load on first press). */
  private readonly readAloud = new LazyReadAloud(this, {
    key: () => (this.dossier ? `${this.dossier.code}|${this.dossier.status}|${this.dossier.pending?.kind ?? ''}|${this.resolvedLang}` : ''),
    text: async (lang) => {
      const d = this.dossier;
      return d ? (await import('./dossier-tracker-speech.js')).dossierSpeech(lang, d, this.dueText(d)) : [];
    },
  });

  private get input(): HTMLInputElement | null | undefined {
    return this.shadowRoot?.querySelector('#code');
  }
  private get phoneInput(): HTMLInputElement | null | undefined {
    return this.shadowRoot?.querySelector('#phone');
  }

  private controller?: AbortController;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private errorStreak = 0;
  private dueAtNextRefresh = 0;
  private now = new Date();

  private readonly onVisibility = (): void => {
    if (document.visibilityState === 'hidden') {
      clearTimeout(this.timer);
      this.timer = undefined;
    } else if (this.refresh > 0 && this.current()) {
      if (Date.now() >= this.dueAtNextRefresh) void this.lookUp(this.current(), { background: true });
      else this.scheduleRefresh(this.dueAtNextRefresh - Date.now());
    }
  };

  private readonly onOnline = (): void => {
    if (this.failure?.kind === 'offline') void this.lookUp(this.failure.code);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    window.addEventListener('online', this.onOnline);
    if (!this.code) {
      const fromUrl = codeFromUrl(location.href);
      if (fromUrl) this.code = fromUrl;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.timer);
    this.controller?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('code') && this.code !== this.current()) {
      this.draft = this.code;
      if (this.code) void this.submitCode(this.code, false);
    }
    if (changed.has('refresh') && changed.get('refresh') !== undefined) this.scheduleRefresh();
    if (this.dossier?.pending?.payTo && !this.payLoading) {
      this.payLoading = import('./dossier-tracker-pay.js').then(
        (view) => {
          this.payView = view;
          if (this.shadowRoot) adoptStyles(this.shadowRoot, [...MotcuaDossierTracker.elementStyles, view.payStyles]);
          this.requestUpdate();
        },
        // Offline before the block ever loaded: the amount and the centre's note stay on screen; the next dossier tries again.
        () => (this.payLoading = undefined),
      );
    }
  }

  private current(): string {
    return this.dossier?.code ?? this.failure?.code ?? '';
  }

  private resolveClient(): MotcuaClient {
    return this.client ?? this.connection.client ?? sharedClient('/api/v1');
  }

  /** Looks up the code typed in the input (what the form's button does). */
  async submit(): Promise<void> {
    await this.submitCode(this.input?.value ?? this.draft, true);
  }

  private async submitCode(raw: string, fromUser: boolean): Promise<void> {
    this.draft = raw;
    const parsed = checkDossierCode(raw);
    if (!parsed.ok) {
      // A new look-up replaces what was shown: no earlier dossier (masked name and all) under the new error.
      this.controller?.abort();
      clearTimeout(this.timer);
      this.dossier = this.failure = undefined;
      this.verifyOpen = this.verifyUnavailable = false;
      this.verifyError = this.verifiedMessage = this.announcement = '';
      this.invalidReason = parsed.reason;
      this.emit('motcua-dossier-error', { code: raw, kind: 'invalid', reason: parsed.reason });
      if (fromUser) {
        await this.updateComplete;
        this.input?.focus();
      }
      return;
    }
    this.invalidReason = undefined;
    this.draft = parsed.value.code;
    await this.lookUp(parsed.value.code);
  }

  private async lookUp(code: string, { background = false } = {}): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    clearTimeout(this.timer);
    const sameDossier = this.dossier?.code === code;
    if (!background) {
      this.loading = true;
      this.announcement = this.t('tracker.loading');
    }
    try {
      const fresh = await this.resolveClient().getDossier(code, { signal: controller.signal });
      if (controller.signal.aborted) return;
      const previous = sameDossier ? this.dossier : undefined;
      // Keep the owner's masked name, rated flag and rating proof across refreshes of the same dossier (memory only).
      const dossier: DossierStatus =
        previous?.view === 'owner' && previous.applicantName
          ? {
              ...fresh,
              view: 'owner' as const,
              applicantName: previous.applicantName,
              ...(previous.rated !== undefined ? { rated: previous.rated } : {}),
              ...(previous.ratingProof ? { ratingProof: previous.ratingProof } : {}),
            }
          : fresh;
      const changed = previous !== undefined && previous.status !== fresh.status;
      if (!sameDossier) {
        this.verifyOpen = this.verifyUnavailable = false;
        this.verifyError = this.verifiedMessage = '';
      }
      this.now = new Date();
      this.dossier = dossier;
      this.failure = undefined;
      this.errorStreak = 0;
      this.code = code;
      const status = this.t(`tracker.status.${fresh.status}`);
      if (changed) this.announcement = this.t('tracker.announce.changed', { status });
      else if (!background) this.announcement = this.t('tracker.announce.loaded', { code, status });
      this.emit('motcua-dossier-load', { dossier, changed });
    } catch (error) {
      if (controller.signal.aborted) return;
      const info = errorInfo(error);
      if (info.kind === 'aborted') return;
      this.errorStreak++;
      if (background && this.dossier?.code === code && info.status !== 404) {
        // Keep showing the last good status; try again later with backoff.
      } else {
        const kind = failureKind(info.kind, info.status);
        const retryAfter = kind === 'rate_limited' ? (info.retryAfter ?? 60) : undefined;
        this.failure = { kind, code, ...(retryAfter !== undefined ? { retryAt: Date.now() + retryAfter * 1000 } : {}) };
        this.dossier = undefined;
        this.code = code;
        this.announcement = this.t(`tracker.error.${kind}.title`);
        this.emit('motcua-dossier-error', { code, kind, ...(retryAfter !== undefined ? { retryAfter } : {}) });
      }
    } finally {
      if (this.controller === controller) {
        this.loading = false;
        this.scheduleRefresh();
      }
    }
  }

  private scheduleRefresh(delayMs?: number): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!(this.refresh > 0) || !this.isConnected || !this.current()) return;
    if (this.failure && this.failure.kind !== 'offline' && this.failure.kind !== 'server' && this.failure.kind !== 'rate_limited') return;
    // Back off after errors: 1×, 2×, 4×… the interval, at most 15 minutes; a 429 waits at least its Retry-After.
    let delay = delayMs ?? Math.min(this.refresh * 1000 * 2 ** Math.min(this.errorStreak, 6), 15 * 60_000);
    if (this.failure?.retryAt) delay = Math.max(delay, this.failure.retryAt - Date.now());
    this.dueAtNextRefresh = Date.now() + delay;
    if (document.visibilityState === 'hidden') return;
    this.timer = setTimeout(() => void this.lookUp(this.current(), { background: true }), delay);
  }

  /** Opens or closes the owner-verification form; the first opening loads it (and `updateComplete` waits for it). */
  private async toggleVerify(): Promise<void> {
    this.verifyOpen = !this.verifyOpen;
    if (!this.verifyOpen) return;
    this.verifyUnavailable = false;
    this.verifyLoading ??= import('./dossier-tracker-verify.js').then(
      (view) => (this.verifyView = view),
      () => {
        // Offline before the form ever loaded: say so, and let the next press try again.
        this.verifyLoading = undefined;
        this.verifyOpen = false;
        this.verifyUnavailable = true;
      },
    );
    await this.updateComplete;
    this.phoneInput?.focus();
  }

  /** Renders in English once the English terms are there (never half translated). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (!this.resolvedLang.toLowerCase().startsWith('en')) return super.scheduleUpdate();
    // A failed load falls back to Vietnamese and is tried again on the next update.
    english ??= import('./dossier-tracker.strings.en.js').then(
      ({ en }) => registerDefaults({ en }),
      () => (english = undefined),
    );
    return english.then(() => super.scheduleUpdate());
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    await this.verifyLoading;
    await this.payLoading;
    return super.getUpdateComplete();
  }

  private async verify(event: Event): Promise<void> {
    event.preventDefault();
    const code = this.dossier?.code;
    if (!code || !this.verifyView) return;
    this.verifyError = '';
    this.verifying = true;
    const result = await this.verifyView.verifyOwner(
      this.resolveClient(),
      code,
      (this.phoneInput?.value ?? '').trim(),
      (key) => this.t(key),
      (seconds) => this.t('tracker.error.rate_limited', this.waitParams(Date.now() + seconds * 1000)),
    );
    this.verifying = false;
    if ('owner' in result) {
      if (this.phoneInput) this.phoneInput.value = '';
      this.dossier = result.owner;
      this.verifyOpen = false;
      this.verifiedMessage = this.announcement = result.message;
      this.emit('motcua-dossier-load', { dossier: result.owner, changed: false });
      // Focus goes to the new content (the form and its button are gone; focus would fall to <body>).
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.verified')?.focus();
      return;
    }
    this.verifyError = result.error;
    if (result.retryAfter !== undefined) this.emit('motcua-dossier-error', { code, kind: 'rate_limited', retryAfter: result.retryAfter });
    await this.updateComplete;
    this.phoneInput?.focus();
  }

  private async hideOwner(): Promise<void> {
    if (this.dossier) {
      const { applicantName: _omit, rated: _rated, ratingProof: _proof, ...rest } = this.dossier;
      this.dossier = { ...rest, view: 'public' };
    }
    this.verifiedMessage = '';
    // The pressed button is gone: focus its replacement, the "I am the owner" button.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="verify"] button')?.focus();
  }

  private waitParams(retryAt: number): { wait: string; time: string } {
    const seconds = Math.max(1, Math.ceil((retryAt - Date.now()) / 1000));
    const wait =
      seconds < 120 ? this.t('tracker.wait.seconds', { n: seconds }) : this.t('tracker.wait.minutes', { n: Math.ceil(seconds / 60) });
    const time = new Intl.DateTimeFormat(formatLocale(this.resolvedLang), {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: CENTRE_TIME_ZONE,
    }).format(new Date(retryAt));
    return { wait, time };
  }

  private formatDate(iso: string | null | undefined, withTime = true): string {
    if (!iso) return '';
    const options: Intl.DateTimeFormatOptions = withTime
      ? {
          weekday: 'long',
          day: '2-digit',
          month: '2-digit',
          year: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          timeZone: CENTRE_TIME_ZONE,
        }
      : { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: CENTRE_TIME_ZONE };
    return new Intl.DateTimeFormat(formatLocale(this.resolvedLang), options).format(new Date(iso));
  }

  override render(): TemplateResult {
    const invalid = this.invalidReason !== undefined;
    return html`
      <div part="base" class="base">
        <slot name="heading"><h2 class="heading">${this.t('tracker.heading')}</h2></slot>
        <form part="form" class="form" novalidate @submit=${(e: Event) => (e.preventDefault(), void this.submit())}>
          <label for="code" class="label">${this.t('tracker.label')}</label>
          <p id="help" class="help">${this.t('tracker.help', { example: EXAMPLE_CODE })}</p>
          <div class="row">
            <input
              id="code"
              part="input"
              name="ma-ho-so"
              type="text"
              autocomplete="off"
              autocapitalize="characters"
              spellcheck="false"
              .value=${this.draft}
              aria-invalid=${invalid ? 'true' : 'false'}
              aria-describedby=${invalid ? 'code-error help' : 'help'}
              @input=${(e: Event) => (this.draft = (e.target as HTMLInputElement).value)}
            />
            <button part="button" type="submit" ?disabled=${this.loading}>${this.t('tracker.submit')}</button>
          </div>
          ${
            invalid
              ? html`<p id="code-error" part="error" class="error">
                  <span aria-hidden="true">⚠ </span>${this.invalidMessage(this.invalidReason ?? '')}
                </p>`
              : nothing
          }
        </form>
        <div class="live visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
        ${this.loading && !this.dossier ? html`<p class="loading" part="message">${this.t('tracker.loading')}</p>` : nothing}
        ${this.failure ? this.renderFailure() : nothing} ${this.dossier ? this.renderDossier(this.dossier) : nothing}
      </div>
    `;
  }

  private invalidMessage(reason: string): string {
    const key = `tracker.invalid.${reason}`;
    const text = this.t(key, { example: EXAMPLE_CODE });
    return text === key ? this.t('tracker.invalid.unknown', { example: EXAMPLE_CODE }) : text;
  }

  private renderFailure(): TemplateResult {
    const failure = this.failure!;
    const params: Record<string, string | number> = { code: failure.code };
    if (failure.retryAt) Object.assign(params, this.waitParams(failure.retryAt));
    return html`<div part="message" class="message message--${failure.kind}" data-kind=${failure.kind}>
      <h3>${this.t(`tracker.error.${failure.kind}.title`)}</h3>
      <p>${this.t(`tracker.error.${failure.kind}`, params)}</p>
      ${
        failure.kind === 'offline' || failure.kind === 'server' || failure.kind === 'rate_limited'
          ? html`<button part="button" type="button" class="secondary" @click=${() => void this.lookUp(failure.code)}>
              ${this.t('tracker.retry')}
            </button>`
          : nothing
      }
    </div>`;
  }

  private renderDossier(d: DossierStatus): TemplateResult {
    const tone = TONES[d.status];
    const status = this.t(`tracker.status.${d.status}`);
    return html`<section part="result" class="result" aria-labelledby="result-heading" data-status=${d.status}>
      <h3 id="result-heading">${this.t('tracker.result.heading', { code: d.code })}</h3>
      <p part="status" class="status tone-${tone}">${ICONS[tone]}<span>${status}</span></p>
      ${this.readAloud.render()}
      <dl part="details" class="details">
        ${this.row('procedure', html`${d.procedure.name} <span class="muted">(${d.procedure.code})</span>`)}
        ${this.row('agency', d.agency.name)} ${this.row('applicant', d.applicantName, 'applicant')}
        ${this.row('channel', this.t(`tracker.channel.${d.channel}`))} ${this.row('submitted', this.formatDate(d.submittedAt))}
        ${this.row('received', this.formatDate(d.receivedAt))}
        ${
          d.status === 'not_accepted' || d.status === 'withdrawn'
            ? nothing
            : this.row(
                'due',
                html`${d.dueAt ? html`<strong>${this.formatDate(d.dueAt)}</strong><br />` : nothing}<span class="due-state"
                    >${this.dueText(d)}</span
                  >`,
                'due',
              )
        }
        ${this.row('finished', this.formatDate(d.finishedAt))} ${this.row('returned', this.formatDate(d.returnedAt))}
        ${this.row('delivery', this.t(`tracker.delivery.${d.resultDelivery}`))}
      </dl>
      ${this.renderTodo(d)} ${this.renderTimeline(d)} ${this.renderVerify(d)}
      ${this.refresh > 0 ? html`<p class="muted small">${this.t('tracker.refreshing', { n: this.refresh })}</p>` : nothing}
    </section>`;
  }

  /** One fact of the dossier (`tracker.field.<field>`), or nothing when there is no value. */
  private row(field: string, value: unknown, className?: string): TemplateResult | typeof nothing {
    return value
      ? html`<div>
          <dt>${this.t(`tracker.field.${field}`)}</dt>
          <dd class=${className ?? nothing}>${value}</dd>
        </div>`
      : nothing;
  }

  private calendar(): HolidayCalendar {
    return holidayCalendar(this.holidays, this.workdays);
  }

  private dueText(d: DossierStatus): string {
    if (d.status === 'resolved') return this.t('tracker.due.ready');
    if (d.status === 'returned')
      return d.timing === 'early' || d.timing === 'on_time' || d.timing === 'late' ? this.t(`tracker.due.${d.timing}`) : '';
    if (!ACTIVE.has(d.status)) return '';
    const due = dueState(d.dueAt, this.now, this.calendar());
    const note = this.holidays.length || this.workdays.length ? this.t('tracker.due.noteHolidays') : this.t('tracker.due.note');
    if (due.kind === 'none') return this.t('tracker.due.none');
    if (due.kind === 'overdue') return `${this.t('tracker.due.overdue', { n: due.workingDays })} ${note}`;
    return due.workingDays === 0 ? this.t('tracker.due.today') : `${this.t('tracker.due.in', { n: due.workingDays })} ${note}`;
  }

  private isOverdue(d: DossierStatus): boolean {
    return ACTIVE.has(d.status) && dueState(d.dueAt, this.now, this.calendar()).kind === 'overdue';
  }

  private renderTodo(d: DossierStatus): TemplateResult {
    const key = d.status === 'resolved' ? `tracker.todo.resolved.${d.resultDelivery}` : `tracker.todo.${d.status}`;
    const amount =
      d.pending?.amountVnd !== undefined
        ? new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(d.pending.amountVnd)
        : undefined;
    return html`<div part="todo" class="todo tone-${TONES[d.status]}">
      <h4>${this.t('tracker.todo.heading')}</h4>
      <p>${this.t(key)}</p>
      ${d.status === 'payment_requested' && amount ? html`<p class="amount"><strong>${this.t('tracker.todo.amount', { amount })}</strong></p>` : nothing}
      ${
        amount && this.payView
          ? this.payView.paymentBlock({ t: (k, v) => this.t(k, v), root: this.shadowRoot }, d, amount, (m) => (this.announcement = m))
          : nothing
      }
      ${
        d.pending?.note
          ? html`<figure class="note">
              <figcaption>${this.t('tracker.todo.note')} (${this.formatDate(d.pending.requestedAt, false)}):</figcaption>
              <blockquote>${d.pending.note}</blockquote>
            </figure>`
          : nothing
      }
      ${d.reason && !ACTIVE.has(d.status) ? html`<p>${this.t('tracker.todo.reason', { reason: d.reason })}</p>` : nothing}
      ${this.isOverdue(d) ? html`<p class="overdue">${this.t('tracker.todo.overdue')}</p>` : nothing}
    </div>`;
  }

  private renderTimeline(d: DossierStatus): TemplateResult {
    type Item = { name: string; unit: string; state: 'done' | 'current' | 'next'; step?: DossierStep };
    const items: Item[] = [];
    let currentFound = false;
    const finalStates = d.status === 'returned' || !ACTIVE.has(d.status);
    for (const step of d.steps) {
      const done = step.finishedAt !== undefined || (finalStates && d.status !== 'resolved');
      const state = done ? 'done' : currentFound ? 'next' : 'current';
      if (state === 'current') currentFound = true;
      items.push({ name: step.name, unit: step.unit, state, step });
    }
    const oneStop = this.t('tracker.timeline.oneStop');
    if (d.steps.length === 0 && d.status === 'submitted') {
      items.push({ name: this.t('tracker.timeline.receive'), unit: oneStop, state: 'current' });
      currentFound = true;
    }
    if (ACTIVE.has(d.status) || d.status === 'resolved') {
      const collect = d.resultDelivery === 'postal' ? this.t('tracker.timeline.post') : this.t('tracker.timeline.collect');
      const name = d.status === 'resolved' ? collect : this.t('tracker.timeline.return');
      items.push({ name, unit: oneStop, state: currentFound ? 'next' : 'current' });
    }
    if (items.length === 0) return html``;
    const label = {
      done: this.t('tracker.timeline.done'),
      current: this.t('tracker.timeline.current'),
      next: this.t('tracker.timeline.next'),
    };
    return html`<h4>${this.t('tracker.timeline.heading')}</h4>
      <ol part="timeline" class="timeline">
        ${items.map(
          (item) =>
            html`<li class="step step--${item.state}" aria-current=${item.state === 'current' ? 'step' : nothing}>
              <span class="marker" aria-hidden="true">${item.state === 'done' ? '✓' : item.state === 'current' ? '●' : '○'}</span>
              <span class="visually-hidden">${label[item.state]}</span>
              <span class="step-name">${item.name}</span>
              <span class="step-unit">${item.unit}</span>
              ${
                item.step
                  ? html`<span class="step-dates"
                      >${this.t('tracker.timeline.started', { date: this.formatDate(item.step.startedAt) })}${
                        item.step.finishedAt
                          ? html`, ${this.t('tracker.timeline.finished', { date: this.formatDate(item.step.finishedAt) })}`
                          : item.step.dueAt
                            ? html`, ${this.t('tracker.timeline.dueAt', { date: this.formatDate(item.step.dueAt) })}`
                            : nothing
                      }</span
                    >`
                  : nothing
              }
            </li>`,
        )}
      </ol>`;
  }

  private renderVerify(d: DossierStatus): TemplateResult {
    if (d.view === 'owner') {
      return html`<div part="verify" class="verify">
        ${this.verifiedMessage ? html`<p class="verified" tabindex="-1">${ICONS.success}<span>${this.verifiedMessage}</span></p>` : nothing}
        <button part="button" type="button" class="secondary" @click=${() => void this.hideOwner()}>
          ${this.t('tracker.verify.hide')}
        </button>
        ${this.verifyView?.ratingInPlace(d, this.resolveClient(), this.resolvedLang) ?? nothing}
        ${this.verifyView?.alertsInPlace(d, this.resolveClient(), this.resolvedLang, this.pushWorker) ?? nothing}
      </div>`;
    }
    return html`<div part="verify" class="verify">
      <button
        part="button"
        type="button"
        class="secondary"
        aria-expanded=${this.verifyOpen ? 'true' : 'false'}
        aria-controls=${this.verifyView ? 'verify-form' : nothing}
        @click=${() => void this.toggleVerify()}
      >
        ${this.t('tracker.verify.toggle')}
      </button>
      ${this.verifyUnavailable ? html`<p part="error" class="error" role="alert">${this.t('tracker.error.offline.title')}</p>` : nothing}
      ${
        this.verifyView?.verifyForm({
          t: (key) => this.t(key),
          open: this.verifyOpen,
          error: this.verifyError,
          busy: this.verifying,
          submit: (e) => void this.verify(e),
        }) ?? nothing
      }
    </div>`;
  }
}

function failureKind(kind: string, status: number | undefined): Exclude<TrackerErrorKind, 'invalid'> {
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  return kind === 'network' ? 'offline' : 'server';
}

/** Reads `ma-ho-so` from the query string or the fragment (`#ma-ho-so=…`), as a receipt's QR code links. */
export function codeFromUrl(href: string): string {
  const url = new URL(href);
  const fromQuery = url.searchParams.get('ma-ho-so');
  if (fromQuery) return fromQuery.trim();
  const hash = url.hash.replace(/^#/, '');
  if (hash) {
    const fromHash = new URLSearchParams(hash).get('ma-ho-so');
    if (fromHash) return fromHash.trim();
  }
  return '';
}
