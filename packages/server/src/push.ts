/**
 * Status alerts by Web Push (issue 18 item 1). A citizen who proved ownership of a dossier (the tracker's owner check)
 * subscribes their browser to it, with explicit consent (the sentence and its time are stored). When the dossier's
 * status changes, the change's transaction writes one `push_outbox` row per active subscription
 * ({@link enqueuePushAlerts}); a worker in every server process claims due rows with a lease (as the webhooks outbox
 * does), encrypts and signs each message with the maintained `web-push` library (aes128gcm, VAPID), and POSTs it to
 * the push service through a socket that refuses private addresses (the endpoint is the citizen's input). Failures are
 * retried with backoff; a 404/410 from the push service ends the subscription. A final status (returned, withdrawn,
 * stopped, not accepted) sends its alert and ends every subscription of the dossier: nothing is sent after it.
 *
 * Alerts by SMS/Zalo use the same subscriptions (`kind = 'sms'`) and outbox: when the deployment configures a provider
 * hook (`MOTCUA_SMS_WEBHOOK_URL` + `MOTCUA_SMS_WEBHOOK_SECRET`), each message is a JSON POST to it, signed like the
 * webhooks (`X-Motcua-Signature`), to the phone number on the dossier (read at sending time, never given by the requester).
 *
 * The VAPID keys come from `MOTCUA_VAPID_PUBLIC_KEY`/`MOTCUA_VAPID_PRIVATE_KEY`, else they are generated once and kept in
 * the database (`meta.vapid_keys`), so every instance signs with the same key.
 * @module
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type WebPush from 'web-push';
import type { DossierStatusValue } from '@motcua/sdk/schemas';
import type { Db, Queryable } from './db.js';
import { checkWebhookUrl, isPrivateAddress, post, signature, workerLoop } from './outbox.js';
import { deriveKey, serverSecret } from './secret.js';

/**
 * The `web-push` library, loaded on first use (its CommonJS tree of asn1.js, bn.js and jws cost every start about a
 * tenth of a second of CPU, though only a subscription or a delivery needs it).
 */
let webPushLoad: Promise<typeof WebPush> | undefined;
const webPush = (): Promise<typeof WebPush> => (webPushLoad ??= import('web-push').then((m) => m.default));

/** Active subscriptions one dossier may have (a family's phones and a computer; bounds the fan-out of one change). */
export const MAX_SUBSCRIPTIONS_PER_DOSSIER = 5;
/** Statuses after which nothing is sent (and nobody may subscribe). */
export const FINAL_STATUSES: ReadonlySet<DossierStatusValue> = new Set(['returned', 'withdrawn', 'stopped', 'not_accepted']);

export interface PushConfig {
  /** VAPID public key (base64url); with `privateKey`, else generated once and kept in the database. */
  publicKey?: string;
  privateKey?: string;
  /** VAPID subject: a `mailto:` or `https:` contact of the deployer (`MOTCUA_VAPID_SUBJECT`). */
  subject?: string;
  /**
   * Accept `http://` endpoints on loopback and deliver to loopback/private addresses (tests and development only,
   * `MOTCUA_PUSH_ALLOW_LOOPBACK=1`).
   */
  allowLoopback?: boolean;
  /**
   * The SMS/Zalo provider hook (`MOTCUA_SMS_WEBHOOK_URL`, `MOTCUA_SMS_WEBHOOK_SECRET`): when set, citizens may consent to
   * alerts by SMS/Zalo to the phone number on their dossier, and each one is POSTed there, signed with `secret`.
   */
  sms?: { url: string; secret: string };
}

