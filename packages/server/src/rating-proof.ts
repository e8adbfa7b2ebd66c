/**
 * Owner proof for online ratings: a short-lived token that `POST /dossiers/{code}/verify` returns with the owner view
 * and `POST /ratings` requires (header `Motcua-Owner-Proof`) for a rating of that dossier.
 *
 * Token: `p1.{expiry, epoch seconds in base 36}.{HMAC-SHA256(key, "p1\n{dossier code}\n{expiry}") in base64url}`, the
 * key derived from the server secret. It binds the dossier code and the expiry; it is not single-use by itself, but a
 * dossier can be rated once only.
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey } from './secret.js';

/** How long a proof stays valid: enough to fill in the form (with the criteria and a comment) without hurrying. */
export const PROOF_TTL_MS = 30 * 60_000;
const TOKEN = /^p1\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})$/;

export type ProofCheck = { ok: true } | { ok: false; reason: 'malformed' | 'expired' | 'invalid' };

export interface RatingProofs {
  issue(dossierCode: string, now: Date): { token: string; expiresAt: Date };
  check(token: string, dossierCode: string, now: Date): ProofCheck;
}

export function ratingProofs(secret: string): RatingProofs {
  const key = deriveKey(secret, 'rating-proof-v1');
  const sign = (code: string, expiry: string): Buffer => createHmac('sha256', key).update(`p1\n${code}\n${expiry}`).digest();
  return {
    issue(dossierCode, now) {
      const seconds = Math.floor((now.getTime() + PROOF_TTL_MS) / 1000);
      const expiry = seconds.toString(36);
      return { token: `p1.${expiry}.${sign(dossierCode, expiry).toString('base64url')}`, expiresAt: new Date(seconds * 1000) };
    },
    check(token, dossierCode, now) {
      const match = TOKEN.exec(token);
      if (!match) return { ok: false, reason: 'malformed' };
      const [, expiry = '', mac = ''] = match;
      const given = Buffer.from(mac, 'base64url');
      const expected = sign(dossierCode, expiry);
      // Signature first: an expired token for another dossier is "invalid", not "expired".
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
      if (parseInt(expiry, 36) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
      return { ok: true };
    },
  };
}
