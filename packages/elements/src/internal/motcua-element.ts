import { LitElement, isServer, type PropertyDeclarations } from 'lit';
import { DEFAULT_LANG, onTranslationChange, translate } from './i18n.js';
import { followTextScale } from './text-size.js';

/** Events the motcua components emit, with their `detail` types. Components augment it. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MotcuaEventMap {}

/**
 * The base class of every motcua component: safe registration, typed events and language resolution.
 * Never extend `LitElement` directly.
 */
export class MotcuaElement extends LitElement {
  /**
   * Registers `tag` for this class unless the tag is already defined, so two copies of the script
   * on one page, or a component imported twice, never throw.
   */
  static define(tag: string): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }

  static override properties: PropertyDeclarations = { lang: { reflect: true } };

  /** Language of the component's text; when empty, the nearest ancestor's `lang`, then `vi`. */
  override lang = '';

  private unsubscribeTranslations?: () => void;
  private langObserver?: MutationObserver;
  private unfollowTextScale?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribeTranslations = onTranslationChange(() => this.requestUpdate());
    // Follow a language switch on <html lang> (or the nearest ancestor with `lang`).
    this.langObserver = new MutationObserver(() => this.requestUpdate());
    const source = this.parentElement?.closest('[lang]') ?? document.documentElement;
    this.langObserver.observe(source, { attributes: true, attributeFilter: ['lang'] });
    // The citizen's text size (chosen in any widget, kept per device): `--motcua-text-scale` on the host.
    this.unfollowTextScale = followTextScale(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribeTranslations?.();
    this.langObserver?.disconnect();
    this.unfollowTextScale?.();
  }

  /** The resolved language: the element's own `lang`, the nearest ancestor's, then `vi`. */
  get resolvedLang(): string {
    if (this.lang) return this.lang;
    // Server-side rendering (@lit-labs/ssr) has no document tree to look up: the element's own `lang`, then `vi`.
    if (isServer) return DEFAULT_LANG;
    const ancestor = this.parentElement?.closest('[lang]')?.getAttribute('lang');
    if (ancestor) return ancestor;
    // Inside another component's shadow root: look at the host's language.
    const root = this.getRootNode();
    if (root instanceof ShadowRoot && root.host instanceof MotcuaElement) return root.host.resolvedLang;
    return document.documentElement.lang || DEFAULT_LANG;
  }

  /** Translates `key` into the resolved language. */
  protected t(key: string, params?: Record<string, string | number>): string {
    return translate(this.resolvedLang, key, params);
  }

  /** Dispatches a typed event that bubbles and crosses shadow roots. Returns false if it was cancelled. */
  emit<K extends keyof MotcuaEventMap>(name: K, detail: MotcuaEventMap[K], options: { cancelable?: boolean } = {}): boolean {
    const event = new CustomEvent(name, { bubbles: true, composed: true, cancelable: options.cancelable ?? false, detail });
    return this.dispatchEvent(event);
  }
}