/** The SMS hook of the environment, checked (https and public unless loopback is allowed; a secret of 16+ characters). */
function smsConfigFromEnv(env: NodeJS.ProcessEnv, allowLoopback: boolean): PushConfig['sms'] {
  const url = env.MOTCUA_SMS_WEBHOOK_URL || undefined;
  const secret = env.MOTCUA_SMS_WEBHOOK_SECRET || undefined;
  if (url === undefined && secret === undefined) return undefined;
  if (url === undefined || secret === undefined)
    throw new Error('MOTCUA_SMS_WEBHOOK_URL and MOTCUA_SMS_WEBHOOK_SECRET must be set together');
  if (secret.length < 16) throw new Error('MOTCUA_SMS_WEBHOOK_SECRET must have at least 16 characters');
  const checked = checkWebhookUrl(url, allowLoopback);
  if (!checked.ok) throw new Error(`MOTCUA_SMS_WEBHOOK_URL: ${checked.message}`);
  return { url, secret };
}

export function pushConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PushConfig {
  const pub = env.MOTCUA_VAPID_PUBLIC_KEY || undefined;
  const priv = env.MOTCUA_VAPID_PRIVATE_KEY || undefined;
  if ((pub === undefined) !== (priv === undefined))
    throw new Error('MOTCUA_VAPID_PUBLIC_KEY and MOTCUA_VAPID_PRIVATE_KEY must be set together (npx web-push generate-vapid-keys)');
  const subject = env.MOTCUA_VAPID_SUBJECT || undefined;
  if (subject !== undefined && !/^(mailto:|https:\/\/)/.test(subject))
    throw new Error(`MOTCUA_VAPID_SUBJECT must be a mailto: or https: URL (got ${JSON.stringify(subject)})`);
  const allowLoopback = env.MOTCUA_PUSH_ALLOW_LOOPBACK === '1' || env.MOTCUA_PUSH_ALLOW_LOOPBACK === 'true';
  const sms = smsConfigFromEnv(env, allowLoopback);
  return {
    ...(pub && priv ? { publicKey: pub, privateKey: priv } : {}),
    ...(subject ? { subject } : {}),
    allowLoopback,
    ...(sms ? { sms } : {}),
  };
}

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

const DEFAULT_SUBJECT = 'mailto:motcua@localhost';

/** The VAPID keys: configured, else the database's (created by the first instance that needs them, in one statement). */
export async function vapidKeys(db: Queryable, config: PushConfig = {}): Promise<VapidKeys> {
  const subject = config.subject ?? DEFAULT_SUBJECT;
  const webpush = await webPush();
  if (config.publicKey && config.privateKey) {
    webpush.setVapidDetails(subject, config.publicKey, config.privateKey); // validates both keys (throws on a bad one)
    return { publicKey: config.publicKey, privateKey: config.privateKey, subject };
  }
  const fresh = webpush.generateVAPIDKeys();
  const rows = await db.query<{ value: string }>(
    `WITH ins AS (INSERT INTO meta (key, value) VALUES ('vapid_keys', $1) ON CONFLICT (key) DO NOTHING RETURNING value)
     SELECT value FROM ins UNION ALL SELECT value FROM meta WHERE key = 'vapid_keys' LIMIT 1`,
    [JSON.stringify(fresh)],
  );
  const value = rows[0]?.value ?? (await db.query<{ value: string }>("SELECT value FROM meta WHERE key = 'vapid_keys'"))[0]?.value;
  if (!value) throw new Error('could not read or create the VAPID keys');
  const keys = JSON.parse(value) as { publicKey: string; privateKey: string };
  return { ...keys, subject };
}

// ------------------------------------------------------------------ unsubscribe tokens

const TOKEN = /^u1\.(ps_[0-9a-f]{16})\.([A-Za-z0-9_-]{22})$/;

