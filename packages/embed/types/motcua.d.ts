/**
 * `@motcua/embed`: the one-script-tag autoloader. Importing it (or loading `motcua.js` with a `<script type="module">`)
 * starts discovery of the `motcua-*` widgets on the page; it also exports {@link registerTranslation} and {@link registerLanguage}.
 * @module
 */

/** A translated term: plain text with `{name}` placeholders, or a function for plurals and formatting. */
export type Term = string | ((params: Record<string, string | number>) => string);

/** Terms of one language, by key (the keys are in each component's `*.strings.ts` file). */
export type Translation = Record<string, Term>;

/**
 * Adds or overrides terms for a language in every widget on the page, loaded or not. Later calls merge into earlier
 * ones; missing terms fall back to Vietnamese.
 *
 * @example
 * ```js
 * import { registerTranslation } from '@motcua/embed';
 * registerTranslation('km', { 'lookup.label': 'ស្វែងរកនីតិវិធី' });
 * ```
 */
export declare function registerTranslation(lang: string, terms: Translation): void;

/**
 * Registers a language pack: its terms (like {@link registerTranslation}) and the BCP 47 tag of the speech voice that
 * reads it aloud with the "Nghe" button (default: the code itself). Without such a voice on the device, "Nghe" says so
 * and offers Vietnamese. Throws a TypeError for a code or voice that is not a BCP 47 tag.
 *
 * @example
 * ```js
 * import { registerLanguage } from '@motcua/embed';
 * registerLanguage('hmn', { 'satisfaction.level.satisfied': 'Txaus siab' }, { voice: 'hmn' });
 * ```
 */
export declare function registerLanguage(code: string, terms: Translation, options?: { voice?: string }): void;
