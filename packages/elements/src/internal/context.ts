import { createContext } from '@lit/context';
import type { MotcuaClient } from '@motcua/sdk';

/** What `<motcua-portal>` provides to the widgets inside it. */
export interface PortalContext {
  /** Undefined when the portal has no `api` (nor `client`): the widgets show their missing-API error. */
  client?: MotcuaClient | undefined;
  /** Base URL of the API, e.g. `https://example.gov.vn/api/v1`. */
  api: string;
  /** Agency e-ID, e.g. `000.00.06.H56`. */
  agency: string;
  /** Language of the widgets, e.g. `vi`. */
  lang: string;
}

/** The portal's context: undefined until the portal has updated once (the widgets inside wait for it until then). */
export const portalContext = createContext<PortalContext | undefined>(Symbol.for('motcua.portal'));
