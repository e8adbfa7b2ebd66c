/**
 * Dossier-code check for path parameters and rating bodies, with the SDK's parser (the same rules and messages
 * the widgets show).
 * @module
 */
import { createHmac } from 'node:crypto';
import { DOSSIER_CODE_MAX_LENGTH, parseDossierCode, type DossierCodeProblem } from '@motcua/sdk';

export type CodeCheck = { ok: true; code: string } | { ok: false; reason: DossierCodeProblem; message: string };

/**
 * Normalises (trim, upper-case) and checks a dossier code `{agency}-{yyMMdd}-{NNNN}[-XXXX]`: real date, not in the
 * future, sequence ≥ 1, optional check part. The code returned keeps the check part: a dossier issued with one is
 * stored with it, and is found only with it.
 */
export function parseCode(input: string, now: Date): CodeCheck {
  // A valid code stays valid all day (its date is not in the future, and the day only moves on): the codes asked today
  // are checked once each, as a tracker asks for the same code again and again (a tenth of a look-up's own cost). A
  // refused input is checked every time; the table is emptied each day and when it is full. Only inputs as long as a
  // code are kept: a valid code padded with kilobytes of spaces (a path may be 16 KB) is checked, never kept.
  const day = Math.floor((now.getTime() + VN_OFFSET_MS) / 86_400_000);
  if (day !== validDay) {
    valid.clear();
    validDay = day;
  }
  const known = valid.get(input);
  if (known) return known;
  const result = parseDossierCode(input, { now });
  if (!result.ok) return { ok: false, reason: result.reason, message: result.message };
  const check: CodeCheck = Object.freeze({ ok: true, code: result.value.code });
  if (input.length > DOSSIER_CODE_MAX_LENGTH) return check;
  if (valid.size >= VALID_MAX) valid.clear();
  valid.set(input, check);
  return check;
}
/** How many accepted inputs are kept (for tests: the table stays bounded in count and in size). */
export const rememberedCodes = (): { count: number; longest: number } => ({
  count: valid.size,
  longest: Math.max(0, ...[...valid.keys()].map((k) => k.length)),
});
/** Vietnam's offset from UTC (no daylight saving): the day a code's date is compared with. */
const VN_OFFSET_MS = 7 * 3_600_000;
const VALID_MAX = 10_000;
const valid = new Map<string, CodeCheck>();
let validDay = Number.NaN;

/** Crockford's base 32 (no I, L, O, U), as the SDK's checker accepts. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The check part of a newly issued code: 4 symbols (20 bits) of HMAC-SHA-256 of the code under a secret that never
 * leaves the database. Without it, a code cannot be guessed from the agency, the date and the daily sequence: about a
 * million tries per code instead of one.
 * @param secret The issuing database's code secret.
 * @param code The national-format code `{agency}-{yyMMdd}-{NNNN}`.
 */
export function checkPart(secret: string, code: string): string {
  const digest = createHmac('sha256', secret).update(code).digest();
  const bits = (digest.readUInt32BE(0) >>> 12) & 0xfffff;
  let out = '';
  for (let shift = 15; shift >= 0; shift -= 5) out += CROCKFORD[(bits >>> shift) & 31];
  return out;
}
