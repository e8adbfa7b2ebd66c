// Offline first for the demo site: registers the service worker (sw.js, next to the pages) once the page has loaded
// and the browser is idle, and shows a badge while the network is down. External file (no inline script): the pages
// run under a strict CSP.
// The only place the worker is registered: the embed script (motcua.js) never registers one on a host's site.
const TEXT = {
  vi: 'Mất kết nối mạng: trang đang dùng bản đã lưu trên máy. Phiếu đánh giá được giữ lại và tự gửi khi có mạng.',
  en: 'No network: this page uses the copy saved on this device. Ratings are kept and sent when the network is back.',
};
const PROBE_EVERY_MS = 15_000;

const badge = document.createElement('p');
badge.className = 'offline-badge';
badge.setAttribute('role', 'status');
document.body.append(badge);

const controlledAtLoad = Boolean(navigator.serviceWorker && navigator.serviceWorker.controller);
let offline = false;
let timer;
function show(down) {
  if (down === offline) return;
  offline = down;
  const lang = document.documentElement.lang === 'en' ? 'en' : 'vi';
  badge.lang = lang;
  badge.textContent = down ? TEXT[lang] : '';
  badge.classList.toggle('is-offline', down);
  clearInterval(timer);
  // While offline, ask now and then whether the network is back (nothing else may try on a page at rest).
  if (down) timer = setInterval(() => void probe(), PROBE_EVERY_MS);
}

/** One small request that no cache answers: whether the server can be reached right now. */
async function probe() {
  if (navigator.onLine === false) return show(true);
  try {
    await fetch(new URL('sw.js', document.baseURI), { method: 'HEAD', cache: 'no-store' });
    show(false);
  } catch {
    show(true);
  }
}

window.addEventListener('offline', () => show(true));
window.addEventListener('online', () => void probe());

// The catalog routes the worker caches (as in sw.js): agencies, the catalog, procedure details, sectors, holidays.
const CATALOG = /^\/api\/v1\/(agencies(\/[^/]+(\/procedures\/catalog)?)?|procedures\/[^/]+|sectors|holidays)$/;

/** The catalog answers this page fetched before a worker controlled it: handed to the worker for the next, offline, visit. */
function cacheWhatLoaded(worker) {
  const urls = performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === location.origin && CATALOG.test(url.pathname))
    .map((url) => url.href);
  if (urls.length) worker.postMessage({ type: 'CACHE_URLS', payload: { urlsToCache: [...new Set(urls)] } });
}

async function register() {
  void probe();
  if (!('serviceWorker' in navigator)) return;
  try {
    const registration = await navigator.serviceWorker.register(new URL('sw.js', document.baseURI), { updateViaCache: 'none' });
    navigator.serviceWorker.addEventListener('message', (event) => {
      // "Offline" is believed at once; "online" is checked first while the badge shows: the worker's news of a request
      // that began before the network went down can arrive after it did, and would hide the badge (and stop the probes).
      if (event.data && event.data.type === 'motcua-network') {
        if (!event.data.online) show(true);
        else if (offline) void probe();
      }
    });
    const ready = await navigator.serviceWorker.ready;
    // A page the worker already controlled had its requests cached on the way.
    if (ready.active && !controlledAtLoad) cacheWhatLoaded(ready.active);
    return registration;
  } catch {
    // No worker (private window, file system full, an old browser): the site works online as before.
    return undefined;
  }
}

// Not part of showing the page: the worker's install fetches the whole precache (every page, every widget chunk: a few hundred KB),
// which on a slow link (400 kbit/s) must not compete with what the page's widgets still need to become usable. The
// load event is not enough: the widgets' chunks and data (the look-up's catalog) are still downloading then. So the worker
// is registered once every widget on the page has settled (defined, its first data in), and then when the browser is idle.
const SETTLE_POLL_MS = 250;
const SETTLE_AT_MOST_MS = 20_000;

/**
 * Whether every `motcua-*` widget on the page shows what it shows first: its chunk ran (defined), the look-up is not
 * loading its catalog (`:state(loading)`), and no part of a widget says it is busy (`aria-busy`, e.g. the statistics'
 * figures). Widgets marked `loading="lazy"` that the reader has not scrolled to yet load later and are not waited for.
 */
export function widgetsSettled(root = document) {
  for (const el of root.querySelectorAll('*')) {
    if (!el.localName.startsWith('motcua-')) continue;
    if (!customElements.get(el.localName)) {
      if (el.getAttribute('loading') === 'lazy') continue;
      return false;
    }
    try {
      if (el.matches(':state(loading)')) return false;
    } catch {
      // A browser without custom-state selectors: the look-up's busy status below still tells.
    }
    if (el.shadowRoot && el.shadowRoot.querySelector('[aria-busy="true"], .status.loading')) return false;
  }
  return true;
}

/** Resolves once {@link widgetsSettled} (checked every 250 ms), or after 20 s whatever the widgets do (a widget that never loads). */
function whenWidgetsSettled() {
  return new Promise((resolve) => {
    const started = Date.now();
    const check = () => {
      if (widgetsSettled() || Date.now() - started > SETTLE_AT_MOST_MS) resolve();
      else setTimeout(check, SETTLE_POLL_MS);
    };
    check();
  });
}

async function whenIdle() {
  await whenWidgetsSettled();
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(() => void register(), { timeout: 3000 });
  else setTimeout(() => void register(), 500);
}
if (document.readyState === 'complete') void whenIdle();
else window.addEventListener('load', () => void whenIdle(), { once: true });
