// The demo's dossier trackers count working days with the server's calendar: public holidays, swapped days off and
// make-up working days (a Saturday worked in exchange) from GET /api/v1/holidays, last year to next year. Without it
// (older server, offline) they skip weekends only, and say so. Fetched once the tracker's code has loaded: on a page
// where it waits below the fold (loading="lazy"), not before the reader scrolls there; and not while the page is still
// loading: once it has loaded and the browser has a moment to spare (a dossier's dates need it only once looked up).
const trackers = [...document.querySelectorAll('motcua-dossier-tracker')];
if (trackers.length) await customElements.whenDefined('motcua-dossier-tracker');
if (trackers.length && document.readyState !== 'complete')
  await new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));
if (trackers.length)
  await new Promise((resolve) =>
    typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(resolve, { timeout: 2000 }) : setTimeout(resolve, 200),
  );
if (trackers.length) {
  const api = (trackers[0].closest('[api]')?.getAttribute('api') || '/api/v1').replace(/\/$/, '');
  const year = Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4));
  const load = (y) =>
    fetch(`${api}/holidays?year=${y}`, { headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null);
  Promise.all([year - 1, year, year + 1].map(load)).then((years) => {
    const known = years.filter((y) => y && Array.isArray(y.holidays) && Array.isArray(y.workdays));
    if (!known.length) return;
    const holidays = known.flatMap((y) => y.holidays.map((h) => h.date));
    const workdays = known.flatMap((y) => y.workdays.map((w) => w.date));
    for (const tracker of trackers) Object.assign(tracker, { holidays, workdays });
  });
}
