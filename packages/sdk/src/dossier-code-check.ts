/**
 * Dossier codes (mã hồ sơ): `{agency e-ID}-{yyMMdd}-{NNNN}`, e.g. `000.00.06.H56-231027-0361`, optionally followed by a
 * check part of 4 letters or digits (`-7KQ2`) that makes a code unguessable (see docs/security.md). The checker alone,
 * without messages: a widget that words its own messages (the dossier tracker) imports only this much.
 * @module
 */

/**
 * Why a string is not a valid dossier code. Stable values: widgets translate them.
 * @example
 * ```ts
 * const result = parseDossierCode(input);
 * if (!result.ok && result.reason === 'future_date') askToCheckReceipt();
 * ```
 */
export type DossierCodeProblem =
  'empty' | 'too_long' | 'invalid_characters' | 'wrong_shape' | 'invalid_agency' | 'invalid_date' | 'future_date' | 'invalid_sequence';

/**
 * A valid dossier code, split into its parts.
 * @example
 * ```ts
 * const result = parseDossierCode('000.00.06.H56-231027-0361');
 * if (result.ok) console.log(result.value.agency, result.value.sequence); // '000.00.06.H56' 361
 * ```
 */
export interface ParsedDossierCode {
  /** The normalised code (trimmed, province letter upper-cased), e.g. `000.00.06.H56-231027-0361`. */
  code: string;
  /** Agency e-ID, e.g. `000.00.06.H56`. */
  agency: string;
  /** Date the dossier was created, `YYYY-MM-DD`. */
  date: string;
  /** Daily sequence number of the dossier at that agency (1–9999). */
  sequence: number;
  /** The check part, when the code has one (`7KQ2`): 4 of `0-9 A-Z` without I, L, O, U. */
  check?: string;
}

/**
 * Result of {@link parseDossierCode}.
 * @example
 * ```ts
 * const result: DossierCodeResult = parseDossierCode('000.00.06.H56-231027-0361');
 * if (result.ok) console.log(result.value.date); // '2023-10-27'
 * ```
 */
export type DossierCodeResult = { ok: true; value: ParsedDossierCode } | { ok: false; reason: DossierCodeProblem; message: string };

/**
 * Result of {@link checkDossierCode}: like {@link DossierCodeResult}, without the message.
 * @example
 * ```ts
 * const result: DossierCodeCheck = checkDossierCode('000.00.06.H56-231027-0361');
 * if (!result.ok) console.log(result.reason); // e.g. 'invalid_date'
 * ```
 */
export type DossierCodeCheck = { ok: true; value: ParsedDossierCode } | { ok: false; reason: DossierCodeProblem };

/**
 * Longest accepted input (after trimming); real codes are 24 characters.
 * @example
 * ```ts
 * <input maxlength={DOSSIER_CODE_MAX_LENGTH} />
 * ```
 */
export const DOSSIER_CODE_MAX_LENGTH = 40;

const AGENCY = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
/** A check part: 4 symbols of Crockford's base 32 (no I, L, O, U: nothing to misread on a receipt). */
const CHECK = /^[0-9A-HJKMNP-TV-Z]{4}$/;
const ALLOWED = /^[0-9A-Za-z.-]+$/;
/** Vietnam's offset from UTC (no daylight saving). */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

const fail = (reason: DossierCodeProblem): DossierCodeCheck => ({ ok: false, reason });

/**
 * Checks a dossier code like {@link parseDossierCode}, without the message: the reason alone (smaller in a bundle, for a
 * widget that words its own messages). Same trimming and normalising.
 * @param input What the citizen typed or scanned.
 * @param options `now` (default: the current time) decides which dates are in the future, in Vietnam's time zone.
 * @example
 * ```ts
 * checkDossierCode('000.00.06.H56-231327-0361'); // { ok: false, reason: 'invalid_date' }
 * ```
 */
export function checkDossierCode(input: string, options: { now?: Date } = {}): DossierCodeCheck {
  const text = String(input ?? '')
    .trim()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .toUpperCase();
  if (text === '') return fail('empty');
  if (text.length > DOSSIER_CODE_MAX_LENGTH) return fail('too_long');
  if (!ALLOWED.test(text)) return fail('invalid_characters');
  const parts = text.split('-');
  if (parts.length < 3 || parts.length > 4 || parts.some((part) => part === '')) return fail('wrong_shape');
  const [agency, day, sequence, check] = parts as [string, string, string, string | undefined];
  if (check !== undefined && !CHECK.test(check)) return fail('wrong_shape');
  if (!AGENCY.test(agency)) return fail('invalid_agency');
  if (!/^\d{6}$/.test(day)) return fail('invalid_date');
  const year = 2000 + Number(day.slice(0, 2));
  const month = Number(day.slice(2, 4));
  const date = Number(day.slice(4, 6));
  const utc = new Date(Date.UTC(year, month - 1, date));
  if (month < 1 || month > 12 || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== date) return fail('invalid_date');
  const iso = `${year}-${day.slice(2, 4)}-${day.slice(4, 6)}`;
  const today = new Date((options.now ?? new Date()).getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
  if (iso > today) return fail('future_date');
  if (!/^\d{4}$/.test(sequence) || sequence === '0000') return fail('invalid_sequence');
  return { ok: true, value: { code: text, agency, date: iso, sequence: Number(sequence), ...(check ? { check } : {}) } };
}
