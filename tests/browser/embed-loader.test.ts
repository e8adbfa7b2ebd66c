// The real embed build (packages/embed/dist/<version>/, served by the reference server at /embed/…) on a page, as a
// webmaster includes it. This file imports no component sources, so every tag is defined by the embed alone.
// The build is made by `node scripts/size.mjs` (part of `npm test`, before the browser tests) or `npm run build`.
import { expect, waitUntil } from '@open-wc/testing';

const API = new URL('/api/v1', location.origin).href;
const AGENCY = '000.30.01.H17';

function addScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.type = 'module';
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

const loaded = () => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);

describe('embed: one script tag', () => {
  const errors: unknown[] = [];
  const warnings: string[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
  const originalWarn = console.warn;

  before(async () => {
    const probe = await fetch('/embed/latest/motcua.js', { method: 'HEAD' });
    if (!probe.ok) throw new Error('No embed build: run `node scripts/size.mjs` or `npm run build` first (npm test does it).');
    window.addEventListener('error', onError);
    console.warn = (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
      originalWarn(...args);
    };
  });

  after(() => {
    window.removeEventListener('error', onError);
    console.warn = originalWarn;
  });

  it('upgrades the widgets on the page, loads only their chunks, and tolerates being included twice', async () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      `<motcua-portal id="p" api="${API}" agency="${AGENCY}"><motcua-procedure-lookup no-history></motcua-procedure-lookup></motcua-portal>
       <motcua-nonexistent-widget></motcua-nonexistent-widget>`,
    );
    // Twice the same URL, and a second copy under another URL (another version path of the same build).
    await Promise.all([addScript('/embed/latest/motcua.js'), addScript('/embed/latest/motcua.js')]);
    const head = await fetch('/embed/latest/motcua.js');
    expect(head.headers.get('content-type')).to.match(/javascript/);

    await waitUntil(() => customElements.get('motcua-procedure-lookup') && customElements.get('motcua-portal'), 'widgets not defined', {
      timeout: 15_000,
    });
    const lookup = document.querySelector('motcua-procedure-lookup')!;
    await waitUntil(() => lookup.shadowRoot?.querySelector('[part~="result-name"]'), 'lookup did not show results', { timeout: 15_000 });
    const chunks = loaded().filter((p) => p.startsWith('/embed/'));
    expect(chunks.some((p) => p.endsWith('/components/procedure-lookup.js'))).to.equal(true);
    expect(chunks.some((p) => p.endsWith('/components/portal.js'))).to.equal(true);
    for (const other of ['qr-sheet', 'satisfaction', 'dossier-tracker', 'service-stats']) {
      expect(
        chunks.some((p) => p.endsWith(`/components/${other}.js`)),
        `${other} should not load`,
      ).to.equal(false);
    }
    expect(warnings.some((w) => w.includes('motcua-nonexistent-widget'))).to.equal(true);
    expect(customElements.get('motcua-nonexistent-widget')).to.equal(undefined);
    expect(errors).to.deep.equal([]);
  });

  it('lets the site register its own wording or language through the script', async () => {
    const embed = (await import(/* @vite-ignore */ `${location.origin}/embed/latest/motcua.js`)) as {
      registerTranslation: (lang: string, terms: Record<string, string>) => void;
    };
    embed.registerTranslation('vi', { 'lookup.label': 'Tra cứu nhanh thủ tục' });
    const lookup = document.querySelector('motcua-procedure-lookup')!;
    await waitUntil(() => lookup.shadowRoot!.querySelector('label')?.textContent === 'Tra cứu nhanh thủ tục', 'host wording not applied');
  });

  it('loads widgets added later, including inside added subtrees', async () => {
    const section = document.createElement('section');
    const wrapper = document.createElement('div');
    const card = document.createElement('motcua-qr-card');
    card.setAttribute('api', API);
    card.setAttribute('procedure', '1.001193');
    wrapper.append(card);
    section.append(wrapper);
    document.body.append(section);
    await waitUntil(() => customElements.get('motcua-qr-card'), 'qr card not loaded after being added', { timeout: 15_000 });
    await waitUntil(() => card.shadowRoot?.querySelector('svg'), 'qr card did not render', { timeout: 15_000 });
    expect(errors).to.deep.equal([]);
  });

  it('requests the statistics widget’s figures together with its chunk, and the widget uses those answers', async () => {
    // In a portal that names the API and agency, with its own number of months (the widget's requests depend on it).
    document.body.insertAdjacentHTML(
      'beforeend',
      `<motcua-portal api="${API}" agency="${AGENCY}"><motcua-service-stats id="early" months="3"></motcua-service-stats></motcua-portal>`,
    );
    const stats = document.getElementById('early')!;
    await waitUntil(() => stats.shadowRoot?.querySelector('[part~="tile"]'), 'no figures shown', { timeout: 15_000 });
    await waitUntil(() => stats.shadowRoot?.querySelector('[part~="chart"]'), 'no chart shown', { timeout: 15_000 });
    const entries = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) =>
      new URL(e.name).pathname.endsWith(`/agencies/${AGENCY}/stats`),
    );
    const widget = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) =>
      e.name.endsWith('/components/service-stats.js'),
    )!;
    // Two requests (this month's figures, three months for the chart), each made once: by the loader's preload (a
    // `link` request, started in the same task as the widget's file request, so before the widget could run); the
    // widget's own requests were answered by them. (Their start is not compared with the file's arrival: on loopback
    // the file can arrive within the same millisecond.)
    const today = new Date(Date.now() + 7 * 3_600_000);
    const [year, month] = [today.getUTCFullYear(), today.getUTCMonth() + 1];
    const thisMonth = `${year}-${String(month).padStart(2, '0')}-01`;
    const threeMonths = new Date(Date.UTC(year, month - 3, 1)).toISOString().slice(0, 10);
    expect(entries.map((e) => new URL(e.name).searchParams.get('from')).sort()).to.deep.equal([thisMonth, threeMonths].sort());
    expect(entries).to.have.length(2);
    for (const entry of entries) expect(entry.initiatorType).to.equal('link');
    expect(widget, 'the widget file was loaded').to.not.equal(undefined);
    expect(errors).to.deep.equal([]);
  });

  it('fetches the schemas the statistics widget needs at its first render together with the widget, not one round trip later', async () => {
    const stats = document.createElement('motcua-service-stats');
    stats.setAttribute('api', API);
    stats.setAttribute('agency', AGENCY);
    document.body.append(stats);
    await waitUntil(() => customElements.get('motcua-service-stats'), 'statistics widget not loaded', { timeout: 15_000 });
    const entries = () => performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    await waitUntil(
      () => entries().some((e) => /\/chunks\/stats-on-demand-[^/]+\.js$/.test(e.name)),
      'the statistics schemas never loaded',
      {
        timeout: 15_000,
      },
    );
    const widget = entries().find((e) => e.name.endsWith('/components/service-stats.js'))!;
    const schemas = entries().find((e) => /\/chunks\/stats-on-demand-[^/]+\.js$/.test(e.name))!;
    // Requested before the widget's own file had even arrived: the loader asked for both at once.
    expect(schemas.startTime).to.be.below(widget.responseEnd);
    expect(errors).to.deep.equal([]);
  });

  it('a second copy of the loader from another URL does not throw or double-define', async () => {
    await addScript(`/embed/latest/motcua.js?copy=2`);
    document.body.append(document.createElement('motcua-qr-sheet'));
    await waitUntil(() => customElements.get('motcua-qr-sheet'), 'qr sheet not loaded', { timeout: 15_000 });
    expect(errors).to.deep.equal([]);
  });
});
