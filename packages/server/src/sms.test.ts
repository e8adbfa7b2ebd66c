// Status alerts by SMS/Zalo through the deployment's provider hook (issue 18 item 1): a local http server plays the
// provider. The owner consents (proof + sentence); a status change reaches the hook as one signed JSON POST to the phone
// number on the dossier, with the code and the new status in Vietnamese words; unsubscribing stops it, nothing is sent
// after the return, a server without the hook refuses clearly, and the requester can never choose the number.
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { PushKey, PushSubscriptionReceipt, SmsSubscriptionRequest, Unsubscribed } from '@motcua/sdk/schemas';
import { createKey } from './auth.js';
import { pushConfigFromEnv, startPushWorker, type PushWorker } from './push.js';
import { backends, problemOf, seededContext, type TestContext } from './test-helpers.js';

const A = '000.30.01.H17';
const SECRET = 'sms-hook-secret-0123456789';
const CONSENT = 'Tôi đồng ý nhận tin nhắn SMS/Zalo về số điện thoại đã khai trong hồ sơ khi trạng thái thay đổi.';
let sequence = 800;

interface Got {
  headers: IncomingHttpHeaders;
  body: string;
}

/** The SMS provider on loopback: keeps what it gets, answers `answer()` (default 200). */
async function provider(answer: () => number = () => 200) {
  const got: Got[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = answer();
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/sms`, got, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** What a provider does with `X-Motcua-Signature: t=<unix>,v1=<hex>`. */
function verifies(header: string | undefined, body: string, secret: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2] ?? '', 'hex'));
}

interface SmsMessage {
  channel: string;
  to: string;
  dossier: string;
  status: string;
  text: string;
  unsubscribeUrl: string;
}

for (const backend of backends) {
  describe(`status alerts by SMS/Zalo (${backend.name})`, () => {
    let ctx: TestContext;
    let hook: Awaited<ReturnType<typeof provider>>;
    let worker: PushWorker;
    let apiKey: string;
    let failing = false;
    before(async () => {
      hook = await provider(() => (failing ? 503 : 200));
      const sms = { url: hook.url, secret: SECRET };
      ctx = await seededContext(backend, { push: { allowLoopback: true, sms } });
      worker = startPushWorker(ctx.db, { allowLoopback: true, backoffMs: 1, sms }, false);
      ({ key: apiKey } = await createKey(ctx.db, { name: 'sms', agencies: [A], scopes: ['dossiers:write'] }));
    });
    after(async () => {
      await worker.stop();
      await hook.close();
      await ctx.close();
    });

    const events = async (code: string, ...list: Array<Record<string, unknown>>) => {
      const res = await ctx.request(`/api/v1/agencies/${A}/dossier-events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({
          events: list.map((e, i) => ({ id: `sms-${code}-${String(e.type)}-${i}-${Date.now()}`, dossier: code, ...e })),
        }),
      });
      assert.equal(res.status, 200, await res.clone().text());
    };
    const dossier = async (): Promise<{ code: string; proof: string }> => {
      const code = `${A}-261015-0${++sequence}`;
      await events(code, {
        type: 'received',
        at: '20261015083000',
        dossierInfo: { procedure: { code: '1.001193' }, channel: 1, applicant: { name: 'Lò Thị Hoa', phone: '0912345678' } },
      });
      const res = await ctx.request(`/api/v1/dossiers/${code}/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phoneLast4: '5678' }),
      });
      assert.equal(res.status, 200);
      return { code, proof: ((await res.json()) as { ratingProof: { token: string } }).ratingProof.token };
    };
    const consent = (code: string, proof: string | undefined, extra: Record<string, unknown> = {}) =>
      ctx.request(`/api/v1/dossiers/${code}/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(proof ? { 'motcua-owner-proof': proof } : {}) },
        body: JSON.stringify({ kind: 'sms', consent: true, consentText: CONSENT, ...extra }),
      });
    const messagesFor = (code: string): SmsMessage[] =>
      hook.got.map((g) => JSON.parse(g.body) as SmsMessage).filter((m) => m.dossier === code);

    it('the key answer says SMS is offered; a status change reaches the hook signed, to the dossier’s phone, in Vietnamese', async () => {
      assert.equal(PushKey.parse(await (await ctx.request('/api/v1/push/key')).json()).sms, true);
      const { code, proof } = await dossier();
      const res = await consent(code, proof);
      assert.equal(res.status, 201);
      const receipt = PushSubscriptionReceipt.parse(await res.json());
      assert.equal(receipt.dossier, code);
      // The same consent again renews it: still one SMS subscription.
      assert.equal((await consent(code, proof)).status, 200);
      await events(code, { type: 'status', status: 'processing', at: '20261015090000' });
      assert.equal(await worker.runOnce(), 1);
      const got = hook.got.find((g) => (JSON.parse(g.body) as SmsMessage).dossier === code);
      assert.ok(got);
      assert.equal(got.headers['content-type'], 'application/json');
      assert.equal(verifies(got.headers['x-motcua-signature'] as string, got.body, SECRET), true);
      assert.equal(verifies(got.headers['x-motcua-signature'] as string, got.body + ' ', SECRET), false);
      const message = JSON.parse(got.body) as SmsMessage;
      assert.equal(message.channel, 'sms');
      assert.equal(message.to, '0912345678');
      assert.equal(message.status, 'processing');
      assert.equal(message.text, `Hồ sơ ${code}: Đang giải quyết. Để ngừng nhận tin, chọn "Hủy nhận tin nhắn" khi tra cứu hồ sơ.`);
      assert.doesNotMatch(message.text, /Lò Thị Hoa/, 'no name in the message');
      assert.match(message.unsubscribeUrl, new RegExp(`/api/v1/unsubscribe/${receipt.unsubscribeToken.replace(/\./g, '\\.')}$`));
    });

    it('the unsubscribe URL stops the messages; the owner can also revoke from the tracker (DELETE)', async () => {
      const { code, proof } = await dossier();
      const receipt = PushSubscriptionReceipt.parse(await (await consent(code, proof)).json());
      await events(code, { type: 'status', status: 'processing', at: '20261015090000' });
      await worker.runOnce();
      const [first] = messagesFor(code);
      assert.ok(first);
      const res = await ctx.request(new URL(first.unsubscribeUrl).pathname, { method: 'POST' });
      assert.deepEqual(Unsubscribed.parse(await res.json()), { id: receipt.id, dossier: code, unsubscribed: true });
      await events(code, { type: 'supplement_requested', at: '20261015100000' });
      await worker.runOnce();
      assert.equal(messagesFor(code).length, 1, 'nothing after unsubscribing');
      // A new consent, revoked by the owner with the proof: the queued message is cancelled.
      const again = PushSubscriptionReceipt.parse(await (await consent(code, proof)).json());
      assert.notEqual(again.id, receipt.id);
      await events(code, { type: 'status', status: 'processing', at: '20261015110000' });
      const del = await ctx.request(`/api/v1/dossiers/${code}/subscriptions/${again.id}`, {
        method: 'DELETE',
        headers: { 'motcua-owner-proof': proof },
      });
      assert.equal(del.status, 200);
      await worker.runOnce();
      assert.equal(messagesFor(code).length, 1, 'the message queued before revoking is not sent');
    });

    it('the return is announced, then nothing more is sent and no new consent is taken', async () => {
      const { code, proof } = await dossier();
      assert.equal((await consent(code, proof)).status, 201);
      await events(code, { type: 'resolved', at: '20261015090000' }, { type: 'returned', at: '20261015093000' });
      await worker.runOnce();
      assert.deepEqual(
        messagesFor(code).map((m) => m.status),
        ['resolved', 'returned'],
      );
      await events(code, { type: 'status', status: 'processing', at: '20261015100000' });
      await worker.runOnce();
      assert.equal(messagesFor(code).length, 2);
      const refused = await consent(code, proof);
      assert.equal(refused.status, 409);
      assert.equal((await problemOf(refused)).code, 'dossier_finished');
    });

    it('a provider error is retried with backoff until it accepts', async () => {
      const { code, proof } = await dossier();
      assert.equal((await consent(code, proof)).status, 201);
      failing = true;
      await events(code, { type: 'status', status: 'processing', at: '20261015090000' });
      await worker.runOnce();
      const [row] = await ctx.db.query<{ state: string; attempts: number; last_error: string }>(
        'SELECT state, attempts, last_error FROM push_outbox WHERE dossier_code = $1',
        [code],
      );
      assert.deepEqual(row, { state: 'pending', attempts: 1, last_error: 'HTTP 503' });
      failing = false;
      await new Promise((r) => setTimeout(r, 50));
      await worker.runOnce();
      const [done] = await ctx.db.query<{ state: string }>('SELECT state FROM push_outbox WHERE dossier_code = $1', [code]);
      assert.equal(done?.state, 'delivered');
    });

    it('the requester cannot choose the number, and consent needs the owner proof', async () => {
      const { code, proof } = await dossier();
      for (const extra of [{ to: '0987654321' }, { phone: '0987654321' }]) {
        const res = await consent(code, proof, extra);
        assert.equal(res.status, 400);
        assert.equal((await problemOf(res)).code, 'invalid_request');
      }
      assert.equal(SmsSubscriptionRequest.safeParse({ kind: 'sms', consent: true, consentText: CONSENT, to: '0987654321' }).success, false);
      assert.equal((await consent(code, proof, { consent: false })).status, 400);
      const none = await consent(code, undefined);
      assert.equal(none.status, 401);
      assert.equal((await problemOf(none)).code, 'proof_required');
      const other = await dossier();
      const wrong = await consent(code, other.proof);
      assert.equal(wrong.status, 403);
      assert.equal((await problemOf(wrong)).code, 'proof_invalid');
      const [count] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM push_subscriptions WHERE dossier_code = $1', [
        code,
      ]);
      assert.equal(count?.n, 0);
    });
  });
}

