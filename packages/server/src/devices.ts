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
import { createBatcher } from './batch.js';
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

interface Spend {
  hash: string;
  revoked: boolean;
  id: string;
  agency_code: string;
  avail: number;
  granted: number;
}

/**
 * Spends one vote of each device's bucket for a batch of requests, in ONE statement: the devices' rows are locked
 * (`FOR UPDATE`, which on PostgreSQL waits for a concurrent spender and then reads the row it left), each device grants
 * at most its whole tokens, and its bucket is debited by what it granted. Atomic on PGlite and on a PostgreSQL shared by
 * several instances; one round trip however many votes arrive at once (a kiosk replaying its queue, or a load test).
 */
async function spendBatch(db: Queryable, hashes: readonly string[], limits: DeviceLimits): Promise<Map<string, Spend>> {
  const counts = new Map<string, number>();
  for (const h of hashes) counts.set(h, (counts.get(h) ?? 0) + 1);
  const rows = await db.query<Spend>(
    `WITH req AS (SELECT x.hash, x.n FROM jsonb_to_recordset($1::jsonb) AS x(hash text, n int)),
     cur AS (
       SELECT d.id, d.secret_hash, d.agency_code, d.revoked_at IS NOT NULL AS revoked, req.n,
         least($2::float8, d.tokens + greatest(0, extract(epoch FROM clock_timestamp() - d.refilled_at)) / $3::float8) AS avail
       FROM devices d JOIN req ON req.hash = d.secret_hash
       FOR UPDATE OF d
     ),
     spent AS (
       UPDATE devices d SET tokens = cur.avail - least(cur.n, floor(cur.avail)),
         refilled_at = greatest(d.refilled_at, clock_timestamp()),
         last_seen_at = CASE WHEN floor(cur.avail) >= 1 THEN clock_timestamp() ELSE d.last_seen_at END
       FROM cur WHERE d.id = cur.id AND NOT cur.revoked
       RETURNING d.id
     )
     SELECT cur.secret_hash AS hash, cur.revoked, cur.id, cur.agency_code, cur.avail,
       CASE WHEN cur.revoked THEN 0 ELSE least(cur.n, floor(cur.avail))::int END AS granted
     FROM cur`,
    [JSON.stringify([...counts].map(([hash, n]) => ({ hash, n }))), limits.burst, limits.intervalSeconds],
  );
  return new Map(rows.map((r) => [r.hash, r]));
}

/**
 * Authenticates kiosk credentials and spends one vote of each one's bucket; concurrent calls share one statement.
 * Within a batch, a device's votes are granted in arrival order up to its tokens; the rest wait `retryAfter` seconds.
 */
export function createDeviceSpender(db: Queryable, limits: DeviceLimits): (raw: string) => Promise<DeviceCheck> {
  const batch = createBatcher(async (hashes: Array<string | undefined>): Promise<DeviceCheck[]> => {
    const known = hashes.filter((h): h is string => h !== undefined);
    const spends = known.length ? await spendBatch(db, known, limits) : new Map<string, Spend>();
    const used = new Map<string, number>();
    return hashes.map((hash): DeviceCheck => {
      const spend = hash === undefined ? undefined : spends.get(hash);
      if (!spend) return { ok: false, reason: 'invalid' };
      if (spend.revoked) return { ok: false, reason: 'revoked' };
      const n = (used.get(spend.hash) ?? 0) + 1;
      used.set(spend.hash, n);
      if (n <= spend.granted) return { ok: true, id: spend.id, agency: spend.agency_code };
      // Tokens left after this batch, and how long until the next whole one.
      const left = spend.avail - spend.granted;
      return { ok: false, reason: 'limited', retryAfter: Math.max(1, Math.ceil((1 - left) * limits.intervalSeconds)) };
    });
  });
  return (raw) => {
    const credential = normaliseCredential(raw);
    return batch(credential === undefined ? undefined : hashOf(credential));
  };
}
