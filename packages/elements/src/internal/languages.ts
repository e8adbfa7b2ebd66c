/**
 * Language packs: a host page registers the terms of another language and the voice that reads it aloud.
 * @module
 */
import { registerTranslation, type Translation } from './i18n.js';

/** Options of {@link registerLanguage}. */
export interface LanguageOptions {
  /**
   * The BCP 47 tag of the speech voice that reads this language aloud (e.g. `hmn`, `vi-VN`). Without it, a language's
   * own code is used. When the device has no voice for it, the "Nghe" button says so and offers Vietnamese.
   */
  voice?: string;
}

/** Voice tags by language code, one map per page shared by every copy of this module (like the terms). */
const voices = ((globalThis as unknown as Record<symbol, Record<string, string> | undefined>)[Symbol.for('motcua.voices')] ??= {});

/** A BCP 47 tag: letters and digits in sub-tags of at most 8, like `vi-VN`, `hmn`, `zh-Hant-TW`. */
const TAG = /^[a-z]{2,3}(-[a-z0-9]{1,8}){0,3}$/i;

/**
 * Registers a language pack: its terms (merged like {@link registerTranslation}) and the voice that reads it.
 *
 * @example
 * ```js
 * import { registerLanguage } from '@motcua/elements';
 * import { hmn } from '@motcua/elements/languages/hmn.js';
 * registerLanguage('hmn', hmn, { voice: 'hmn' });
 * ```
 */
export function registerLanguage(code: string, terms: Translation, options: LanguageOptions = {}): void {
  if (!TAG.test(code)) throw new TypeError(`registerLanguage: "${code}" is not a language code (BCP 47, e.g. "hmn" or "vi-VN")`);
  if (options.voice !== undefined && !TAG.test(options.voice))
    throw new TypeError(`registerLanguage: voice "${options.voice}" is not a BCP 47 tag (e.g. "vi-VN")`);
  voices[code.toLowerCase()] = options.voice ?? code;
  registerTranslation(code, terms);
}

/** The voice tag for `lang`: the registered one, `vi-VN` for Vietnamese, `en-GB` for English, else the code itself. */
export function voiceTag(lang: string): string {
  const lower = lang.toLowerCase();
  const base = lower.split('-')[0] ?? lower;
  const registered = voices[lower] ?? voices[base];
  if (registered) return registered;
  if (base === 'vi') return 'vi-VN';
  if (base === 'en') return lower.includes('-') ? lang : 'en-GB';
  return lang;
}
