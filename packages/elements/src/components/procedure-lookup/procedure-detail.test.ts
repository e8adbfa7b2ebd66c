// The detail view's QR card on a page of its own (a test file is a page: no other test has loaded the card's code).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import './procedure-lookup.js';
import type { MotcuaProcedureLookup } from './procedure-lookup.component.js';
import { AGENCY, API, shadowQuery } from './test-helpers.js';

describe('<motcua-procedure-lookup> detail: the QR card', () => {
  it('prints the QR card of an open procedure though the citizen never scrolled to it', async () => {
    const el = await fixture<MotcuaProcedureLookup>(
      html`<motcua-procedure-lookup api=${API} agency=${AGENCY} no-history></motcua-procedure-lookup>`,
    );
    el.select('1.001193');
    await shadowQuery(el, '[part~="submit-online"]', 'no detail');
    await el.updateComplete;
    const card = el.shadowRoot!.querySelector<LitElement>('motcua-qr-card')!;
    expect(card.getBoundingClientRect().top, 'the card starts below the screen').to.be.greaterThan(window.innerHeight * 1.5);
    // The citizen reads the top of the procedure, then prints.
    await waitUntil(() => customElements.get('motcua-qr-card'), 'the QR card’s code did not arrive without scrolling', {
      timeout: 10_000,
    });
    // The browser lays the page out for printing right after the beforeprint handlers and their microtasks: no download
    // fits in between, so what is not drawn by then is not printed.
    window.dispatchEvent(new Event('beforeprint'));
    await card.updateComplete;
    expect(card.shadowRoot?.querySelector('svg[part~="qr"]') ?? null, 'the QR card was not drawn for printing').not.to.equal(null);
    await expect(el).to.be.accessible();
  });
});
