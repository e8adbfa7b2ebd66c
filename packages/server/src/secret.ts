/**
 * The server secret: from `MOTCUA_SECRET` (at least 32 characters), else generated once and kept in the database
 * (`meta.server_secret`) so that every instance sharing the database signs and checks the same tokens. Purposes get
 * their own keys derived from it (HMAC-SHA256 of the purpose), so one secret serves several features.
 * @module
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Queryable } from './db.js';

export const MIN_SECRET_LENGTH = 32;

/** The shared secret: `configured` when given, else the database's (created by the first instance that needs it). */
export async function serverSecret(db: Queryable, configured?: string): Promise<string> {
  if (configured !== undefined) {
    if (configured.length < MIN_SECRET_LENGTH) throw new Error(`MOTCUA_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    return configured;
  }
  // One statement: two instances starting at once both read the value the first one wrote.
  const rows = await db.query<{ value: string }>(
    `WITH ins AS (INSERT INTO meta (key, value) VALUES ('server_secret', $1) ON CONFLICT (key) DO NOTHING RETURNING value)
     SELECT value FROM ins UNION ALL SELECT value FROM meta WHERE key = 'server_secret' LIMIT 1`,
    [randomBytes(32).toString('base64url')],
  );
  // (Another instance may have written it between this statement's snapshot and its insert: read it again.)
  const value = rows[0]?.value ?? (await db.query<{ value: string }>("SELECT value FROM meta WHERE key = 'server_secret'"))[0]?.value;
  if (!value) throw new Error('could not read or create the server secret');
  return value;
}

/** A key for one purpose, derived from the server secret. */
export function deriveKey(secret: string, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`motcua:${purpose}`).digest();
}
