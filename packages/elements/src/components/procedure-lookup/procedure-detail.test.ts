// The detail view's QR card on a page of its own (a test file is a page: no other test has loaded the card's code).
import { expect, fixture, html } from '@open-wc/testing';
import './procedure-lookup.js';
import type { MotcuaProcedureLookup } from './procedure-lookup.component.js';
import { AGENCY, API, shadowQuery } from './test-helpers.js';

describe('<motcua-procedure-lookup> detail: the QR card', () => {
  it('draws the QR card of an open procedure when the page is printed, though the citizen never scrolled to it', async () => {
    const qrCode = () => performance.getEntriesByType('resource').some((e) => e.name.includes('/qr-card/qr-card.'));
    const el = await fixture<MotcuaProcedureLookup>(
      html`<motcua-procedure-lookup api=${API} agency=${AGENCY} no-history></motcua-procedure-lookup>`,
    );
    el.select('1.001193');
    await shadowQuery(el, '[part~="submit-online"]', 'no detail');
    await el.updateComplete;
    const card = el.shadowRoot!.querySelector<HTMLElement>('motcua-qr-card')!;
    expect(card.getBoundingClientRect().top, 'the card starts below the screen').to.be.greaterThan(window.innerHeight * 1.5);
    expect(qrCode(), 'the QR card loaded before it was needed').to.equal(false);
    window.dispatchEvent(new Event('beforeprint'));
    await shadowQuery(card, 'svg[part~="qr"]', 'the QR card was not drawn for printing');
    await expect(el).to.be.accessible();
  });
});
