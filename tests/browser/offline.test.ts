// Offline first on the demo site: after one visit, the service worker (docs/demo/sw.js, served with its precache
// manifest by the reference server) lets the kiosk page reload with the network down, take votes and deliver them
// exactly once when the network is back; lets the look-up find "khai sinh" offline; shows an offline badge while the
// network is down; and is replaced by a new version after a deploy.
// "The network" is switched off by the test runner's proxy for this test's browser context only (cookie
// motcua-test-network=down, see web-test-runner.config.mjs): every request to the server fails as a dropped connection.
import { expect, waitUntil } from '@open-wc/testing';
import { createClient } from '@motcua/sdk';
import { calendarDate } from '../../packages/elements/src/internal/working-days.js';
import { deep, deepAll, setInput } from '../a11y/widgets.js';

const networkDown = (): void => void (document.cookie = 'motcua-test-network=down; path=/');
const networkUp = (): void => void (document.cookie = 'motcua-test-network=; path=/; max-age=0');

let frame: HTMLIFrameElement | undefined;

/** Opens `path` in an iframe of this page (same origin, so the test can look inside) and waits for its load event. */
async function open(path: string): Promise<Window> {
  frame?.remove();
  frame = document.createElement('iframe');
  frame.style.width = '1024px';
  frame.style.height = '800px';
  const loaded = new Promise((resolve) => frame!.addEventListener('load', resolve, { once: true }));
  frame.src = path;
  document.body.append(frame);
  await loaded;
  return frame.contentWindow!;
}

/** Reloads the iframe's page; with the network down it can only come from the service worker. */
async function reload(): Promise<Window> {
  const loaded = new Promise((resolve) => frame!.addEventListener('load', resolve, { once: true }));
  frame!.contentWindow!.location.reload();
  await loaded;
  const win = frame!.contentWindow!;
  // A page that failed to load is the browser's error page, whose document the test cannot read.
  expect(frame!.contentDocument, 'the page did not load (browser error page)').not.to.equal(null);
  return win;
}

/** Waits for the page's service worker to be active and in control (it claims the page that registered it). */
async function controlled(win: Window): Promise<ServiceWorkerRegistration> {
  const registration = await win.navigator.serviceWorker.ready;
  await waitUntil(() => win.navigator.serviceWorker.controller, 'the service worker did not take control of the page', { timeout: 30_000 });
  return registration;
}

const badgeText = (win: Window): string => win.document.querySelector('.offline-badge[role="status"]')?.textContent?.trim() ?? '';

/**
 * The agency's ratings over `days`: today and tomorrow (Vietnam time) as they were when the test started, so every count
 * of the test covers the same days and a run across the Vietnamese midnight (17:00 UTC) still sees its votes.
 */
async function satisfactionTotal(agency: string, days: { from: string; to: string }): Promise<number> {
  const client = createClient({
    baseUrl: new URL('/api/v1', location.origin).href,
    fetch: (input, init) => fetch(new Request(input, { ...init, cache: 'no-store' })),
  });
  const stats = await client.getStats(agency, days);
  return stats.satisfaction.total;
}

