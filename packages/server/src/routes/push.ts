/**
 * Status alerts by Web Push: `GET /push/key` (the VAPID public key), `POST /dossiers/{code}/subscriptions` (owner's
 * proof, explicit consent; at most {@link MAX_SUBSCRIPTIONS_PER_DOSSIER} active per dossier, counted under the
 * dossier's lock), `DELETE /dossiers/{code}/subscriptions/{id}` (owner's proof) and `POST /unsubscribe/{token}`
 * (the URL in every alert, which the service worker's "Hủy nhận thông báo" action calls; the tracker keeps the token too).
 * Delivery: push.ts.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { PushSubscriptionRequest, SmsSubscriptionRequest, alertSubscriptionSchema } from '@motcua/sdk/schemas';
import { parseCode } from '../dossier-code.js';
import { issuesToErrors, problemResponse } from '../problem.js';
import {
  FINAL_STATUSES,
  MAX_SUBSCRIPTIONS_PER_DOSSIER,
  type PushConfig,
  checkEndpoint,
  endSubscription,
  unsubscribeTokens,
  vapidKeys,
} from '../push.js';
import type { Budget } from '../rate-limit.js';
import { formatVn } from '../working-hours.js';
import type { RouteContext } from './context.js';
import type { Env } from './http.js';

const PROOF_HEADER = 'motcua-owner-proof';
/** Subscription requests (accepted or not) per client per window of the look-up limit. */
export const SUBSCRIBE_BUDGET = 20;

