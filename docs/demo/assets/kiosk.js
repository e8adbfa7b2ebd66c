/* global URLSearchParams */
// Counter kiosk set-up from the URL: /kiosk?quay=3&don-vi=000.30.02.H17&lang=en.
// External file (no inline script) so the page works under a strict Content-Security-Policy.
// Nothing about citizens is stored here: the widget keeps only its queue of unsent votes (IndexedDB).
const params = new URLSearchParams(location.search);
const kiosk = document.getElementById('kiosk');

const counter = params.get('quay');
if (kiosk && counter && /^[\w .-]{1,40}$/.test(counter)) kiosk.setAttribute('counter', counter);
const agency = params.get('don-vi');
if (kiosk && agency && /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/.test(agency)) kiosk.setAttribute('agency', agency);
const lang = params.get('lang');
if (lang === 'en' || lang === 'vi') document.documentElement.lang = lang;

// Keep the screen on while the kiosk page is visible (where the Screen Wake Lock API exists).
async function keepAwake() {
  try {
    if (document.visibilityState === 'visible' && 'wakeLock' in navigator) await navigator.wakeLock.request('screen');
  } catch {
    // Not allowed (battery saver, no user gesture yet): the kiosk still works.
  }
}
document.addEventListener('visibilitychange', keepAwake);
void keepAwake();
