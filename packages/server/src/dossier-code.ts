/**
 * Dossier-code check for path parameters and rating bodies, with the SDK's parser (the same rules and messages
 * the widgets show).
 * @module
 */
import { createHmac } from 'node:crypto';
import { parseDossierCode, type DossierCodeProblem } from '@motcua/sdk';

export type CodeCheck = { ok: true; code: string } | { ok: false; reason: DossierCodeProblem; message: string };

/**
 * Normalises (trim, upper-case) and checks a dossier code `{agency}-{yyMMdd}-{NNNN}[-XXXX]`: real date, not in the
 * future, sequence ≥ 1, optional check part. The code returned keeps the check part: a dossier issued with one is
 * stored with it, and is found only with it.
 */
export function parseCode(input: string, now: Date): CodeCheck {
  const result = parseDossierCode(input, { now });
  return result.ok ? { ok: true, code: result.value.code } : { ok: false, reason: result.reason, message: result.message };
}

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
