import { html, nothing, type TemplateResult } from 'lit';
import type { MotcuaClient } from '@motcua/sdk';
import type { Criteria, Rating, SatisfactionLevel } from '@motcua/sdk/schemas';
import { MotcuaElement } from '../../internal/motcua-element.js';
import { ConnectionController, sharedClient } from '../../internal/client-resolver.js';
import { RatingQueue, type Outcome, type SyncReport } from '../../internal/rating-queue.js';
import { errorInfo } from '../../internal/error-info.js';
import { styles } from './satisfaction.styles.js';
import { registerDefaults, translate } from '../../internal/i18n.js';
import { LazyReadAloud } from '../../internal/read-aloud-lazy.js';
import './satisfaction.strings.js';

/** The English terms, loaded when a widget first renders in English: a Vietnamese page does not download them. */
let english: Promise<unknown> | undefined;

export interface RatingSubmitDetail {
  rating: Rating;
  /** `true` when the rating was written to the device's queue (it will be delivered even after a reload). */
  queued: boolean;
}

export interface RatingSyncDetail {
  /** Ratings waiting on this device to be delivered. */
  pending: number;
  /** Ratings the server refused as invalid (kept aside, never resent). */
  rejected: number;
  /** Ratings delivered in the round that just ended. */
  sent: number;
}

declare module '../../internal/motcua-element.js' {
  interface MotcuaEventMap {
    'motcua-rating-submit': RatingSubmitDetail;
    'motcua-rating-sync': RatingSyncDetail;
  }
}

const LEVELS: readonly SatisfactionLevel[] = ['very_satisfied', 'satisfied', 'not_satisfied'];
const AGENCY_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
export const COMMENT_MAX = 1000;

type Screen = 'form' | 'sending' | 'thanks' | 'saved' | 'already' | 'rejected' | 'unfinished';

/** Where a kiosk keeps its device credential once an officer has enrolled it (this browser profile only). */
const DEVICE_KEY = 'motcua-kiosk-device';

function storedDevice(): string {
  try {
    return localStorage.getItem(DEVICE_KEY) ?? '';
  } catch {
    return '';
  }
}

/** A face with the given mouth: a filled smile, or a stroked line. Decorative (the level is written next to it). */
const face = (mouth: string, filled = false): TemplateResult =>
  html`<svg viewBox="0 0 48 48" aria-hidden="true" focusable="false">
    <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" stroke-width="3" />
    <circle cx="17" cy="19" r="2.5" fill="currentColor" />
    <circle cx="31" cy="19" r="2.5" fill="currentColor" />
    <path
      d=${mouth}
      fill=${filled ? 'currentColor' : 'none'}
      stroke=${filled ? 'none' : 'currentColor'}
      stroke-width="3"
      stroke-linecap="round"
    />
  </svg>`;

const FACES: Record<SatisfactionLevel, TemplateResult> = {
  very_satisfied: face('M13 27c2 7 7 10 11 10s9-3 11-10z', true),
  satisfied: face('M15 29c3 4 6 5 9 5s6-1 9-5'),
  not_satisfied: face('M15 35c3-4 6-5 9-5s6 1 9 5'),
};

/** A dossier code checked by the SDK: its normal form and its agency. */
type CheckedCode = { code: string; agency: string };