/** `u1.{subscription id}.{HMAC-SHA256(key, id), 16 bytes base64url}`: a capability to end one subscription, never expires. */
export function unsubscribeTokens(secret: string): { issue(id: string): string; check(token: string): string | undefined } {
  const key = deriveKey(secret, 'push-unsubscribe-v1');
  const mac = (id: string): Buffer => createHmac('sha256', key).update(`u1\n${id}`).digest().subarray(0, 16);
  return {
    issue: (id) => `u1.${id}.${mac(id).toString('base64url')}`,
    check(token) {
      const match = TOKEN.exec(token);
      if (!match) return undefined;
      const [, id = '', given = ''] = match;
      const a = Buffer.from(given, 'base64url');
      const b = mac(id);
      return a.length === b.length && timingSafeEqual(a, b) ? id : undefined;
    },
  };
}

// ------------------------------------------------------------------ endpoints

/** An endpoint the server may POST to: https, no credentials, no private literal (http on loopback only when allowed). */
export function checkEndpoint(raw: string, allowLoopback: boolean): { ok: true } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: 'endpoint: không phải địa chỉ URL' };
  }
  if (url.username || url.password) return { ok: false, message: 'endpoint: không được chứa tên đăng nhập hoặc mật khẩu' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '127.0.0.1' || host === '::1';
  if (allowLoopback && loopback && (url.protocol === 'http:' || url.protocol === 'https:')) return { ok: true };
  if (url.protocol !== 'https:') return { ok: false, message: 'endpoint: phải là địa chỉ https của dịch vụ push' };
  if (loopback || host.endsWith('.localhost') || (isIP(host) !== 0 && isPrivateAddress(host)))
    return { ok: false, message: 'endpoint: địa chỉ nội bộ không được phép' };
  return { ok: true };
}

// ------------------------------------------------------------------ writing (in the status change's transaction)

export interface PushStatusChange {
  code: string;
  to: DossierStatusValue;
  at: Date;
}

/**
 * One `push_outbox` row per active subscription of each changed dossier; a final status also ends the dossier's
 * subscriptions (`finished`), so nothing is written for it afterwards. Call inside the change's transaction.
 */
export async function enqueuePushAlerts(tx: Queryable, changes: readonly PushStatusChange[]): Promise<void> {
  if (changes.length === 0) return;
  const rows = changes.map((c, ord) => ({ ord, code: c.code, status: c.to, at: c.at.toISOString(), final: FINAL_STATUSES.has(c.to) }));
  // One statement: the rows (in the order of the changes), and the end of the finished dossiers' subscriptions.
  await tx.query(
    `WITH changes AS (
       SELECT x.code, x.status, x.at, x.final, x.ord FROM jsonb_to_recordset($1::jsonb)
         AS x(ord int, code text, status text, at timestamptz, final boolean)),
     queued AS (
       INSERT INTO push_outbox (subscription_id, dossier_code, payload)
       SELECT s.id, s.dossier_code, jsonb_build_object('status', c.status, 'at', c.at)
       FROM changes c JOIN push_subscriptions s ON s.dossier_code = c.code AND s.ended_at IS NULL
       ORDER BY c.ord, s.id
       RETURNING 1)
     UPDATE push_subscriptions s SET ended_at = now(), end_reason = 'finished'
     FROM (SELECT DISTINCT code FROM changes WHERE final) f
     WHERE s.dossier_code = f.code AND s.ended_at IS NULL`,
    [JSON.stringify(rows)],
  );
}

// ------------------------------------------------------------------ messages

const STATUS_WORDS: Record<'vi' | 'en', Record<DossierStatusValue, string>> = {
  vi: {
    submitted: 'Đã nộp trực tuyến, chờ tiếp nhận',
    received: 'Đã tiếp nhận',
    not_accepted: 'Không được tiếp nhận',
    processing: 'Đang giải quyết',
    supplement_requested: 'Cần bổ sung hồ sơ',
    payment_requested: 'Chờ nộp phí, lệ phí',
    withdrawn: 'Đã rút hồ sơ',
    stopped: 'Đã dừng xử lý',
    resolved: 'Đã có kết quả',
    returned: 'Đã trả kết quả',
  },
  en: {
    submitted: 'Submitted online, awaiting receipt',
    received: 'Received',
    not_accepted: 'Not accepted',
    processing: 'Being processed',
    supplement_requested: 'More documents needed',
    payment_requested: 'Awaiting payment of fees',
    withdrawn: 'Withdrawn',
    stopped: 'Processing stopped',
    resolved: 'Result ready',
    returned: 'Result returned',
  },
};

