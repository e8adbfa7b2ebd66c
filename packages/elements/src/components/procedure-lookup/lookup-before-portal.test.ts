// The look-up inside a portal whose code has not run yet (the embed loader fetches every widget's chunk at once, and the
// look-up's may run first): no "missing API" error flashes, and it keeps the page's loading space (`:state(loading)`)
// until its list, so the content under it does not jump up for a frame (and lazy widgets there do not start loading).
// A file of its own: the portal must not be defined when the test starts (the other look-up tests import it).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './procedure-lookup.js';
import type { MotcuaProcedureLookup } from './procedure-lookup.component.js';
import { AGENCY, API } from './test-helpers.js';

describe('<motcua-procedure-lookup> in a portal that has not run yet', () => {
  it("shows its loading status, not an error, keeps the loading state, then lists the portal agency's procedures", async () => {
    expect(customElements.get('motcua-portal'), 'the portal must not be defined yet').to.equal(undefined);
    const portal = await fixture<HTMLElement>(
      html`<motcua-portal api=${API} agency=${AGENCY}><motcua-procedure-lookup no-history></motcua-procedure-lookup></motcua-portal>`,
    );
    const el = portal.querySelector<MotcuaProcedureLookup>('motcua-procedure-lookup')!;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="error"]'), 'an error shows while the portal is on its way').to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~="status"]')?.textContent ?? '').to.match(/đang tải/i);
    expect(el.matches(':state(loading)'), 'the page keeps no space for the list while the portal is on its way').to.equal(true);
    await import('../portal/portal.js');
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[role="option"]').length > 0, 'the catalog did not load', { timeout: 10_000 });
    expect(el.matches(':state(loading)')).to.equal(false);
    expect(el.shadowRoot!.querySelector('[part="error"]')).to.equal(null);
  });
});
