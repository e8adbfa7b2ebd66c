/*
 * motcua status alerts: the Web Push part of a service worker (no build, no dependency).
 *
 * Alone: the dossier tracker registers this file (`push-worker="/assets/push-sw.js"`) when the page has no service
 * worker. With a site's own worker (e.g. a Workbox precaching one), import it there instead and leave `push-worker`
 * as is (the tracker then uses the page's worker):
 *
 *   importScripts('/assets/push-sw.js');
 *
 * An alert (JSON, the SDK's `PushAlert`) holds the dossier code and its new status in words, the tracker page to open
 * and the URL that stops the alerts. The notification opens the tracker on the dossier; its action "Hủy nhận thông
 * báo" stops the alerts of that dossier on this device.
 */
/* global self */
'use strict';

(() => {
  const TRACKER = '/ho-so';

  /** The page to open: the tracker the citizen subscribed from (same origin only), on the dossier. */
  const trackerUrl = (data) => {
    let url;
    try {
      url = new URL(data.url || TRACKER, self.location.origin);
    } catch {
      url = new URL(TRACKER, self.location.origin);
    }
    if (url.origin !== self.location.origin) url = new URL(TRACKER, self.location.origin);
    url.hash = 'ma-ho-so=' + encodeURIComponent(String(data.dossier || ''));
    return url.href;
  };

  self.addEventListener('push', (event) => {
    let alert = null;
    try {
      alert = event.data ? event.data.json() : null;
    } catch {
      alert = null;
    }
    if (!alert || alert.v !== 1 || typeof alert.dossier !== 'string') return;
    const english = alert.lang === 'en';
    event.waitUntil(
      self.registration.showNotification(String(alert.title), {
        body: String(alert.body),
        lang: english ? 'en' : 'vi',
        // One notification per dossier: a newer status replaces the older one.
        tag: 'motcua-' + alert.dossier,
        renotify: true,
        data: { dossier: alert.dossier, url: alert.url, unsubscribe: alert.unsubscribe },
        actions: [{ action: 'unsubscribe', title: english ? 'Stop alerts' : 'Hủy nhận thông báo' }],
      }),
    );
  });

  self.addEventListener('notificationclick', (event) => {
    const notification = event.notification;
    const data = notification.data || {};
    if (typeof data.dossier !== 'string') return;
    notification.close();
    if (event.action === 'unsubscribe') {
      if (typeof data.unsubscribe === 'string' && /^https?:\/\//.test(data.unsubscribe))
        event.waitUntil(fetch(data.unsubscribe, { method: 'POST', credentials: 'omit' }).catch(() => undefined));
      return;
    }
    const target = trackerUrl(data);
    event.waitUntil(
      self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
        const open = windows.find((w) => w.url.split('#')[0] === target.split('#')[0]);
        // A tab already on the tracker (controlled by this worker) is brought forward on the dossier; else a new one.
        if (open && 'navigate' in open)
          return open
            .navigate(target)
            .then((w) => (w || open).focus())
            .catch(() => self.clients.openWindow(target));
        return self.clients.openWindow(target);
      }),
    );
  });

  // Alone (not imported by another worker): take over at once, nothing to cache.
  if (self.location.pathname.endsWith('/push-sw.js')) {
    self.addEventListener('install', () => self.skipWaiting());
    self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
  }
})();
