/**
 * The kiosk's "Chưa hài lòng" step, loaded as its own chunk (most votes are one tap on a face, and the satisfaction
 * page has a size ceiling): which Decree 61 criterion fell short, as big icon buttons a citizen can tap several of, an
 * optional short comment typed on the kiosk's on-screen keyboard, and the inactivity countdown that returns the kiosk
 * to its start screen when the citizen walks away. Its terms (Vietnamese and English) and styles come with it.
 * @module
 */
import {
  adoptStyles,
  css,
  html,
  nothing,
  svg,
  type ReactiveController,
  type ReactiveElement,
  type SVGTemplateResult,
  type TemplateResult,
} from 'lit';
import { CRITERIA, type Criteria, type Criterion, type Rating } from '@motcua/sdk/schemas';
import './satisfaction-kiosk-detail.strings.js';

/** What the kiosk asks about: Decree 61 indices 1–9 (a shortfall is scored 0) and 10, convenience ("not satisfied"). */
export type KioskCriterion = Criterion | 'convenience';
export const KIOSK_CRITERIA: readonly KioskCriterion[] = [...CRITERIA, 'convenience'];
/** The kiosk's comment is short: typed standing, on a touch keyboard (the server accepts up to 1,000 characters). */
export const KIOSK_COMMENT_MAX = 300;

/** The criteria a citizen marked as falling short, as the rating's `criteria` (absent ones stay unanswered). */
export function shortfalls(selected: ReadonlySet<KioskCriterion>): Criteria {
  const criteria: Criteria = {};
  for (const c of KIOSK_CRITERIA) {
    if (!selected.has(c)) continue;
    if (c === 'convenience') criteria.convenience = 'not_satisfied';
    else criteria[c] = 0;
  }
  return criteria;
}

/** Line icons (24×24, stroked with the text colour); decorative, the criterion is written under each. */
const ICONS: Record<KioskCriterion, SVGTemplateResult> = {
  totalTime: svg`<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 3"/>`,
  stepTime: svg`<path d="M6 3h12M6 21h12M7 3c0 5 10 5 10 9s-10 4-10 9M17 3c0 5-10 5-10 9s10 4 10 9"/>`,
  contactCount: svg`<path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z"/>`,
  agencyCount: svg`<path d="M3 21h18M5 21V8l7-4 7 4v13M9 21v-6h6v6M9 11h.01M15 11h.01"/>`,
  oneStopCounter: svg`<path d="M3 13h18v3H3zM5 16v5M19 16v5M9 9a3 3 0 1 0 6 0 3 3 0 0 0-6 0"/>`,
  publicPosting: svg`<path d="M4 4h16v12H4zM8 20l4-4 4 4M7 8h10M7 12h6"/>`,
  staffAttitude: svg`<circle cx="12" cy="7" r="4"/><path d="M4 21c0-4 4-7 8-7s8 3 8 7"/>`,
  feedbackHandling: svg`<path d="M4 5h16v11H9l-5 4zM8 9h8M8 12h5"/>`,
  onlineService: svg`<path d="M3 5h18v11H3zM8 20h8M12 16v4"/>`,
  convenience: svg`<path d="M7 11V5a2 2 0 0 1 4 0v5M11 10V4a2 2 0 0 1 4 0v6M15 10V6a2 2 0 0 1 4 0v8a7 7 0 0 1-7 7h-1a7 7 0 0 1-6-3l-2-4a2 2 0 0 1 3-2l2 2"/>`,
};

/** What the step uses of the satisfaction widget (its translation, live region, timers and vote). */
interface Host extends ReactiveElement {
  t(key: string, values?: Record<string, string | number>): string;
  /** The widget's polite live region. */
  announcement: string;
  /** Seconds without a touch before the kiosk resets (`idle-after`). */
  idleAfter: number;
  /** Taps are ignored until then (double-tap lock). */
  lockedUntil: number;
  vote(level: 'not_satisfied', details: Pick<Rating, 'criteria' | 'comment'>): Promise<void>;
  reset(): void;
}
const ACTIVITY = ['pointerdown', 'keydown', 'input'] as const;
/** The countdown shows (and is announced) for the last this-many seconds. */
const WARN_SECONDS = 10;

