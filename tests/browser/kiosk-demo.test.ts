// The demo site's kiosk (/kiosk) and tracker (/ho-so) pages, as the reference server serves them: strict CSP, no inline
// script or style, the widgets configured with plain attributes, and the kiosk's URL set-up script in place.
import { expect, waitUntil } from '@open-wc/testing';
import { expectNoInlineCode, page } from './helpers.js';

describe('demo pages for the tracker and the kiosk', () => {
  it('serves the kiosk page at /kiosk under a strict CSP', async () => {
    const { response, doc } = await page('/kiosk?quay=3');
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.contain('text/html');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).to.contain("script-src 'self'");
    expect(csp).not.to.contain('unsafe-inline');
    await expectNoInlineCode(doc, csp);
    const kiosk = doc.querySelector('motcua-satisfaction')!;
    expect(kiosk.getAttribute('mode')).to.equal('kiosk');
    expect(kiosk.getAttribute('agency')).to.match(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/);
    const scripts = [...doc.querySelectorAll('script[src]')].map((s) => s.getAttribute('src')!);
    expect(scripts).to.include('/embed/latest/motcua.js');
    expect(scripts.some((src) => /^assets\/kiosk\.[0-9a-f]{10}\.js$/.test(src))).to.equal(true, scripts.join(' '));
    // (The test origin proxies the demo site under /demo/.)
    const setup = await fetch('/demo/assets/kiosk.js', { cache: 'no-store' });
    expect(setup.status).to.equal(200);
    expect(await setup.text()).to.contain("params.get('quay')");
  });

  it('serves the tracker page with the tracker inside a portal', async () => {
    const { response, doc } = await page('/demo/ho-so');
    expect(response.status).to.equal(200);
    await expectNoInlineCode(doc, response.headers.get('content-security-policy') ?? '');
    const tracker = doc.querySelector('motcua-portal motcua-dossier-tracker')!;
    expect(tracker).not.to.equal(null);
    expect(tracker.getAttribute('refresh')).to.equal('60');
    expect(doc.documentElement.lang).to.equal('vi');
  });

  describe('kiosk enrolment on the demo page', () => {
    const KEY = 'motcua-kiosk-device';
    let frame: HTMLIFrameElement | undefined;
    afterEach(() => {
      frame?.remove();
      localStorage.removeItem(KEY);
    });
    const open = async (path: string): Promise<{ win: Window; kiosk: Element }> => {
      frame = document.createElement('iframe');
      frame.style.width = '1024px';
      frame.style.height = '800px';
      const loaded = new Promise((resolve) => frame!.addEventListener('load', resolve, { once: true }));
      frame.src = path;
      document.body.append(frame);
      await loaded;
      const win = frame.contentWindow!;
      await waitUntil(() => win.customElements.get('motcua-satisfaction'), 'the kiosk widget did not load', { timeout: 15_000 });
      return { win, kiosk: frame.contentDocument!.querySelector('motcua-satisfaction')! };
    };
    const choices = (kiosk: Element) => kiosk.shadowRoot?.querySelectorAll('[part="choice"]').length ?? 0;

    it('in demo mode, enrols itself with the demo kiosk of its agency: no manual step', async () => {
      localStorage.removeItem(KEY);
      const { kiosk } = await open('/demo/kiosk?quay=2');
      await waitUntil(() => choices(kiosk) === 3, 'the demo kiosk did not open for votes', { timeout: 15_000 });
      expect(localStorage.getItem(KEY)).to.match(/^MCD[0-9A-Z]{25}$/);
    });

    it('enrols from a one-time #enrol= link and removes the credential from the address', async () => {
      const { credential } = (await (await fetch('/demo/demo-device.json?agency=000.30.01.H17')).json()) as { credential: string };
      const { win, kiosk } = await open(`/demo/kiosk#enrol=${credential}`);
      await waitUntil(() => choices(kiosk) === 3, 'the enrolled kiosk did not open for votes', { timeout: 15_000 });
      expect(localStorage.getItem(KEY)).to.equal(credential);
      expect(win.location.hash).to.equal('');
    });
  });
});
