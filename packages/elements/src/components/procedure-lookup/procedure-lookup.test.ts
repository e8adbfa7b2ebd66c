import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './procedure-lookup.js';
import '../portal/portal.js';
import type { MotcuaProcedureLookup } from './procedure-lookup.component.js';
import type { MotcuaPortal } from '../portal/portal.component.js';
import { createClient, type CatalogCacheEntry } from '@motcua/sdk';
import { AGENCY, API, clientWith, json, press, shadowQuery, summary, text, type, urlOf } from './test-helpers.js';

async function lookup(attrs = ''): Promise<MotcuaProcedureLookup> {
  const el = await fixture<MotcuaProcedureLookup>(
    attrs === 'en'
      ? html`<motcua-procedure-lookup api=${API} agency=${AGENCY} lang="en" no-history></motcua-procedure-lookup>`
      : html`<motcua-procedure-lookup api=${API} agency=${AGENCY} no-history></motcua-procedure-lookup>`,
  );
  await shadowQuery(el, '[part~="count"]', 'the catalog did not load');
  return el;
}

function names(el: Element): string[] {
  return [...el.shadowRoot!.querySelectorAll('[part~="result-name"]')].map((n) => text(n));
}

async function search(el: MotcuaProcedureLookup, query: string): Promise<string[]> {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('#input')!;
  type(input, query);
  await el.updateComplete;
  return names(el);
}