/** The alert's JSON (the SDK's `PushAlert`): the dossier code and its status in words, nothing personal. */
export function alertPayload(
  lang: 'vi' | 'en',
  dossier: string,
  status: DossierStatusValue,
  unsubscribeUrl: string,
  page: string | null,
): Record<string, unknown> {
  const words = STATUS_WORDS[lang][status] ?? status;
  return {
    v: 1,
    lang,
    dossier,
    status,
    title: lang === 'vi' ? `Hồ sơ ${dossier}` : `Dossier ${dossier}`,
    body: lang === 'vi' ? `Trạng thái mới: ${words}.` : `New status: ${words}.`,
    ...(page ? { url: page } : {}),
    unsubscribe: unsubscribeUrl,
  };
}

/**
 * The text of an SMS/Zalo alert: the dossier code, its new status in words and how to stop (no name, no other data).
 * The phone's owner asked for it; nothing else about the dossier is in it.
 */
export function smsText(lang: 'vi' | 'en', dossier: string, status: DossierStatusValue): string {
  const words = STATUS_WORDS[lang][status] ?? status;
  return lang === 'vi'
    ? `Hồ sơ ${dossier}: ${words}. Để ngừng nhận tin, chọn "Hủy nhận tin nhắn" khi tra cứu hồ sơ.`
    : `Dossier ${dossier}: ${words}. To stop these messages, choose "Stop messages" when tracking the dossier.`;
}

// ------------------------------------------------------------------ delivering

export interface PushWorkerOptions extends PushConfig {
  /** Poll interval in ms (default 1000). */
  intervalMs?: number;
  /** Delivery timeout in ms (default 10000). */
  timeoutMs?: number;
  /** Attempts before a row is dead (default 8). */
  maxAttempts?: number;
  /** First retry delay in ms, doubled each attempt, at most one hour (default 5000). */
  backoffMs?: number;
  /** Rows claimed per round (default 20). */
  batch?: number;
  /** How long the push service keeps an undelivered alert, seconds (default 4 days). */
  ttlSeconds?: number;
  /** The server secret (`MOTCUA_SECRET`); else the database's. */
  secret?: string;
  log?: (line: string) => void;
}

interface Claimed {
  id: string;
  attempts: number;
  payload: { status: DossierStatusValue; at: string };
  subscription_id: string;
  dossier_code: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  lang: 'vi' | 'en';
  page: string | null;
  api_base: string;
  kind: 'push' | 'sms';
  phone: string | null;
}

