import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
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

describe('<motcua-qr-sheet>', () => {
  // Each test starts with the window at the top: a window left scrolled by an earlier test (the scrolling test leaves
  // it at ~2,000 px, and Chromium keeps that offset once the next sheet makes the page tall again) puts a later sheet's
  // second page in view, which rightly lays out more pages than a reader at the top would get.
  beforeEach(() => window.scrollTo(0, 0));

  afterEach(async () => {
    await emulateMedia({ media: 'screen' });
  });

  it('lays every procedure of the agency out as A4 pages of at most 8 cards, with a Print button', async () => {
    const el = await sheet();
    await el.renderAll();
    const cards = el.shadowRoot!.querySelectorAll('[part~="card"]');
    const pages = [...el.shadowRoot!.querySelectorAll('[part~="page"]')];
    expect(cards.length).to.be.greaterThan(300);
    expect(pages.every((p) => p.querySelectorAll('[part~="card"]').length <= 8)).to.equal(true);
    expect(pages.length).to.be.at.least(Math.ceil(cards.length / 8));
    expect(text(el.shadowRoot!.querySelector('[part~="toolbar"] [role="status"]'))).to.equal(
      `${cards.length} thủ tục · ${pages.length} trang A4`,
    );
    expect(text(el.shadowRoot!.querySelector('[part~="print"]'))).to.equal('In bảng mã QR');
  });

  it('lays out only the first two pages on screen; scrolling to the last one lays out the next two', async () => {
    const el = await sheet();
    // A few frames: nothing more is laid out while the reader stays at the top.
    for (let i = 0; i < 5; i++) await new Promise((r) => requestAnimationFrame(r));
    const root = el.shadowRoot!;
    const first = root.querySelectorAll('[part~="card"]').length;
    expect(first).to.be.within(1, 16);
    expect(root.querySelectorAll('[part~="page"]').length).to.equal(2);
    const total = Number(/^(\d+)/.exec(text(root.querySelector('[part~="toolbar"] [role="status"]')))![1]);
    expect(text(root.querySelector('[part~="progress"]'))).to.equal(`Đang hiện ${first}/${total} thẻ (in sẽ in tất cả)`);
    expect(root.querySelector('[part~="progress"]')!.getAttribute('aria-live')).to.equal('polite');
    const last = [...root.querySelectorAll('[part~="page"]')].at(-1)!;
    last.scrollIntoView();
    await waitUntil(() => root.querySelectorAll('[part~="card"]').length > first, 'scrolling laid out nothing more');
    // One page per task: the two new pages follow each other.
    await waitUntil(() => root.querySelectorAll('[part~="page"]').length >= 4, 'scrolling laid out fewer than two more pages');
    for (let i = 0; i < 5; i++) await new Promise((r) => requestAnimationFrame(r));
    expect(root.querySelectorAll('[part~="page"]').length).to.equal(4);
  });

  it('the Print button and printing from the browser menu lay every card out first', async () => {
    const print = window.print;
    const printedWith: number[] = [];
    const el = await sheet();
    window.print = () => void printedWith.push(el.shadowRoot!.querySelectorAll('[part~="card"]').length);
    try {
      expect(el.shadowRoot!.querySelectorAll('[part~="card"]').length).to.be.at.most(16);
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="print"]')!.click();
      await waitUntil(() => printedWith.length > 0, 'print not called', { timeout: 10_000 });
      expect(printedWith[0]).to.be.greaterThan(300);
      expect(text(el.shadowRoot!.querySelector('[part~="progress"]'))).to.equal('');
    } finally {
      window.print = print;
      el.remove();
    }
    window.scrollTo(0, 0);

    const other = await sheet();
    expect(other.shadowRoot!.querySelectorAll('[part~="card"]').length).to.be.at.most(16);
    window.dispatchEvent(new Event('beforeprint'));
    // Synchronously, before the print dialog lays the page out.
    expect(other.shadowRoot!.querySelectorAll('[part~="card"]').length).to.be.greaterThan(300);
    expect(text(other.shadowRoot!.querySelector('[part~="progress"]'))).to.equal('');
  });

  it('filters by sector', async () => {
    const el = await sheet({ sector: 'G15-TP07' });
    // Every card of the selection (the first pages alone may hold five: tall cards take two rows).
    await el.renderAll();
    const cards = [...el.shadowRoot!.querySelectorAll('[part~="card"]')];
    expect(cards.length).to.be.greaterThan(5);
    expect(cards.every((c) => text(c).includes('Hộ tịch'))).to.equal(true);
  });

  it('prints: toolbar hidden, pages fit A4 at @page margins, no card split, colours exact, calibration mark', async () => {
    const el = await sheet({ sector: 'G15-TP07' });
    await emulateMedia({ media: 'print' });
    window.dispatchEvent(new Event('beforeprint'));
    await waitUntil(
      () => getComputedStyle(el.shadowRoot!.querySelector('[part~="toolbar"]')!).display === 'none',
      'toolbar still shown in print',
    );
    const pages = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="page"]')];
    const cards = el.shadowRoot!.querySelectorAll('[part~="card"]');
    expect(pages.length).to.be.at.least(Math.ceil(cards.length / 8));
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
    expect(translate('en', 'sheet.preparing', { n: 16, total: 390 })).to.equal('Showing 16 of 390 cards (printing prints all)');
    await expect(el).to.be.accessible();
  });

  it('prints every card of the catalog whole: full names, no overflow, every text at least 9 pt', async () => {
    const el = await sheet();
    await emulateMedia({ media: 'print' });
    window.dispatchEvent(new Event('beforeprint'));
    await el.updateComplete;
    const cards = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="card"]')];
    expect(cards.length).to.be.greaterThan(300);
    const cut: string[] = [];
    const small: string[] = [];
    for (const card of cards) {
      if (card.scrollHeight > card.clientHeight + 1) cut.push(card.dataset['code']!);
      const name = card.querySelector<HTMLElement>('[part~="name"]')!;
      if (name.scrollHeight > name.clientHeight + 1 || getComputedStyle(name).webkitLineClamp !== 'none') cut.push(card.dataset['code']!);
      for (const node of card.querySelectorAll<HTMLElement>('p, dt, dd')) {
        const px = parseFloat(getComputedStyle(node).fontSize);
        if (px < 12 - 0.01) small.push(`${node.className || node.tagName} ${px}px`);
      }
    }
    expect(cut, 'cards whose text is cut').to.deep.equal([]);
    expect([...new Set(small)], 'texts under 9 pt').to.deep.equal([]);
  });

  for (const width of [320, 360]) {
    it(`at ${width} px the sheet fits the phone: cards in one column, nothing off-screen, text ≥ 12 px`, async () => {
      await setViewport({ width, height: 640 });
      try {
        const el = await sheet();
        const root = el.shadowRoot!;
        const pages = root.querySelector<HTMLElement>('.pages')!;
        // The scrollable region of pages is reachable by keyboard and named.
        expect(pages.tabIndex).to.equal(0);
        expect(pages.getAttribute('aria-label')).to.equal('Bảng mã QR thủ tục hành chính');
        expect(pages.scrollWidth).to.be.at.most(pages.clientWidth + 1);
        for (const node of root.querySelectorAll<HTMLElement>('[part~="page"], [part~="card"]')) {
          const box = node.getBoundingClientRect();
          expect(box.left, 'starts on screen').to.be.at.least(0);
          expect(box.right, 'ends on screen').to.be.at.most(width + 0.5);
        }
        for (const node of root.querySelectorAll<HTMLElement>('[part~="card"] p, [part~="card"] dt, [part~="card"] dd')) {
          expect(parseFloat(getComputedStyle(node).fontSize)).to.be.at.least(12 - 0.01);
        }
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  }

  it('shows an error with retry when the agency does not exist', async () => {
    const el = await fixture<MotcuaQrSheet>(html`<motcua-qr-sheet api=${API} agency="999.99.99.H99"></motcua-qr-sheet>`);
    const alert = await shadowQuery(el, '[role="alert"]');
    expect(text(alert)).to.contain('Không tải được');
    expect(alert.querySelector('button')).not.to.equal(null);
  });
});
