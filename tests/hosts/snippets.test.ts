// The documentation's embed snippets, tested as written: every ```html block of README.md and docs/*.md is mounted on
// a page pointed at the test server (same origin: /api and /embed are proxied to the reference server), and must show
// no error text and throw no page error. Only the server's address is rewritten ("https://your-server/" → this origin).
// Fragments written for use inside the guide's <motcua-portal> (no api and no portal of their own) are placed in one.
import { expect } from '@open-wc/testing';
import '@motcua/elements/all.js';
import { collectErrors, deepAll, until, visible } from '../a11y/widgets.js';

/** Every documentation file with snippets a webmaster copies (docs/*.md; new guides must be added here). */
const DOCS = [
  'README.md',
  'docs/webmaster-guide.md',
  'docs/webmaster-guide.en.md',
  'docs/developer-guide.md',
  'docs/architecture.md',
  'docs/performance.md',
  'docs/security.md',
];
/** The demo's agency (packages/server/seed/agencies.json) the guide's portal uses for fragments. */
const GUIDE_AGENCY = '000.30.01.H17';
/** The loader URL the snippets may use: the versioned path scripts/sync-version.mjs keeps current, or `latest`. */
const LOADER = /^\/embed\/(latest|\d+\.\d+\.\d+(-[\w.]+)?)\/motcua\.js$/;

interface Snippet {
  file: string;
  line: number;
  code: string;
}

async function snippets(): Promise<Snippet[]> {
  const out: Snippet[] = [];
  for (const file of DOCS) {
    const res = await fetch(`/${file}`, { cache: 'no-store' });
    if (!res.ok) continue;
    const lines = (await res.text()).split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]!.trim() !== '```html') continue;
      const start = i + 1;
      let end = start;
      while (end < lines.length && lines[end]!.trim() !== '```') end++;
      out.push({ file, line: start + 1, code: lines.slice(start, end).join('\n') });
      i = end;
    }
  }
  return out;
}

/** Points the snippet's absolute server addresses at the test origin. */
const local = (code: string): string => code.replace(/https?:\/\/[a-z0-9.-]*[A-Za-z0-9-]+(\.[a-z]{2,})?\/(api|embed)\//gi, '/$2/');

const ERROR_TEXT = '[part~="error"], .error';

/**
 * The guide's kiosk step: each kiosk is enrolled once (here with the demo server's demo kiosk credential); an unenrolled
 * kiosk shows its officer set-up screen instead of the answers. Set by each suite that mounts a kiosk, removed after it.
 */
async function enrolDemoKiosk(): Promise<void> {
  const enrolled = await fetch(`/demo/demo-device.json?agency=${GUIDE_AGENCY}`);
  expect(enrolled.ok, 'demo kiosk credential').to.equal(true);
  localStorage.setItem('motcua-kiosk-device', ((await enrolled.json()) as { credential: string }).credential);
}

// Read before the tests are declared, so that each snippet is a test of its own with its own time budget (all of them
// in one test took more than its 20 s on a loaded machine), and a failure names its snippet.
const all = await snippets();

describe('documentation snippets, as written', () => {
  let agencies: string[] = [];
  before(async () => {
    const list = (await (await fetch('/api/v1/agencies')).json()) as { items: Array<{ code: string }> };
    agencies = list.items.map((a) => a.code);
    await enrolDemoKiosk();
  });
  after(() => localStorage.removeItem('motcua-kiosk-device'));

  it('README.md and the webmaster guide have html snippets', () => {
    expect(all.filter((s) => s.file === 'README.md').length).to.be.greaterThan(0);
    expect(all.filter((s) => s.file === 'docs/webmaster-guide.md').length).to.be.greaterThan(2);
  });

  for (const snippet of all) {
    const where = `${snippet.file}:${snippet.line}`;
    it(`${where} mounts with no visible error and no page error`, async () => {
      const doc = new DOMParser().parseFromString(local(snippet.code), 'text/html');
      for (const script of doc.querySelectorAll('script')) {
        const src = new URL(script.getAttribute('src') ?? '', location.origin);
        expect(src.origin, `${where}: script from the motcua server`).to.equal(location.origin);
        expect(src.pathname, `${where}: loader URL`).to.match(LOADER);
        script.remove(); // the widgets are already registered from the sources (the loader has its own tests)
      }
      for (const api of doc.querySelectorAll('[api]')) {
        expect(api.getAttribute('api'), `${where}: api address`).to.match(/^\/api\/v1$/);
      }
      for (const agency of doc.querySelectorAll('[agency]')) {
        expect(agencies, `${where}: agency code exists in the demo`).to.include(agency.getAttribute('agency'));
      }
      const host = document.createElement('snippet-host');
      host.style.display = 'block';
      const nodes = [...doc.body.childNodes].map((n) => document.importNode(n, true));
      const widgets = nodes.filter((n): n is HTMLElement => n instanceof HTMLElement && n.localName.startsWith('motcua-'));
      if (!widgets.length) return; // only a script tag
      const fragment = widgets.every((w) => !w.hasAttribute('api') && w.localName !== 'motcua-portal');
      const target = fragment ? document.createElement('motcua-portal') : host;
      if (fragment) {
        target.setAttribute('api', '/api/v1');
        target.setAttribute('agency', GUIDE_AGENCY);
        host.append(target);
      }
      target.append(...nodes);
      const errors = collectErrors();
      document.body.append(host);
      try {
        const elements = [...host.querySelectorAll<HTMLElement>('*')].filter((e) => e.localName.startsWith('motcua-'));
        await until(() => elements.every((e) => e.shadowRoot), `${where}: widgets upgraded`);
        // Settled: every widget has rendered something besides a loading state, and no request is in flight for 300 ms.
        let count = -1;
        let stableSince = Date.now();
        await until(() => {
          const now = performance.getEntriesByType('resource').length;
          if (now !== count) [count, stableSince] = [now, Date.now()];
          const busy = deepAll(host, '[aria-busy="true"], [part~="loading"], .loading').some((e) => visible(e));
          return !busy && Date.now() - stableSince > 300;
        }, `${where}: widgets settled`);
        const shown = deepAll(host, ERROR_TEXT).filter((e) => visible(e) && e.textContent?.trim());
        expect(
          shown.map((e) => e.textContent?.trim()),
          `${where}: visible error text`,
        ).to.deep.equal([]);
      } finally {
        errors.stop();
        host.remove();
      }
      expect(errors.errors, `${where}: page errors`).to.deep.equal([]);
    });
  }
});

describe('a counter written as on the sign', () => {
  before(enrolDemoKiosk);
  after(() => localStorage.removeItem('motcua-kiosk-device'));
  it('counter="Quầy 1" reads "Quầy 1", not "Quầy Quầy 1"', async () => {
    const el = document.createElement('motcua-satisfaction');
    for (const [k, v] of Object.entries({
      mode: 'kiosk',
      api: '/api/v1',
      agency: GUIDE_AGENCY,
      counter: 'Quầy 1',
      queue: 'snippet-counter',
    })) {
      el.setAttribute(k, v);
    }
    document.body.append(el);
    try {
      const staff = await until(() => deepAll(el.shadowRoot, '[part~="staff"]')[0], 'kiosk staff line');
      expect(staff.textContent).to.include('Quầy 1');
      expect(staff.textContent).to.not.include('Quầy Quầy');
    } finally {
      el.remove();
    }
  });
});