describe('<motcua-procedure-lookup>', () => {
  afterEach(() => {
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  });

  it('downloads the English terms only for a lookup in English, which renders in English from its first render', async () => {
    const englishTerms = () => performance.getEntriesByType('resource').some((e) => e.name.includes('procedure-lookup.strings.en'));
    await lookup();
    expect(englishTerms(), 'a Vietnamese lookup loaded the English terms').to.equal(false);
    const el = document.createElement('motcua-procedure-lookup');
    for (const [name, value] of Object.entries({ api: API, agency: AGENCY, lang: 'en', 'no-history': '' })) el.setAttribute(name, value);
    document.body.append(el);
    try {
      await el.updateComplete;
      expect(text(el.shadowRoot!.querySelector('label'))).to.equal('Search procedures');
      expect(englishTerms()).to.equal(true);
    } finally {
      el.remove();
    }
  });

  it('draws a detail’s QR card in its reserved place, without the citizen scrolling to it', async () => {
    window.scrollTo(0, 0);
    const el = await lookup();
    el.select('1.001193');
    await shadowQuery(el, '[part~="submit-online"]', 'no detail');
    const card = el.shadowRoot!.querySelector<HTMLElement>('motcua-qr-card')!;
    expect(card.getBoundingClientRect().top, 'the card starts below the screen').to.be.greaterThan(window.innerHeight * 1.5);
    expect(card.getBoundingClientRect().height, 'the card keeps its place').to.be.greaterThan(100);
    await shadowQuery(card, 'svg[part~="qr"]', 'the QR card was not drawn');
  });

  it('lists the commune catalog and finds procedures typed without diacritics, prefixes and all', async () => {
    const el = await lookup();
    expect(names(el).length).to.equal(20, 'first page of results');
    const noAccents = await search(el, 'dang ky khai sinh');
    expect(noAccents[0]).to.match(/đăng ký khai sinh/i);
    const prefix = await search(el, 'khai s');
    expect(prefix.some((n) => /khai sinh/i.test(n))).to.equal(true);
    const copies = await search(el, 'chung thuc ban sao');
    expect(copies.some((n) => /chứng thực bản sao/i.test(n))).to.equal(true);
    const accents = await search(el, 'Đăng ký kết hôn');
    expect(accents[0]).to.match(/đăng ký kết hôn/i);
  });

  it('shows the commune’s most used procedures first, as tiles by dossier counts, then the catalog by sector; axe-clean', async () => {
    const el = await lookup();
    const catalog = (await (await fetch(`${API}/agencies/${AGENCY}/procedures/catalog`)).json()) as {
      items: Array<{ name: string; dossierCount?: number }>;
    };
    const mostUsed = [...catalog.items]
      .filter((item) => (item.dossierCount ?? 0) > 0)
      .sort((a, b) => (b.dossierCount ?? 0) - (a.dossierCount ?? 0))
      .slice(0, 6)
      .map((item) => item.name);
    const tiles = [...el.shadowRoot!.querySelectorAll('[part~="common"]')];
    expect(tiles.map((tile) => text(tile.querySelector('[part~="result-name"]')))).to.deep.equal(mostUsed);
    expect(text(tiles[0]?.querySelector('[part~="badge"]'))).to.equal('Thường dùng');
    // After the tiles, the rest of the catalog in its order (by sector), without the tiles again.
    const rest = names(el).slice(mostUsed.length);
    const inCatalog = catalog.items.map((item) => item.name).filter((name) => !mostUsed.includes(name));
    expect(rest).to.deep.equal(inCatalog.slice(0, rest.length));
    await expect(el).to.be.accessible();
    // Typing a query replaces the tiles by results.
    await search(el, 'khai sinh');
    expect(el.shadowRoot!.querySelectorAll('[part~="common"]').length).to.equal(0);
  });

  it('understands citizens’ words once the vocabulary chunk has loaded: "xin sổ đỏ", "GKS", "birth certificate"', async () => {
    const el = await lookup();
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#input')!;
    type(input, 'xin sổ đỏ');
    await waitUntil(() => /quyền sử dụng đất/i.test(names(el)[0] ?? ''), 'sổ đỏ did not find the land certificate', { timeout: 10_000 });
    expect((await search(el, 'GKS'))[0]).to.match(/giấy khai sinh/i);
    expect((await search(el, 'birth certificate')).slice(0, 3).some((n) => /khai sinh/i.test(n))).to.equal(true);
  });

  it('highlights the matched words with <mark> from the index ranges', async () => {
    const el = await lookup();
    await search(el, 'khai sinh');
    const first = el.shadowRoot!.querySelector('[part~="result-name"]')!;
    const marks = [...first.querySelectorAll('mark')].map((m) => m.textContent!.toLowerCase());
    expect(marks.join(' ')).to.contain('khai');
    expect(marks.join(' ')).to.contain('sinh');
  });

  it('announces the number of results in a polite live region and emits motcua-search', async () => {
    const el = await lookup();
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#input')!;
    setTimeout(() => type(input, 'khai sinh'));
    const event = await oneEvent(el, 'motcua-search');
    expect(event.detail.query).to.equal('khai sinh');
    expect(event.detail.count).to.be.greaterThan(0);
    const live = el.shadowRoot!.querySelector('[role="status"][aria-live="polite"]')!;
    // The search's own announcement ("N thủ tục phù hợp …"): the region may still hold the catalog's ("393 thủ tục"),
    // announced 600 ms after it loaded when the typing came later than that (a loaded machine).
    await waitUntil(() => /thủ tục phù hợp/.test(text(live)), 'the search count was not announced', { timeout: 5000 });
    expect(text(live)).to.match(new RegExp(`^${event.detail.count} thủ tục phù hợp`));
  });

  it('is usable with the keyboard only: arrows move, Enter opens, Escape closes then clears', async () => {
    const el = await lookup();
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#input')!;
    input.focus();
    await sendKeys({ type: 'khai sinh' });
    await waitUntil(() => input.value === 'khai sinh');
    await el.updateComplete;
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input.getAttribute('aria-activedescendant')).to.equal('o1');
    expect(el.shadowRoot!.querySelector('#o1')!.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(input.getAttribute('aria-activedescendant')).to.equal('o0');
    const chosen = text(el.shadowRoot!.querySelector('#o0 [part~="result-name"]'));
    setTimeout(() => void sendKeys({ press: 'Enter' }));
    const select = await oneEvent(el, 'motcua-procedure-select');
    expect(select.detail.code).to.match(/^\d\.\d{6}/);
    const title = await shadowQuery(el, '#detail-title');
    await waitUntil(() => el.shadowRoot!.activeElement === title, 'focus did not move to the detail heading');
    expect(text(title)).to.equal(chosen);
    // Back to the list with the keyboard.
    const back = await shadowQuery<HTMLButtonElement>(el, '[part~="back"]');
    back.focus();
    await sendKeys({ press: 'Enter' });
    const again = await shadowQuery<HTMLInputElement>(el, '#input');
    await waitUntil(() => el.shadowRoot!.activeElement === again, 'focus did not return to the search box');
    expect(again.value).to.equal('khai sinh');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(again.getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(again.value).to.equal('');
  });

  it('filters by sector and online level, and offers to remove filters when nothing matches', async () => {
    const el = await lookup();
    const all = text(el.shadowRoot!.querySelector('[part~="count"]'));
    const sector = el.shadowRoot!.querySelector<HTMLSelectElement>('[part~="sector"]')!;
    const hoTich = [...sector.options].find((o) => o.textContent === 'Hộ tịch')!;
    sector.value = hoTich.value;
    sector.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const filtered = text(el.shadowRoot!.querySelector('[part~="count"]'));
    expect(filtered).not.to.equal(all);
    expect(filtered).to.match(/trên tổng số/);
    await search(el, 'xây dựng nhà ở riêng lẻ');
    const empty = await shadowQuery(el, '[part~="empty"]');
    expect(text(empty)).to.contain('Không tìm thấy');
    const clear = [...empty.querySelectorAll('button')].find((b) => text(b) === 'Bỏ bộ lọc')!;
    clear.click();
    await el.updateComplete;
    expect(sector.value).to.equal('');
    expect(names(el).length).to.be.greaterThan(0);
  });

  it('shows a limited page of results with "show more"', async () => {
    const el = await lookup();
    expect(names(el)).to.have.length(20);
    const more = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="more"]')!;
    expect(text(more)).to.match(/Xem thêm 20 thủ tục/);
    more.click();
    await el.updateComplete;
    expect(names(el)).to.have.length(40);
  });

  it('opens a procedure: steps, documents, fees in VND, time, where to submit, legal basis, results, submit online, QR', async () => {
    const el = await lookup();
    await search(el, 'dang ky khai sinh');
    (el.shadowRoot!.querySelector('#o0') as HTMLElement).click();
    const detail = await shadowQuery(el, '[part~="detail"]');
    await waitUntil(
      () => detail.querySelector('[part~="submit-online"]') || el.shadowRoot!.querySelector('[part~="submit-online"]'),
      'no detail',
      { timeout: 10_000 },
    );
    const body = text(el.shadowRoot!.querySelector('[part~="detail"]'));
    for (const heading of [
      'Trình tự thực hiện',
      'Thành phần hồ sơ',
      'Căn cứ pháp lý',
      'Kết quả thực hiện',
      'Thời hạn giải quyết',
      'Mã QR',
    ]) {
      expect(body).to.contain(heading);
    }
    expect(body).to.match(/Bản chính: \d/);
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('[part~="submit-online"]')!;
    expect(link.href).to.match(/^https:\/\/dichvucong\.gov\.vn\//);
    expect(link.rel).to.contain('noopener');
    const card = el.shadowRoot!.querySelector('motcua-qr-card')!;
    // The card loads when it comes near the screen.
    card.scrollIntoView();
    await shadowQuery(card, 'svg[part~="qr"]');
    await expect(el).to.be.accessible();
  });

  it('shows where to go and when: the centre, its address, phone, opening hours by days and days off; axe-clean', async () => {
    const el = await lookup();
    el.select('1.001193');
    const centre = await shadowQuery(el, '[part~="centre"]', 'no centre in the detail');
    const body = text(centre);
    expect(body).to.contain('Nơi đến và giờ làm việc');
    expect(body).to.contain('Trung tâm Phục vụ hành chính công xã Hòa Vang');
    expect(body).to.contain('Thôn Dương Lâm 1, xã Hòa Vang, thành phố Đà Nẵng');
    const hours = [...centre.querySelectorAll('.hours li')].map((li) => text(li));
    expect(hours[0]).to.equal('Thứ Hai – Thứ Sáu: 07:00–11:30, 13:30–17:00');
    expect(hours[1]).to.match(/^Thứ Bảy: \d{2}:\d{2}–\d{2}:\d{2}/);
    expect(body).to.contain('Nghỉ Chủ nhật và các ngày lễ, Tết.');
    expect(centre.querySelector<HTMLAnchorElement>('a[href^="tel:"]')?.getAttribute('href')).to.equal('tel:02363846218');
    // The time in plain words, and the legal basis folded away at the end.
    const legal = el.shadowRoot!.querySelector<HTMLDetailsElement>('details.legal')!;
    expect(legal.open).to.equal(false);
    expect(text(legal.querySelector('summary'))).to.equal('Căn cứ pháp lý');
    expect(el.shadowRoot!.querySelector('[part~="detail"] > :last-child') === legal, 'the legal basis comes last').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('gives a common procedure from the supplements its time in plain words, fee, documents with counts and steps', async () => {
    const el = await lookup();
    el.select('2.001035');
    await shadowQuery(el, '.steps');
    const body = text(el.shadowRoot!.querySelector('[part~="detail"]'));
    expect(body).to.contain('2 ngày làm việc');
    expect(body).to.contain('Không quá 02 ngày làm việc');
    expect(body).to.contain('50.000 ₫');
    expect(body).to.contain('Dự thảo giao dịch (hợp đồng) Bản chính: 1 · Bản sao: 0');
    expect(el.shadowRoot!.querySelectorAll('.steps > li').length).to.equal(5);
    expect(el.shadowRoot!.querySelector('[part~="detail"] .notice') === null, 'a not-detailed notice').to.equal(true);
  });

  it('says plainly when a procedure has no details here, and links to it on the national portal', async () => {
    const el = await lookup();
    el.select('1.013855');
    const notice = await shadowQuery(el, '[part~="detail"] .notice');
    expect(text(notice)).to.equal('Chi tiết của thủ tục này chưa được công bố tại đây. Xem đầy đủ trên Cổng Dịch vụ công quốc gia.');
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('[part~="submit-online"]')!;
    expect(link.href).to.equal('https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bff-2d33-76fe-bd90-4f37b18e4401');
    expect(text(link)).to.contain('Xem trên Cổng Dịch vụ công quốc gia');
    await shadowQuery(el, '[part~="centre"]', 'the centre is shown for a procedure without details too');
  });

  it('formats fees as vi-VN currency', async () => {
    const el = await lookup();
    await search(el, 'Cấp bản sao Trích lục hộ tịch');
    expect(text(el.shadowRoot!.querySelector('#o0 [part~="result-meta"]'))).to.contain('8.000 ₫');
  });

  it('opens the procedure in the #thu-tuc= deep link, and the back button closes it', async () => {
    history.pushState(null, '', '#thu-tuc=1.001193');
    const el = await fixture<MotcuaProcedureLookup>(html`<motcua-procedure-lookup api=${API} agency=${AGENCY}></motcua-procedure-lookup>`);
    const title = await shadowQuery(el, '#detail-title');
    await waitUntil(() => /khai sinh/i.test(text(title)), 'deep link did not open');
    // Choosing another procedure pushes a history entry; the browser's back button returns.
    history.pushState(null, '', '#thu-tuc=2.000635');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await waitUntil(() => /bản sao/i.test(text(el.shadowRoot!.querySelector('#detail-title'))), 'second code did not open');
    history.back();
    await waitUntil(() => /khai sinh/i.test(text(el.shadowRoot!.querySelector('#detail-title'))), 'back did not return to the first');
    history.back();
    await waitUntil(() => !el.shadowRoot!.querySelector('[part~="detail"]'), 'back did not close the detail');
    expect(el.shadowRoot!.querySelector('#input')).not.to.equal(null);
  });

  it('writes #thu-tuc= when a result is chosen and the browser back button returns to the results', async () => {
    const el = await fixture<MotcuaProcedureLookup>(html`<motcua-procedure-lookup api=${API} agency=${AGENCY}></motcua-procedure-lookup>`);
    await shadowQuery(el, '#o0');
    const code = el.shadowRoot!.querySelector('#o0 [part~="result-meta"] span')!.textContent!.replace(/^\D+/, '');
    (el.shadowRoot!.querySelector('#o0') as HTMLElement).click();
    expect(location.hash).to.equal(`#thu-tuc=${code}`);
    await shadowQuery(el, '[part~="detail"]');
    history.back();
    await waitUntil(() => !el.shadowRoot!.querySelector('[part~="detail"]'), 'back did not close the detail');
    expect(location.hash).to.equal('');
  });

  it('says so when a deep-linked code does not exist', async () => {
    history.replaceState(null, '', '#thu-tuc=9.999999');
    const el = await fixture<MotcuaProcedureLookup>(html`<motcua-procedure-lookup api=${API} agency=${AGENCY}></motcua-procedure-lookup>`);
    const error = await shadowQuery(el, '[part~="detail"] [part~="error"]');
    expect(text(error)).to.contain('9.999999');
  });

  it('speaks English when lang="en"', async () => {
    const el = await lookup('en');
    expect(text(el.shadowRoot!.querySelector('label'))).to.equal('Search procedures');
    expect(text(el.shadowRoot!.querySelector('[part~="count"]'))).to.match(/^\d+ procedures$/);
    await expect(el).to.be.accessible();
  });

  it('says where to go and when in English', async () => {
    const el = await lookup('en');
    el.select('1.001193');
    const centre = await shadowQuery(el, '[part~="centre"]');
    expect(text(centre.querySelector('h3'))).to.equal('Where to go and when');
    expect(text(centre.querySelector('.hours li'))).to.equal('Monday – Friday: 07:00–11:30, 13:30–17:00');
    expect(text(centre)).to.contain('Closed on Sunday and on public holidays.');
  });

  it('follows a language switch on <html lang>, as the demo site does', async () => {
    const el = await lookup();
    const before = document.documentElement.lang;
    try {
      document.documentElement.lang = 'en';
      await waitUntil(() => text(el.shadowRoot!.querySelector('label')) === 'Search procedures', 'did not switch to English');
      document.documentElement.lang = 'vi';
      await waitUntil(() => text(el.shadowRoot!.querySelector('label')) === 'Tìm thủ tục', 'did not switch back');
    } finally {
      document.documentElement.lang = before;
    }
  });

  it('has no axe violations with results', async () => {
    const el = await lookup();
    await search(el, 'khai sinh');
    press(el.shadowRoot!.querySelector('#input')!, 'ArrowDown');
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('is in the custom state "loading" until its first list (a page keeps the space), then answers a query typed at once', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const client = clientWith(async (input, init) => {
      if (urlOf(input).pathname.endsWith('/catalog')) await held;
      return fetch(input, init);
    });
    const portal = await fixture<MotcuaPortal>(
      html`<motcua-portal .client=${client} agency=${AGENCY}
        ><motcua-procedure-lookup no-history></motcua-procedure-lookup
      ></motcua-portal>`,
    );
    const el = portal.querySelector('motcua-procedure-lookup')!;
    await el.updateComplete;
    expect(el.matches(':state(loading)'), 'not in the loading state while the catalog is on its way').to.equal(true);
    release();
    await shadowQuery(el, '[part~="count"]', 'the catalog did not load');
    expect(el.matches(':state(loading)')).to.equal(false);
    expect(names(el).length).to.equal(20);
    // Typed before the search index has been built in the background: answered all the same.
    expect((await search(el, 'dang ky khai sinh'))[0]).to.match(/đăng ký khai sinh/i);
  });

  it('searches on the server when the catalog cannot be loaded', async () => {
    const client = clientWith((input, init) => {
      if (urlOf(input).pathname.endsWith('/catalog'))
        return Promise.resolve(json({ type: 'about:blank', title: 'boom', status: 500 }, { status: 500 }));
      return fetch(input, init);
    });
    const portal = await fixture<MotcuaPortal>(
      html`<motcua-portal .client=${client} agency=${AGENCY}
        ><motcua-procedure-lookup no-history></motcua-procedure-lookup
      ></motcua-portal>`,
    );
    const el = portal.querySelector('motcua-procedure-lookup')!;
    await waitUntil(() => /máy chủ/.test(text(el.shadowRoot!.querySelector('.notice'))), 'no server-mode notice', { timeout: 10_000 });
    await shadowQuery(el, '#o0');
    const found = await search(el, 'khai sinh');
    await waitUntil(() => names(el).some((n) => /khai sinh/i.test(n)), 'server search found nothing', { timeout: 10_000 });
    expect(found).to.be.an('array');
    expect(el.shadowRoot!.querySelector('[part~="result-name"] mark')).not.to.equal(null);
  });

  it('pages through server-side results with "show more", and counts them', async () => {
    const client = clientWith((input, init) => {
      if (urlOf(input).pathname.endsWith('/catalog')) return Promise.reject(new TypeError('catalog blocked'));
      return fetch(input, init);
    });
    const portal = await fixture<MotcuaPortal>(
      html`<motcua-portal .client=${client} agency=${AGENCY}
        ><motcua-procedure-lookup no-history page-size="5"></motcua-procedure-lookup
      ></motcua-portal>`,
    );
    const el = portal.querySelector('motcua-procedure-lookup')!;
    await waitUntil(() => names(el).length === 5, 'no first page of server results', { timeout: 10_000 });
    const count = text(el.shadowRoot!.querySelector('[part~="count"]'));
    const total = Number(/^(\d+)/.exec(count)?.[1]);
    expect(total, count).to.be.greaterThan(5);
    const first = names(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="more"]')!.click();
    await waitUntil(() => names(el).length === 10, 'show more did not append the next page', { timeout: 10_000 });
    expect(names(el).slice(0, 5)).to.deep.equal(first);
    expect(new Set(names(el)).size, 'the second page repeats the first').to.equal(10);
  });

  it('shows the catalog saved on the device at once while the network is slow, then the fresh one', async () => {
    const saved = [summary('1.000001', 'Thủ tục đã lưu trên máy')];
    const fresh = [summary('1.000002', 'Thủ tục mới từ máy chủ')];
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const entry = {
      etag: '"old"',
      savedAt: '2026-01-01T00:00:00.000Z',
      catalog: { agency: AGENCY, updatedAt: '2026-01-01T00:00:00+07:00', items: saved },
    };
    const client = createClient({
      baseUrl: API,
      retry: { limit: 0, backoffMs: 1 },
      cache: { get: async () => structuredClone(entry) as unknown as CatalogCacheEntry, set: async () => undefined },
      fetch: async (input) => {
        if (!urlOf(input).pathname.endsWith('/catalog')) return json({}, { status: 404 });
        await slow;
        return json({ agency: AGENCY, updatedAt: '2026-02-01T00:00:00+07:00', items: fresh }, { headers: { etag: '"new"' } });
      },
    });
    const portal = await fixture<MotcuaPortal>(
      html`<motcua-portal .client=${client} agency=${AGENCY}
        ><motcua-procedure-lookup no-history></motcua-procedure-lookup
      ></motcua-portal>`,
    );
    const el = portal.querySelector('motcua-procedure-lookup')!;
    await waitUntil(() => names(el)[0] === 'Thủ tục đã lưu trên máy', 'saved catalog not shown at once');
    expect(text(el.shadowRoot!.querySelector('.notice'))).to.contain('danh mục đã lưu');
    release();
    await waitUntil(() => names(el)[0] === 'Thủ tục mới từ máy chủ', 'fresh catalog not shown');
    expect(el.shadowRoot!.querySelector('.notice')).to.equal(null);
  });

  it('switches to the other agency when the portal changes, never mixing their procedures', async () => {
    const OTHER = '000.30.02.H17';
    let failOther = true;
    const client = clientWith((input) => {
      const path = urlOf(input).pathname;
      const agency = /agencies\/([^/]+)/.exec(path)?.[1];
      if (agency === OTHER && failOther) return Promise.reject(new TypeError('Failed to fetch'));
      const name = agency === OTHER ? 'Thủ tục của phường Hải Châu' : 'Thủ tục của xã Hòa Vang';
      if (path.endsWith('/catalog'))
        return Promise.resolve(json({ agency, updatedAt: '2026-01-01T00:00:00+07:00', items: [summary('1.000001', name)] }));
      return Promise.resolve(json({ type: 'about:blank', title: 'Lỗi', status: 503 }, { status: 503 }));
    });
    const portal = await fixture<MotcuaPortal>(
      html`<motcua-portal .client=${client} agency=${AGENCY}
        ><motcua-procedure-lookup no-history></motcua-procedure-lookup
      ></motcua-portal>`,
    );
    const el = portal.querySelector('motcua-procedure-lookup')!;
    await waitUntil(() => names(el)[0] === 'Thủ tục của xã Hòa Vang');
    portal.agency = OTHER;
    await shadowQuery(el, '[part~="error"]', 'the failing agency did not show an error');
    expect(names(el)).to.deep.equal([]);
    failOther = false;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
    await waitUntil(() => names(el)[0] === 'Thủ tục của phường Hải Châu', 'the new agency did not load');
  });

  it('shows an error with a retry button that recovers', async () => {
    let fail = true;
    const client = clientWith((input, init) => (fail ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init)));
    const portal = await fixture<MotcuaPortal>(
      html`<motcua-portal .client=${client} agency=${AGENCY}
        ><motcua-procedure-lookup no-history></motcua-procedure-lookup
      ></motcua-portal>`,
    );
    const el = portal.querySelector('motcua-procedure-lookup')!;
    const error = await shadowQuery(el, '[part~="error"]');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(text(error)).to.contain('Không tải được danh mục');
    await expect(el).to.be.accessible();
    fail = false;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
    await shadowQuery(el, '#o0', 'retry did not recover');
  });

  it('shows the offline state and retries by itself when the connection returns', async () => {
    let offline = true;
    const descriptor = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => !offline });
    try {
      const client = clientWith((input, init) => (offline ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init)));
      const portal = await fixture<MotcuaPortal>(
        html`<motcua-portal .client=${client} agency=${AGENCY}
          ><motcua-procedure-lookup no-history></motcua-procedure-lookup
        ></motcua-portal>`,
      );
      const el = portal.querySelector('motcua-procedure-lookup')!;
      window.dispatchEvent(new Event('offline'));
      const error = await shadowQuery(el, '[part~="error"]');
      expect(text(error)).to.contain('ngoại tuyến');
      offline = false;
      window.dispatchEvent(new Event('online'));
      await shadowQuery(el, '#o0', 'did not recover when back online');
    } finally {
      Object.defineProperty(navigator, 'onLine', descriptor);
      delete (navigator as unknown as Record<string, unknown>).onLine;
    }
  });

  it('shows procedure data containing HTML and script as text, and runs none of it', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const w = window as unknown as { __pwned?: number };
    delete w.__pwned;
    const items = [summary('1.000001', `Đăng ký ${hostile}`, { sector: { code: 'X<b>', name: `<b>Hộ tịch</b>${hostile}` } })];
    const procedure = {
      ...items[0],
      id: 'x',
      cases: [],
      channels: [
        { method: 'online', processingTime: null, fees: [{ type: 'fee', amountVnd: 1000, description: hostile }], description: hostile },
      ],
      steps: [{ name: hostile, description: hostile }],
      componentGroups: [
        {
          name: hostile,
          components: [{ name: hostile, originals: 1, copies: 0, forms: [{ name: hostile, url: 'javascript:window.__pwned=3' }] }],
        },
      ],
      requirements: hostile,
      legalBasis: [{ code: hostile, name: hostile }],
      results: [{ code: 'r', name: hostile }],
      implementingUnits: [hostile],
      applicantTypes: [hostile],
      detailed: true,
      portalUrl: 'javascript:window.__pwned=4',
      updatedAt: '2026-01-01T00:00:00+07:00',
    };
    const client = clientWith((input) => {
      const path = urlOf(input).pathname;
      if (path.endsWith('/catalog')) return Promise.resolve(json({ agency: AGENCY, updatedAt: '2026-01-01T00:00:00+07:00', items }));
      if (path.endsWith('/procedures/1.000001')) return Promise.resolve(json(procedure));
      return Promise.resolve(json({ type: 'about:blank', title: 'Not found', status: 404 }, { status: 404 }));
    });
    const portal = await fixture<MotcuaPortal>(
      html`<motcua-portal .client=${client} agency=${AGENCY}
        ><motcua-procedure-lookup no-history></motcua-procedure-lookup
      ></motcua-portal>`,
    );
    const el = portal.querySelector('motcua-procedure-lookup')!;
    await shadowQuery(el, '#o0');
    await search(el, 'dang ky');
    expect(text(el.shadowRoot!.querySelector('#o0 [part~="result-name"]'))).to.contain('<img src=x');
    (el.shadowRoot!.querySelector('#o0') as HTMLElement).click();
    await shadowQuery(el, '.steps');
    await new Promise((r) => setTimeout(r, 100));
    const detail = el.shadowRoot!.querySelector('[part~="detail"]')!;
    expect(text(detail)).to.contain('<script>window.__pwned=2</script>');
    expect(detail.querySelector('img, script, b')).to.equal(null);
    expect(detail.querySelector('a[href^="javascript"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~="submit-online"]')).to.equal(null);
    expect(w.__pwned).to.equal(undefined);
  });

  it('shows a centre’s hostile text as text, and refuses a runaway list of opening hours (the rest of the detail stays)', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const w = window as unknown as { __pwned?: number };
    delete w.__pwned;
    const items = [summary('1.000001', 'Đăng ký khai sinh')];
    const procedure = {
      ...items[0],
      id: 'x',
      cases: [],
      channels: [],
      steps: [{ name: 'Nộp hồ sơ', description: '' }],
      componentGroups: [],
      requirements: '',
      legalBasis: [],
      results: [],
      implementingUnits: [],
      applicantTypes: [],
      detailed: true,
      portalUrl: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/x',
      updatedAt: '2026-01-01T00:00:00+07:00',
    };
    const agency = (openingHours: unknown[]) => ({
      code: AGENCY,
      name: `UBND ${hostile}`,
      centreName: `Trung tâm ${hostile}`,
      province: { code: '48', name: 'Đà Nẵng' },
      level: 'commune',
      address: `Thôn ${hostile}`,
      phone: 'javascript:alert(1)',
      openingHours,
      procedureCount: 1,
    });
    const run = async (openingHours: unknown[]) => {
      let agencyCalls = 0;
      const client = clientWith((input) => {
        const path = urlOf(input).pathname;
        if (path.endsWith('/catalog')) return Promise.resolve(json({ agency: AGENCY, updatedAt: '2026-01-01T00:00:00+07:00', items }));
        if (path.endsWith('/procedures/1.000001')) return Promise.resolve(json(procedure));
        if (path.endsWith(`/agencies/${AGENCY}`)) {
          agencyCalls++;
          return Promise.resolve(json(agency(openingHours)));
        }
        return Promise.resolve(json({ type: 'about:blank', title: 'Not found', status: 404 }, { status: 404 }));
      });
      const portal = await fixture<MotcuaPortal>(
        html`<motcua-portal .client=${client} agency=${AGENCY}
          ><motcua-procedure-lookup no-history></motcua-procedure-lookup
        ></motcua-portal>`,
      );
      const el = portal.querySelector('motcua-procedure-lookup')!;
      await shadowQuery(el, '#o0');
      el.select('1.000001');
      await shadowQuery(el, '.steps');
      await waitUntil(() => agencyCalls > 0, 'the centre was not asked for');
      await new Promise((r) => setTimeout(r, 100));
      return el;
    };
    const shown = await run([{ days: [1, 2, 3, 4, 5], opens: '07:00', closes: '17:00' }]);
    const centre = await shadowQuery(shown, '[part~="centre"]');
    expect(text(centre)).to.contain('Thôn <img src=x');
    expect(centre.querySelector('img') === null, 'an <img> from the data').to.equal(true);
    // Only the digits of the "phone" go into the link, always a tel: one.
    expect([...centre.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal(['tel:1']);
    expect(w.__pwned).to.equal(undefined);
    const runaway = Array.from({ length: 5000 }, (_, i) => ({
      days: [1 + (i % 7)],
      opens: '07:00',
      closes: `${String(8 + (i % 10)).padStart(2, '0')}:00`,
    }));
    const refused = await run(runaway);
    expect(refused.shadowRoot!.querySelector('[part~="centre"]') === null, 'the runaway centre was rendered').to.equal(true);
    expect(refused.shadowRoot!.querySelectorAll('.steps > li').length).to.equal(1);
  });
});
