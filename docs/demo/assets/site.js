/* global localStorage, URLSearchParams */
// Language switch of the demo site: sets `lang` on <html>; the motcua widgets follow it.
// External file (no inline script) so the page works under a strict Content-Security-Policy.
const KEY = 'demo-lang';
const root = document.documentElement;

const titles = {
  vi: document.title,
  en: document.body.classList.contains('print-page')
    ? 'Print QR cards — Hòa Vang Commune'
    : 'Hòa Vang Commune Public Administration Service Centre',
};

function apply(lang) {
  root.lang = lang;
  document.title = titles[lang];
}

let saved = null;
try {
  saved = localStorage.getItem(KEY);
} catch {
  saved = null;
}
const fromUrl = new URLSearchParams(location.search).get('lang');
const initial = fromUrl === 'en' || fromUrl === 'vi' ? fromUrl : saved === 'en' ? 'en' : 'vi';
if (initial !== 'vi') apply(initial);

document.getElementById('lang-switch')?.addEventListener('click', () => {
  const next = root.lang === 'en' ? 'vi' : 'en';
  apply(next);
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
});
