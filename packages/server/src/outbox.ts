/**
 * Signed webhooks through a transactional outbox. A change (a rating, a dossier status) writes one outbox row per
 * subscribed webhook in its own transaction; a worker in every server process claims due rows with a lease
 * (`locked_until`, `FOR UPDATE SKIP LOCKED`), so two servers never deliver the same row at once, and POSTs them with
 * `X-Motcua-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>` and `X-Motcua-Delivery: <id>`.
 * Failures are retried with exponential backoff; after `maxAttempts` the row is dead (`outbox list --dead`,
 * `outbox retry ID`).
 * @module
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';
import type { Db, Queryable } from './db.js';

export const WEBHOOK_EVENTS = ['rating.created', 'dossier.status_changed'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

// ------------------------------------------------------------------ SSRF: where deliveries may go

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

/** Loopback, private, link-local, shared, multicast or reserved (also as IPv4-mapped IPv6). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return blocked.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) return blocked.check(address, 'ipv6');
  return true;
}

/** Checks a webhook URL: http(s), no credentials, and (unless allowed) not a private address literal. */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): { ok: true; url: URL } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: `not a URL: ${raw}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: 'only http: and https: URLs are allowed' };
  if (url.username || url.password) return { ok: false, message: 'credentials in the URL are not allowed' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) && isPrivateAddress(host))))
    return { ok: false, message: `${host} is a loopback or private address (set MOTCUA_WEBHOOK_ALLOW_PRIVATE=1 to allow)` };
  return { ok: true, url };
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A DNS lookup for the delivery socket that refuses private answers: checked on the very address connected to. */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: object, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      const bad = list.find((a) => isPrivateAddress(a.address));
      if (bad && !allowPrivate) {
        const refused: NodeJS.ErrnoException = new Error(`${hostname} resolves to a private address ${bad.address}`);
        refused.code = 'EPRIVATE';
        return callback(refused, []);
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`${hostname} has no address`), []);
      callback(null, first.address, first.family);
    });
  };
}

// ------------------------------------------------------------------ webhooks (CLI)

export interface Webhook {
  id: string;
  agency: string;
  url: string;
  events: WebhookEventType[];
  createdAt: Date;
}

/** Registers a webhook; returns it with its signing secret (shown once). */
export async function addWebhook(
  db: Queryable,
  init: { agency: string; url: string; events: readonly string[]; allowPrivate: boolean },
): Promise<{ id: string; secret: string }> {
  const check = checkWebhookUrl(init.url, init.allowPrivate);
  if (!check.ok) throw new Error(`webhooks add: ${check.message}`);
  if (init.events.length === 0) throw new Error(`webhooks add: --events is required (${WEBHOOK_EVENTS.join(', ')})`);
  for (const e of init.events)
    if (!(WEBHOOK_EVENTS as readonly string[]).includes(e))
      throw new Error(`webhooks add: unknown event ${e} (one of ${WEBHOOK_EVENTS.join(', ')})`);
  const agency = await db.query('SELECT 1 FROM agencies WHERE code = $1', [init.agency]);
  if (agency.length === 0) throw new Error(`webhooks add: no such agency ${init.agency}`);
  const id = `wh_${randomBytes(6).toString('hex')}`;
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  await db.query('INSERT INTO webhooks (id, agency_code, url, secret, events) VALUES ($1, $2, $3, $4, $5::jsonb)', [
    id,
    init.agency,
    check.url.href,
    secret,
    JSON.stringify([...new Set(init.events)]),
  ]);
  return { id, secret };
}

export async function listWebhooks(db: Queryable): Promise<Webhook[]> {
  const rows = await db.query<{ id: string; agency_code: string; url: string; events: WebhookEventType[]; created_at: Date }>(
    'SELECT id, agency_code, url, events, created_at FROM webhooks WHERE removed_at IS NULL ORDER BY created_at, id',
  );
  return rows.map((r) => ({ id: r.id, agency: r.agency_code, url: r.url, events: r.events, createdAt: r.created_at }));
}

/** Removes a webhook; its undelivered rows are cancelled. */
export async function removeWebhook(db: Db, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.query('UPDATE webhooks SET removed_at = now() WHERE id = $1 AND removed_at IS NULL RETURNING id', [id]);
    if (rows.length === 0) return false;
    await tx.query("UPDATE outbox SET state = 'cancelled' WHERE webhook_id = $1 AND state = 'pending'", [id]);
    return true;
  });
}

// ------------------------------------------------------------------ writing

const VN_TIME = (column: string): string => `to_char(${column} AT TIME ZONE INTERVAL '+07:00', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"')`;

/**
 * A data-modifying CTE (`, outbox_rows AS (…)`) to append to a `WITH ins AS (INSERT INTO ratings … RETURNING *)`
 * statement: the `rating.created` outbox rows are written by the same statement, so in the same transaction.
 */
export const RATING_OUTBOX_CTE = `, outbox_rows AS (
  INSERT INTO outbox (event_id, webhook_id, agency_code, event_type, payload)
  SELECT 'evt_' || ins.id, w.id, ins.agency_code, 'rating.created',
    jsonb_build_object('id', 'evt_' || ins.id, 'type', 'rating.created', 'agency', ins.agency_code,
      'createdAt', ${VN_TIME('ins.received_at')},
      'data', jsonb_build_object('id', ins.id, 'agency', ins.agency_code, 'dossierCode', ins.dossier_code, 'overall', ins.overall,
        'channel', ins.channel, 'counter', ins.counter_name, 'officer', ins.officer, 'criteria', ins.criteria, 'comment', ins.comment,
        'ratedAt', ${VN_TIME('ins.rated_at')}, 'receivedAt', ${VN_TIME('ins.received_at')}))
  FROM ins JOIN webhooks w ON w.agency_code = ins.agency_code AND w.removed_at IS NULL AND w.events ? 'rating.created')`;

/** Writes the outbox rows of one event for every webhook of the agency subscribed to it (call inside the change's transaction). */
export async function enqueue(
  tx: Queryable,
  event: { agency: string; type: WebhookEventType; data: Record<string, unknown>; createdAt: string },
): Promise<void> {
  const id = `evt_${randomUUID()}`;
  const payload = { id, type: event.type, agency: event.agency, createdAt: event.createdAt, data: event.data };
  await tx.query(
    `INSERT INTO outbox (event_id, webhook_id, agency_code, event_type, payload)
     SELECT $1, w.id, w.agency_code, $3, $4::jsonb FROM webhooks w
     WHERE w.agency_code = $2 AND w.removed_at IS NULL AND w.events ? $3`,
    [id, event.agency, event.type, JSON.stringify(payload)],
  );
}

// ------------------------------------------------------------------ delivering

/** `t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`. */
export function signature(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

export interface OutboxOptions {
  /** Poll interval in ms (default 1000). */
  intervalMs?: number;
  /** Lease of a claimed row in ms (default 30000); longer than `timeoutMs`. */
  leaseMs?: number;
  /** Delivery timeout in ms (default 10000). */
  timeoutMs?: number;
  /** Attempts before a row is dead (default 8). */
  maxAttempts?: number;
  /** First retry delay in ms, doubled each attempt, at most one hour (default 5000). */
  backoffMs?: number;
  /** Rows claimed per round (default 20). */
  batch?: number;
  /** Deliver to loopback/private addresses (tests, closed networks). */
  allowPrivate?: boolean;
  log?: (line: string) => void;
}

export function outboxOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): OutboxOptions & { enabled: boolean } {
  const int = (name: string, fallback: number, min: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min} (got ${JSON.stringify(raw)})`);
    return value;
  };
  return {
    enabled: env.MOTCUA_OUTBOX !== 'off',
    intervalMs: int('MOTCUA_OUTBOX_INTERVAL_MS', 1000, 10),
    maxAttempts: int('MOTCUA_WEBHOOK_MAX_ATTEMPTS', 8, 1),
    backoffMs: int('MOTCUA_WEBHOOK_BACKOFF_MS', 5000, 1),
    timeoutMs: int('MOTCUA_WEBHOOK_TIMEOUT_MS', 10_000, 100),
    allowPrivate: env.MOTCUA_WEBHOOK_ALLOW_PRIVATE === '1' || env.MOTCUA_WEBHOOK_ALLOW_PRIVATE === 'true',
  };
}

/** POSTs a JSON body through the guarded lookup, the whole exchange bounded by `timeoutMs` (also used by SMS alerts). */
export function post(
  url: string,
  body: string | Uint8Array,
  headers: Record<string, string>,
  timeoutMs: number,
  allowPrivate: boolean,
): Promise<{ status: number } | { error: string }> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(allowPrivate) as never,
        timeout: timeoutMs,
      },
      (res) => {
        res.on('error', (error) => {
          clearTimeout(deadline);
          resolve({ error: error.message });
        });
        res.resume();
        res.on('end', () => {
          clearTimeout(deadline);
          resolve({ status: res.statusCode ?? 0 });
        });
      },
    );
    // The whole exchange (not only each idle gap) is bounded, so a receiver that drips its answer cannot hold a delivery
    // past its lease (another server would then deliver it again).
    const deadline = setTimeout(() => req.destroy(new Error(`no complete answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => {
      clearTimeout(deadline);
      resolve({ error: error.message });
    });
    // An address literal never goes through `lookup`: check it here.
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (!allowPrivate && isIP(host) && isPrivateAddress(host)) {
      req.destroy(new Error(`${host} is a private address`));
      return;
    }
    req.end(body);
  });
}

