/**
 * The one-script-tag autoloader: `<script type="module" src="https://host/embed/<version>/motcua.js"></script>`.
 *
 * It registers nothing by itself. It finds `motcua-*` elements that are not defined yet (now, and later ones via a
 * `MutationObserver`, including inside added subtrees) and imports only their chunks, `components/<name>.js`,
 * resolved relative to this script's own URL, so a page with one widget downloads one widget. Loading the script
 * twice (even two versions) is harmless: the first copy to run owns discovery. Unknown `motcua-*` tags are ignored
 * with one console warning each.
 *
 * A widget marked `loading="lazy"` (like a lazy image) is loaded only when it comes within half a screen of the viewport,
 * so widgets further down a long page cost nothing until the reader scrolls towards them; reserve their height in the
 * page's CSS (`motcua-service-stats:not(:defined) { min-height: … }`) so nothing moves when they render. Printing loads
 * them at once. Without IntersectionObserver they load right away.
 *
 * It also exports `registerTranslation`, so a site can add a language or reword a term without a build step
 * (from its own module file, since a strict CSP forbids inline scripts):
 * `import { registerTranslation } from 'https://host/embed/<version>/motcua.js'; registerTranslation('en', {…});`
 * @module
 */
import type { Translation } from '../../elements/src/internal/i18n.js';

/**
 * Adds or overrides terms for a language in every widget on the page, loaded or not (see `registerTranslation` of
 * `@motcua/elements`). The terms wait in an array shared with the widgets' i18n module (`Symbol.for('motcua.i18n')`),
 * so this script does not carry that module.
 */
export function registerTranslation(lang: string, terms: Translation): void {
  const shared = globalThis as unknown as Record<symbol, Array<[string, Translation]> | undefined>;
  (shared[Symbol.for('motcua.i18n')] ??= []).push([lang, terms]);
}

/**
 * Registers a language pack and the speech voice that reads it aloud (see `registerLanguage` of `@motcua/elements`):
 * the voice waits in a map shared with the widgets (`Symbol.for('motcua.voices')`). Throws a TypeError for a code or
 * voice that is not a BCP 47 tag.
 */
export function registerLanguage(code: string, terms: Translation, options: { voice?: string } = {}): void {
  const voice = options.voice ?? code;
  if (![code, voice].every((tag) => /^[a-z]{2,3}(-[a-z\d]{1,8}){0,3}$/i.test(tag)))
    throw new TypeError(`registerLanguage: not a BCP 47 tag: ${code} ${voice}`);
  ((globalThis as unknown as Record<symbol, Record<string, string> | undefined>)[Symbol.for('motcua.voices')] ??= {})[code.toLowerCase()] =
    voice;
  registerTranslation(code, terms);
}

/** Replaced at build time: every component folder of `@motcua/elements`, with the shared chunks its chunk imports. */
declare const __MOTCUA_PRELOAD__: Readonly<Record<string, readonly string[]>> | undefined;

/**
 * For each widget (`procedure-lookup`…), the shared chunks it imports (paths relative to this script), and the terms
 * of a language that load on first use, as `"<path> <lang>"`.
 */
const PRELOAD: Readonly<Record<string, readonly string[]>> =
  typeof __MOTCUA_PRELOAD__ !== 'undefined'
    ? __MOTCUA_PRELOAD__
    : Object.fromEntries(
        ['portal', 'procedure-lookup', 'qr-card', 'qr-sheet', 'dossier-tracker', 'satisfaction', 'service-stats', 'agency-picker'].map(
          (name) => [name, []],
        ),
      );
const KNOWN = Object.keys(PRELOAD);

const GUARD = Symbol.for('motcua.embed.loader');

interface LoaderState {
  /** Base URL the chunks are loaded from. */
  base: string;
  /** Tags requested so far, with their import promise. */
  loading: Map<string, Promise<unknown>>;
  /** Loads the chunks of every undefined `motcua-*` element under `root`. */
  discover(root: ParentNode): Promise<void>;
}

/**
 * The first data a widget asks for, started here with its chunk as `<link rel="preload" as="fetch">`: the widget's own
 * `fetch` of the same URL gets this answer, which on a slow link arrives a round trip or more earlier than when the
 * widget has loaded and run. Same attributes, defaults and URLs as the widgets (own attribute, else the portal's); a
 * widget that ends up asking otherwise costs one unused answer. The catalog only when this browser holds no copy of it
 * (with one, the widget revalidates it with `If-None-Match` instead).
 */
