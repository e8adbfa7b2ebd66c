/**
 * API keys of the integration API: `mck_<id>_<secret>`, 256-bit random secrets of which only the SHA-256 is stored,
 * bound to agencies and scopes. `requireKey(scope)` is the Hono middleware of the secured routes.
 * @module
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { Scope } from '@motcua/sdk/integration';
import { AgencyCode } from '@motcua/sdk/schemas';
import type { Queryable } from './db.js';
import { problemResponse } from './problem.js';

export type { Scope };

export interface ApiKey {
  id: string;
  name: string;
  agencies: string[];
  scopes: Scope[];
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export type KeyEnv = { Variables: { apiKey: ApiKey } };

const KEY_FORMAT = /^mck_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

const hashOf = (secret: string): Buffer => createHash('sha256').update(secret).digest();

/** Creates a key and returns it in full: the only time the secret is known. */
export async function createKey(
  db: Queryable,
  init: { name: string; agencies: readonly string[]; scopes: readonly string[] },
): Promise<{ key: string; id: string }> {
  const name = init.name.trim();
  if (!name || name.length > 200) throw new Error('keys create: --name is required (at most 200 characters)');
  if (init.agencies.length === 0) throw new Error('keys create: --agency is required');
  for (const a of init.agencies) if (!AgencyCode.safeParse(a).success) throw new Error(`keys create: invalid agency code ${a}`);
  if (init.scopes.length === 0) throw new Error(`keys create: --scope is required (${Scope.options.join(', ')})`);
  for (const s of init.scopes)
    if (!Scope.safeParse(s).success) throw new Error(`keys create: unknown scope ${s} (one of ${Scope.options.join(', ')})`);
  const known = await db.query<{ code: string }>('SELECT code FROM agencies WHERE code = ANY($1::text[])', [[...init.agencies]]);
  const missing = init.agencies.filter((a) => !known.some((k) => k.code === a));
  if (missing.length) throw new Error(`keys create: no such agency ${missing.join(', ')}`);
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  await db.query('INSERT INTO api_keys (id, name, secret_hash, agencies, scopes) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)', [
    id,
    name,
    hashOf(secret).toString('hex'),
    JSON.stringify([...new Set(init.agencies)]),
    JSON.stringify([...new Set(init.scopes)]),
  ]);
  return { key: `mck_${id}_${secret}`, id };
}

interface KeyRow {
  id: string;
  name: string;
  secret_hash: string;
  agencies: string[];
  scopes: Scope[];
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const toKey = (r: KeyRow): ApiKey => ({
  id: r.id,
  name: r.name,
  agencies: r.agencies,
  scopes: r.scopes,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

export async function listKeys(db: Queryable): Promise<ApiKey[]> {
  return (await db.query<KeyRow>('SELECT * FROM api_keys ORDER BY created_at, id')).map(toKey);
}

/** Revokes a key; false when there is no such (unrevoked) key. */
export async function revokeKey(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id', [id]);
  return rows.length > 0;
}

/** The live key a bearer token stands for, or undefined (malformed, unknown, wrong secret or revoked). */
export async function authenticate(db: Queryable, token: string): Promise<ApiKey | undefined> {
  const m = KEY_FORMAT.exec(token);
  if (!m) return undefined;
  const [, id, secret] = m as unknown as [string, string, string];
  const rows = await db.query<KeyRow>('SELECT * FROM api_keys WHERE id = $1', [id]);
  const row = rows[0];
  // Hash and compare even for an unknown id, so the answer time does not tell whether an id exists.
  const expected = row ? Buffer.from(row.secret_hash, 'hex') : Buffer.alloc(32);
  const match = timingSafeEqual(hashOf(secret), expected);
  if (!row || !match || row.revoked_at) return undefined;
  return toKey(row);
}

const REALM = 'Bearer realm="motcua"';

const unauthorized = (detail: string, error?: string): Response =>
  problemResponse({
    status: 401,
    code: 'unauthorized',
    title: 'Cần khóa API hợp lệ',
    detail,
    headers: { 'www-authenticate': error ? `${REALM}, error="${error}"` : REALM },
  });

export const forbidden = (detail: string, scope?: string): Response =>
  problemResponse({
    status: 403,
    code: 'forbidden',
    title: 'Khóa API không có quyền này',
    detail,
    headers: { 'www-authenticate': `${REALM}, error="insufficient_scope"${scope ? `, scope="${scope}"` : ''}` },
  });

/**
 * Middleware: a live key with `scope`, bound to the `:agency` of the path. 401 without a key or with a wrong or
 * revoked one, 403 for another agency or a missing scope; the key is then on the context (`c.get('apiKey')`).
 */
export function requireKey(db: Queryable, scope: Scope): MiddlewareHandler<KeyEnv> {
  return async (c: Context<KeyEnv>, next) => {
    const header = c.req.header('authorization');
    if (!header) return unauthorized('Thiếu tiêu đề Authorization: Bearer <khóa API>.');
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) return unauthorized('Tiêu đề Authorization phải có dạng Bearer <khóa API>.', 'invalid_request');
    const key = await authenticate(db, m[1] as string);
    if (!key) return unauthorized('Khóa API không đúng hoặc đã bị thu hồi.', 'invalid_token');
    const agency = c.req.param('agency');
    if (agency !== undefined && !key.agencies.includes(agency)) return forbidden(`Khóa API này không được cấp cho đơn vị ${agency}.`);
    if (!key.scopes.includes(scope)) return forbidden(`Khóa API này không có quyền ${scope}.`, scope);
    c.set('apiKey', key);
    // When it was last used, at most once a minute per key (no write on every request).
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000)
      await db.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [key.id]);
    return next();
  };
}
