/**
 * The "Nghe" (Listen) and "Cỡ chữ" (Text size) buttons of a widget, loaded (by `read-aloud-lazy.ts`) when the widget first
 * has something to read. Speech
 * (`speech.ts`) is loaded on the first press of "Nghe", the size menu (`text-size-menu.ts`) on the first press of
 * "Cỡ chữ". The widget says what to read with `text(lang)`, built from its data (never from its rendered HTML), and
 * `key()`, which changes when the content does: reading then stops.
 * @module
 */
import { adoptStyles, css, html, nothing, type CSSResult, type ReactiveController, type TemplateResult } from 'lit';
import { registerDefaults, translate } from './i18n.js';
import type { MotcuaElement } from './motcua-element.js';

registerDefaults({
  vi: {
    'speech.listen': 'Nghe',
    'speech.stop': 'Dừng đọc',
    'speech.unavailable': 'Chưa tải được phần đọc to. Kiểm tra kết nối mạng rồi bấm lại.',
    'textSize.button': 'Cỡ chữ',
  },
  en: {
    'speech.listen': 'Listen',
    'speech.stop': 'Stop reading',
    'speech.unavailable': 'Reading aloud could not be loaded. Check the network connection and press again.',
    'textSize.button': 'Text size',
  },
});

/** What a widget offers to read. */
export interface ReadAloudSource {
  /** Changes whenever the content to read does; `''` hides the buttons (nothing to read yet). */
  key(): string;
  /** The content in `lang`, as sentences or short paragraphs, built from the widget's data. */
  text(lang: string): string[] | Promise<string[]>;
}

/** Styles of the buttons and the size menu (add to the widget's `static styles`). */
export const readAloudStyles: CSSResult = css`
  .ra {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
    margin: 8px 0;
  }
  .ra button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    min-height: max(var(--_target), 2.2em);
    min-width: max(var(--_target), 2.2em);
    padding: 4px 14px;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_primary);
    font-weight: 700;
  }
  .ra button[aria-pressed='true'] {
    background: var(--_primary);
    color: var(--_primary-text);
  }
  .ra button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .ra [role='group'] {
    display: inline-flex;
    gap: 4px;
    align-items: center;
  }
  .ra-message {
    flex-basis: 100%;
    margin: 0;
  }
`;

/** Shadow roots that got the buttons' styles as a `<style>` element (browsers without constructable style sheets). */
const styled = new WeakSet<ShadowRoot>();

/**
 * Adds {@link readAloudStyles} to the widget's shadow root (the buttons load after the widget's first render, so they are
 * not in its `static styles`): once, and again if the widget replaced its adopted sheets meanwhile.
 */
export function adoptReadAloudStyles(host: MotcuaElement): void {
  const root = host.shadowRoot;
  if (!root) return;
  const sheet = readAloudStyles.styleSheet;
  if (sheet && root.adoptedStyleSheets) {
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else if (!styled.has(root)) {
    styled.add(root);
    adoptStyles(root, [readAloudStyles]);
  }
}

type Speech = typeof import('./speech.js');
type Menu = typeof import('./text-size-menu.js');

/** The buttons' state and behaviour, for one widget. */
export class ReadAloudController implements ReactiveController {
  /** True while this widget is being read. */
  reading = false;
  /** The last message (no voice, not supported), shown in a polite live region. */
  message = '';
  /** A language that can be read instead (Vietnamese when the widget's language has no voice). */
  offer = '';
  /** Counts presses and content changes: a reading that started before the latest one is dropped. */
  run = 0;
  private sizeOpen = false;
  private speech?: Promise<Speech>;
  private menu?: Menu;
  private key = '';

  constructor(
    readonly host: MotcuaElement,
    readonly source: ReadAloudSource,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const key = this.source.key();
    if (key === this.key) return;
    this.key = key;
    // New content: what was being read, and what was said about it, no longer applies.
    if (this.reading || this.message || this.offer) this.stop(true);
  }

  hostDisconnected(): void {
    this.stop(false);
    this.sizeOpen = false;
  }

  private t(key: string): string {
    return translate(this.host.resolvedLang, key);
  }

  /** Stops reading (and forgets the message when `clear`). */
  stop(clear: boolean): void {
    this.run++;
    if (this.reading) void this.speech?.then((speech) => speech.stop());
    this.reading = false;
    if (clear) this.message = this.offer = '';
    this.host.requestUpdate();
  }

  /** Reads the content in `lang` (the widget's language unless Vietnamese was offered instead): speech.ts does it. */
  start(lang = this.host.resolvedLang): void {
    const run = ++this.run;
    this.message = this.offer = '';
    this.reading = true;
    this.host.requestUpdate();
    (this.speech ??= import('./speech.js')).then(
      (speech) => speech.start(this, lang, run),
      () => {
        this.speech = undefined; // a failed chunk load is tried again on the next press
        if (run !== this.run) return;
        this.reading = false;
        this.message = this.t('speech.unavailable');
        this.host.requestUpdate();
      },
    );
  }

  private toggleSize(): void {
    this.sizeOpen = !this.sizeOpen;
    if (this.sizeOpen && !this.menu) {
      import('./text-size-menu.js').then(
        (menu) => ((this.menu = menu), this.host.requestUpdate()),
        () => ((this.sizeOpen = false), this.host.requestUpdate()),
      );
    }
    this.host.requestUpdate();
  }

  /** The buttons, the size menu when open, and the message region; nothing when there is nothing to read. */
  render(): TemplateResult | typeof nothing {
    if (!this.source.key()) return nothing;
    const t = (key: string): string => this.t(key);
    return html`<div part="read-aloud" class="ra">
      <button
        part="listen"
        type="button"
        aria-pressed=${this.reading ? 'true' : 'false'}
        @click=${() => (this.reading ? this.stop(true) : this.start())}
      >
        <span aria-hidden="true">${this.reading ? '■' : '🔊'}</span>${this.reading ? t('speech.stop') : t('speech.listen')}
      </button>
      <button part="text-size" type="button" aria-expanded=${this.sizeOpen ? 'true' : 'false'} @click=${() => this.toggleSize()}>
        <span aria-hidden="true">Aa</span>${t('textSize.button')}
      </button>
      ${this.sizeOpen && this.menu ? this.menu.renderMenu(this.host.resolvedLang, () => this.host.requestUpdate()) : nothing}
      <p part="speech-message" class="ra-message" role="status" aria-live="polite">${this.message}</p>
      ${
        this.offer
          ? html`<button part="listen-offer" type="button" @click=${() => this.start(this.offer)}>
              <span aria-hidden="true">🔊</span>${translate(this.host.resolvedLang, `speech.offer.${this.offer}`)}
            </button>`
          : nothing
      }
    </div>`;
  }
}
