import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { checkDossierCode, type MotcuaClient } from '@motcua/sdk';
import type { Criteria, Rating, SatisfactionLevel } from '@motcua/sdk/schemas';
import { MotcuaElement } from '../../internal/motcua-element.js';
import { ConnectionController, sharedClient } from '../../internal/client-resolver.js';
import { RatingQueue, type Outcome, type SyncReport } from '../../internal/rating-queue.js';
import { styles } from './satisfaction.styles.js';
import './satisfaction.strings.js';

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

type Screen = 'form' | 'sending' | 'thanks' | 'saved' | 'already' | 'rejected';

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

/** A valid dossier code in its normal form, and its agency (the SDK's check, without its message tables). */
function splitDossierCode(raw: string): { code: string; agency: string } | undefined {
  const result = checkDossierCode(raw);
  return result.ok ? result.value : undefined;
}

/**
 * Collects a citizen's satisfaction rating (đánh giá mức độ hài lòng), online for one dossier or on a counter kiosk.
 * Every rating is written to an IndexedDB queue with an idempotency key before it is sent, and removed only when the
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
 * @attr lock-ms - Kiosk mode: milliseconds taps are ignored after a vote, against double taps (default 1500).
 * @attr queue - Name of the device's rating queue (IndexedDB database, default `motcua-ratings`).
 * @attr api - Base URL of the motcua API (default: the portal's, else `/api/v1` on this site).
 * @attr lang - Language (`vi` default, `en`).
 *
 * @csspart base - The wrapper.
 * @csspart question - The question heading.
 * @csspart choice - Each satisfaction choice (kiosk buttons, online radio cards).
 * @csspart criteria - The Decree 61 criteria section.
 * @csspart comment - The comment box.
 * @csspart button - Submit, Done and other buttons.
 * @csspart thanks - The thank-you screen.
 * @csspart countdown - The kiosk's visible countdown.
 * @csspart message - Already rated, saved offline and rejected notices.
 * @csspart staff - The kiosk's small staff indicator of pending and rejected ratings.
 *
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
    lockMs: { type: Number, attribute: 'lock-ms' },
    queue: {},
    client: { attribute: false },
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
  lockMs = 1500;
  /** Name of the device's rating queue (IndexedDB database); widgets with the same name share one queue. */
  queue = 'motcua-ratings';

  /** A client to use instead of the portal's or the widget's own (e.g. with a custom `fetch`). */
  client?: MotcuaClient;

  /** Client, agency and language from the nearest `<motcua-portal>`, or from this widget's own attributes. */
  protected readonly connection = new ConnectionController(this);

  private screen: Screen = 'form';
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

  private outbox?: RatingQueue;
  private awaitingKey: string | undefined;
  private lockedUntil = 0;
  private tick: ReturnType<typeof setInterval> | undefined;
  private dossierController?: AbortController;

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
      send: (rating, key) => this.resolveClient().submitRating(rating, { idempotencyKey: key }),
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
    this.dossierController?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('dossier') && this.mode === 'online' && this.dossier) void this.checkDossier();
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

  private agencyCode(): string {
    // A dossier belongs to the agency named in its code (a provincial portal may hold several communes).
    return (this.mode === 'online' && this.dossier ? splitDossierCode(this.dossier)?.agency : undefined) ?? this.connection.agency;
  }

  private async checkDossier(): Promise<void> {
    this.dossierController?.abort();
    const controller = new AbortController();
    this.dossierController = controller;
    try {
      const status = await this.resolveClient().getDossier(this.dossier, { signal: controller.signal });
      if (!controller.signal.aborted && status.rated && this.screen === 'form') this.screen = 'already';
    } catch {
      // Not fatal (or aborted): the rating can still be made; the server answers 409 if it was rated already.
    }
  }

  private applyOutcome(outcome: Outcome | undefined): void {
    if (!outcome || outcome.outcome === 'pending') return;
    this.awaitingKey = undefined;
    if (this.mode === 'kiosk') return; // the kiosk already thanked the citizen; staff see the counts
    if (outcome.outcome === 'sent') this.screen = 'thanks';
    else if (outcome.code === 'already_rated') this.screen = 'already';
    else {
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
      default:
        return '';
    }
  }

  private buildRating(overall: SatisfactionLevel): Rating {
    const rating: Rating = {
      agency: this.agencyCode(),
      channel: this.mode === 'kiosk' ? 'kiosk' : 'online',
      overall,
      ratedAt: new Date().toISOString(),
    };
    if (this.mode === 'online' && this.dossier) rating.dossierCode = splitDossierCode(this.dossier)?.code ?? this.dossier.trim();
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
  private async record(rating: Rating): Promise<{ key: string; queued: boolean }> {
    try {
      const entry = await this.outbox!.enqueue(rating);
      return { key: entry.key, queued: true };
    } catch {
      const key = crypto.randomUUID();
      void this.resolveClient()
        .submitRating(rating, { idempotencyKey: key })
        .then(() => this.applyOutcome({ outcome: 'sent' }))
        .catch(() => undefined);
      return { key, queued: false };
    }
  }

  /** Kiosk: one tap records a vote, shows the thank-you screen and locks briefly against double taps. */
  async vote(level: SatisfactionLevel): Promise<void> {
    if (this.screen !== 'form' || Date.now() < this.lockedUntil || !AGENCY_CODE.test(this.agencyCode())) return;
    this.lockedUntil = Date.now() + this.lockMs;
    const rating = this.buildRating(level);
    this.screen = 'thanks';
    this.startCountdown();
    this.announcement = this.t('satisfaction.thanks');
    const { queued } = await this.record(rating);
    this.emit('motcua-rating-submit', { rating, queued });
    if (queued) void this.outbox?.sync();
  }

  /** Opens or closes the criteria; the first opening loads them (and `updateComplete` waits for them). */
  private toggleCriteria(): void {
    this.criteriaOpen = !this.criteriaOpen;
    this.criteriaLoading ??= import('./satisfaction-criteria.js').then(
      (view) => (this.criteriaView = view),
      () => {
        // Offline before the section ever loaded: say so, and let the next press try again.
        this.criteriaLoading = undefined;
        this.criteriaOpen = false;
        this.announcement = this.t('satisfaction.criteria.unavailable');
      },
    );
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    await this.criteriaLoading;
    return super.getUpdateComplete();
  }

  /** Kiosk: back to the question, with nothing of the previous citizen left. */
  reset(): void {
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
    this.error = '';
    const rating = this.buildRating(this.overall);
    this.screen = 'sending';
    const { key, queued } = await this.record(rating);
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
      ${!configured && (this.mode === 'kiosk' || !this.dossier) ? html`<p part="message" class="message error">${this.t('satisfaction.config')}</p>` : nothing}
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
    if (this.screen !== 'form') {
      return html`<div part="thanks" class="kiosk-thanks">
          ${FACES.very_satisfied}
          <h2>${this.t('satisfaction.thanks')}</h2>
          <p>${this.t('satisfaction.thanksDetail')}</p>
          <p part="countdown" class="countdown">${this.t('satisfaction.kiosk.countdown', { n: this.countdown })}</p>
          <button part="button" type="button" class="done" @click=${() => this.done()}>${this.t('satisfaction.kiosk.done')}</button>
        </div>
        ${staff}`;
    }
    return html`<h2 part="question" id="question" class="kiosk-question">${this.t('satisfaction.kioskQuestion')}</h2>
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

  private renderOnline(): TemplateResult {
    if (this.screen === 'thanks' || this.screen === 'already' || this.screen === 'saved' || this.screen === 'rejected') {
      return html`<div part=${this.screen === 'thanks' ? 'thanks' : 'message'} class="message ${this.screen}" data-screen=${this.screen}>
        <h2>${this.screen === 'thanks' ? this.t('satisfaction.thanks') : this.t('satisfaction.heading')}</h2>
        <p>${this.screen === 'thanks' ? this.t('satisfaction.thanksDetail') : this.screenText()}</p>
      </div>`;
    }
    const remaining = COMMENT_MAX - this.comment.length;
    return html`<form class="online" novalidate @submit=${(e: Event) => void this.submitOnline(e)}>
      <h2 part="question">${this.t('satisfaction.heading')}</h2>
      ${this.dossier ? html`<p class="muted">${this.t('satisfaction.dossier', { code: this.dossier })}</p>` : nothing}
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