/** The step's state, timer and view, as a controller of the satisfaction widget. */
export class KioskDetail implements ReactiveController {
  /** True while the step is on screen. */
  active = false;
  selected = new Set<KioskCriterion>();
  comment = '';
  /** Seconds left when the inactivity countdown is showing, else 0. */
  idleLeft = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastActivity = 0;
  private readonly onActivity = (): void => {
    this.lastActivity = Date.now();
    if (this.idleLeft) {
      this.idleLeft = 0;
      this.host.announcement = '';
      this.host.requestUpdate();
    }
  };

  private readonly host: Host;

  /** `widget` is the satisfaction widget (whose translation, live region and lock are not public API). */
  constructor(widget: ReactiveElement) {
    const host = (this.host = widget as unknown as Host);
    host.addController(this);
    if (host.isConnected) this.hostConnected();
    const root = host.renderRoot;
    if (root instanceof ShadowRoot) adoptStyles(root, [...root.adoptedStyleSheets, detailStyles]);
    host.requestUpdate();
  }

  hostConnected(): void {
    for (const type of ACTIVITY) this.host.addEventListener(type, this.onActivity);
  }

  hostDisconnected(): void {
    for (const type of ACTIVITY) this.host.removeEventListener(type, this.onActivity);
    this.close();
  }

  /** Shows the step with nothing selected, starts the inactivity timer and moves focus to the step's heading. */
  async open(): Promise<void> {
    this.close();
    this.active = true;
    this.lastActivity = Date.now();
    this.timer = setInterval(() => this.tick(), 1000);
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('#detail-heading')?.focus();
  }

