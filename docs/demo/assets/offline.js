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

// Not part of showing the page: once it has loaded and the browser has a moment to spare (the worker's install fetches
// the whole precache, which must not compete with the page's own requests and first renders).
function whenIdle() {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(() => void register(), { timeout: 3000 });
  else setTimeout(() => void register(), 500);
}
if (document.readyState === 'complete') whenIdle();
else window.addEventListener('load', whenIdle, { once: true });
