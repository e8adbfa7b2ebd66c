import { html, css } from 'lit';
import { ContextProvider } from '@lit/context';
import type { MotcuaClient } from '@motcua/sdk';
import { MotcuaElement } from '../../internal/motcua-element.js';
import { baseStyles } from '../../internal/base.styles.js';
import { portalContext, type PortalContext } from '../../internal/context.js';
import { resolveApi, sharedClient } from '../../internal/client-resolver.js';
import { ensureContextRoot } from '../../internal/portal-context.js';

/**
 * Gives every motcua widget inside it the same API client, agency and language, so the webmaster writes them once.
 * Several portals can sit on one page (a provincial page listing several communes); each widget uses the nearest one.
 * It works in any order: widgets that upgrade before the portal receive its values when it arrives.
 *
 * @tag motcua-portal
 * @summary Provides the API, agency and language to the widgets inside it.
 * @slot - The widgets and any other content.
 * @attr api - Base URL of the motcua API, absolute or relative to the page, e.g. `https://dichvucong.example.gov.vn/api/v1`.
 * @attr agency - Agency e-ID (mã định danh), e.g. `000.00.06.H56`.
 * @attr lang - Language of the widgets inside (`vi` default, `en`); when empty, the page's language.
 */
export class MotcuaPortal extends MotcuaElement {
  static override properties = {
    api: {},
    agency: {},
    client: { attribute: false },
  };
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
    `,
  ];

  /** Base URL of the motcua API. */
  api = '';
  /** Agency e-ID, e.g. `000.00.06.H56`. */
  agency = '';
  /** A ready client to use instead of creating one from `api` (for tests, or a custom `fetch`). Property only. */
  client?: MotcuaClient;

  private readonly provider = new ContextProvider(this, { context: portalContext, initialValue: undefined });

  constructor() {
    super();
    ensureContextRoot();
  }

  /**
   * The value the widgets receive, set at the portal's first update (its properties are all in then, a property set
   * before the element upgraded too), and after each change. Until then the widgets inside wait (they show their loading
   * state); a portal without `api` (or `client`), or whose `api` is not a URL, provides no client: they show their
   * missing-API error.
   */
  get value(): PortalContext {
    let client = this.client;
    let api = '';
    try {
      if (this.api) {
        api = resolveApi(this.api);
        client ??= sharedClient(this.api);
      }
    } catch {
      // An `api` that is not a URL: no client.
    }
    return { client, api, agency: this.agency.trim(), lang: this.lang };
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!this.hasUpdated || changed.has('api') || changed.has('agency') || changed.has('client') || changed.has('lang')) {
      this.provider.setValue(this.value);
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
