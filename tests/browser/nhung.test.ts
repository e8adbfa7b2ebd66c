// The snippet configurator of the demo site (/nhung), as the reference server serves it (proxied at /demo/): a webmaster
// picks province → commune, a widget and an option, sees the real widget in the preview, copies the snippet, and the
// copied snippet mounted on a blank page (as tests/hosts/snippets.test.ts mounts the docs' snippets) renders with no
// error text. At 360 px, under the demo's strict CSP, axe clean.
import { expect } from '@open-wc/testing';
import '@motcua/elements/all.js';
import { collectErrors, deepAll, until, visible } from '../a11y/widgets.js';
import { expectNoInlineCode, page } from './helpers.js';

const LOADER = /^\/embed\/\d+\.\d+\.\d+(-[\w.]+)?\/motcua\.js$/;
const ERROR_TEXT = '[part~="error"], .error';

interface AxeResult {
  violations: Array<{ id: string; nodes: Array<{ target: unknown }> }>;
}

async function openConfigurator(query = ''): Promise<{ frame: HTMLIFrameElement; win: Window & typeof globalThis; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.style.width = '360px';
  frame.style.height = '800px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `/demo/nhung${query}`;
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as Window & typeof globalThis;
  const doc = frame.contentDocument!;
  await until(() => doc.querySelectorAll('#province option').length > 1, 'the province list loaded from /api/v1/agencies');
  return { frame, win, doc };
}

function choose(doc: Document, id: string, value: string): void {
  // Elements of the frame: compared by name, not instanceof (another realm's classes).
  const el = doc.getElementById(id) as HTMLSelectElement | HTMLInputElement;
  const checkbox = el.localName === 'input' && el.type === 'checkbox';
  if (checkbox) (el as HTMLInputElement).checked = value === 'on';
  else el.value = value;
  el.dispatchEvent(new Event(el.localName === 'select' || checkbox ? 'change' : 'input', { bubbles: true }));
}

/** Replaces the frame's clipboard: `copied` receives what the page writes, or writing fails (`fail`). */
function clipboard(win: Window, fail = false): { copied: string[] } {
  const copied: string[] = [];
  Object.defineProperty(win.navigator, 'clipboard', {
    configurable: true,
    value: {
      writeText: async (text: string) => {
        if (fail) throw new DOMException('Write permission denied.', 'NotAllowedError');
        copied.push(text);
      },
    },
  });
  return { copied };
}

/** Mounts `snippet` on this (blank) test page and waits until it has settled; returns visible error texts. */
async function mountSnippet(snippet: string): Promise<{ shown: string[]; errors: string[]; tags: string[] }> {
  const parsed = new DOMParser().parseFromString(snippet, 'text/html');
  for (const script of parsed.querySelectorAll('script')) {
    const src = new URL(script.getAttribute('src') ?? '');
    expect(src.origin, 'loader from the motcua server').to.equal(location.origin);
    expect(src.pathname, 'versioned loader URL').to.match(LOADER);
    expect(script.getAttribute('type')).to.equal('module');
    script.remove(); // the widgets are registered from the sources here (the loader has its own tests)
  }
  const host = document.createElement('snippet-host');
  host.style.display = 'block';
  host.append(...[...parsed.body.childNodes].map((n) => document.importNode(n, true)));
  const errors = collectErrors();
  document.body.append(host);
  try {
    const elements = [...host.querySelectorAll<HTMLElement>('*')].filter((e) => e.localName.startsWith('motcua-'));
    await until(() => elements.every((e) => e.shadowRoot), 'widgets upgraded');
    let count = -1;
    let since = Date.now();
    await until(() => {
      const now = performance.getEntriesByType('resource').length;
      if (now !== count) [count, since] = [now, Date.now()];
      const busy = deepAll(host, '[aria-busy="true"], [part~="loading"], .loading').some((e) => visible(e));
      return !busy && Date.now() - since > 300;
    }, 'widgets settled');
    const shown = deepAll(host, ERROR_TEXT)
      .filter((e) => visible(e) && e.textContent?.trim())
      .map((e) => e.textContent!.trim());
    return { shown, errors: errors.errors, tags: elements.map((e) => e.localName) };
  } finally {
    errors.stop();
    host.remove();
  }
}

