/**
 * Enrolled kiosk devices. A commune officer enrols a kiosk once (`motcua-server devices enrol`), which prints its
 * credential one time; only its SHA-256 is stored. The kiosk sends the credential in the `Motcua-Device` header with
 * every rating; revoking the device (`devices revoke ID`) refuses it from then on.
 *
 * Each device has a token bucket (`burst` votes, refilled by one every `intervalSeconds`), spent by one atomic UPDATE
 * per rating, so two server instances sharing the database cannot both spend the last token.
 * @module
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Queryable } from './db.js';
import { deriveKey } from './secret.js';

/** Crockford's base 32 (no I, L, O, U): easy to read out and type on a tablet. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX = 'MCD';
/** 25 characters of base 32: 125 bits. */
const LENGTH = 25;
const CREDENTIAL = new RegExp(`^${PREFIX}[${ALPHABET}]{${LENGTH}}$`);

export interface DeviceLimits {
  /** Votes a device may send at once (a queue of offline votes being replayed), default 200. */
  burst: number;
  /** Seconds per vote sustained (a kiosk takes at most about one vote per 10–20 s), default 10. */
  intervalSeconds: number;
}
export const DEFAULT_DEVICE_LIMITS: DeviceLimits = { burst: 200, intervalSeconds: 10 };

export interface Device {
  id: string;
  agency: string;
  name: string;
  demo: boolean;
  createdAt: Date;
  revokedAt: Date | null;
  lastSeenAt: Date | null;
}

/** Groups of five after the prefix, for printing: `MCD-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX`. */
export function formatCredential(credential: string): string {
  return [PREFIX, ...(credential.slice(PREFIX.length).match(/.{1,5}/g) ?? [])].join('-');
}

/** Upper case, without spaces or dashes, with the look-alikes O → 0 and I, L → 1; undefined when it cannot be one. */
export function normaliseCredential(raw: string): string | undefined {
  if (raw.length > 100) return undefined;
  const body = raw.toUpperCase().replace(/[\s-]/g, '').replace(/^MCD/, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const credential = PREFIX + body;
  return CREDENTIAL.test(credential) ? credential : undefined;
}

const hashOf = (credential: string): string => createHash('sha256').update(credential).digest('hex');

function randomCredential(): string {
  let body = '';
  for (let i = 0; i < LENGTH; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return PREFIX + body;
}

interface DeviceRow {
  id: string;
  agency_code: string;
  name: string;
  demo: boolean;
  created_at: Date;
  revoked_at: Date | null;
  last_seen_at: Date | null;
}
const toDevice = (r: DeviceRow): Device => ({
  id: r.id,
  agency: r.agency_code,
  name: r.name,
  demo: r.demo,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  lastSeenAt: r.last_seen_at,
});

/** Enrols a device; returns it with its credential (shown once: only its hash is stored). */
export async function enrolDevice(
  db: Queryable,
  agency: string,
  name: string,
  limits: DeviceLimits = DEFAULT_DEVICE_LIMITS,
): Promise<{ device: Device; credential: string }> {
  const credential = randomCredential();
  const id = `dv_${randomBytes(5).toString('hex')}`;
  const rows = await db.query<DeviceRow>(
    `INSERT INTO devices (id, agency_code, name, secret_hash, tokens) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, agency_code, name, demo, created_at, revoked_at, last_seen_at`,
    [id, agency, name, hashOf(credential), limits.burst],
  );
  return { device: toDevice(rows[0] as DeviceRow), credential };
}

export async function listDevices(db: Queryable, agency?: string): Promise<Device[]> {
  const rows = await db.query<DeviceRow>(
    `SELECT id, agency_code, name, demo, created_at, revoked_at, last_seen_at FROM devices
     WHERE $1::text IS NULL OR agency_code = $1 ORDER BY agency_code, created_at, id`,
    [agency ?? null],
  );
  return rows.map(toDevice);
}

/** Revokes a device; false when there is no such device (or it was revoked already). */
export async function revokeDevice(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query('UPDATE devices SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id', [id]);
  return rows.length > 0;
}

/**
 * The demo kiosk's credential for an agency (demo site only): derived from the server secret, so it differs per
 * deployment, and created on first use.
 */
export async function demoDevice(db: Queryable, secret: string, agency: string, limits: DeviceLimits): Promise<string> {
  const digest = deriveKey(secret, `demo-device:${agency}`);
  let body = '';
  for (let i = 0; i < LENGTH; i++) body += ALPHABET[(digest[i] as number) % ALPHABET.length];
  const credential = PREFIX + body;
  await db.query(
    `INSERT INTO devices (id, agency_code, name, secret_hash, tokens, demo) VALUES ($1, $2, 'Kiosk demo', $3, $4, true)
     ON CONFLICT (id) DO UPDATE SET secret_hash = excluded.secret_hash`,
    [`demo-${agency}`, agency, hashOf(credential), limits.burst],
  );
  return credential;
}

export type DeviceCheck =
  | { ok: true; id: string; agency: string }
  | { ok: false; reason: 'invalid' | 'revoked' }
  | { ok: false; reason: 'limited'; retryAfter: number };

/**
 * Authenticates a credential and spends one vote of its bucket, in one statement (atomic on PGlite and PostgreSQL:
 * the UPDATE locks the row and re-checks the condition on the row a concurrent update left).
 */
export async function spendDeviceVote(db: Queryable, raw: string, limits: DeviceLimits): Promise<DeviceCheck> {
  const credential = normaliseCredential(raw);
  if (!credential) return { ok: false, reason: 'invalid' };
  const hash = hashOf(credential);
  const refill = `least($2::float8, tokens + greatest(0, extract(epoch FROM clock_timestamp() - refilled_at)) / $3::float8)`;
  const spent = await db.query<{ id: string; agency_code: string }>(
    `UPDATE devices SET tokens = ${refill} - 1, refilled_at = greatest(refilled_at, clock_timestamp()), last_seen_at = clock_timestamp()
     WHERE secret_hash = $1 AND revoked_at IS NULL AND ${refill} >= 1
     RETURNING id, agency_code`,
    [hash, limits.burst, limits.intervalSeconds],
  );
  const row = spent[0];
  if (row) return { ok: true, id: row.id, agency: row.agency_code };
  const state = await db.query<{ revoked: boolean; tokens: number }>(
    `SELECT revoked_at IS NOT NULL AS revoked, ${refill} AS tokens FROM devices WHERE secret_hash = $1`,
    [hash, limits.burst, limits.intervalSeconds],
  );
  const device = state[0];
  if (!device) return { ok: false, reason: 'invalid' };
  if (device.revoked) return { ok: false, reason: 'revoked' };
  return { ok: false, reason: 'limited', retryAfter: Math.max(1, Math.ceil((1 - device.tokens) * limits.intervalSeconds)) };
}
