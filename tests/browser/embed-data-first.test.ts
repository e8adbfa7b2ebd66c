// A page with several widgets, as a commune site shows them: the loader asks for the widgets' first data before their
// code. A browser speaking HTTP/1.1 (every site without TLS, and the reference server behind a plain proxy) opens six
// connections to a host and hands them out in the order asked: asked after a dozen chunks, the answers waited for the
// code on a slow link and then took a round trip of their own (the every-widget page on slow 3G: ~0.45 s later).
// Its own file: a page whose loader has not fetched these widgets yet.
import { expect, waitUntil } from '@open-wc/testing';

const API = new URL('/api/v1', location.origin).href;
const AGENCY = '000.30.01.H17';
const PROCEDURE = '1.001193';

const entries = () => performance.getEntriesByType('resource') as PerformanceResourceTiming[];

describe('embed: the data before the code', () => {
  it('asks for the statistics and the QR card’s procedure before any of the widgets’ chunks, once each', async () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      `<motcua-dossier-tracker api="${API}"></motcua-dossier-tracker>
       <motcua-service-stats api="${API}" agency="${AGENCY}" months="3"></motcua-service-stats>
       <motcua-qr-card api="${API}" agency="${AGENCY}" procedure="${PROCEDURE}"></motcua-qr-card>`,
    );
    const script = Object.assign(document.createElement('script'), { type: 'module', src: '/embed/latest/motcua.js' });
    document.head.append(script);
    const stats = document.querySelector('motcua-service-stats')!;
    const card = document.querySelector('motcua-qr-card')!;
    await waitUntil(() => stats.shadowRoot?.querySelector('[part~="tile"]'), 'no figures shown', { timeout: 20_000 });
    await waitUntil(() => card.shadowRoot?.querySelector('svg'), 'the QR card did not render', { timeout: 20_000 });
    await waitUntil(() => customElements.get('motcua-dossier-tracker'), 'the tracker was not loaded', { timeout: 20_000 });

    const data = entries().filter((e) => /\/api\/v1\/(agencies\/[^/]+\/stats|procedures\/[\d.]+)(\?|$)/.test(e.name));
    const code = entries().filter((e) => /\/embed\/[^/]+\/(components|chunks)\/[^/]+\.js$/.test(e.name));
    // Two figures requests (this month, three months for the chart) and the card's procedure: each asked for once,
    // by the loader's preload, and the widgets used those answers.
    expect(data.map((e) => new URL(e.name).pathname).sort()).to.deep.equal(
      [`/api/v1/agencies/${AGENCY}/stats`, `/api/v1/agencies/${AGENCY}/stats`, `/api/v1/procedures/${PROCEDURE}`].sort(),
    );
    for (const entry of data) expect(entry.initiatorType, entry.name).to.equal('link');
    for (const name of ['dossier-tracker', 'service-stats', 'qr-card'])
      expect(
        code.some((e) => e.name.endsWith(`/components/${name}.js`)),
        `${name}.js loaded`,
      ).to.equal(true);
    // Every answer was asked for before the first chunk.
    const firstChunk = Math.min(...code.map((e) => e.startTime));
    for (const entry of data) expect(entry.startTime, `${entry.name} asked for before the code`).to.be.at.most(firstChunk);
  });

  it('a QR card beside a lookup of its agency takes its procedure from the catalog the page downloads: one request less', async () => {
    // Nha Trang's catalog, with no copy kept from another test (the loader preloads a catalog only on a first visit).
    const agency = '000.21.30.H56';
    localStorage.removeItem(`motcua:catalog:${API}:${agency}`);
    const catalog = (await (await fetch(`${API}/agencies/${agency}/procedures/catalog`)).json()) as {
      items: { code: string; name: string }[];
    };
    const procedure = catalog.items[0]!;
    performance.clearResourceTimings();
    document.body.insertAdjacentHTML(
      'beforeend',
      `<section id="nt"><motcua-qr-card api="${API}" agency="${agency}" procedure="${procedure.code}"></motcua-qr-card>
       <motcua-procedure-lookup api="${API}" agency="${agency}" no-history></motcua-procedure-lookup></section>`,
    );
    const card = document.querySelector('#nt motcua-qr-card')!;
    const lookup = document.querySelector('#nt motcua-procedure-lookup')!;
    await waitUntil(() => card.shadowRoot?.querySelector('[part~="name"]'), 'the QR card showed no procedure', { timeout: 20_000 });
    await waitUntil(() => lookup.shadowRoot?.querySelector('[part~="result-name"], [part~="tile"]'), 'the lookup showed nothing', {
      timeout: 20_000,
    });
    expect(card.shadowRoot!.querySelector('[part~="name"]')!.textContent).to.equal(procedure.name);
    expect(card.shadowRoot!.querySelector('svg'), 'the QR code').to.not.equal(null);
    const api = entries().filter((e) => e.name.startsWith(`${API}/`));
    expect(api.filter((e) => e.name.endsWith(`/agencies/${agency}/procedures/catalog`)).map((e) => e.initiatorType)).to.deep.equal([
      'link',
    ]);
    expect(
      api.filter((e) => e.name.includes('/procedures/' + procedure.code)),
      'a request for the card’s procedure',
    ).to.deep.equal([]);
  });

  it('a QR card alone asks for its procedure', async () => {
    performance.clearResourceTimings();
    document.body.insertAdjacentHTML(
      'beforeend',
      `<motcua-qr-card id="alone" api="${API}" agency="${AGENCY}" procedure="2.000635"></motcua-qr-card>`,
    );
    const card = document.getElementById('alone')!;
    await waitUntil(() => card.shadowRoot?.querySelector('[part~="name"]'), 'the QR card showed no procedure', { timeout: 20_000 });
    const asked = entries()
      .filter((e) => e.name.startsWith(`${API}/`))
      .map((e) => new URL(e.name).pathname);
    expect(asked).to.deep.equal(['/api/v1/procedures/2.000635']);
  });
});