/**
 * Collects a citizen's satisfaction rating (đánh giá mức độ hài lòng), online for one dossier or on a counter kiosk.
 * Online, the citizen proves the dossier is theirs in the same form (dossier code and the last four phone digits; the
 * server's proof then goes with the rating) and only a finished dossier can be rated. A kiosk sends the device
 * credential an officer enrolled it with (typed once on its set-up screen, kept in `localStorage`); without one it
 * shows the set-up screen instead of taking votes the server would refuse. Every rating is written to an IndexedDB queue with an idempotency key before it is sent, and removed only when the
 * server acknowledges it, so nothing is lost on a dropping connection and nothing is counted twice.
 *
 * @tag motcua-satisfaction
 * @summary Satisfaction rating: online form (Decree 61 criteria) or full-screen kiosk with an offline queue.
 *
 * @attr mode - `online` (default) or `kiosk`.
 * @attr dossier - Online mode: the dossier code being rated.
 * @attr agency - Agency e-ID (e.g. `000.00.06.H56`); required in kiosk mode unless a portal provides it (online, the dossier code's agency is used).
 * @attr counter - Kiosk mode: the counter (quầy) the kiosk stands at.
 * @attr officer - Optional officer identifier recorded with the rating.
 * @attr reset-after - Kiosk mode: seconds the thank-you screen stays before the kiosk resets (default 10).
 * @attr idle-after - Kiosk mode: seconds without a touch on the "Chưa hài lòng" step before the kiosk returns to its start
 * screen (default 60); the last 10 are counted down on screen and announced. The vote and the criteria tapped count, an
 * unsent comment is dropped.
 * @attr lock-ms - Kiosk mode: milliseconds taps are ignored after a vote, against double taps (default 1500).
 * @attr queue - Name of the device's rating queue (IndexedDB database, default `motcua-ratings`).
 * @attr api - Base URL of the motcua API (default: the portal's, else `/api/v1` on this site).
 * @attr lang - Language (`vi` default, `en`).
 *
 * @csspart base - The wrapper.
 * @csspart question - The question heading.
 * @csspart choice - Each satisfaction choice (kiosk buttons, online radio cards).
 * @csspart criterion - Kiosk: each criterion button of the "Chưa hài lòng" step.
 * @csspart criteria - The Decree 61 criteria section.
 * @csspart comment - The comment box.
 * @csspart button - Submit, Done and other buttons.
 * @csspart thanks - The thank-you screen.
 * @csspart countdown - The kiosk's visible countdown.
 * @csspart message - Already rated, saved offline and rejected notices.
 * @csspart staff - The kiosk's small staff indicator of pending and rejected ratings.
 * @csspart setup - The kiosk's set-up screen for the officer (enrolment with the device credential).
 * @csspart input - The dossier code, phone digits and device credential fields.
 *
 * @csspart read-aloud - The row of the "Nghe" (Listen) and "Cỡ chữ" (Text size) buttons.
 * @csspart listen - The "Nghe" button (`aria-pressed="true"` while reading; press again to stop).
 * @csspart listen-offer - "Nghe bằng tiếng Việt", offered when the device has no voice for the widget's language.
 * @csspart speech-message - The message when the content cannot be read aloud (a polite live region).
 * @csspart text-size - The "Cỡ chữ" button that opens the A− / A / A+ menu.
 * @csspart text-size-menu - The A− / A / A+ buttons (the choice applies to every widget and is kept on the device).
 * @cssproperty --motcua-text-scale - Multiplies the text size (set by the text-size menu; kiosk mode; a page may set a default, e.g. 1.25).
 * @cssproperty --motcua-kiosk-min-height - Minimum height of the kiosk screen (default 100dvh).
 * @cssproperty --motcua-kiosk-font-size - Base font size of the kiosk (default clamp(20px, 2.5vw, 32px)).
 *
 * @event motcua-rating-submit - A rating was made. Detail: `{rating, queued}`.
 * @event motcua-rating-sync - The queue changed or a sync round ended. Detail: `{pending, rejected, sent}`.
 */
export class MotcuaSatisfaction extends MotcuaElement {
  static override properties = {
    mode: { reflect: true },
    dossier: {},
    agency: {},
    counter: {},
    officer: {},
    api: {},
    resetAfter: { type: Number, attribute: 'reset-after' },
    idleAfter: { type: Number, attribute: 'idle-after' },
    lockMs: { type: Number, attribute: 'lock-ms' },
    queue: {},
    client: { attribute: false },
    device: { attribute: false },
    proof: { attribute: false },
    deviceRefused: { state: true, attribute: false },
    verifyError: { state: true, attribute: false },
    screen: { state: true, attribute: false },
    overall: { state: true, attribute: false },
    criteria: { state: true, attribute: false },
    comment: { state: true, attribute: false },
    criteriaOpen: { state: true, attribute: false },
    error: { state: true, attribute: false },
    countdown: { state: true, attribute: false },
    counts: { state: true, attribute: false },
    rejectedCode: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
    criteriaView: { state: true, attribute: false },
  };
  static override styles = styles;

