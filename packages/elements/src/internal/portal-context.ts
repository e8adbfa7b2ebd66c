/**
 * The widgets' side of `<motcua-portal>` with `@lit/context`: the `ContextRoot` that lets a portal upgrade after its
 * widgets, and each widget's `ContextConsumer`. Loaded only on pages with a portal (see client-resolver.ts), by the
 * portal's chunk or by the first widget that connects inside a `<motcua-portal>` element.
 * @module
 */
import { ContextConsumer, ContextRoot } from '@lit/context';
import { isServer } from 'lit';
import { portalContext } from './context.js';
import { setPortalConsumer, type ConnectionHost } from './client-resolver.js';

const ROOT_KEY = Symbol.for('motcua.context-root');

/** Attaches one `ContextRoot` to the document (once per page, even with two copies of the script). */
export function ensureContextRoot(): void {
  const g = globalThis as unknown as Record<symbol, unknown>;
  if (isServer || g[ROOT_KEY] || typeof document === 'undefined') return;
  g[ROOT_KEY] = true;
  new ContextRoot().attach(document.documentElement);
}

setPortalConsumer((host: ConnectionHost) => {
  ensureContextRoot();
  return new ContextConsumer(host, { context: portalContext, subscribe: true });
});