export function pushRoutes(ctx: RouteContext, config: PushConfig = {}): Hono<Env> {
  const { db, now, limits, proofs, secret, clientAddress, json, invalid, readJson, rateLimited, notFound, loadDossier, freshDossiers } =
    ctx;
  const api = new Hono<Env>();
  let keys: ReturnType<typeof vapidKeys> | undefined;
  const publicKey = async (): Promise<string> =>
    (
      await (keys ??= vapidKeys(db, config).catch((error: unknown) => {
        keys = undefined;
        throw error;
      }))
    ).publicKey;
  const tokens = async () => unsubscribeTokens(await secret());

  const checkCode = (c: Context<Env>): { code: string } | { response: Response } => {
    const parsed = parseCode(c.req.param('code') ?? '', now());
    if (!parsed.ok) return { response: invalid(parsed.message, [{ path: 'code', message: parsed.message }]) };
    return { code: parsed.code };
  };
  /** The owner's proof of `POST /dossiers/{code}/verify` (header `Motcua-Owner-Proof`), for this dossier. */
  const checkProof = async (c: Context<Env>, code: string): Promise<Response | undefined> => {
    const token = c.req.header(PROOF_HEADER);
    if (!token)
      return problemResponse({
        status: 401,
        code: 'proof_required',
        detail: 'Cần xác minh chủ hồ sơ (4 số cuối điện thoại) trước khi đăng ký nhận thông báo.',
      });
    const proof = (await proofs()).check(token, code, now());
    if (!proof.ok)
      return problemResponse({
        status: 403,
        code: 'proof_invalid',
        detail:
          proof.reason === 'expired'
            ? 'Phiên xác minh chủ hồ sơ đã hết hạn. Vui lòng xác minh lại.'
            : 'Bằng chứng xác minh chủ hồ sơ không hợp lệ cho hồ sơ này.',
      });
    return undefined;
  };

  api.get('/push/key', async (c) =>
    json(c, JSON.stringify({ publicKey: await publicKey(), sms: config.sms !== undefined }), 200, { 'cache-control': 'no-cache' }),
  );

  /** The owner's consent to SMS/Zalo alerts to the dossier's own phone number (one per dossier; again = renewed). */
  const subscribeSms = async (c: Context<Env>, code: string, value: unknown): Promise<Response> => {
    const parsed = SmsSubscriptionRequest.safeParse(value);
    if (!parsed.success) return invalid('Dữ liệu đăng ký nhận tin nhắn không hợp lệ.', issuesToErrors(parsed.error.issues));
    if (!config.sms)
      return problemResponse({
        status: 409,
        code: 'sms_unavailable',
        title: 'Chưa có dịch vụ tin nhắn',
        detail: 'Máy chủ này chưa cấu hình dịch vụ gửi SMS/Zalo: chỉ nhận thông báo trên trình duyệt được.',
      });
    const refused = await checkProof(c, code);
    if (refused) return refused;
    await freshDossiers();
    const budget: Budget = { key: `push-subscribe:${clientAddress(c)}`, max: SUBSCRIBE_BUDGET, window: limits.windowSeconds };
    const { blocked, row } = await loadDossier(code, [budget]);
    if (blocked > 0) return rateLimited(blocked);
    if (!row) return notFound();
    if (FINAL_STATUSES.has(row.status)) return finished();
    const at = now();
    const apiBase = new URL(c.req.url).origin + '/api/v1';
    const sub = parsed.data;
    const outcome = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(726181, hashtext($1))', [code]);
      const [same] = await tx.query<{ id: string }>(
        "SELECT id FROM push_subscriptions WHERE dossier_code = $1 AND kind = 'sms' AND ended_at IS NULL",
        [code],
      );
      const values = [sub.lang ?? 'vi', apiBase, sub.consentText.normalize('NFC'), at];
      if (same) {
        await tx.query('UPDATE push_subscriptions SET lang = $2, api_base = $3, consent_text = $4, consented_at = $5 WHERE id = $1', [
          same.id,
          ...values,
        ]);
        return { id: same.id, created: false };
      }
      const id = `ps_${randomBytes(8).toString('hex')}`;
      await tx.query(
        `INSERT INTO push_subscriptions (id, kind, dossier_code, endpoint, p256dh, auth, lang, page, api_base, consent_text, consented_at)
         VALUES ($1, 'sms', $2, '', '', '', $3, NULL, $4, $5, $6)`,
        [id, code, ...values],
      );
      return { id, created: true };
    });
    const receipt = { id: outcome.id, dossier: code, consentedAt: formatVn(at), unsubscribeToken: (await tokens()).issue(outcome.id) };
    return json(c, JSON.stringify(receipt), outcome.created ? 201 : 200, { 'cache-control': 'no-store' });
  };
  const finished = (): Response =>
    problemResponse({
      status: 409,
      code: 'dossier_finished',
      title: 'Hồ sơ đã kết thúc',
      detail: 'Hồ sơ đã kết thúc (đã trả kết quả, đã rút hoặc đã dừng): không còn thông báo nào để gửi.',
    });

  api.post('/dossiers/:code/subscriptions', async (c) => {
    const r = checkCode(c);
    if ('response' in r) return r.response;
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const value: unknown = body.value;
    if (alertSubscriptionSchema(value) === SmsSubscriptionRequest) return subscribeSms(c, r.code, value);
    const parsed = PushSubscriptionRequest.safeParse(value);
    if (!parsed.success) return invalid('Dữ liệu đăng ký nhận thông báo không hợp lệ.', issuesToErrors(parsed.error.issues));
    const sub = parsed.data;
    const endpoint = checkEndpoint(sub.endpoint, config.allowLoopback ?? false);
    if (!endpoint.ok) return invalid('Địa chỉ dịch vụ push không được chấp nhận.', [{ path: 'endpoint', message: endpoint.message }]);
    const refused = await checkProof(c, r.code);
    if (refused) return refused;
    await freshDossiers();
    // Every request counts against the client's budget (taken atomically with the dossier's read).
    const budget: Budget = { key: `push-subscribe:${clientAddress(c)}`, max: SUBSCRIBE_BUDGET, window: limits.windowSeconds };
    const { blocked, row } = await loadDossier(r.code, [budget]);
    if (blocked > 0) return rateLimited(blocked);
    if (!row) return notFound();
    if (FINAL_STATUSES.has(row.status)) return finished();
    const at = now();
    const apiBase = new URL(c.req.url).origin + '/api/v1';
    // Counted under the dossier's lock: parallel requests cannot all see "4 active" and insert a 6th and 7th.
    const outcome = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(726181, hashtext($1))', [r.code]);
      const active = await tx.query<{ id: string; endpoint: string }>(
        "SELECT id, endpoint FROM push_subscriptions WHERE dossier_code = $1 AND kind = 'push' AND ended_at IS NULL",
        [r.code],
      );
      const same = active.find((a) => a.endpoint === sub.endpoint);
      const values = [sub.keys.p256dh, sub.keys.auth, sub.lang ?? 'vi', sub.page ?? null, apiBase, sub.consentText.normalize('NFC'), at];
      if (same) {
        // The same browser again (a new proof, new keys): the consent is renewed, no second subscription.
        await tx.query(
          `UPDATE push_subscriptions SET p256dh = $2, auth = $3, lang = $4, page = $5, api_base = $6, consent_text = $7, consented_at = $8
           WHERE id = $1`,
          [same.id, ...values],
        );
        return { id: same.id, created: false };
      }
      if (active.length >= MAX_SUBSCRIPTIONS_PER_DOSSIER) return undefined;
      const id = `ps_${randomBytes(8).toString('hex')}`;
      await tx.query(
        `INSERT INTO push_subscriptions (id, dossier_code, endpoint, p256dh, auth, lang, page, api_base, consent_text, consented_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, r.code, sub.endpoint, ...values],
      );
      return { id, created: true };
    });
    if (!outcome)
      return problemResponse({
        status: 409,
        code: 'subscription_limit',
        title: 'Đã đủ số thiết bị nhận thông báo',
        detail: `Hồ sơ này đã có ${MAX_SUBSCRIPTIONS_PER_DOSSIER} thiết bị nhận thông báo. Hủy nhận trên một thiết bị rồi thử lại.`,
      });
    const receipt = {
      id: outcome.id,
      dossier: r.code,
      consentedAt: formatVn(at),
      unsubscribeToken: (await tokens()).issue(outcome.id),
    };
    return json(c, JSON.stringify(receipt), outcome.created ? 201 : 200, { 'cache-control': 'no-store' });
  });

  api.delete('/dossiers/:code/subscriptions/:id', async (c) => {
    const r = checkCode(c);
    if ('response' in r) return r.response;
    const id = c.req.param('id') ?? '';
    if (!/^ps_[0-9a-f]{16}$/.test(id))
      return invalid('Mã đăng ký không đúng dạng.', [{ path: 'id', message: 'Mã đăng ký không đúng dạng' }]);
    const refused = await checkProof(c, r.code);
    if (refused) return refused;
    const ended = await db.transaction(async (tx) => {
      const [row] = await tx.query('SELECT 1 FROM push_subscriptions WHERE id = $1 AND dossier_code = $2', [id, r.code]);
      return row ? endSubscription(tx, id, 'unsubscribed') : undefined;
    });
    if (!ended) return problemResponse({ status: 404, code: 'not_found', detail: 'Không có đăng ký nhận thông báo này.' });
    return json(c, JSON.stringify({ id, dossier: ended.dossier, unsubscribed: true }), 200, { 'cache-control': 'no-store' });
  });

  const unsubscribe = async (token: string): Promise<{ id: string; dossier: string } | undefined> => {
    const id = (await tokens()).check(token);
    if (!id) return undefined;
    const ended = await db.transaction((tx) => endSubscription(tx, id, 'unsubscribed'));
    return ended ? { id, dossier: ended.dossier } : undefined;
  };
  const badToken = (): Response =>
    problemResponse({ status: 404, code: 'not_found', detail: 'Liên kết hủy nhận thông báo không đúng hoặc không còn hiệu lực.' });

  api.post('/unsubscribe/:token', async (c) => {
    const ended = await unsubscribe(c.req.param('token') ?? '');
    if (!ended) return badToken();
    return json(c, JSON.stringify({ ...ended, unsubscribed: true }), 200, { 'cache-control': 'no-store' });
  });

  return api;
}