describe('offline first on the demo site (service worker)', () => {
  afterEach(async () => {
    networkUp();
    document.cookie = 'motcua-test-deploy=; path=/; max-age=0';
    // The page first: a worker unregistered while it still controls a page stays until that page goes, and the next
    // test's register() would take it back as it is (no new install, so no precache once the caches are deleted).
    frame?.remove();
    frame = undefined;
    const registrations = await navigator.serviceWorker.getRegistrations();
    await Promise.all(registrations.map((r) => r.unregister()));
    for (const name of await caches.keys()) await caches.delete(name);
  });

  it('a kiosk reloaded offline shows its buttons, takes votes, and delivers them exactly once when the network is back', async function () {
    this.timeout(120_000);
    // An agency of the demo province that no other browser test rates (its kiosk is the demo kiosk of that agency).
    const { items } = (await (await fetch('/api/v1/agencies', { cache: 'no-store' })).json()) as { items: { code: string }[] };
    const agency = items.map((a) => a.code).find((code) => !['000.30.01.H17', '000.30.02.H17', '000.21.30.H56'].includes(code));
    expect(agency, 'a fourth agency in the demo data').to.be.a('string');
    const start = Date.now();
    const days = { from: calendarDate(new Date(start)), to: calendarDate(new Date(start + 86_400_000)) };
    const before = await satisfactionTotal(agency!, days);
    const path = `/demo/kiosk?quay=offline-${crypto.randomUUID().slice(0, 6)}&don-vi=${agency}`;
    const choices = (win: Window): HTMLButtonElement[] =>
      deepAll<HTMLButtonElement>(win.document.querySelector('motcua-satisfaction')?.shadowRoot, '[part="choice"]');

    // One visit online: the kiosk enrols itself (demo kiosk) and the service worker installs.
    let win = await open(path);
    await waitUntil(() => choices(win).length === 3, 'the kiosk did not open for votes online', { timeout: 20_000 });
    await controlled(win);
    expect(badgeText(win)).to.equal('');

    // Network down, reload: the page, its scripts and the widget come from the worker; the badge says offline.
    networkDown();
    win = await reload();
    await waitUntil(() => choices(win).length === 3, 'the kiosk reloaded offline shows no buttons', { timeout: 20_000 });
    await waitUntil(() => /mất kết nối mạng/i.test(badgeText(win)), 'no offline badge while the network is down', { timeout: 20_000 });
    expect(win.document.querySelector('.offline-badge')!.getAttribute('role')).to.equal('status');
    choices(win)[0]!.click();
    const kiosk = (): { queueCounts: { pending: number } } =>
      win.document.querySelector('motcua-satisfaction') as unknown as { queueCounts: { pending: number } };
    await waitUntil(() => kiosk().queueCounts.pending === 1, 'the offline vote was not queued', { timeout: 10_000 });

    // A second reload, still offline: the queued vote survives, a second one is taken.
    win = await reload();
    await waitUntil(() => choices(win).length === 3, 'the kiosk reloaded offline a second time shows no buttons', { timeout: 20_000 });
    await waitUntil(() => kiosk().queueCounts.pending === 1, 'the queued vote did not survive the reload', { timeout: 10_000 });
    choices(win)[0]!.click();
    await waitUntil(() => kiosk().queueCounts.pending === 2, 'the second offline vote was not queued', { timeout: 10_000 });

    // The network comes back (the browser says so with an `online` event): both votes are delivered, once each.
    networkUp();
    win.dispatchEvent(new Event('online'));
    await waitUntil(() => kiosk().queueCounts.pending === 0, 'the queued votes were not sent when the network came back', {
      timeout: 30_000,
    });
    await waitUntil(() => badgeText(win) === '', 'the offline badge stayed after the network came back', { timeout: 20_000 });
    expect(await satisfactionTotal(agency!, days)).to.equal(before + 2);
    // Another reload online and another sync round: nothing is sent twice.
    win = await reload();
    await waitUntil(() => choices(win).length === 3, 'the kiosk did not reopen online', { timeout: 20_000 });
    win.dispatchEvent(new Event('online'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await satisfactionTotal(agency!, days)).to.equal(before + 2);
  });

  it('the look-up finds "khai sinh" offline after one visit', async function () {
    this.timeout(120_000);
    let win = await open('/demo/');
    const lookup = (): Element | null | undefined => win.document.querySelector('motcua-procedure-lookup');
    await waitUntil(
      () => deepAll<HTMLInputElement>(lookup()?.shadowRoot, 'input[part~="input"]').find((i) => !i.disabled),
      'lookup input',
      {
        timeout: 20_000,
      },
    );
    await controlled(win);
    // The catalog the page fetched before the worker controlled it is handed to the worker's catalog cache.
    await waitUntil(
      async () => (await (await win.caches.open('motcua-catalog')).keys()).some((r) => r.url.includes('/procedures/catalog')),
      'the catalog was not cached by the service worker',
      { timeout: 30_000 },
    );

    networkDown();
    win = await reload();
    const input = await waitUntil(
      () => deepAll<HTMLInputElement>(lookup()?.shadowRoot, 'input[part~="input"]').find((i) => !i.disabled),
      'the look-up did not load offline',
      { timeout: 20_000 },
    ).then(() => deep<HTMLInputElement>(lookup()!.shadowRoot, 'input[part~="input"]')!);
    setInput(input, 'khai sinh');
    await waitUntil(
      () => deepAll(lookup()!.shadowRoot, '[role="option"]').some((o) => /khai sinh/i.test(o.textContent ?? '')),
      'the look-up found no "khai sinh" procedure offline',
      { timeout: 20_000 },
    );
    await waitUntil(() => /mất kết nối mạng/i.test(badgeText(win)), 'no offline badge on the look-up page', { timeout: 20_000 });

    // Online again: the page shows the saved catalog at once and the worker refreshes its copy from the server (the page
    // asks with its own ETag; the worker keeps a full answer, stamped with the server's new Date).
    const savedAt = async (w: Window): Promise<string | null | undefined> => {
      const cache = await w.caches.open('motcua-catalog');
      const key = (await cache.keys()).find((r) => r.url.includes('/procedures/catalog'));
      return key && (await cache.match(key))?.headers.get('date');
    };
    const before = await savedAt(win);
    expect(before, 'the cached catalog carries the server Date').to.be.a('string');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    networkUp();
    win = await reload();
    await waitUntil(async () => (await savedAt(win)) !== before, 'the worker did not refresh its catalog online', { timeout: 20_000 });
    await waitUntil(() => badgeText(win) === '', 'the offline badge stayed online', { timeout: 20_000 });
  });

  it('the install downloads each demo file once, and a module importing a plain name works offline from that copy', async function () {
    this.timeout(90_000);
    let win = await open('/demo/nhung');
    const widgetChoices = (w: Window): number => w.document.querySelectorAll('#widgets input').length;
    await waitUntil(() => widgetChoices(win) > 0, 'the configurator listed no widgets online', { timeout: 20_000 });
    await controlled(win);
    // What the install fetched: one precache entry per request. Each demo file once (not its hashed AND its plain name).
    const precache = (await win.caches.keys()).find((name) => name.includes('precache'));
    expect(precache, 'a precache').to.be.a('string');
    const demo = (await (await win.caches.open(precache!)).keys())
      .map((request) => new URL(request.url))
      .filter((url) => url.pathname.startsWith('/demo/'))
      .map((url) => url.pathname.replace(/\.[0-9a-f]{10}(\.[a-z0-9]+)$/, '$1'));
    expect(demo.length, 'demo files precached').to.be.greaterThan(6);
    expect(
      demo.filter((file, i) => demo.indexOf(file) !== i),
      'demo files downloaded twice',
    ).to.deep.equal([]);
    expect(demo, 'the module nhung.js imports').to.include('/demo/assets/nhung-widgets.js');
    expect(demo, 'a stylesheet every page inlines').not.to.include('/demo/assets/site.css');

    // Offline, nhung.js's `import './nhung-widgets.js'` (the plain name) is answered from the precached hashed copy.
    networkDown();
    win = await reload();
    await waitUntil(() => widgetChoices(win) > 0, 'the configurator listed no widgets offline', { timeout: 20_000 });
  });

  it('a new deploy (new service worker script) replaces the old worker', async function () {
    this.timeout(90_000);
    const win = await open('/demo/ho-so');
    const registration = await controlled(win);
    const first = win.navigator.serviceWorker.controller!;
    const changed = new Promise((resolve) => win.navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    document.cookie = 'motcua-test-deploy=2; path=/';
    await registration.update();
    await changed;
    const second = win.navigator.serviceWorker.controller!;
    expect(second).not.to.equal(first);
    await waitUntil(() => second.state === 'activated', 'the new worker did not activate', { timeout: 20_000 });
    // The browser's own offline/online events show and hide the badge too (the server answers the probe on `online`).
    win.dispatchEvent(new Event('offline'));
    await waitUntil(() => /mất kết nối mạng/i.test(badgeText(win)), 'no offline badge on the offline event');
    win.dispatchEvent(new Event('online'));
    await waitUntil(() => badgeText(win) === '', 'the offline badge stayed after the online event', { timeout: 10_000 });
    // The new worker still serves the site offline.
    networkDown();
    const again = await reload();
    await waitUntil(
      () => again.document.querySelector('motcua-dossier-tracker'),
      'the tracker page did not load offline from the new worker',
    );
  });
});