interface Claimed {
  id: string;
  event_id: string;
  payload: Record<string, unknown>;
  attempts: number;
  url: string;
  secret: string;
}

export interface OutboxWorker {
  /** Delivers every due row once (claims until none is left); returns how many were attempted. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The polling loop of a delivery worker: `round` delivers what is due (it checks `stopped()` between claims), at most one
 * round at a time, every `intervalMs` (default 1 s) when `autostart`; `stop()` ends it and waits for the round in flight.
 */
export function workerLoop(
  round: (stopped: () => boolean) => Promise<number>,
  options: { name: string; intervalMs?: number | undefined; log?: ((line: string) => void) | undefined },
  autostart: boolean,
): OutboxWorker {
  let running: Promise<number> | undefined;
  let stopped = false;
  const runOnce = (): Promise<number> => {
    running ??= round(() => stopped).finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = autostart
    ? setInterval(() => {
        runOnce().catch((error: unknown) =>
          options.log?.(JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: options.name, error: String(error) })),
        );
      }, options.intervalMs ?? 1000)
    : undefined;
  timer?.unref();
  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}

/** Starts the delivery loop (a timer, unref'd); `stop()` waits for the round in flight. */
export function startOutboxWorker(db: Db, options: OutboxOptions = {}, autostart = true): OutboxWorker {
  const timeoutMs = options.timeoutMs ?? 10_000;
  // A delivery always ends (answer or timeout) well before its lease does.
  const leaseMs = Math.max(options.leaseMs ?? 30_000, timeoutMs * 2);
  const maxAttempts = options.maxAttempts ?? 8;
  const backoffMs = options.backoffMs ?? 5000;
  const batch = options.batch ?? 20;
  const allowPrivate = options.allowPrivate ?? false;

  const deliver = async (row: Claimed, lease: string): Promise<void> => {
    const body = JSON.stringify(row.payload);
    const result = await post(
      row.url,
      body,
      {
        'user-agent': 'motcua-webhooks/1',
        'x-motcua-signature': signature(row.secret, body, Math.floor(Date.now() / 1000)),
        'x-motcua-delivery': `dlv_${row.id}`,
        'x-motcua-event': String(row.payload.type ?? ''),
      },
      timeoutMs,
      allowPrivate,
    );
    if ('status' in result && result.status >= 200 && result.status < 300) {
      await db.query(
        `UPDATE outbox SET state = 'delivered', delivered_at = now(), locked_until = NULL, lease = NULL, last_error = NULL
         WHERE id = $1 AND lease = $2`,
        [row.id, lease],
      );
      return;
    }
    const error = 'status' in result ? `HTTP ${result.status}` : result.error;
    const delay = Math.min(3_600_000, backoffMs * 2 ** (row.attempts - 1));
    const jittered = (delay / 2 + Math.random() * (delay / 2)) / 1000;
    await db.query(
      `UPDATE outbox SET state = CASE WHEN attempts >= $3 THEN 'dead' ELSE 'pending' END,
         next_attempt_at = now() + make_interval(secs => $4), locked_until = NULL, lease = NULL, last_error = $5
       WHERE id = $1 AND lease = $2`,
      [row.id, lease, maxAttempts, jittered, error.slice(0, 500)],
    );
    options.log?.(
      JSON.stringify({
        time: new Date().toISOString(),
        level: 'warn',
        msg: 'webhook failed',
        delivery: `dlv_${row.id}`,
        attempt: row.attempts,
        error,
      }),
    );
  };

  let prunedAt = 0;
  const round = async (stopped: () => boolean): Promise<number> => {
    let total = 0;
    // Delivered and cancelled rows are kept a week (for `outbox list`), then removed: the table does not grow forever.
    if (Date.now() - prunedAt > 3_600_000) {
      prunedAt = Date.now();
      await db.query(
        `DELETE FROM outbox WHERE state IN ('delivered', 'cancelled') AND COALESCE(delivered_at, created_at) < now() - interval '7 days'`,
      );
    }
    // Rows that fail in this round are due again later (backoff): only rows due when the round began are claimed.
    const [{ start } = { start: new Date() }] = await db.query<{ start: Date }>('SELECT now() AS start');
    while (!stopped()) {
      const lease = randomBytes(12).toString('hex');
      // Claimed atomically: a row locked by another server's claim is skipped, a leased one is not due.
      const rows = await db.query<Claimed>(
        `WITH due AS MATERIALIZED (
           SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= $4::timestamptz
             AND (locked_until IS NULL OR locked_until <= now())
           ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
         UPDATE outbox o SET locked_until = now() + make_interval(secs => $1), lease = $2, attempts = o.attempts + 1
         FROM due, webhooks w
         WHERE o.id = due.id AND w.id = o.webhook_id
         RETURNING o.id::text AS id, o.event_id, o.payload, o.attempts, w.url, w.secret`,
        [leaseMs / 1000, lease, batch, start],
      );
      if (rows.length === 0) break;
      total += rows.length;
      await Promise.all(rows.map((r) => deliver(r, lease)));
    }
    return total;
  };

  return workerLoop(round, { name: 'outbox', intervalMs: options.intervalMs, log: options.log }, autostart);
}