describe('snippet configurator (/nhung)', () => {
  const frames: HTMLIFrameElement[] = [];
  afterEach(() => {
    for (const f of frames.splice(0)) f.remove();
    localStorage.removeItem('demo-lang');
  });

  it('is a strict-CSP demo page with its script in a file and the embed loader', async () => {
    const { response, doc } = await page('/demo/nhung');
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-security-policy') ?? '').to.contain("script-src 'self'");
    await expectNoInlineCode(doc, response.headers.get('content-security-policy') ?? '');
    const scripts = [...doc.querySelectorAll('script[src]')].map((s) => s.getAttribute('src') ?? '');
    expect(scripts).to.include('/embed/latest/motcua.js');
    // The page's own script by its content-hashed name (cached for a year).
    expect(
      scripts.some((s) => /^assets\/nhung\.[0-9a-f]+\.js$/.test(s)),
      scripts.join(', '),
    ).to.equal(true);
    // Steps are fieldsets with legends; the copy status is announced.
    expect(doc.querySelectorAll('fieldset > legend').length).to.be.at.least(3);
    expect(doc.getElementById('copy-status')?.getAttribute('aria-live')).to.equal('polite');
    expect(doc.querySelectorAll('h1').length).to.equal(1);
  });

  it('commune + widget + option: the preview shows the widget, and the copied snippet renders on a blank page', async () => {
    const { frame, win, doc } = await openConfigurator('?lang=vi');
    frames.push(frame);
    const { copied } = clipboard(win);
    // The province step comes from the agencies' data: Đà Nẵng holds the two seed agencies (and the demo province's).
    const provinces = [...doc.querySelectorAll<HTMLOptionElement>('#province option')].map((o) => o.textContent);
    expect(provinces).to.include('Thành phố Đà Nẵng');
    expect((doc.getElementById('agency') as HTMLSelectElement).disabled, 'commune waits for the province').to.equal(true);
    choose(doc, 'province', '48');
    const communes = [...doc.querySelectorAll<HTMLOptionElement>('#agency option')].map((o) => o.value).filter(Boolean);
    // (The test server also serves its demo province's communes: 000.48.xx.H17.)
    expect(communes).to.include.members(['000.30.01.H17', '000.30.02.H17']);
    choose(doc, 'agency', '000.30.02.H17');
    expect(doc.getElementById('agency-code')!.textContent).to.contain('000.30.02.H17');
    // Widgets: the statistics (not the default lookup), for the quarter.
    choose(doc, 'w-procedure-lookup', 'off');
    choose(doc, 'w-service-stats', 'on');
    expect(doc.getElementById('o-service-stats')!.hidden).to.equal(false);
    choose(doc, 'o-service-stats-period', 'quarter');

    const stats = await until(
      () => doc.querySelector<HTMLElement>('#preview motcua-portal[agency="000.30.02.H17"] > motcua-service-stats[period="quarter"]'),
      'the preview shows the statistics widget with the option',
    );
    expect(doc.querySelector('#preview motcua-procedure-lookup'), 'unchecked widget not previewed').to.equal(null);
    // The real widget, loaded by the embed loader, rendered its tiles.
    await until(() => stats.shadowRoot?.querySelector('[part~="tile"]'), 'the previewed widget rendered', 20_000);

    const box = doc.getElementById('snippet') as HTMLTextAreaElement;
    expect(box.value).to.contain('<motcua-service-stats period="quarter"></motcua-service-stats>');
    expect(box.value).to.contain(`agency="000.30.02.H17"`);
    expect(box.value).to.equal((doc.getElementById('preview') as HTMLElement).dataset.snippet, 'the snippet is the previewed one');
    (doc.getElementById('copy') as HTMLButtonElement).click();
    await until(() => doc.getElementById('copy-status')!.textContent?.includes('Đã sao chép'), 'copied, and said so');
    expect(copied).to.deep.equal([box.value]);

    // The page fits a 360 px phone.
    expect(doc.documentElement.scrollWidth, 'no sideways scrolling at 360 px').to.be.at.most(360);

    const result = await mountSnippet(copied[0]!);
    expect(result.tags).to.deep.equal(['motcua-portal', 'motcua-service-stats']);
    expect(result.shown, 'visible error text').to.deep.equal([]);
    expect(result.errors, 'page errors').to.deep.equal([]);
  });

  it('the default choice (procedure lookup) and options with quotes make a snippet that mounts as shown', async () => {
    const { frame, win, doc } = await openConfigurator('?lang=vi');
    frames.push(frame);
    const { copied } = clipboard(win);
    choose(doc, 'province', '56');
    choose(doc, 'agency', '000.21.30.H56');
    choose(doc, 'o-procedure-lookup-query', 'khai sinh "con" <b>');
    choose(doc, 'o-procedure-lookup-page-size', '5');
    choose(doc, 'o-procedure-lookup-no-history', 'on');
    await until(() => doc.querySelector('#preview motcua-procedure-lookup[page-size="5"]'), 'preview updated');
    (doc.getElementById('copy') as HTMLButtonElement).click();
    await until(() => copied.length === 1, 'copied');
    const parsed = new DOMParser().parseFromString(copied[0]!, 'text/html');
    const lookup = parsed.querySelector('motcua-portal > motcua-procedure-lookup')!;
    // What the webmaster typed stays one attribute value (escaped), nothing else.
    expect(lookup.getAttribute('query')).to.equal('khai sinh "con" <b>');
    expect(lookup.hasAttribute('no-history')).to.equal(true);
    expect(parsed.querySelectorAll('b').length).to.equal(0);
    const result = await mountSnippet(copied[0]!);
    expect(result.shown).to.deep.equal([]);
    expect(result.errors).to.deep.equal([]);
  });

  it('a wrong option is marked, left out, and copying waits for the fix', async () => {
    const { frame, doc } = await openConfigurator('?lang=vi');
    frames.push(frame);
    choose(doc, 'province', '48');
    choose(doc, 'agency', '000.30.01.H17');
    choose(doc, 'w-service-stats', 'on');
    choose(doc, 'o-service-stats-months', '99');
    const input = doc.getElementById('o-service-stats-months')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const error = doc.getElementById('o-service-stats-months-error')!;
    expect(error.hidden).to.equal(false);
    expect(error.textContent).to.contain('từ 1 đến 24');
    expect((doc.getElementById('copy') as HTMLButtonElement).disabled).to.equal(true);
    expect((doc.getElementById('snippet') as HTMLTextAreaElement).value).not.to.contain('months=');
    choose(doc, 'o-service-stats-months', '12');
    expect(error.hidden).to.equal(true);
    expect((doc.getElementById('copy') as HTMLButtonElement).disabled).to.equal(false);
    expect((doc.getElementById('snippet') as HTMLTextAreaElement).value).to.contain('months="12"');
  });

  it('when the browser refuses the clipboard, the snippet is selected and the page says to press Ctrl+C', async () => {
    const { frame, win, doc } = await openConfigurator('?lang=vi');
    frames.push(frame);
    clipboard(win, true);
    choose(doc, 'province', '48');
    choose(doc, 'agency', '000.30.01.H17');
    (doc.getElementById('copy') as HTMLButtonElement).click();
    const status = doc.getElementById('copy-status')!;
    await until(() => status.textContent?.includes('Ctrl+C'), 'fallback message');
    const box = doc.getElementById('snippet') as HTMLTextAreaElement;
    expect(doc.activeElement).to.equal(box);
    expect([box.selectionStart, box.selectionEnd]).to.deep.equal([0, box.value.length]);
  });

  it('when the agency list cannot be loaded, the page says what to do, and "load again" works', async () => {
    // A copy of the page whose first request for /api/v1/agencies fails (a script of its own runs before the page's).
    const source = await (await fetch('/demo/nhung', { cache: 'no-store' })).text();
    const failing = source
      .replace('<head>', `<head><base href="${location.origin}/demo/" />`)
      .replace(
        /<script type="module" src="assets\/nhung(?:\.[0-9a-f]+)?\.js">/,
        `<script type="module" src="${new URL('./fixtures/agencies-down.ts', import.meta.url).href}"></script>$&`,
      );
    const frame = document.createElement('iframe');
    frame.style.width = '360px';
    frame.style.height = '800px';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.src = URL.createObjectURL(new Blob([failing], { type: 'text/html' }));
    document.body.append(frame);
    frames.push(frame);
    await loaded;
    const doc = frame.contentDocument!;
    const error = await until(() => {
      const e = doc.getElementById('agency-error');
      return e && !e.hidden && e;
    }, 'the load error shown');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('Không tải được danh sách đơn vị');
    expect(error.textContent).to.contain('Tải lại danh sách');
    expect((doc.getElementById('copy') as HTMLButtonElement).disabled, 'nothing to copy yet').to.equal(true);
    const retry = doc.getElementById('agency-retry') as HTMLButtonElement;
    expect(retry.hidden).to.equal(false);
    retry.click();
    await until(() => doc.querySelectorAll('#province option').length > 1, 'the list loaded on the second try');
    expect(error.hidden).to.equal(true);
    expect(retry.hidden).to.equal(true);
  });

  it('speaks English when the page is English', async () => {
    const { frame, doc } = await openConfigurator('?lang=en');
    frames.push(frame);
    expect(doc.documentElement.lang).to.equal('en');
    expect(doc.title).to.equal('Snippet configurator — motcua');
    expect(doc.querySelector('#province option')!.textContent).to.equal('— Choose a province —');
    const label = doc.querySelector<HTMLElement>('label[for="province"] .en')!;
    expect(frame.contentWindow!.getComputedStyle(label).display).not.to.equal('none');
    expect(frame.contentWindow!.getComputedStyle(doc.querySelector('label[for="province"] .vi')!).display).to.equal('none');
    expect(doc.querySelector<HTMLOptionElement>('#o-service-stats-period option[value="year"]')!.textContent).to.equal('This year');
  });

  it('is axe clean (WCAG 2.2 A/AA) with a widget previewed', async () => {
    const { frame, win, doc } = await openConfigurator('?lang=vi');
    frames.push(frame);
    choose(doc, 'province', '48');
    choose(doc, 'agency', '000.30.01.H17');
    choose(doc, 'w-service-stats', 'on');
    const stats = await until(() => doc.querySelector<HTMLElement>('#preview motcua-service-stats'), 'preview');
    await until(() => stats.shadowRoot?.querySelector('[part~="tile"]'), 'rendered', 20_000);
    // axe from the test server's node_modules: same origin, so the page's CSP (script-src 'self') allows it.
    const script = doc.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = reject;
    });
    doc.head.append(script);
    await loaded;
    const axe = (win as unknown as { axe: { run(ctx: unknown, options: unknown): Promise<AxeResult> } }).axe;
    // The page's own markup; the widgets in the preview are checked by their own axe tests (the statistics table's
    // scroll box at 360 px is not focusable yet: issue 15 item 5, another branch).
    const result = await axe.run(
      { include: [doc], exclude: [['#preview']] },
      {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        resultTypes: ['violations'],
      },
    );
    expect(result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`)).to.deep.equal([]);
  });
});
