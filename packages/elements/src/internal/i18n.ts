/**
 * A tiny locale registry. Vietnamese (`vi`) is the default; English (`en`) ships too.
 * Each component registers its own strings when its module loads (so a chunk carries only its own text),
 * and a host page can register another language with {@link registerTranslation}.
 */

/** A translated term: plain text with `{name}` placeholders, or a function for plurals and formatting. */
export type Term = string | ((params: Record<string, string | number>) => string);
export type Translation = Record<string, Term>;

const tables = new Map<string, Translation>();
const listeners = new Set<() => void>();

export const DEFAULT_LANG = 'vi';

/**
 * Adds or overrides terms for a language. Later calls merge into earlier ones, so a host page can
 * translate every component into, for example, Khmer or Ede, or reword a single term.
 *
 * @example
 * ```js
 * import { registerTranslation } from '@motcua/elements';
 * registerTranslation('km', { 'lookup.label': 'ស្វែងរកនីតិវិធី' });
 * ```
 */
export function registerTranslation(lang: string, terms: Translation): void {
  hostTerms.push([lang, terms]);
}

/**
 * The host's terms, in the order registered, in one array per page shared by every copy of this module and by the
 * embed's loader, which exports its own two-line `registerTranslation` pushing here, so the loader need not bundle
 * this module (`Symbol.for('motcua.i18n')` is the contract between them). Each copy applies what is already there
 * when it loads, then hooks `push` to apply what comes later.
 */
const hostTerms = ((globalThis as unknown as Record<symbol, Array<[string, Translation]> | undefined>)[Symbol.for('motcua.i18n')] ??= []);
const apply = (lang: string, terms: Translation): void => {
  const key = lang.toLowerCase();
  tables.set(key, { ...tables.get(key), ...terms });
};
for (const [lang, terms] of hostTerms) apply(lang, terms);
const pushed = hostTerms.push.bind(hostTerms);
hostTerms.push = (...entries) => {
  for (const [lang, terms] of entries) apply(lang, terms);
  for (const listener of listeners) listener();
  return pushed(...entries);
};

/** Registers the built-in Vietnamese and English terms of a component without overriding host terms. */
export function registerDefaults(defaults: Readonly<Record<string, Translation>>): void {
  for (const [lang, terms] of Object.entries(defaults)) {
    const existing = tables.get(lang) ?? {};
    tables.set(lang, { ...terms, ...existing });
  }
}

/** Calls `listener` whenever a translation is registered; returns an unsubscribe function. */
export function onTranslationChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Languages to try for `lang`, most specific first: `en-GB` → `en-gb`, `en`, then `vi`. */
function candidates(lang: string): string[] {
  const lower = lang.toLowerCase();
  const base = lower.split('-')[0] ?? lower;
  return [...new Set([lower, base, DEFAULT_LANG])];
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Looks up `key` for `lang`, falling back to Vietnamese, then to the key itself. */
export function translate(lang: string, key: string, params: Record<string, string | number> = {}): string {
  for (const candidate of candidates(lang)) {
    const term = tables.get(candidate)?.[key];
    if (term !== undefined) return typeof term === 'function' ? term(params) : fill(term, params);
  }
  return key;
}

/** The BCP 47 locale used for number and date formatting for `lang` (`vi` → `vi-VN`). */
export function formatLocale(lang: string): string {
  const base = lang.toLowerCase().split('-')[0];
  if (base === 'vi') return 'vi-VN';
  if (base === 'en') return 'en-GB';
  return lang;
}
