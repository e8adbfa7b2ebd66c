/**
 * What a widget's first render carries of its "Nghe" (Listen) and "Cỡ chữ" (Text size) buttons: this shell. The
 * buttons themselves (`read-aloud.ts`: their controller, styles and terms) load when the widget first has something to
 * read (a procedure's detail, a dossier's status, a kiosk question), so a page that never shows such content does not
 * download them, and one that does gets them with that content. Speech and the size menu still load on first press.
 * @module
 */
import { adoptStyles, nothing, type CSSResult, type ReactiveController, type TemplateResult } from 'lit';
import type { MotcuaElement } from './motcua-element.js';
import type { ReadAloudController, ReadAloudSource } from './read-aloud.js';

/** Shadow roots that got the buttons' styles as a `<style>` element (browsers without constructable style sheets). */
const styled = new WeakSet<ShadowRoot>();

/** Adds `styles` to the widget's shadow root once (again if the widget replaced its adopted sheets meanwhile). */
function adopt(host: MotcuaElement, styles: CSSResult): void {
  const root = host.shadowRoot;
  if (!root) return;
  const sheet = styles.styleSheet;
  if (sheet && root.adoptedStyleSheets) {
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else if (!styled.has(root)) {
    styled.add(root);
    adoptStyles(root, [styles]);
  }
}

/** The buttons of one widget, loaded on first need: render `render()` where they go, as with the full controller. */
export class LazyReadAloud implements ReactiveController {
  private controller?: ReadAloudController;
  private styles?: CSSResult;
  private loading?: Promise<void>;

  constructor(
    readonly host: MotcuaElement,
    readonly source: ReadAloudSource,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.styles) return adopt(this.host, this.styles);
    if (this.loading || !this.source.key()) return;
    this.loading = import('./read-aloud.js').then(
      ({ ReadAloudController, readAloudStyles }) => {
        this.styles = readAloudStyles;
        adopt(this.host, readAloudStyles);
        this.controller = new ReadAloudController(this.host, this.source);
        this.host.requestUpdate();
      },
      // Offline since the page opened: the content shows without the buttons, and the next update tries again.
      () => (this.loading = undefined),
    );
  }

  /** The buttons once loaded (nothing before, and whenever there is nothing to read). */
  render(): TemplateResult | typeof nothing {
    return this.controller ? this.controller.render() : nothing;
  }
}