  mode: 'online' | 'kiosk' = 'online';
  dossier = '';
  agency = '';
  counter = '';
  officer = '';
  api = '';
  resetAfter = 10;
  idleAfter = 60;
  lockMs = 1500;
  /** Name of the device's rating queue (IndexedDB database); widgets with the same name share one queue. */
  queue = 'motcua-ratings';

  /** A client to use instead of the portal's or the widget's own (e.g. with a custom `fetch`). */
  client?: MotcuaClient;
  /**
   * Kiosk mode: the device credential (`motcua-server devices enrol` prints it). Usually not set: an officer types it
   * on the kiosk's set-up screen once, or a page calls {@link MotcuaSatisfaction.enrol}; it is then kept in
   * `localStorage`. Never put it in the page's HTML.
   */
  device = '';
  /**
   * Online mode: the owner's proof for `dossier` (`ratingProof.token` of `verifyDossier`), when the page has verified
   * the owner already (the tracker does); the form then does not ask for the phone digits.
   */
  proof = '';
  private deviceRefused = false;
  private verifyError = '';

  /** Client, agency and language from the nearest `<motcua-portal>`, or from this widget's own attributes. */
  protected readonly connection = new ConnectionController(this);

  private screen: Screen = 'form';
  /** Kiosk: "Nghe" and "Cỡ chữ" for the question and the thank-you screen (speech and size menu load on first press). */
  private readonly readAloud = new LazyReadAloud(this, {
    key: () => (this.mode === 'kiosk' && !this.detail?.active ? `${this.screen === 'form' ? 'form' : 'thanks'}|${this.resolvedLang}` : ''),
    text: (lang) =>
      this.screen === 'form'
        ? [translate(lang, 'satisfaction.kioskQuestion'), ...LEVELS.map((level) => `${translate(lang, `satisfaction.level.${level}`)}.`)]
        : [translate(lang, 'satisfaction.thanks'), translate(lang, 'satisfaction.thanksDetail')],
  });
  private overall: SatisfactionLevel | undefined;
  private criteria: Criteria = {};
  private comment = '';
  private criteriaOpen = false;
  private error = '';
  private countdown = 0;
  private counts = { pending: 0, rejected: 0 };
  private rejectedCode = '';
  private announcement = '';
  /** The optional criteria section, loaded when it is first opened. */
  private criteriaView?: typeof import('./satisfaction-criteria.js');
  private criteriaLoading?: Promise<unknown>;
  /** Kiosk: the "Chưa hài lòng" step (criterion, comment, inactivity reset), a chunk loaded once the kiosk shows. */
  private detail?: import('./satisfaction-kiosk-detail.js').KioskDetail;
  private detailLoading?: Promise<unknown>;

  /**
   * Online mode: the dossier-code checker (`satisfaction-code.ts`), loaded as soon as an online form shows (the kiosk
   * never needs it); undefined again after a failed load, so the next use tries again.
   */
  private codeCheck?: Promise<typeof import('./satisfaction-code.js')>;

  private outbox?: RatingQueue;
  private awaitingKey: string | undefined;
  private lockedUntil = 0;
  private tick: ReturnType<typeof setInterval> | undefined;

  private readonly onQueueChange = (event: Event): void => {
    const report = (event as CustomEvent<SyncReport>).detail;
    this.counts = { pending: report.pending, rejected: report.rejected };
    if (this.awaitingKey) this.applyOutcome(report.outcomes.get(this.awaitingKey));
    this.emit('motcua-rating-sync', { pending: report.pending, rejected: report.rejected, sent: report.sent });
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.outbox = new RatingQueue({
      dbName: this.queue,
      send: (rating, key, proof) => this.send(rating, key, proof),
    });
    this.outbox.addEventListener('change', this.onQueueChange);
    this.outbox.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.outbox?.removeEventListener('change', this.onQueueChange);
    this.outbox?.stop();
    this.outbox = undefined;
    clearInterval(this.tick);
  }

