/**
 * Folds without Telex repair: lower case, no diacritics (combining marks U+0300–U+036F after canonical decomposition),
 * `đ`/`Đ`/`Ð` → `d`. For Vietnamese text the result has one character per letter.
 * @internal
 */
export const foldPlain = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[đð]/g, 'd');

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
  if (!/^[a-z]+$/.test(w)) return word;
  if (/[sfrxjz]$/.test(w) && /[aeiouy]./.test(w)) w = w.slice(0, -1);
  return w
    .replace(/^dd/, 'd')
    .replace(/([aou])w/g, '$1')
    .replace(/^w/, 'u')
    .replace(/([aeo])\1/g, '$1');
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
  return options.telex === false ? folded : folded.replace(/[a-z0-9]+/g, repairTelex);
}
