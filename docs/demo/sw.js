/* global self, importScripts, workbox, clients */
// The demo site's service worker (offline first), served at sw.js by the motcua server, which injects the precache
// manifest (the pages, the hashed assets, the embed build) and the optional handlers below at request time.
// Registered by assets/offline.js after the page has loaded. Handles only the routes listed here; every other request
// (POSTs, owner views, statistics, anything not listed) goes to the network untouched.
importScripts(
  'sw-lib/workbox-core.prod.js',
  'sw-lib/workbox-routing.prod.js',
  'sw-lib/workbox-strategies.prod.js',
  'sw-lib/workbox-expiration.prod.js',
  'sw-lib/workbox-cacheable-response.prod.js',
  'sw-lib/workbox-precaching.prod.js',
);
// Other features' handlers for this one worker (e.g. assets/push-sw.js for Web Push), when the site has them.
const handlers = self.__MOTCUA_HANDLERS;
if (handlers.length) importScripts(...handlers);

const { core, precaching, routing, strategies, expiration, cacheableResponse } = workbox;
core.setCacheNameDetails({ prefix: 'motcua-demo' });
// A new deploy (new manifest) takes over at once: a kiosk is never closed, so it would otherwise wait forever.
core.skipWaiting();
core.clientsClaim();

/** Tells the open pages whether the network answered (their offline badge), as `navigator.onLine` often lies. */
async function report(online) {
  for (const client of await clients.matchAll({ type: 'window' })) client.postMessage({ type: 'motcua-network', online });
}
const networkReport = {
  fetchDidFail: async () => report(false),
  fetchDidSucceed: async ({ response }) => {
    await report(true);
    return response;
  },
};

precaching.addPlugins([networkReport]);
precaching.cleanupOutdatedCaches();
const manifest = self.__WB_MANIFEST;
// Each demo asset is precached once, under its hashed name (`assets/nhung-widgets.<hash>.js`); a request for its plain
// name (a module's `import './nhung-widgets.js'`) is answered from that same entry rather than downloaded a second time.
const hashedOf = new Map();
for (const { url } of manifest) {
  const plain = /^(.+)\.[0-9a-f]{10}(\.[a-z0-9]+)$/.exec(url);
  if (plain && !url.startsWith('/')) hashedOf.set(new URL(plain[1] + plain[2], self.location).href, new URL(url, self.location));
}
const plainToHashed = ({ url }) => {
  const hashed = hashedOf.get(url.origin + url.pathname);
  return hashed ? [hashed] : [];
};
// Pages are static (their query string is read by their script): /kiosk?quay=3 is the precached kiosk.html.
precaching.precacheAndRoute(manifest, {
  ignoreURLParametersMatching: [/.*/],
  cleanURLs: true,
  directoryIndex: 'index.html',
  urlManipulation: plainToHashed,
});

const sameOrigin = (url) => url.origin === self.location.origin;
const DAY = 24 * 60 * 60;

// The public catalog (what the look-up searches, the agencies, procedure details, holidays): answered from the cache
// at once and refreshed in the background. The worker asks without the page's own If-None-Match (a 304 would leave its
// cache behind the page's copy); the browser's HTTP cache below it still revalidates with the server's ETag, so an
// unchanged catalog costs a 304 on the wire and the worker gets the full answer to keep.
const fullAnswer = {
  requestWillFetch: async ({ request }) => {
    if (!request.headers.has('if-none-match') && !request.headers.has('if-modified-since')) return request;
    const headers = new Headers(request.headers);
    headers.delete('if-none-match');
    headers.delete('if-modified-since');
    return new Request(request, { headers });
  },
};
const CATALOG = /^\/api\/v1\/(agencies(\/[^/]+(\/procedures\/catalog)?)?|procedures\/[^/]+|sectors|holidays)$/;
routing.registerRoute(
  ({ url, request }) => request.method === 'GET' && sameOrigin(url) && CATALOG.test(url.pathname),
  new strategies.StaleWhileRevalidate({
    cacheName: 'motcua-catalog',
    plugins: [
      fullAnswer,
      networkReport,
      new cacheableResponse.CacheableResponsePlugin({ statuses: [200] }),
      new expiration.ExpirationPlugin({ maxEntries: 80, maxAgeSeconds: 30 * DAY }),
    ],
  }),
);

// A dossier's public status (no personal data: the owner's view comes from a POST, never cached): the network first,
// the last answer seen on this device after 4 s without one, for a day at most.
routing.registerRoute(
  ({ url, request }) => request.method === 'GET' && sameOrigin(url) && /^\/api\/v1\/dossiers\/[^/]+$/.test(url.pathname),
  new strategies.NetworkFirst({
    cacheName: 'motcua-dossier-status',
    networkTimeoutSeconds: 4,
    plugins: [
      networkReport,
      new cacheableResponse.CacheableResponsePlugin({ statuses: [200] }),
      new expiration.ExpirationPlugin({ maxEntries: 20, maxAgeSeconds: DAY }),
    ],
  }),
);
