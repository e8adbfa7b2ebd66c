// Hydration: markup rendered by @lit-labs/ssr in Node (declarative shadow DOM) becomes a live component in the
// browser without being thrown away and re-rendered: the server's input is the one the user types into.
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import { expect, waitUntil } from '@open-wc/testing';
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
  // Rendered before the test, with a time budget of its own: the render is a Node process started through tsx, which
  // took 17 s on a loaded machine (load 34), most of the test's 20 s before hydration was even tried.
  let markup = '';
  before(async function () {
    this.timeout(120_000);
    markup = await executeServerCommand<string, { tag: string; attributes: Record<string, string> }>('motcua-ssr', {
      tag: 'motcua-procedure-lookup',
      attributes: { api: API, agency: AGENCY, 'no-history': '' },
    });
  });

  it('a server-rendered lookup keeps its server DOM, loads the catalog and filters what the user types', async () => {
    const container = insertServerMarkup(markup);
    try {
      const host = container.querySelector('motcua-procedure-lookup')!;
      // Before any script: the server's shadow root is already there, with the label and the search box.
      expect(customElements.get('motcua-procedure-lookup')).to.equal(undefined);
      const serverInput = host.shadowRoot?.querySelector<HTMLInputElement>('#input');
      expect(serverInput, 'the declarative shadow root has the search box').to.be.instanceOf(HTMLInputElement);
      expect(host.shadowRoot!.querySelector('label')?.textContent?.trim()).to.equal('Tìm thủ tục');

      await import('../../packages/elements/src/components/procedure-lookup/procedure-lookup.js');
      await (host as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
      expect(host.shadowRoot!.querySelector('#input'), 'hydration kept the server DOM').to.equal(serverInput);

      await waitUntil(() => host.shadowRoot!.querySelector('[part~="count"]'), 'the catalog did not load', { timeout: 10_000 });
      serverInput!.value = 'khai sinh';
      serverInput!.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await waitUntil(
        () => [...host.shadowRoot!.querySelectorAll('[part~="result-name"]')].some((n) => /khai sinh/i.test(n.textContent ?? '')),
        'typing into the hydrated search box found nothing',
      );
    } finally {
      container.remove();
    }
  });
});
