// What the lookup downloads only on use, on a page of its own (a test file is a page: no other test has loaded that
// code yet): the search code when the citizen comes to search, the detail's QR card when it is near the screen.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './procedure-lookup.js';
import type { MotcuaProcedureLookup } from './procedure-lookup.component.js';
import { AGENCY, API, shadowQuery, text, type } from './test-helpers.js';

const loaded = (part: string): boolean => performance.getEntriesByType('resource').some((e) => e.name.includes(part));

describe('<motcua-procedure-lookup>: code loaded on use', () => {
  it('lists the catalog without the search code, loads it when the citizen focuses the box, and finds as typed', async () => {
    const el = await fixture<MotcuaProcedureLookup>(
      html`<motcua-procedure-lookup api=${API} agency=${AGENCY} no-history></motcua-procedure-lookup>`,
    );
    await shadowQuery(el, '[part~="result-name"]', 'the catalog was not listed');
    expect(loaded('/text/search.'), 'the search code loaded before anyone searched').to.equal(false);
    expect(loaded('/text/synonyms.'), 'the vocabulary loaded before anyone searched').to.equal(false);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#input')!;
    input.focus();
    await waitUntil(() => loaded('/text/search.') && loaded('/text/synonyms.'), 'focusing the box did not load the search', {
      timeout: 10_000,
    });
    type(input, 'xin sổ đỏ');
    await el.updateComplete;
    await waitUntil(() => /quyền sử dụng đất/i.test(text(el.shadowRoot!.querySelector('[part~="result-name"]'))), 'sổ đỏ not found', {
      timeout: 10_000,
    });
    expect(text(el.shadowRoot!.querySelector('[part~="count"]'))).to.match(/phù hợp/);
  });

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