describe('status alerts by SMS/Zalo without a provider hook', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await seededContext(backends[0]!, { push: { allowLoopback: true } });
  });
  after(() => ctx.close());

  it('refuses an SMS consent with a clear 409, and the key answer says SMS is not offered', async () => {
    assert.equal(PushKey.parse(await (await ctx.request('/api/v1/push/key')).json()).sms, false);
    const code = `${A}-261015-0${++sequence}`;
    const res = await ctx.request(`/api/v1/dossiers/${code}/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'motcua-owner-proof': 'x' },
      body: JSON.stringify({ kind: 'sms', consent: true, consentText: CONSENT }),
    });
    assert.equal(res.status, 409);
    const problem = await problemOf(res);
    assert.equal(problem.code, 'sms_unavailable');
    assert.match(String(problem.detail), /SMS\/Zalo/);
  });

  it('the environment sets the hook only with a secret and a public https URL', () => {
    assert.equal(pushConfigFromEnv({}).sms, undefined);
    assert.throws(() => pushConfigFromEnv({ MOTCUA_SMS_WEBHOOK_URL: 'https://sms.example.com/hook' }), /set together/);
    assert.throws(
      () => pushConfigFromEnv({ MOTCUA_SMS_WEBHOOK_URL: 'https://sms.example.com/hook', MOTCUA_SMS_WEBHOOK_SECRET: 'short' }),
      /16 characters/,
    );
    assert.throws(
      () => pushConfigFromEnv({ MOTCUA_SMS_WEBHOOK_URL: 'http://10.0.0.5/hook', MOTCUA_SMS_WEBHOOK_SECRET: SECRET }),
      /MOTCUA_SMS_WEBHOOK_URL/,
    );
    assert.deepEqual(pushConfigFromEnv({ MOTCUA_SMS_WEBHOOK_URL: 'https://sms.example.com/hook', MOTCUA_SMS_WEBHOOK_SECRET: SECRET }).sms, {
      url: 'https://sms.example.com/hook',
      secret: SECRET,
    });
  });
});