  /**
   * Kiosk mode: enrols this device with the credential an officer was given (kept in `localStorage`). Case, spaces and
   * dashes do not matter. Returns false (and keeps nothing) when it is not a credential.
   */
  enrol(credential: string): boolean {
    const value = credential.toUpperCase().replace(/[^0-9A-Z]/g, '');
    if (!/^MCD[0-9A-Z]{25}$/.test(value)) return false;
    try {
      localStorage.setItem(DEVICE_KEY, value);
    } catch {
      // Storage unavailable: the credential lasts as long as the page.
    }
    this.device = value;
    this.deviceRefused = false;
    void this.outbox?.sync();
    return true;
  }

  private credential(): string {
    return this.device || storedDevice();
  }

  private async send(rating: Rating, key: string, proof?: string): Promise<unknown> {
    try {
      const device = rating.channel === 'kiosk' ? this.credential() : '';
      return await this.resolveClient().submitRating(rating, {
        idempotencyKey: key,
        ...(proof ? { proof } : {}),
        ...(device ? { device } : {}),
      });
    } catch (error) {
      // The server refused the kiosk's credential: the votes wait in the queue, the officer sees the set-up screen.
      if (errorInfo(error).code?.startsWith('device_')) this.deviceRefused = true;
      throw error;
    }
  }

  /** Sends every queued rating now (the queue also does this by itself on `online` events and timers). */
  sync(): Promise<SyncReport | undefined> {
    return this.outbox?.sync() ?? Promise.resolve(undefined);
  }

  /** Pending and rejected counts of this device's queue. */
  get queueCounts(): { pending: number; rejected: number } {
    return { ...this.counts };
  }

  private resolveClient(): MotcuaClient {
    return this.client ?? this.connection.client ?? sharedClient('/api/v1');
  }

  /** The agency of a rating: a dossier's belongs to the agency named in its code (a provincial portal may hold several communes). */
  private agencyCode(dossier?: CheckedCode): string {
    return dossier?.agency ?? this.connection.agency;
  }

  /** Online mode: the SDK's dossier-code checker, loaded on first use (a failed load is tried again on the next). */
  private loadCodeCheck(): Promise<typeof import('./satisfaction-code.js')> {
    return (this.codeCheck ??= import('./satisfaction-code.js').catch((error: unknown) => {
      this.codeCheck = undefined;
      throw error;
    }));
  }

  private applyOutcome(outcome: Outcome | undefined): void {
    if (!outcome || outcome.outcome === 'pending') return;
    this.awaitingKey = undefined;
    if (this.mode === 'kiosk') return; // the kiosk already thanked the citizen; staff see the counts
    if (outcome.outcome === 'sent') this.screen = 'thanks';
    else if (outcome.code === 'already_rated') this.screen = 'already';
    else if (outcome.code === 'not_finished') this.screen = 'unfinished';
    else if (outcome.code === 'proof_invalid') {
      // The owner check expired (30 minutes): ask for the digits again, keeping what the citizen chose and wrote.
      this.proof = '';
      this.screen = 'form';
      this.verifyError = this.t('satisfaction.verify.again');
    } else {
      this.rejectedCode = outcome.code;
      this.screen = 'rejected';
    }
    this.announcement = this.screenText();
  }

  private screenText(): string {
    switch (this.screen) {
      case 'thanks':
        return this.t('satisfaction.thanks');
      case 'already':
        return this.t('satisfaction.alreadyRated');
      case 'saved':
        return this.t('satisfaction.saved');
      case 'rejected':
        return this.t('satisfaction.rejected', { code: this.rejectedCode });
      case 'unfinished':
        return this.t('satisfaction.unfinished');
      default:
        return '';
    }
  }

