import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import './qr-sheet.js';
import type { MotcuaQrSheet } from './qr-sheet.component.js';
import { translate } from '../../internal/i18n.js';
import { AGENCY, API, shadowQuery, text } from '../procedure-lookup/test-helpers.js';

const MM = 96 / 25.4;

async function sheet(extra: { sector?: string } = {}): Promise<MotcuaQrSheet> {
  const el = await fixture<MotcuaQrSheet>(
    extra.sector
      ? html`<motcua-qr-sheet api=${API} agency=${AGENCY} sector=${extra.sector}></motcua-qr-sheet>`
      : html`<motcua-qr-sheet api=${API} agency=${AGENCY}></motcua-qr-sheet>`,
  );
  await shadowQuery(el, '[part~="page"]', 'no pages rendered');
  await el.ready;
  return el;
}

/** Mounts a sheet of the whole agency and calls `atFirstPage` when the first batch of cards is committed. */
function progressiveSheet(atFirstPage: (el: MotcuaQrSheet, cards: number) => void): MotcuaQrSheet {
  const el = document.createElement('motcua-qr-sheet');
  el.setAttribute('api', API);
  el.setAttribute('agency', AGENCY);
  document.body.append(el);
  let first = true;
  new MutationObserver((_records, observer) => {
    const cards = el.shadowRoot!.querySelectorAll('[part~="card"]').length;
    if (!cards || !first) return;
    first = false;
    observer.disconnect();
    atFirstPage(el, cards);
  }).observe(el.shadowRoot!, { childList: true, subtree: true });
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

  it('shows the first A4 page before the others, which follow in batches; ready resolves with every card', async () => {
    let firstCount = 0;
    let progress = '';
    const el = progressiveSheet((sheet, cards) => {
      firstCount = cards;
      progress = text(sheet.shadowRoot!.querySelector('[part~="progress"]'));
    });
    try {
      await waitUntil(() => firstCount > 0, 'no first page', { timeout: 10_000 });
      await el.ready;
      const cards = el.shadowRoot!.querySelectorAll('[part~="card"]').length;
      expect(firstCount).to.equal(8);
      expect(cards).to.be.greaterThan(300);
      expect(progress).to.equal(`Đang chuẩn bị 8/${cards} thẻ…`);
      expect(el.shadowRoot!.querySelector('[part~="progress"]')!.getAttribute('aria-live')).to.equal('polite');
      expect(text(el.shadowRoot!.querySelector('[part~="progress"]'))).to.equal('');
      expect(el.shadowRoot!.querySelectorAll('[part~="page"]').length).to.equal(Math.ceil(cards / 8));
    } finally {
      el.remove();
    }
  });

  it('the Print button waits for every page; printing from the browser menu completes the pages first', async () => {
    const print = window.print;
    const printedWith: number[] = [];
    window.print = () => void printedWith.push(el.shadowRoot!.querySelectorAll('[part~="card"]').length);
    let atClick = 0;
    const el = progressiveSheet((sheet, cards) => {
      sheet.shadowRoot!.querySelector<HTMLButtonElement>('[part~="print"]')!.click();
      atClick = cards;
    });
    try {
      await waitUntil(() => printedWith.length > 0, 'print not called', { timeout: 10_000 });
      const cards = el.shadowRoot!.querySelectorAll('[part~="card"]').length;
      expect(atClick).to.equal(8);
      expect(printedWith).to.deep.equal([cards]);
      expect(cards).to.be.greaterThan(300);
    } finally {
      window.print = print;
      el.remove();
    }

    let afterBeforePrint = 0;
    const other = progressiveSheet((sheet) => {
      window.dispatchEvent(new Event('beforeprint'));
      afterBeforePrint = sheet.shadowRoot!.querySelectorAll('[part~="card"]').length;
    });
    try {
      await waitUntil(() => afterBeforePrint > 0, 'no first page', { timeout: 10_000 });
      expect(afterBeforePrint).to.be.greaterThan(300);
      expect(text(other.shadowRoot!.querySelector('[part~="progress"]'))).to.equal('');
    } finally {
      other.remove();
    }
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
    expect(translate('en', 'sheet.preparing', { n: 8, total: 390 })).to.equal('Preparing 8 of 390 cards…');
    await expect(el).to.be.accessible();
  });

  it('shows an error with retry when the agency does not exist', async () => {
    const el = await fixture<MotcuaQrSheet>(html`<motcua-qr-sheet api=${API} agency="999.99.99.H99"></motcua-qr-sheet>`);
    const alert = await shadowQuery(el, '[role="alert"]');
    expect(text(alert)).to.contain('Không tải được');
    expect(alert.querySelector('button')).not.to.equal(null);
  });
});