function preloadData(el: Element): void {
  const portal = el.closest('motcua-portal');
  const attr = (name: string): string => (el.getAttribute(name) || portal?.getAttribute(name) || '').trim();
  const tag = el.localName;
  // The statistics widget defaults to this site's /api/v1; the others need an API named.
  const named = attr('api');
  if (!named && tag !== 'motcua-service-stats') return;
  const api = new URL(named || '/api/v1', document.baseURI).href.replace(/\/+$/, '');
  const agency = attr('agency');
  const hasAgency = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/.test(agency);
  const catalog = `${api}/agencies/${agency}/procedures/catalog`;
  const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel~="preload"]')];
  const urls: string[] = [];
  if (tag === 'motcua-service-stats' && hasAgency && el.getAttribute('scope') !== 'province') {
    // The period's figures and the chart's months, from today in Vietnam (UTC+7, no summer time).
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const month = Number(today.slice(5, 7));
    const period = el.getAttribute('period');
    const first = period === 'year' ? 1 : period === 'quarter' ? month - ((month - 1) % 3) : month;
    const count = Math.min(24, Math.max(1, Math.round(Number(el.getAttribute('months'))) || 6));
    for (const from of [
      `${year}-${String(first).padStart(2, '0')}-01`,
      new Date(Date.UTC(year, month - count, 1)).toISOString().slice(0, 10),
    ])
      urls.push(`${api}/agencies/${agency}/stats?${new URLSearchParams({ from, to: today })}`);
  }
  if ((tag === 'motcua-procedure-lookup' || tag === 'motcua-qr-sheet') && hasAgency) {
    let held: string | null = null;
    try {
      held = localStorage.getItem(`motcua:catalog:${api}:${agency}`);
    } catch {
      // No storage (sandboxed frame): the widget keeps no copy either.
    }
    if (!held) urls.push(catalog);
  }
  const code = el.getAttribute('procedure')?.trim() ?? '';
  // A QR card whose agency's catalog the page downloads anyway takes its procedure from there (one request less).
  if (tag === 'motcua-qr-card' && /^\d\.\d{6}(\.\d{2})?$/.test(code) && !links.some((link) => link.href === catalog))
    urls.push(`${api}/procedures/${code}`);
  for (const href of urls) {
    if (links.some((link) => link.href === href)) continue;
    const link = Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', href, crossOrigin: 'anonymous' });
    links.push(link);
    document.head.append(link);
  }
}

function start(): LoaderState {
  const base = new URL('./', import.meta.url).href;
  const loading = new Map<string, Promise<unknown>>();
  const warned = new Set<string>();

  function load(tag: string): Promise<unknown> | undefined {
    const existing = loading.get(tag);
    if (existing) return existing;
    const name = tag.slice('motcua-'.length);
    if (!KNOWN.includes(name)) {
      if (!warned.has(tag)) {
        warned.add(tag);
        console.warn(`[motcua] <${tag}> is not a motcua widget; ignored. Known: ${KNOWN.map((n) => `motcua-${n}`).join(', ')}.`);
      }
      return undefined;
    }
    // Fetch the shared chunks at the same time as the component's own chunk (one round trip instead of two), and so
    // the terms of the page's language when they load on first use (English).
    for (const chunk of PRELOAD[name]!) {
      const [file = '', lang] = chunk.split(' ');
      if (!lang || document.documentElement.lang.startsWith(lang))
        void import(/* @vite-ignore */ new URL(file, base).href).catch(() => undefined);
    }
    const promise = import(/* @vite-ignore */ new URL(`components/${name}.js`, base).href).catch((error: unknown) => {
      loading.delete(tag);
      console.error(`[motcua] could not load <${tag}>`, error);
    });
    loading.set(tag, promise);
    return promise;
  }

  /** Lazy widgets (`loading="lazy"`) waiting to come near the viewport; their chunks load when the first one does. */
  const nearby =
    typeof IntersectionObserver === 'undefined'
      ? undefined
      : new IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              if (!entry.isIntersecting) continue;
              nearby!.unobserve(entry.target);
              preloadData(entry.target);
              void load(entry.target.localName);
            }
          },
          { rootMargin: '50% 0px' },
        );
  window.addEventListener('beforeprint', () => {
    for (const el of document.querySelectorAll('[loading="lazy"]:not(:defined)'))
      if (el.localName.startsWith('motcua-')) void load(el.localName);
  });

  /** The `motcua-*` elements under `root` (and `root` itself) whose tag is not defined yet. */
  function undefinedUnder(root: ParentNode): Element[] {
    const found = [...root.querySelectorAll(':not(:defined)')];
    if (root instanceof Element) found.unshift(root);
    return found.filter((el) => el.localName.startsWith('motcua-') && !customElements.get(el.localName));
  }

  async function discover(root: ParentNode): Promise<void> {
    const elements = undefinedUnder(root).filter((el) => {
      if (!nearby || el.getAttribute('loading') !== 'lazy') return true;
      nearby.observe(el);
      return false;
    });
    // The data first, then the code: a browser speaking HTTP/1.1 opens six connections to a host and hands them out in
    // the order asked. Asked after the chunks, the answers (the catalog is the largest file a page gets) waited on a
    // page with several widgets until the code had arrived, then took their own round trip: measured on slow 3G, the
    // page of every widget was usable ~0.45 s later than with the data asked for first.
    // QR cards last: one whose catalog a lookup or a QR sheet on the page preloads asks for no procedure of its own.
    for (const el of elements
      .filter((e) => e.localName !== 'motcua-qr-card')
      .concat(elements.filter((e) => e.localName === 'motcua-qr-card')))
      preloadData(el);
    await Promise.all([...new Set(elements.map((el) => el.localName))].map(load));
  }

  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) void discover(node);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });

  void discover(document).then(() => document.dispatchEvent(new CustomEvent('motcua-loaded', { detail: { tags: [...loading.keys()] } })));
  return { base, loading, discover };
}

const g = globalThis as unknown as Record<symbol, LoaderState | undefined>;
if (!g[GUARD]) g[GUARD] = start();
