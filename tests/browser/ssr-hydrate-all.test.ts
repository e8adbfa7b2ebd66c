// Hydration of every other component: markup rendered by @lit-labs/ssr in Node is taken over, not re-rendered.
// (Its own file, so its own page: in one page with ssr-hydrate.test.ts's lookup, hydrating the QR sheet after it
// disconnected headless Chromium, seen 3 times out of 3; each file alone passes.)
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

const API = new URL('/api/v1', location.origin).href;
const AGENCY = '000.30.01.H17';

/** Inserts server markup the way a page load does: declarative shadow roots are attached by the HTML parser. */
function insertServerMarkup(markup: string): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  (container as HTMLElement & { setHTMLUnsafe(html: string): void }).setHTMLUnsafe(markup);
  return container;
}

describe('server-rendered components hydrate', () => {
  // Every component, with the attributes a page gives it: hydration takes over the server's shadow DOM (its first
  // rendered element, after the styles, is the same node) and throws no mismatch error.
  const pages: Array<[tag: string, attributes: Record<string, string>]> = [
    ['motcua-portal', { api: API, agency: AGENCY }],
    ['motcua-dossier-tracker', { api: API, agency: AGENCY }],
    ['motcua-satisfaction', { api: API, agency: AGENCY }],
    ['motcua-qr-card', { api: API, agency: AGENCY, procedure: '1.001193' }],
    ['motcua-qr-sheet', { api: API, agency: AGENCY }],
    ['motcua-service-stats', { api: API, agency: AGENCY }],
  ];
  // Rendered before the tests, with a time budget of their own: each render is a Node process started through tsx,
  // which took 17 s on a loaded machine (load 34), most of a test's 20 s before hydration was even tried.
  const markups = new Map<string, string>();
  before(async function () {
    this.timeout(300_000);
    for (const [tag, attributes] of pages)
      markups.set(
        tag,
        await executeServerCommand<string, { tag: string; attributes: Record<string, string> }>('motcua-ssr', { tag, attributes }),
      );
  });
  for (const [tag] of pages) {
    it(`<${tag}> hydrates its server render`, async () => {
      const markup = markups.get(tag)!;
      const container = insertServerMarkup(markup);
      const errors: unknown[] = [];
      const onError = (event: ErrorEvent | PromiseRejectionEvent): void => void errors.push('error' in event ? event.error : event.reason);
      window.addEventListener('error', onError);
      window.addEventListener('unhandledrejection', onError);
      try {
        const host = container.querySelector(tag)!;
        const rendered = (): Element | undefined => [...(host.shadowRoot?.children ?? [])].find((e) => e.localName !== 'style');
        const first = rendered();
        expect(first, 'the declarative shadow root has content').to.be.instanceOf(Element);
        const name = tag.slice('motcua-'.length);
        await import(`../../packages/elements/src/components/${name}/${name}.ts`);
        await (host as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
        expect(errors).to.deep.equal([]);
        expect(rendered(), 'hydration kept the server DOM').to.equal(first);
      } finally {
        window.removeEventListener('error', onError);
        window.removeEventListener('unhandledrejection', onError);
        container.remove();
      }
    });
  }
});
