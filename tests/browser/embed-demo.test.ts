// The demo commune website as the reference server serves it (proxied at /demo/ on the test origin): strict CSP, no
// inline code, the widgets embedded with one script tag, the language switch, and the QR print page.
import { expect, waitUntil } from '@open-wc/testing';
import { expectNoInlineCode, page } from './helpers.js';

/** Opens `path` in a same-origin iframe and returns its window once loaded. */
async function open(path: string): Promise<{ frame: HTMLIFrameElement; win: Window; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.style.width = '1024px';
  frame.style.height = '800px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = path;
  document.body.append(frame);
  await loaded;
  return { frame, win: frame.contentWindow!, doc: frame.contentDocument! };
}

describe('demo commune website', () => {
  const frames: HTMLIFrameElement[] = [];
  afterEach(() => {
    for (const f of frames.splice(0)) f.remove();
    localStorage.removeItem('demo-lang');
  });

  it('is a strict-CSP page embedding the widgets with plain script tags', async () => {
    const { response, doc } = await page('/demo/');
    expect(response.status).to.equal(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).to.contain("script-src 'self'");
    expect(csp).not.to.contain('unsafe-inline');
    await expectNoInlineCode(doc, csp);
    expect(doc.documentElement.lang).to.equal('vi');
    const scripts = [...doc.querySelectorAll('script[src]')].map((s) => s.getAttribute('src')!);
    expect(scripts).to.include('/embed/latest/motcua.js');
    // The demo's own assets by hashed name (cached for a year); site.css inlined (allowed by its hash), not blocking.
    expect(scripts.some((src) => /^assets\/site\.[0-9a-f]{10}\.js$/.test(src))).to.equal(true, scripts.join(' '));
    expect(doc.querySelectorAll('link[rel="stylesheet"]').length).to.equal(0);
    expect(doc.querySelector('style')?.textContent).to.contain('--motcua-color-primary');
    const portal = doc.querySelector('motcua-portal')!;
    expect(portal.getAttribute('api')).to.equal('/api/v1');
    for (const tag of ['motcua-procedure-lookup', 'motcua-dossier-tracker', 'motcua-service-stats']) {
      expect(portal.querySelector(tag), tag).not.to.equal(null);
    }
    expect(doc.querySelector('#lien-he address')?.textContent).to.contain('0236 3846 218');
  });

  it('works in a browser: the lookup finds procedures, and the English switch changes the page and the widgets', async () => {
    const { frame, win, doc } = await open('/demo/?lang=vi');
    frames.push(frame);
    await waitUntil(() => win.customElements.get('motcua-procedure-lookup'), 'lookup not loaded by the embed', { timeout: 15_000 });
    const lookup = doc.querySelector('motcua-procedure-lookup')!;
    await waitUntil(() => lookup.shadowRoot?.querySelector('#o0'), 'no results in the demo', { timeout: 15_000 });
    expect(lookup.shadowRoot!.querySelector('label')!.textContent).to.equal('Tìm thủ tục');
    doc.querySelector<HTMLButtonElement>('#lang-switch')!.click();
    expect(doc.documentElement.lang).to.equal('en');
    await waitUntil(
      () => lookup.shadowRoot!.querySelector('label')!.textContent === 'Search procedures',
      'lookup did not follow the switch',
      // The English terms are a chunk fetched at the switch: as long as the other network waits in this file.
      { timeout: 15_000 },
    );
    expect(win.getComputedStyle(doc.querySelector('.hero h1 .en')!).display).not.to.equal('none');
    expect(win.getComputedStyle(doc.querySelector('.hero h1 .vi')!).display).to.equal('none');
  });

  it('fetches what the widgets need with the page: their chunks announced, the catalog preloaded and requested once', async () => {
    // A first visit: no catalog kept from an earlier test (the widget would then revalidate its own copy).
    for (const key of Object.keys(localStorage)) if (key.startsWith('motcua:catalog:')) localStorage.removeItem(key);
    const { frame, win, doc } = await open('/demo/?lang=vi');
    frames.push(frame);
    const preloads = [...doc.querySelectorAll('link[rel="modulepreload"]')].map((l) => l.getAttribute('href'));
    for (const name of ['portal', 'procedure-lookup']) expect(preloads).to.include(`/embed/latest/components/${name}.js`);
    // The tracker and the statistics are below the fold (loading="lazy"): loaded when the reader scrolls there, not announced.
    for (const name of ['dossier-tracker', 'service-stats']) expect(preloads).not.to.include(`/embed/latest/components/${name}.js`);
    expect(preloads.some((href) => /^\/embed\/latest\/chunks\/[\w.-]+\.js$/.test(href ?? ''))).to.equal(true, preloads.join(' '));
    await waitUntil(() => win.customElements.get('motcua-procedure-lookup'), 'lookup not loaded', { timeout: 15_000 });
    const lookup = doc.querySelector('motcua-procedure-lookup')!;
    await waitUntil(() => lookup.shadowRoot?.querySelector('#o0'), 'no results in the demo', { timeout: 15_000 });
    const catalogs = win.performance.getEntriesByType('resource').filter((e) => /\/procedures\/catalog$/.test(e.name));
    expect(catalogs.length, 'the lookup reuses the preloaded catalog').to.equal(1);
  });

  it('loads the widgets below the fold only when the reader scrolls towards them, or prints', async () => {
    const { frame, win, doc } = await open('/demo/?lang=vi');
    frames.push(frame);
    await waitUntil(() => win.customElements.get('motcua-procedure-lookup'), 'lookup not loaded', { timeout: 15_000 });
    const lookup = doc.querySelector('motcua-procedure-lookup')!;
    await waitUntil(() => lookup.shadowRoot?.querySelector('#o0'), 'no results in the demo', { timeout: 15_000 });
    const chunk = (name: string) => win.performance.getEntriesByType('resource').some((e) => e.name.endsWith(`/components/${name}.js`));
    expect(win.customElements.get('motcua-service-stats'), 'stats loaded at the top of the page').to.equal(undefined);
    expect(win.customElements.get('motcua-dossier-tracker'), 'tracker loaded at the top of the page').to.equal(undefined);
    expect(chunk('service-stats') || chunk('dossier-tracker')).to.equal(false);
    // Their space is kept meanwhile (no layout shift when they render).
    const stats = doc.querySelector('motcua-service-stats')!;
    expect(stats.getBoundingClientRect().height).to.be.at.least(100);

    stats.scrollIntoView();
    await waitUntil(() => stats.shadowRoot?.querySelector('[part~="tile"]'), 'the stats did not render once scrolled to', {
      timeout: 15_000,
    });
  });

  it('prints the widgets below the fold too: printing loads the ones still waiting', async () => {
    const { frame, win, doc } = await open('/demo/?lang=vi');
    frames.push(frame);
    await waitUntil(() => win.customElements.get('motcua-procedure-lookup'), 'lookup not loaded', { timeout: 15_000 });
    expect(win.customElements.get('motcua-dossier-tracker')).to.equal(undefined);
    win.dispatchEvent(new Event('beforeprint'));
    await waitUntil(
      () => win.customElements.get('motcua-dossier-tracker') && win.customElements.get('motcua-service-stats'),
      'not loaded',
      {
        timeout: 15_000,
      },
    );
    const stats = doc.querySelector('motcua-service-stats')!;
    await waitUntil(() => stats.shadowRoot?.querySelector('[part~="tile"]'), 'the stats did not render for print', { timeout: 15_000 });
  });

  it('opens a procedure from its QR deep link', async () => {
    const { frame, win, doc } = await open('/demo/?lang=vi#thu-tuc=1.001193');
    frames.push(frame);
    await waitUntil(() => win.customElements.get('motcua-procedure-lookup'), 'lookup not loaded', { timeout: 15_000 });
    const lookup = doc.querySelector('motcua-procedure-lookup')!;
    await waitUntil(() => /khai sinh/i.test(lookup.shadowRoot?.querySelector('#detail-title')?.textContent ?? ''), 'deep link not opened', {
      timeout: 15_000,
    });
  });

  it('gives the dossier tracker the holidays and make-up working days of the server', async () => {
    const { frame, win, doc } = await open('/demo/ho-so');
    frames.push(frame);
    await waitUntil(() => win.customElements.get('motcua-dossier-tracker'), 'tracker not loaded', { timeout: 15_000 });
    const tracker = doc.querySelector('motcua-dossier-tracker') as HTMLElement & { holidays: string[]; workdays: string[] };
    await waitUntil(() => tracker.holidays.length > 0, 'holidays not set from /api/v1/holidays', { timeout: 15_000 });
    const year = new Date().getFullYear();
    expect(tracker.holidays.some((d) => d.startsWith(`${year}-`) || d.startsWith(`${year - 1}-`))).to.equal(true);
    expect(tracker.workdays.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).to.equal(true);
  });

  it('has a QR print page with the sheet of every procedure', async () => {
    const { response, doc } = await page('/demo/in-the-qr');
    expect(response.status).to.equal(200);
    await expectNoInlineCode(doc, response.headers.get('content-security-policy') ?? '');
    expect(doc.querySelector('motcua-qr-sheet')?.getAttribute('agency')).to.match(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/);
    const { frame, win, doc: live } = await open('/demo/in-the-qr');
    frames.push(frame);
    await waitUntil(() => win.customElements.get('motcua-qr-sheet'), 'sheet not loaded', { timeout: 15_000 });
    const sheet = live.querySelector('motcua-qr-sheet')!;
    await waitUntil(() => sheet.shadowRoot?.querySelector('[part~="page"]'), 'no pages', { timeout: 15_000 });
    const pages = [...sheet.shadowRoot!.querySelectorAll('[part~="page"]')];
    expect(pages.every((page) => page.querySelectorAll('[part~="card"]').length <= 8)).to.equal(true);
  });
});
