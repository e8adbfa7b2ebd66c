import * as z from 'zod/mini';

/**
 * A dossier code as a citizen may type it, in a path (`GET /dossiers/{code}`) or a rating's `dossierCode`: a
 * `DossierCode` with surrounding spaces, lower-case letters or dash look-alikes (‐ ‒ – — ―, −), which the server
 * normalises (trim, upper-case, `-`) before looking it up. The sequence is 0001–9999, the date real and not in the
 * future (`parseDossierCode` checks those, with a message for each problem).
 * @example
 * ```ts
 * DossierCodeInput.safeParse(' 000.00.06.h56-231027-0361 ').success; // true
 * DossierCodeInput.safeParse('000.00.06.H56-231027-0000').success; // false
 * ```
 */
export const DossierCodeInput = z
  .string()
  .check(
    z.regex(
      /^\s*\d{3}\.\d{2}\.\d{2}\.[A-Za-z]\d{2}[-\u2010-\u2015\u2212]\d{6}[-\u2010-\u2015\u2212](?!0000)\d{4}([-\u2010-\u2015\u2212][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{4})?\s*$/,
      'Mã hồ sơ không đúng dạng 000.00.06.H56-231027-0361',
    ),
  );
/**
 * The value {@link DossierCodeInput} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: DossierCodeInput = DossierCodeInput.parse(' 000.00.06.h56-231027-0361');
 * ```
 */
export type DossierCodeInput = z.infer<typeof DossierCodeInput>;
