// The lookup's search code loads on first use (the embed build, as a webmaster includes it): when it cannot load, the
// lookup says so with a retry instead of "nothing found", and searches once it can. This file imports no component
// sources, so the search chunk is fetched by this test alone. "The network" is cut by the test runner's proxy for
// this browser context (cookie motcua-test-network=down, see web-test-runner.config.mjs).
import { expect, waitUntil } from '@open-wc/testing';

const API = new URL('/api/v1', location.origin).href;
const AGENCY = '000.30.01.H17';
const networkDown = (): void => void (document.cookie = 'motcua-test-network=down; path=/');
const networkUp = (): void => void (document.cookie = 'motcua-test-network=; path=/; max-age=0');
const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<motcua-procedure-lookup> search loaded on use (embed)', () => {
  after(networkUp);

  it('says the search could not load (never "nothing found"), and finds the procedure after a retry', async function () {
    this.timeout(60_000);
    document.body.insertAdjacentHTML(
      'beforeend',
      `<motcua-procedure-lookup api="${API}" agency="${AGENCY}" no-history></motcua-procedure-lookup>`,
    );
    const script = Object.assign(document.createElement('script'), { type: 'module', src: '/embed/latest/motcua.js' });
    document.head.append(script);
    const lookup = document.querySelector('motcua-procedure-lookup')!;
    await waitUntil(() => lookup.shadowRoot?.querySelector('[part~="result-name"]'), 'the catalog was not listed', { timeout: 20_000 });
    const searchChunk = () => performance.getEntriesByType('resource').some((e) => /\/procedure-lookup\.search-[\w-]+\.js$/.test(e.name));
    expect(searchChunk(), 'the search chunk loaded before anyone searched').to.equal(false);

    networkDown();
    const input = lookup.shadowRoot!.querySelector<HTMLInputElement>('input[part~="input"]')!;
    input.value = 'khai sinh';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const alert = await waitUntil(() => lookup.shadowRoot!.querySelector('[role="alert"]'), 'no error when the search could not load', {
      timeout: 20_000,
    }).then(() => lookup.shadowRoot!.querySelector('[role="alert"]')!);
    expect(text(alert)).to.contain('Không tải được bộ tìm kiếm');
    expect(lookup.shadowRoot!.querySelector('[part~="empty"]'), 'said "nothing found" while it could not search').to.equal(null);

    networkUp();
    alert.querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
    await waitUntil(() => /khai sinh/i.test(text(lookup.shadowRoot!.querySelector('[part~="result-name"]'))), 'the retry did not search', {
      timeout: 20_000,
    });
    expect(lookup.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });
});