  /** The rating to record; `dossier` is the online form's dossier code, checked. */
  private buildRating(overall: SatisfactionLevel, dossier?: CheckedCode): Rating {
    const rating: Rating = {
      agency: this.agencyCode(dossier),
      channel: this.mode === 'kiosk' ? 'kiosk' : 'online',
      overall,
      ratedAt: new Date().toISOString(),
    };
    if (this.mode === 'online' && this.dossier) rating.dossierCode = dossier?.code ?? this.dossier.trim();
    if (this.counter) rating.counter = this.counter;
    if (this.officer) rating.officer = this.officer;
    if (this.mode === 'online') {
      const criteria = Object.fromEntries(Object.entries(this.criteria).filter(([, v]) => v !== undefined)) as Criteria;
      if (Object.keys(criteria).length) rating.criteria = criteria;
      const comment = this.comment.trim();
      if (comment) rating.comment = comment.slice(0, COMMENT_MAX);
    }
    return rating;
  }

  /** Puts the rating in the durable queue (falls back to a direct send if IndexedDB is unavailable). */
  private async record(rating: Rating, proof?: string): Promise<{ key: string; queued: boolean }> {
    try {
      const entry = await this.outbox!.enqueue(rating, proof);
      return { key: entry.key, queued: true };
    } catch {
      const key = crypto.randomUUID();
      void this.send(rating, key, proof)
        .then(() => this.applyOutcome({ outcome: 'sent' }))
        .catch(() => undefined);
      return { key, queued: false };
    }
  }

  /**
   * Kiosk: one tap records a vote, shows the thank-you screen and locks briefly against double taps. "Chưa hài lòng"
   * first asks which criteria fell short and for a comment (when that step could be loaded); the vote is recorded when
   * sent from there, or when the citizen walks away (`idle-after`).
   */
  async vote(level: SatisfactionLevel, details?: Pick<Rating, 'criteria' | 'comment'>): Promise<void> {
    if (this.screen !== 'form' || Date.now() < this.lockedUntil || !AGENCY_CODE.test(this.agencyCode()) || !this.credential()) return;
    this.lockedUntil = Date.now() + this.lockMs;
    if (!details && this.detail && level === 'not_satisfied' && this.mode === 'kiosk') return this.detail.open();
    const rating = { ...this.buildRating(level), ...details };
    this.screen = 'thanks';
    this.startCountdown();
    this.announcement = this.t('satisfaction.thanks');
    // Focus follows the screen change (the pressed button is gone; focus would fall to <body>).
    this.focusAfterUpdate('.kiosk-thanks h2');
    const { queued } = await this.record(rating);
    this.emit('motcua-rating-submit', { rating, queued });
    if (queued) void this.outbox?.sync();
  }

  /** Opens or closes the criteria; the first opening loads them (and `updateComplete` waits for them). */
  private toggleCriteria(): void {
    this.criteriaOpen = !this.criteriaOpen;
    this.criteriaLoading ??= import('./satisfaction-criteria.js').then(
      (view) => {
        view.adoptCriteriaStyles(this);
        this.criteriaView = view;
      },
      () => {
        // Offline before the section ever loaded: say so, and let the next press try again.
        this.criteriaLoading = undefined;
        this.criteriaOpen = false;
        this.announcement = this.t('satisfaction.criteria.unavailable');
      },
    );
  }

