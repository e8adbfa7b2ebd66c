/* global URLSearchParams, history, localStorage */
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

// Enrolment: the kiosk sends the device credential an officer enrolled it with (`motcua-server devices enrol`), kept
// in this browser's localStorage by the widget. Either the officer types it on the widget's set-up screen, or opens
// this page once as /kiosk#enrol=MCD-XXXXX-… (the link is then removed from the address bar and history).
const enrolment = new URLSearchParams(location.hash.slice(1)).get('enrol');
if (enrolment) history.replaceState(null, '', location.pathname + location.search);
customElements.whenDefined('motcua-satisfaction').then(async () => {
  if (!kiosk) return;
  if (enrolment) {
    kiosk.enrol(enrolment);
    return;
  }
  // Demo site only: without a stored credential, use the demo kiosk of this agency, which the demo server serves
  // (a real deployment answers 404 here and the widget shows its set-up screen to the officer).
  let stored = null;
  try {
    stored = localStorage.getItem('motcua-kiosk-device');
  } catch {
    // storage unavailable: ask the demo server each time
  }
  if (stored) return;
  try {
    const res = await fetch(`demo-device.json?agency=${encodeURIComponent(kiosk.getAttribute('agency') ?? '')}`, { cache: 'no-store' });
    if (res.ok) kiosk.enrol((await res.json()).credential);
  } catch {
    // offline or not the demo site: the set-up screen stays
  }
});

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