  /** Leaves the step and forgets everything in it (selection, comment, countdown). */
  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.active = false;
    this.selected = new Set();
    this.comment = '';
    this.idleLeft = 0;
    this.host.requestUpdate();
  }

  private tick(): void {
    const limit = Math.max(1, Math.round(this.host.idleAfter || 60));
    const left = Math.ceil(limit - (Date.now() - this.lastActivity) / 1000);
    if (left <= 0) {
      void this.send(true);
    } else if (left <= Math.min(WARN_SECONDS, limit)) {
      if (!this.idleLeft) this.host.announcement = this.host.t('satisfaction.kiosk.idle', { n: left });
      this.idleLeft = left;
      this.host.requestUpdate();
    }
  }

  private toggle(criterion: KioskCriterion): void {
    // A double tap on "Chưa hài lòng" must not also mark the criterion that appears under the finger.
    if (Date.now() < this.host.lockedUntil) return;
    if (!this.selected.delete(criterion)) this.selected.add(criterion);
    this.host.requestUpdate();
  }

  /**
   * Sends the vote with the criteria tapped and the comment. When the citizen walked away (`walkedAway`), the vote they
   * made and the criteria they tapped still count, but an unsent comment is dropped.
   */
  private async send(walkedAway: boolean): Promise<void> {
    if (!this.active) return;
    const criteria = shortfalls(this.selected);
    const comment = walkedAway ? '' : this.comment.trim();
    this.close();
    const host = this.host;
    host.lockedUntil = 0;
    await host.vote('not_satisfied', { ...(Object.keys(criteria).length ? { criteria } : {}), ...(comment ? { comment } : {}) });
    // The next citizen finds the start screen; the one who sent sees the thanks. Focus goes to what is new.
    if (walkedAway) host.reset();
    await host.updateComplete;
    host.renderRoot.querySelector<HTMLElement>(walkedAway ? '#question' : '.kiosk-thanks h2')?.focus();
  }

  /** The step: a heading (focused when it opens), the criteria, the comment, the send button and the countdown. */
  render(): TemplateResult {
    const t = (key: string, values?: Record<string, string | number>): string => this.host.t(key, values);
    const remaining = KIOSK_COMMENT_MAX - this.comment.length;
    return html`<h2 part="question" id="detail-heading" class="kiosk-question" tabindex="-1">${t('satisfaction.kiosk.detailQuestion')}</h2>
      <p id="detail-help" class="detail-help">${t('satisfaction.kiosk.detailHelp')}</p>
      <div class="kiosk-criteria" role="group" aria-labelledby="detail-heading" aria-describedby="detail-help">
        ${KIOSK_CRITERIA.map(
          (c) =>
            html`<button
              part="criterion"
              type="button"
              class="kiosk-criterion"
              data-criterion=${c}
              aria-pressed=${this.selected.has(c) ? 'true' : 'false'}
              @click=${() => this.toggle(c)}
            >
              <svg
                viewBox="0 0 24 24"
                aria-hidden="true"
                focusable="false"
                fill="none"
                stroke="currentColor"
                stroke-width="2"
                stroke-linecap="round"
                stroke-linejoin="round"
              >
                ${ICONS[c]}
              </svg>
              <span>${t(`satisfaction.kiosk.c.${c}`)}</span>
            </button>`,
        )}
      </div>
      <div part="comment" class="comment">
        <label for="kiosk-comment">${t('satisfaction.comment')}</label>
        <p id="kiosk-comment-help" class="muted">${t('satisfaction.commentHelp')}</p>
        <textarea
          id="kiosk-comment"
          rows="3"
          maxlength=${KIOSK_COMMENT_MAX}
          autocomplete="off"
          autocapitalize="sentences"
          spellcheck="false"
          enterkeyhint="done"
          aria-describedby="kiosk-comment-help kiosk-comment-counter"
          .value=${this.comment}
          @input=${(e: Event) => {
            this.comment = (e.target as HTMLTextAreaElement).value.slice(0, KIOSK_COMMENT_MAX);
            this.host.requestUpdate();
          }}
          @focus=${(e: Event) => (e.target as HTMLElement).scrollIntoView?.({ block: 'center' })}
        ></textarea>
        <p id="kiosk-comment-counter" class="muted counter" aria-live=${remaining <= 30 ? 'polite' : 'off'}>
          ${t('satisfaction.counter', { n: remaining, max: KIOSK_COMMENT_MAX })}
        </p>
      </div>
      <button part="button" type="button" class="send" @click=${() => void this.send(false)}>${t('satisfaction.kiosk.send')}</button>
      ${
        this.idleLeft ? html`<p part="countdown" class="countdown">${t('satisfaction.kiosk.countdown', { n: this.idleLeft })}</p>` : nothing
      }`;
  }
}

const detailStyles = css`
  .detail-help {
    text-align: center;
    margin: 0;
  }
  .kiosk-criteria {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(176px, 1fr));
    gap: 16px;
  }
  .kiosk-criterion {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 8px;
    min-height: 144px;
    padding: 16px 8px;
    border: 4px solid var(--_border);
    border-radius: calc(var(--_radius) * 2);
    background: var(--_bg);
    color: var(--_text);
    font-weight: 700;
    touch-action: manipulation;
    user-select: none;
  }
  .kiosk-criterion svg {
    width: 64px;
    height: 64px;
    color: var(--_warning);
  }
  .kiosk-criterion[aria-pressed='true'] {
    border-color: var(--_warning);
    border-width: 6px;
    background: var(--_surface);
  }
  .kiosk-criterion[aria-pressed='true'] span::before {
    content: '✓ ';
  }
  .kiosk-criterion:focus-visible,
  .send:focus-visible,
  textarea:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  textarea {
    font: inherit;
    min-height: 3.5em;
  }
  .send {
    align-self: center;
    min-width: 240px;
    min-height: 80px;
    font-size: 1.2em;
    touch-action: manipulation;
  }
`;
