/**
 * What a widget's first render carries of its "Nghe" (Listen) and "Cỡ chữ" (Text size) buttons: this shell. The
 * buttons themselves (`read-aloud.ts`: their controller, styles and terms) load when the widget first has something to
 * read (a procedure's detail, a dossier's status, a kiosk question), so a page that never shows such content does not
 * download them, and one that does gets them with that content. Speech and the size menu still load on first press.
 * @module
 */
import { nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { MotcuaElement } from './motcua-element.js';
import type { ReadAloudController, ReadAloudSource } from './read-aloud.js';

/** The buttons of one widget, loaded on first need: render `render()` where they go, as with the full controller. */
export class LazyReadAloud implements ReactiveController {
  private module?: typeof import('./read-aloud.js');
  private controller?: ReadAloudController;
  private loading?: Promise<void>;

  constructor(
    readonly host: MotcuaElement,
    readonly source: ReadAloudSource,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.module) return this.module.adoptReadAloudStyles(this.host);
    if (this.loading || !this.source.key()) return;
    this.loading = import('./read-aloud.js').then(
      (module) => {
        this.module = module;
        module.adoptReadAloudStyles(this.host);
        this.controller = new module.ReadAloudController(this.host, this.source);
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