  /** Renders in English once the English terms are there (never half translated). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (!this.resolvedLang.toLowerCase().startsWith('en')) return super.scheduleUpdate();
    // A failed load falls back to Vietnamese and is tried again on the next update.
    english ??= import('./satisfaction.strings.en.js').then(
      ({ en }) => registerDefaults({ en }),
      () => (english = undefined),
    );
    return english.then(() => super.scheduleUpdate());
  }

  protected override updated(): void {
    // An online form loads the dossier-code checker at once, so a press of "Gửi" does not wait for it.
    if (this.mode === 'online') void this.loadCodeCheck().catch(() => undefined);
    // A kiosk loads its "Chưa hài lòng" step at once, so the step is there when the network drops later.
    this.detailLoading ??=
      this.mode === 'kiosk'
        ? import('./satisfaction-kiosk-detail.js').then(
            ({ KioskDetail }) => (this.detail = new KioskDetail(this)),
            // Not loaded (offline since the page opened): "Chưa hài lòng" is recorded in one tap, as the others.
            () => (this.detailLoading = undefined),
          )
        : undefined;
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    await this.criteriaLoading;
    await super.getUpdateComplete();
    // An online form's first render loads the dossier-code checker (a failed load is said when the citizen sends).
    await this.codeCheck?.catch(() => undefined);
    // A kiosk's first render loads its chunk, which renders again (e.g. the set-up screen's terms).
    await this.detailLoading;
    return super.getUpdateComplete();
  }

  /** Moves focus to `selector` in the shadow root once the next render is committed. */
  private focusAfterUpdate(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  /** Kiosk: back to the question, with nothing of the previous citizen left. */
  reset(): void {
    this.detail?.close();
    // Focus inside the widget (the "Xong" button, the thank-you heading) moves to the question, not to <body>.
    if (this.shadowRoot?.activeElement) this.focusAfterUpdate('#question');
    clearInterval(this.tick);
    this.tick = undefined;
    this.countdown = 0;
    this.overall = undefined;
    this.criteria = {};
    this.comment = '';
    this.criteriaOpen = false;
    this.error = '';
    this.announcement = '';
    this.screen = 'form';
  }

  private startCountdown(): void {
    clearInterval(this.tick);
    this.countdown = Math.max(1, Math.round(this.resetAfter || 10));
    this.tick = setInterval(() => {
      this.countdown--;
      if (this.countdown <= 0) this.reset();
    }, 1000);
  }

  private done(): void {
    if (Date.now() < this.lockedUntil) return;
    this.lockedUntil = Date.now() + this.lockMs;
    this.reset();
  }

  private async submitOnline(event: Event): Promise<void> {
    event.preventDefault();
    if (this.screen !== 'form') return;
    if (!this.overall) {
      this.error = this.t('satisfaction.required');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input[name="overall"]')?.focus();
      return;
    }
    this.error = this.verifyError = '';
    const field = (id: string): string => this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.value.trim() ?? '';
    let check: (typeof import('./satisfaction-code.js'))['splitDossierCode'];
    try {
      check = (await this.loadCodeCheck()).splitDossierCode;
    } catch {
      // Offline since the form showed: nothing is sent or lost, the citizen's choices stay for the next press.
      if (this.proof) this.error = this.t('satisfaction.verify.offline');
      else this.verifyError = this.t('satisfaction.verify.offline');
      return;
    }
    let proof = this.proof;
    if (!proof) {
      // The owner's proof, asked for in this form: the dossier code (unless given) and the last four phone digits.
      const code = check(this.dossier || field('code'));
      const digits = field('digits');
      if (!code || !/^\d{4}$/.test(digits)) {
        this.verifyError = this.t(code ? 'satisfaction.verify.digits' : 'satisfaction.verify.code');
        return;
      }
      this.screen = 'sending';
      try {
        const owner = await this.resolveClient().verifyDossier(code.code, digits);
        this.dossier = code.code;
        if (owner.rated) this.screen = 'already';
        else if (owner.status !== 'resolved' && owner.status !== 'returned') this.screen = 'unfinished';
        proof = owner.ratingProof?.token ?? '';
      } catch (error) {
        const { status, retryAfter = 60 } = errorInfo(error);
        this.screen = 'form';
        this.verifyError =
          status === 429
            ? this.t('satisfaction.verify.limited', { n: Math.ceil(retryAfter / 60) })
            : this.t(status === 404 ? 'satisfaction.verify.failed' : 'satisfaction.verify.offline');
        return;
      }
      if (this.screen !== 'sending') {
        this.announcement = this.screenText();
        return;
      }
    }
    const rating = this.buildRating(this.overall, this.dossier ? check(this.dossier) : undefined);
    this.screen = 'sending';
    const { key, queued } = await this.record(rating, proof);
    this.awaitingKey = key;
    this.emit('motcua-rating-submit', { rating, queued });
    if (!queued) return;
    let report = await this.outbox?.sync();
    if (this.awaitingKey === key && !report?.outcomes.has(key)) report = await this.outbox?.sync();
    if (this.awaitingKey === key) this.applyOutcome(report?.outcomes.get(key));
    if (this.awaitingKey === key) {
      this.screen = 'saved';
      this.announcement = this.screenText();
    }
  }

  override render(): TemplateResult {
    const configured = AGENCY_CODE.test(this.agencyCode());
    return html`<div part="base" class="base ${this.mode}">
      ${!configured && this.mode === 'kiosk' ? html`<p part="message" class="message error">${this.t('satisfaction.config')}</p>` : nothing}
      ${this.mode === 'kiosk' ? this.renderKiosk(configured) : this.renderOnline()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  private renderKiosk(configured: boolean): TemplateResult {
    const staff = html`<div part="staff" class="staff">
      <span class="visually-hidden">${this.t('satisfaction.staff.label')}:</span>
      ${this.counter ? html`<span>${this.t('satisfaction.kiosk.counter', { counter: this.counter.replace(/^\s*(quầy|counter)\s+/i, '') })}</span>` : nothing}
      ${
        this.counts.pending === 0 && this.counts.rejected === 0
          ? html`<span class="sync-ok"><span aria-hidden="true">✓</span> ${this.t('satisfaction.staff.allSent')}</span>`
          : nothing
      }
      ${
        this.counts.pending > 0
          ? html`<span class="sync-pending"
              ><span aria-hidden="true">⏳</span> ${this.t('satisfaction.staff.pending', { n: this.counts.pending })}</span
            >`
          : nothing
      }
      ${
        this.counts.rejected > 0
          ? html`<span class="sync-rejected"
              ><span aria-hidden="true">⚠</span> ${this.t('satisfaction.staff.rejected', { n: this.counts.rejected })}</span
            >`
          : nothing
      }
      <button type="button" class="link" @click=${() => void this.requestFullscreen?.().catch(() => undefined)}>
        ${this.t('satisfaction.staff.fullscreen')}
      </button>
    </div>`;
    if (configured && (!this.credential() || this.deviceRefused)) {
      // Its terms come with the kiosk's chunk (loaded on the first render, and tried again on each update until it is).
      if (!this.detail) return staff;
      // For the officer setting the kiosk up: no votes are taken until the server will accept them.
      return html`<form part="setup" class="setup message error" novalidate @submit=${(e: Event) => this.saveDevice(e)}>
          <h2>${this.t('satisfaction.setup.title')}</h2>
          <p>${this.t(this.deviceRefused ? 'satisfaction.setup.refused' : 'satisfaction.setup.help')}</p>
          <label for="device">${this.t('satisfaction.setup.label')}</label>
          <input
            id="device"
            part="input"
            autocomplete="off"
            spellcheck="false"
            aria-invalid=${this.verifyError ? 'true' : 'false'}
            aria-describedby=${this.verifyError ? 'device-error' : nothing}
          />
          ${this.verifyError ? html`<p id="device-error" class="error" role="alert">${this.verifyError}</p>` : nothing}
          <button part="button" type="submit">${this.t('satisfaction.setup.save')}</button>
        </form>
        ${staff}`;
    }
    if (this.detail?.active) return html`${this.detail.render()}${staff}`;
    if (this.screen !== 'form') {
      return html`<div part="thanks" class="kiosk-thanks">
          ${FACES.very_satisfied}
          <h2 tabindex="-1">${this.t('satisfaction.thanks')}</h2>
          ${this.readAloud.render()}
          <p>${this.t('satisfaction.thanksDetail')}</p>
          <p part="countdown" class="countdown">${this.t('satisfaction.kiosk.countdown', { n: this.countdown })}</p>
          <button part="button" type="button" class="done" @click=${() => this.done()}>${this.t('satisfaction.kiosk.done')}</button>
        </div>
        ${staff}`;
    }
    return html`<h2 part="question" id="question" class="kiosk-question" tabindex="-1">${this.t('satisfaction.kioskQuestion')}</h2>
      ${this.readAloud.render()}
      <div class="kiosk-choices" role="group" aria-labelledby="question">
        ${LEVELS.map(
          (level) =>
            html`<button
              part="choice"
              type="button"
              class="kiosk-choice level-${level}"
              ?disabled=${!configured}
              @click=${() => void this.vote(level)}
            >
              ${FACES[level]}<span>${this.t(`satisfaction.level.${level}`)}</span>
            </button>`,
        )}
      </div>
      ${staff}`;
  }

  private saveDevice(event: Event): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#device');
    this.verifyError = this.enrol(input?.value ?? '') ? '' : this.t('satisfaction.setup.invalid');
  }

  private renderOnline(): TemplateResult {
    if (this.screen !== 'form' && this.screen !== 'sending') {
      return html`<div part=${this.screen === 'thanks' ? 'thanks' : 'message'} class="message ${this.screen}" data-screen=${this.screen}>
        <h2>${this.screen === 'thanks' ? this.t('satisfaction.thanks') : this.t('satisfaction.heading')}</h2>
        <p>${this.screen === 'thanks' ? this.t('satisfaction.thanksDetail') : this.screenText()}</p>
      </div>`;
    }
    const remaining = COMMENT_MAX - this.comment.length;
    return html`<form class="online" novalidate @submit=${(e: Event) => void this.submitOnline(e)}>
      <h2 part="question">${this.t('satisfaction.heading')}</h2>
      ${this.dossier ? html`<p class="muted">${this.t('satisfaction.dossier', { code: this.dossier })}</p>` : nothing}
      ${
        this.proof
          ? nothing
          : html`<fieldset class="owner" aria-describedby=${this.verifyError ? 'verify-error' : nothing}>
              <legend>${this.t('satisfaction.verify.legend')}</legend>
              ${
                this.dossier
                  ? nothing
                  : html`<label for="code">${this.t('satisfaction.verify.codeLabel')}</label>
                      <input id="code" part="input" autocomplete="off" spellcheck="false" />`
              }
              <label for="digits">${this.t('satisfaction.verify.digitsLabel')}</label>
              <input id="digits" part="input" inputmode="numeric" autocomplete="off" maxlength="4" size="6" />
              ${this.verifyError ? html`<p id="verify-error" class="error" role="alert">${this.verifyError}</p>` : nothing}
            </fieldset>`
      }
      <fieldset class="overall" aria-describedby=${this.error ? 'overall-error' : nothing}>
        <legend>${this.t('satisfaction.question')}</legend>
        <div class="choices">
          ${LEVELS.map(
            (level) =>
              html`<label part="choice" class="choice level-${level}">
                <input
                  type="radio"
                  name="overall"
                  value=${level}
                  .checked=${this.overall === level}
                  @change=${() => {
                    this.overall = level;
                    this.error = '';
                  }}
                />
                ${FACES[level]}<span>${this.t(`satisfaction.level.${level}`)}</span>
              </label>`,
          )}
        </div>
        ${this.error ? html`<p id="overall-error" class="error" role="alert">${this.error}</p>` : nothing}
      </fieldset>
      <button
        part="button"
        type="button"
        class="secondary"
        aria-expanded=${this.criteriaOpen ? 'true' : 'false'}
        aria-controls="criteria"
        @click=${() => this.toggleCriteria()}
      >
        ${this.t('satisfaction.criteria.toggle')}
      </button>
      <div id="criteria" part="criteria" class="criteria" ?hidden=${!this.criteriaOpen}>
        ${
          this.criteriaView?.criteriaTemplate({
            t: (key) => this.t(key),
            criteria: this.criteria,
            levels: LEVELS,
            change: (criteria) => (this.criteria = criteria),
          }) ?? nothing
        }
      </div>
      <div part="comment" class="comment">
        <label for="comment">${this.t('satisfaction.comment')}</label>
        <p id="comment-help" class="muted">${this.t('satisfaction.commentHelp')}</p>
        <textarea
          id="comment"
          rows="4"
          maxlength=${COMMENT_MAX}
          aria-describedby="comment-help comment-counter"
          .value=${this.comment}
          @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value.slice(0, COMMENT_MAX))}
        ></textarea>
        <p id="comment-counter" class="muted counter" aria-live=${remaining <= 100 ? 'polite' : 'off'}>
          ${this.t('satisfaction.counter', { n: remaining, max: COMMENT_MAX })}
        </p>
      </div>
      <button part="button" type="submit" ?disabled=${this.screen === 'sending'}>
        ${this.screen === 'sending' ? this.t('satisfaction.sending') : this.t('satisfaction.submit')}
      </button>
    </form>`;
  }
}
