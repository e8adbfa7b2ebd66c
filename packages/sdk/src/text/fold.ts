/** Combining diacritical marks (text that is not NFC has them). */
const COMBINING = /[\u0300-\u036f]/;
const ASCII = /^[\t\n\r\u0020-\u007e]*$/;
const LETTERS = /^[a-z]+$/;
const VOWEL = /[aeiouy]/;

/** Folded UTF-16 code of each character below U+2000, filled on first sight (0xffff = not yet; 0 = dropped). */
const table = new Uint16Array(0x2000).fill(0xffff);

function foldSlow(c: number): number {
  if (c === 0x110 || c === 0x111 || c === 0xd0 || c === 0xf0) return 0x64; // đ Đ and the look-alike Ð ð do not decompose
  const folded = String.fromCharCode(c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  return folded.length === 1 ? folded.charCodeAt(0) : folded.length === 0 ? 0 : c;
}

/** Folded code of one UTF-16 unit (0 for a combining mark, which folding drops). */
export function foldCode(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 32 : c;
  if (c < 0x2000) {
    const f = table[c] as number;
    return f !== 0xffff ? f : (table[c] = foldSlow(c));
  }
  const lower = String.fromCharCode(c).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : c;
}

let scratch = new Uint16Array(256);
const decoder = typeof TextDecoder === 'function' ? new TextDecoder('utf-16le') : undefined;

/** Builds a string from UTF-16 codes. @internal */
export function fromCodes(codes: Uint16Array, length: number): string {
  if (decoder && length > 16) return decoder.decode(codes.subarray(0, length));
  let out = '';
  for (let i = 0; i < length; i += 4096) out += String.fromCharCode(...codes.subarray(i, Math.min(length, i + 4096)));
  return out;
}

/**
 * Folds without Telex repair: NFC, lower case, no diacritics, đ/Đ/Ð → d. For NFC input the result has one character
 * per input character (the search index relies on that to map matches back to the original text).
 * @internal
 */
export function foldPlain(text: string): string {
  let s = text;
  if (ASCII.test(s)) return s.toLowerCase();
  if (COMBINING.test(s)) s = s.normalize('NFC');
  if (scratch.length < s.length) scratch = new Uint16Array(s.length * 2);
  const codes = scratch;
  let length = 0;
  for (let i = 0; i < s.length; i++) {
    const f = foldCode(s.charCodeAt(i));
    if (f !== 0) codes[length++] = f;
  }
  return fromCodes(codes, length);
}

/**
 * Repairs one folded word typed with stray Telex (or VNI) keys: a trailing tone key (`s f r x j z`) after a vowel,
 * `dd` → `d`, `w` after a vowel (`uw`, `ow`, `aw`), doubled `aa`/`ee`/`oo`, and VNI tone digits inside a word.
 * Returns the word unchanged when it does not look like Telex.
 * @internal
 */
export function repairTelex(word: string): string {
  let w = word;
  // VNI: letters with tone/mark digits 1–9 mixed in (`d9a8ng` → `dang`, `sinh2` → `sinh`).
  if (/^[a-z]+[1-9][a-z1-9]*$/.test(w) && /[a-z]{2}/.test(w.replace(/[1-9]/g, ''))) w = w.replace(/[1-9]/g, '');
  if (!LETTERS.test(w)) return word;
  if (w.length > 1 && /[sfrxjz]$/.test(w) && VOWEL.test(w.slice(0, -1))) w = w.slice(0, -1);
  if (w.startsWith('dd')) w = w.slice(1);
  w = w.replace(/([aou])w/g, '$1').replace(/^w/, 'u');
  w = w.replace(/aa/g, 'a').replace(/ee/g, 'e').replace(/oo/g, 'o');
  return w;
}

/**
 * Folds Vietnamese text into a search key: NFC, lower case, diacritics removed, `đ`/`Đ`/`Ð` → `d`, and stray
 * Telex keys repaired in each word (`khai sinhf` → `khai sinh`, `ddang ky` → `dang ky`). Compare keys, never show them.
 * Pass `{ telex: false }` for the plain fold only.
 * @param text Any text.
 * @param options `telex: false` skips the Telex repair.
 * @example
 * ```ts
 * foldVietnamese('Đăng ký khai sinh'); // 'dang ky khai sinh'
 * foldVietnamese('ddang kys khai sinhf'); // 'dang ky khai sinh'
 * foldVietnamese('hoà') === foldVietnamese('hòa'); // true
 * ```
 */
export function foldVietnamese(text: string, options: { telex?: boolean } = {}): string {
  const folded = foldPlain(String(text ?? ''));
  if (options.telex === false) return folded;
  return folded.replace(/[a-z0-9]+/g, (word) => (/[a-z]/.test(word) ? repairTelex(word) : word));
}