// ------------------------------------------------------------------ CLI views

export interface OutboxRow {
  id: string;
  eventId: string;
  webhookId: string;
  type: string;
  state: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  nextAttemptAt: Date;
}

export async function listOutbox(db: Queryable, state?: string, limit = 100): Promise<OutboxRow[]> {
  const rows = await db.query<{
    id: string;
    event_id: string;
    webhook_id: string;
    event_type: string;
    state: string;
    attempts: number;
    last_error: string | null;
    created_at: Date;
    next_attempt_at: Date;
  }>(
    `SELECT id::text AS id, event_id, webhook_id, event_type, state, attempts, last_error, created_at, next_attempt_at FROM outbox
     WHERE ($1::text IS NULL OR state = $1) ORDER BY id DESC LIMIT $2`,
    [state ?? null, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    webhookId: r.webhook_id,
    type: r.event_type,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    nextAttemptAt: r.next_attempt_at,
  }));
}

/** Puts a dead row back in the queue with fresh attempts. */
export async function retryOutbox(db: Queryable, id: string): Promise<boolean> {
  if (!/^\d{1,18}$/.test(id)) return false;
  const rows = await db.query(
    `UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = now(), locked_until = NULL, lease = NULL
     WHERE id = $1::bigint AND state = 'dead' RETURNING id`,
    [id],
  );
  return rows.length > 0;
}
