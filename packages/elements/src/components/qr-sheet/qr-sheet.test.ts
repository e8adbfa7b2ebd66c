import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import './qr-sheet.js';
import type { MotcuaQrSheet } from './qr-sheet.component.js';
import { AGENCY, API, shadowQuery, text } from '../procedure-lookup/test-helpers.js';

const MM = 96 / 25.4;

async function sheet(extra: { sector?: string } = {}): Promise<MotcuaQrSheet> {
  const el = await fixture<MotcuaQrSheet>(
    extra.sector
      ? html`<motcua-qr-sheet api=${API} agency=${AGENCY} sector=${extra.sector}></motcua-qr-sheet>`
      : html`<motcua-qr-sheet api=${API} agency=${AGENCY}></motcua-qr-sheet>`,
  );
  await shadowQuery(el, '[part~="page"]', 'no pages rendered');
  return el;
}

describe('<motcua-qr-sheet>', () => {
  afterEach(async () => {
    await emulateMedia({ media: 'screen' });
  });

  it('lays every procedure of the agency out as A4 pages of 8 cards, with a Print button', async () => {
    const el = await sheet();
    const cards = el.shadowRoot!.querySelectorAll('[part~="card"]');
    const pages = el.shadowRoot!.querySelectorAll('[part~="page"]');
    expect(cards.length).to.be.greaterThan(300);
    expect(pages.length).to.equal(Math.ceil(cards.length / 8));
    expect(text(el.shadowRoot!.querySelector('[part~="toolbar"] [role="status"]'))).to.equal(
      `${cards.length} thủ tục · ${pages.length} trang A4`,
    );
    expect(text(el.shadowRoot!.querySelector('[part~="print"]'))).to.equal('In bảng mã QR');
  });

  it('filters by sector', async () => {
    const el = await sheet({ sector: 'G15-TP07' });
    const cards = [...el.shadowRoot!.querySelectorAll('[part~="card"]')];
    expect(cards.length).to.be.greaterThan(5);
    expect(cards.every((c) => text(c).includes('Hộ tịch'))).to.equal(true);
  });

  it('prints: toolbar hidden, pages fit A4 at @page margins, no card split, colours exact, calibration mark', async () => {
    const el = await sheet({ sector: 'G15-TP07' });
    await emulateMedia({ media: 'print' });
    await waitUntil(
      () => getComputedStyle(el.shadowRoot!.querySelector('[part~="toolbar"]')!).display === 'none',
      'toolbar still shown in print',
    );
    const pages = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="page"]')];
    const cards = el.shadowRoot!.querySelectorAll('[part~="card"]');
    expect(pages.length).to.equal(Math.ceil(cards.length / 8));
    // The document carries the @page rule (Chromium ignores @page inside shadow roots).
    const rules = document.adoptedStyleSheets.flatMap((s) => [...s.cssRules]).map((r) => r.cssText);
    expect(rules.some((r) => /@page/.test(r) && /size: a4/i.test(r))).to.equal(true, rules.join(' '));
    let counted = 0;
    pages.forEach((page, i) => {
      const box = page.getBoundingClientRect();
      // Printable area of A4 with 10 mm margins: 190 × 277 mm.
      expect(box.width / MM, `page ${i} width`).to.be.at.most(190.5);
      expect(box.height / MM, `page ${i} height`).to.be.at.most(277);
      const style = getComputedStyle(page);
      expect(style.breakAfter, `page ${i} break-after`).to.equal(i === pages.length - 1 ? 'auto' : 'page');
      const inPage = [...page.querySelectorAll<HTMLElement>('[part~="card"]')];
      expect(inPage.length).to.be.at.most(8);
      for (const card of inPage) {
        const c = card.getBoundingClientRect();
        expect(c.top >= box.top - 0.5 && c.bottom <= box.bottom + 0.5, 'card inside its page').to.equal(true);
        const cs = getComputedStyle(card);
        expect(cs.breakInside).to.equal('avoid');
        expect(cs.getPropertyValue('print-color-adjust') || cs.getPropertyValue('-webkit-print-color-adjust')).to.equal('exact');
      }
      counted += inPage.length;
      const bar = page.querySelector<HTMLElement>('.calibration .bar')!;
      expect(Math.round(bar.getBoundingClientRect().width / MM)).to.equal(50);
    });
    expect(counted).to.equal(cards.length);
  });

  it('has no axe violations and speaks English', async () => {
    const el = await fixture<MotcuaQrSheet>(
      html`<motcua-qr-sheet api=${API} agency=${AGENCY} sector="G15-TP07" lang="en"></motcua-qr-sheet>`,
    );
    await shadowQuery(el, '[part~="page"]');
    expect(text(el.shadowRoot!.querySelector('[part~="print"]'))).to.equal('Print the QR sheet');
    await expect(el).to.be.accessible();
  });

  it('shows an error with retry when the agency does not exist', async () => {
    const el = await fixture<MotcuaQrSheet>(html`<motcua-qr-sheet api=${API} agency="999.99.99.H99"></motcua-qr-sheet>`);
    const alert = await shadowQuery(el, '[role="alert"]');
    expect(text(alert)).to.contain('Không tải được');
    expect(alert.querySelector('button')).not.to.equal(null);
  });
});