export interface PushWorker {
  /** Delivers every due row once; returns how many were attempted. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts the push delivery loop (a timer, unref'd); `stop()` waits for the round in flight. */
export function startPushWorker(db: Db, options: PushWorkerOptions = {}, autostart = true): PushWorker {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const leaseMs = timeoutMs * 3;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoffMs = options.backoffMs ?? 5000;
  const batch = options.batch ?? 20;
  const ttl = options.ttlSeconds ?? 4 * 86_400;
  const allowPrivate = options.allowLoopback ?? false;
  let setup: Promise<{ keys: VapidKeys; tokens: ReturnType<typeof unsubscribeTokens> }> | undefined;
  const ready = () =>
    (setup ??= (async () => ({
      keys: await vapidKeys(db, options),
      tokens: unsubscribeTokens(await serverSecret(db, options.secret)),
    }))().catch((error: unknown) => {
      setup = undefined;
      throw error;
    }));

  const deliver = async (row: Claimed, lease: string): Promise<void> => {
    const { keys, tokens } = await ready();
    const unsubscribe = `${row.api_base}/unsubscribe/${tokens.issue(row.subscription_id)}`;
    let result: { status: number } | { error: string };
    if (row.kind === 'sms') {
      if (!options.sms || !row.phone) {
        // No hook any more, or no phone on the dossier: nothing can be sent; the row stays as a record.
        await db.query(
          `UPDATE push_outbox SET state = 'dropped', locked_until = NULL, lease = NULL, last_error = $3 WHERE id = $1 AND lease = $2`,
          [row.id, lease, options.sms ? 'no phone number on the dossier' : 'no SMS hook configured'],
        );
        return;
      }
      const body = JSON.stringify({
        channel: 'sms',
        to: row.phone,
        dossier: row.dossier_code,
        status: row.payload.status,
        lang: row.lang,
        text: smsText(row.lang, row.dossier_code, row.payload.status),
        unsubscribeUrl: unsubscribe,
      });
      result = await post(
        options.sms.url,
        body,
        {
          'user-agent': 'motcua-sms/1',
          'x-motcua-signature': signature(options.sms.secret, body, Math.floor(Date.now() / 1000)),
          'x-motcua-delivery': `sms_${row.id}`,
          'x-motcua-event': 'dossier.status_alert',
        },
        timeoutMs,
        allowPrivate,
      );
      await settle(row, lease, result);
      return;
    }
    const payload = JSON.stringify(alertPayload(row.lang, row.dossier_code, row.payload.status, unsubscribe, row.page));
    try {
      const details = (await webPush()).generateRequestDetails(
        { endpoint: row.endpoint, keys: { p256dh: row.p256dh, auth: row.auth } },
        payload,
        {
          vapidDetails: keys,
          TTL: ttl,
          urgency: row.payload.status === 'supplement_requested' || row.payload.status === 'payment_requested' ? 'high' : 'normal',
          // A newer alert of the same dossier replaces one the push service still holds.
          topic: createHash('sha256').update(row.dossier_code).digest('base64url').slice(0, 32),
        },
      );
      result = await post(details.endpoint, details.body as Buffer, details.headers as Record<string, string>, timeoutMs, allowPrivate);
    } catch (error) {
      result = { error: error instanceof Error ? error.message : String(error) };
    }
    await settle(row, lease, result);
  };

  const settle = async (row: Claimed, lease: string, result: { status: number } | { error: string }): Promise<void> => {
    if ('status' in result && result.status >= 200 && result.status < 300) {
      await db.query(
        `UPDATE push_outbox SET state = 'delivered', delivered_at = now(), locked_until = NULL, lease = NULL, last_error = NULL
         WHERE id = $1 AND lease = $2`,
        [row.id, lease],
      );
      return;
    }
    if (row.kind === 'push' && 'status' in result && (result.status === 404 || result.status === 410)) {
      // The browser unsubscribed or the subscription expired: it is gone for good.
      await db.transaction(async (tx) => {
        await tx.query(
          `UPDATE push_outbox SET state = 'dropped', locked_until = NULL, lease = NULL, last_error = $3 WHERE id = $1 AND lease = $2`,
          [row.id, lease, `HTTP ${result.status}`],
        );
        await endSubscription(tx, row.subscription_id, 'gone');
      });
      return;
    }
    const error = 'status' in result ? `HTTP ${result.status}` : result.error;
    const delay = Math.min(3_600_000, backoffMs * 2 ** (row.attempts - 1));
    const jittered = (delay / 2 + Math.random() * (delay / 2)) / 1000;
    await db.query(
      `UPDATE push_outbox SET state = CASE WHEN attempts >= $3 THEN 'dead' ELSE 'pending' END,
         next_attempt_at = now() + make_interval(secs => $4), locked_until = NULL, lease = NULL, last_error = $5
       WHERE id = $1 AND lease = $2`,
      [row.id, lease, maxAttempts, jittered, error.slice(0, 500)],
    );
    options.log?.(
      JSON.stringify({ time: new Date().toISOString(), level: 'warn', msg: 'push failed', row: row.id, attempt: row.attempts, error }),
    );
  };

  let prunedAt = 0;
  const round = async (stopped: () => boolean): Promise<number> => {
    let total = 0;
    if (Date.now() - prunedAt > 3_600_000) {
      prunedAt = Date.now();
      // Sent, dropped and cancelled rows are kept a week; the keys of ended subscriptions are wiped then too (their
      // consent record, with its time and end, stays).
      await db.query(
        `DELETE FROM push_outbox WHERE state IN ('delivered', 'dropped', 'cancelled') AND COALESCE(delivered_at, created_at) < now() - interval '7 days'`,
      );
      await db.query(
        `UPDATE push_subscriptions SET endpoint = '', p256dh = '', auth = '' WHERE ended_at < now() - interval '7 days' AND endpoint <> ''
           AND NOT EXISTS (SELECT 1 FROM push_outbox o WHERE o.subscription_id = push_subscriptions.id AND o.state = 'pending')`,
      );
    }
    const [{ start } = { start: new Date() }] = await db.query<{ start: Date }>('SELECT now() AS start');
    while (!stopped()) {
      const lease = randomBytes(12).toString('hex');
      // Rows of a subscription that ended by the citizen's choice or the push service's 404/410 are never claimed; rows
      // written before a final status are (they announce it).
      const rows = await db.query<Claimed>(
        `WITH due AS MATERIALIZED (
           SELECT o.id FROM push_outbox o JOIN push_subscriptions s ON s.id = o.subscription_id
           WHERE o.state = 'pending' AND o.next_attempt_at <= $4::timestamptz AND (o.locked_until IS NULL OR o.locked_until <= now())
             AND (s.ended_at IS NULL OR s.end_reason = 'finished') AND (s.kind = 'push' OR $5::boolean)
           ORDER BY o.next_attempt_at, o.id LIMIT $3 FOR UPDATE OF o SKIP LOCKED)
         UPDATE push_outbox o SET locked_until = now() + make_interval(secs => $1), lease = $2, attempts = o.attempts + 1
         FROM due, push_subscriptions s
         WHERE o.id = due.id AND s.id = o.subscription_id
         RETURNING o.id::text AS id, o.attempts, o.payload, o.subscription_id, o.dossier_code, s.endpoint, s.p256dh, s.auth, s.lang,
           s.page, s.api_base, s.kind, (SELECT d.phone FROM dossiers d WHERE d.code = o.dossier_code) AS phone`,
        [leaseMs / 1000, lease, batch, start, options.sms !== undefined],
      );
      if (rows.length === 0) break;
      total += rows.length;
      await Promise.all(rows.map((r) => deliver(r, lease)));
    }
    return total;
  };

  return workerLoop(round, { name: 'push outbox', intervalMs: options.intervalMs, log: options.log }, autostart);
}

/** Ends a subscription (`unsubscribed` by the citizen, `gone` by the push service) and cancels its pending rows. */
export async function endSubscription(
  tx: Queryable,
  id: string,
  reason: 'unsubscribed' | 'gone',
): Promise<{ dossier: string } | undefined> {
  const [row] = await tx.query<{ dossier_code: string }>(
    `WITH ended AS (
       UPDATE push_subscriptions SET ended_at = COALESCE(ended_at, now()),
         end_reason = CASE WHEN ended_at IS NULL OR end_reason = 'finished' THEN $2 ELSE end_reason END
       WHERE id = $1 RETURNING id, dossier_code),
     cancelled AS (UPDATE push_outbox SET state = 'cancelled' WHERE subscription_id = $1 AND state = 'pending' RETURNING 1)
     SELECT dossier_code FROM ended`,
    [id, reason],
  );
  return row ? { dossier: row.dossier_code } : undefined;
}
