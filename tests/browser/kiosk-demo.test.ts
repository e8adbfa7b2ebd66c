// The demo site's kiosk (/kiosk) and tracker (/ho-so) pages, as the reference server serves them: strict CSP, no inline
// script or style, the widgets configured with plain attributes, and the kiosk's URL set-up script in place.
import { expect } from '@open-wc/testing';
import { expectNoInlineCode, page } from './helpers.js';

describe('demo pages for the tracker and the kiosk', () => {
  it('serves the kiosk page at /kiosk under a strict CSP', async () => {
    const { response, doc } = await page('/kiosk?quay=3');
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.contain('text/html');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).to.contain("script-src 'self'");
    expect(csp).not.to.contain('unsafe-inline');
    expectNoInlineCode(doc);
    const kiosk = doc.querySelector('motcua-satisfaction')!;
    expect(kiosk.getAttribute('mode')).to.equal('kiosk');
    expect(kiosk.getAttribute('agency')).to.match(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/);
    expect([...doc.querySelectorAll('script[src]')].map((s) => s.getAttribute('src'))).to.include.members([
      'assets/kiosk.js',
      '/embed/latest/motcua.js',
    ]);
    // (The test origin proxies the demo site under /demo/.)
    const setup = await fetch('/demo/assets/kiosk.js', { cache: 'no-store' });
    expect(setup.status).to.equal(200);
    expect(await setup.text()).to.contain("params.get('quay')");
  });

  it('serves the tracker page with the tracker inside a portal', async () => {
    const { response, doc } = await page('/demo/ho-so');
    expect(response.status).to.equal(200);
    expectNoInlineCode(doc);
    const tracker = doc.querySelector('motcua-portal motcua-dossier-tracker')!;
    expect(tracker).not.to.equal(null);
    expect(tracker.getAttribute('refresh')).to.equal('60');
    expect(doc.documentElement.lang).to.equal('vi');
  });
});
