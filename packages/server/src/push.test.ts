// Status alerts by Web Push (issue 18 item 1): a local push service receives the alerts; each payload decrypts
// (aes128gcm, RFC 8291) with the browser's private key and names the dossier and its new status, the VAPID JWT verifies
// with the server's public key; unsubscribing (token or owner) stops delivery, nothing is sent after the return, a 410
// drops the subscription, and parallel subscriptions never pass the per-dossier limit.
import assert from 'node:assert/strict';
import { createECDH, createHmac, createDecipheriv, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { PushAlert, PushKey, PushSubscriptionReceipt, Unsubscribed } from '@motcua/sdk/schemas';
import { createKey } from './auth.js';
import { MAX_SUBSCRIPTIONS_PER_DOSSIER, startPushWorker, type PushWorker } from './push.js';
import { backends, problemOf, seededContext, type TestContext } from './test-helpers.js';

const A = '000.30.01.H17';
let sequence = 700;

interface Got {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A push service on loopback: keeps what it gets, answers `answer(path)` (default 201). */
async function pushService(answer: (path: string) => number = () => 201) {
  const got: Got[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.statusCode = answer(req.url ?? '');
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, got, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A browser's subscription keys. */
function browserKeys(): { ecdh: ECDH; p256dh: string; auth: Buffer } {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { ecdh, p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16) };
}

const hmac = (key: Buffer, ...data: Buffer[]): Buffer => createHmac('sha256', key).update(Buffer.concat(data)).digest();

/** RFC 8291 + RFC 8188 (aes128gcm, one record), as a browser decrypts a push message. */
function decrypt(body: Buffer, keys: { ecdh: ECDH; auth: Buffer }): string {
  const salt = body.subarray(0, 16);
  const idlen = body[20] ?? 0;
  const senderPublic = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  const shared = keys.ecdh.computeSecret(senderPublic);
  const prkKey = hmac(keys.auth, shared);
  const ikm = hmac(prkKey, Buffer.from('WebPush: info\0'), keys.ecdh.getPublicKey(), senderPublic, Buffer.from([1]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0'), Buffer.from([1])).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0'), Buffer.from([1])).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 2, then padding zeros.
  const end = plain.lastIndexOf(2);
  return plain.subarray(0, end).toString('utf8');
}

/** Checks `Authorization: vapid t=<JWT>, k=<key>`: the key is the server's, the ES256 signature verifies, aud/exp/sub. */
function checkVapid(header: string | undefined, publicKey: string, audience: string): void {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? '');
  assert.ok(match, `VAPID authorization header: ${header}`);
  const [, jwt = '', k = ''] = match;
  assert.equal(k, publicKey);
  const [h = '', p = '', s = ''] = jwt.split('.');
  const point = Buffer.from(publicKey, 'base64url');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') },
    format: 'jwk',
  });
  assert.equal(verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url')), true);
  assert.equal(verify('sha256', Buffer.from(`${h}.${p}x`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url')), false);
  assert.equal(JSON.parse(Buffer.from(h, 'base64url').toString()).alg, 'ES256');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { aud: string; exp: number; sub: string };
  assert.equal(claims.aud, audience);
  assert.ok(claims.exp > Date.now() / 1000);
  assert.match(claims.sub, /^(mailto:|https:)/);
}

for (const backend of backends) {
  describe(`status alerts by Web Push (${backend.name})`, () => {
    let ctx: TestContext;
    let service: Awaited<ReturnType<typeof pushService>>;
    let worker: PushWorker;
    let apiKey: string;
    const gone = new Set<string>();
    before(async () => {
      ctx = await seededContext(backend, { push: { allowLoopback: true }, log: (line) => line.includes('"error"') && console.error(line) });
      service = await pushService((path) => (gone.has(path) ? 410 : 201));
      worker = startPushWorker(ctx.db, { allowLoopback: true, backoffMs: 1 }, false);
      ({ key: apiKey } = await createKey(ctx.db, { name: 'push', agencies: [A], scopes: ['dossiers:write'] }));
    });
    after(async () => {
      await worker.stop();
      await service.close();
      await ctx.close();
    });

    const events = async (code: string, ...list: Array<Record<string, unknown>>) => {
      const res = await ctx.request(`/api/v1/agencies/${A}/dossier-events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({
          events: list.map((e, i) => ({ id: `push-${code}-${String(e.type)}-${i}-${Date.now()}`, dossier: code, ...e })),
        }),
      });
      assert.equal(res.status, 200, await res.clone().text());
      const body = (await res.json()) as { applied: number };
      assert.equal(body.applied, list.length);
    };
    /** A new received dossier and its owner proof. */
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
    const subscribe = (code: string, proof: string | undefined, path: string, keys = browserKeys(), extra: Record<string, unknown> = {}) =>
      ctx.request(`/api/v1/dossiers/${code}/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(proof ? { 'motcua-owner-proof': proof } : {}) },
        body: JSON.stringify({
          endpoint: `${service.origin}${path}`,
          expirationTime: null,
          keys: { p256dh: keys.p256dh, auth: keys.auth.toString('base64url') },
          consent: true,
          consentText: 'Tôi đồng ý nhận thông báo trên thiết bị này khi trạng thái hồ sơ thay đổi.',
          page: 'http://localhost:8080/ho-so',
          ...extra,
        }),
      });
    const alertsTo = (path: string) => service.got.filter((g) => g.path === path);

    it('a status change reaches the push service encrypted (decrypts to the code and status in words) and VAPID-signed', async () => {
      const { publicKey } = PushKey.parse(await (await ctx.request('/api/v1/push/key')).json());
      const { code, proof } = await dossier();
      const keys = browserKeys();
      const res = await subscribe(code, proof, '/send/one', keys);
      assert.equal(res.status, 201);
      const receipt = PushSubscriptionReceipt.parse(await res.json());
      assert.equal(receipt.dossier, code);
      await events(code, { type: 'status', status: 'processing', at: '20261015090000' });
      assert.equal(await worker.runOnce(), 1);
      const [got] = alertsTo('/send/one');
      assert.ok(got);
      assert.equal(got.headers['content-encoding'], 'aes128gcm');
      assert.equal(got.headers['content-type'], 'application/octet-stream'); // the push service's, not the webhooks' JSON
      assert.ok(Number(got.headers.ttl) > 0);
      checkVapid(got.headers.authorization, publicKey, service.origin);
      const alert = PushAlert.parse(JSON.parse(decrypt(got.body, keys)));
      assert.equal(alert.dossier, code);
      assert.equal(alert.status, 'processing');
      assert.equal(alert.body, 'Trạng thái mới: Đang giải quyết.');
      assert.equal(alert.url, 'http://localhost:8080/ho-so');
      assert.match(alert.unsubscribe, new RegExp(`/api/v1/unsubscribe/${receipt.unsubscribeToken.replace(/\./g, '\\.')}$`));
      assert.doesNotMatch(JSON.stringify(alert), /Lò Thị Hoa|0912345678/, 'no personal data in an alert');
      // The ciphertext itself never holds the status in clear.
      assert.doesNotMatch(got.body.toString('latin1'), /processing|giải quyết/);
    });

    it('the unsubscribe URL of an alert (and the token the tracker keeps) stops delivery, idempotently', async () => {
      const { code, proof } = await dossier();
      const keys = browserKeys();
      const receipt = PushSubscriptionReceipt.parse(await (await subscribe(code, proof, '/send/two', keys)).json());
      await events(code, { type: 'status', status: 'processing', at: '20261015090000' });
      await worker.runOnce();
      const alert = PushAlert.parse(JSON.parse(decrypt(alertsTo('/send/two')[0]?.body ?? Buffer.alloc(0), keys)));
      const link = new URL(alert.unsubscribe);
      const first = await ctx.request(link.pathname, { method: 'POST' });
      assert.deepEqual(Unsubscribed.parse(await first.json()), { id: receipt.id, dossier: code, unsubscribed: true });
      const again = await ctx.request(`/api/v1/unsubscribe/${receipt.unsubscribeToken}`, { method: 'POST' });
      assert.deepEqual(Unsubscribed.parse(await again.json()), { id: receipt.id, dossier: code, unsubscribed: true });
      await events(code, { type: 'supplement_requested', at: '20261015100000' });
      await worker.runOnce();
      assert.equal(alertsTo('/send/two').length, 1, 'nothing after unsubscribing');
      // A forged token is refused.
      const forged = receipt.unsubscribeToken.slice(0, -2) + (receipt.unsubscribeToken.endsWith('AA') ? 'BB' : 'AA');
      assert.equal((await problemOf(await ctx.request(`/api/v1/unsubscribe/${forged}`, { method: 'POST' }))).code, 'not_found');
    });

    it('the owner can unsubscribe from the tracker (DELETE with the proof); pending alerts are cancelled', async () => {
      const { code, proof } = await dossier();
      const receipt = PushSubscriptionReceipt.parse(await (await subscribe(code, proof, '/send/three')).json());
      await events(code, { type: 'status', status: 'processing', at: '20261015090000' });
      const path = `/api/v1/dossiers/${code}/subscriptions/${receipt.id}`;
      assert.equal((await problemOf(await ctx.request(path, { method: 'DELETE' }))).code, 'proof_required');
      const res = await ctx.request(path, { method: 'DELETE', headers: { 'motcua-owner-proof': proof } });
      assert.equal(res.status, 200);
      assert.equal(await worker.runOnce(), 0);
      assert.equal(alertsTo('/send/three').length, 0, 'the alert queued before unsubscribing is not sent');
    });

    it('the return is announced, then nothing more is sent and nobody can subscribe', async () => {
      const { code, proof } = await dossier();
      const keys = browserKeys();
      assert.equal((await subscribe(code, proof, '/send/four', keys)).status, 201);
      await events(code, { type: 'resolved', at: '20261015090000' }, { type: 'returned', at: '20261015093000' });
      await worker.runOnce();
      const statuses = alertsTo('/send/four').map((g) => PushAlert.parse(JSON.parse(decrypt(g.body, keys))).status);
      assert.deepEqual(statuses, ['resolved', 'returned']);
      // A later correction of the record sends nothing.
      const put = await ctx.request(`/api/v1/agencies/${A}/dossier-events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({
          events: [{ id: `late-${code}`, dossier: code, type: 'status', status: 'processing', at: '20261015100000' }],
        }),
      });
      assert.equal(put.status, 200);
      await worker.runOnce();
      assert.equal(alertsTo('/send/four').length, 2);
      const refused = await subscribe(code, proof, '/send/four-b');
      assert.equal(refused.status, 409);
      assert.equal((await problemOf(refused)).code, 'dossier_finished');
    });

    it('a 410 from the push service drops the subscription: the next change is not sent to it', async () => {
      const { code, proof } = await dossier();
      assert.equal((await subscribe(code, proof, '/send/gone')).status, 201);
      gone.add('/send/gone');
      await events(code, { type: 'status', status: 'processing', at: '20261015090000' });
      await worker.runOnce();
      await events(code, { type: 'supplement_requested', at: '20261015100000' });
      assert.equal(await worker.runOnce(), 0);
      assert.equal(alertsTo('/send/gone').length, 1);
      const [row] = await ctx.db.query<{ end_reason: string }>('SELECT end_reason FROM push_subscriptions WHERE dossier_code = $1', [code]);
      assert.equal(row?.end_reason, 'gone');
    });

    it('a push service error is retried with backoff until it accepts', async () => {
      let calls = 0;
      const flaky = await pushService(() => (++calls <= 2 ? 503 : 201));
      try {
        const { code, proof } = await dossier();
        const keys = browserKeys();
        const res = await ctx.request(`/api/v1/dossiers/${code}/subscriptions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'motcua-owner-proof': proof },
          body: JSON.stringify({
            endpoint: `${flaky.origin}/flaky`,
            keys: { p256dh: keys.p256dh, auth: keys.auth.toString('base64url') },
            consent: true,
            consentText: 'Tôi đồng ý nhận thông báo.',
          }),
        });
        assert.equal(res.status, 201);
        await events(code, { type: 'status', status: 'processing', at: '20261015090000' });
        for (let i = 0; i < 3; i++) {
          await worker.runOnce();
          await new Promise((r) => setTimeout(r, 30));
        }
        assert.equal(flaky.got.length, 3);
        const [row] = await ctx.db.query<{ state: string; attempts: number }>(
          'SELECT state, attempts FROM push_outbox WHERE dossier_code = $1',
          [code],
        );
        assert.deepEqual([row?.state, row?.attempts], ['delivered', 3]);
      } finally {
        await flaky.close();
      }
    });

    it(`parallel subscriptions of one dossier never pass ${MAX_SUBSCRIPTIONS_PER_DOSSIER}; the same browser again is not a new one`, async () => {
      const { code, proof } = await dossier();
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => subscribe(code, proof, `/race/${i}`)));
      const statuses = answers.map((r) => r.status).sort();
      assert.equal(statuses.filter((s) => s === 201).length, MAX_SUBSCRIPTIONS_PER_DOSSIER);
      assert.equal(statuses.filter((s) => s === 409).length, 12 - MAX_SUBSCRIPTIONS_PER_DOSSIER);
      const refused = answers.find((r) => r.status === 409);
      assert.equal((await problemOf(refused as Response)).code, 'subscription_limit');
      const [{ n } = { n: 0 }] = await ctx.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM push_subscriptions WHERE dossier_code = $1 AND ended_at IS NULL',
        [code],
      );
      assert.equal(n, MAX_SUBSCRIPTIONS_PER_DOSSIER);
      const winner = answers.findIndex((r) => r.status === 201);
      assert.equal((await subscribe(code, proof, `/race/${winner}`)).status, 200, 'renewed consent, no new subscription');
    });

    it('refuses without the owner proof, without consent, a non-https endpoint, oversized keys and unknown fields', async () => {
      const { code, proof } = await dossier();
      assert.equal((await problemOf(await subscribe(code, undefined, '/x'))).code, 'proof_required');
      assert.equal((await problemOf(await subscribe(code, 'p1.zz.' + 'A'.repeat(43), '/x'))).code, 'proof_invalid');
      const other = await dossier();
      assert.equal((await problemOf(await subscribe(code, other.proof, '/x'))).code, 'proof_invalid', "another dossier's proof");
      const noConsent = await subscribe(code, proof, '/x', undefined, { consent: false });
      assert.equal(noConsent.status, 400);
      assert.match(JSON.stringify(await noConsent.json()), /consent/);
      const http = await subscribe(code, proof, '/x', undefined, { endpoint: 'http://push.example.com/send/1' });
      assert.equal(http.status, 400);
      assert.match(JSON.stringify(await http.json()), /https/);
      const internal = await subscribe(code, proof, '/x', undefined, { endpoint: 'https://10.0.0.5/send' });
      assert.equal(internal.status, 400);
      const big = await subscribe(code, proof, '/x', undefined, { keys: { p256dh: 'B'.repeat(5000), auth: 'A'.repeat(22) } });
      assert.equal(big.status, 400);
      assert.match(JSON.stringify(await big.json()), /keys\.p256dh/);
      const extra = await subscribe(code, proof, '/x', undefined, { evil: 1 });
      assert.equal(extra.status, 400);
      const [{ n } = { n: 1 }] = await ctx.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM push_subscriptions WHERE dossier_code = $1',
        [code],
      );
      assert.equal(n, 0, 'nothing stored');
    });

    it('subscription requests of one client are bounded (429 with Retry-After)', async () => {
      const { code, proof } = await dossier();
      const ip = '198.51.100.77';
      const send = () =>
        ctx.request(`/api/v1/dossiers/${code}/subscriptions`, {
          method: 'POST',
          ip,
          headers: { 'content-type': 'application/json', 'motcua-owner-proof': proof },
          body: JSON.stringify({
            endpoint: `${service.origin}/same`,
            keys: browserKeys() && { p256dh: browserKeys().p256dh, auth: randomBytes(16).toString('base64url') },
            consent: true,
            consentText: 'Tôi đồng ý nhận thông báo.',
          }),
        });
      const answers = await Promise.all(Array.from({ length: 25 }, send));
      const limited = answers.filter((r) => r.status === 429);
      assert.equal(limited.length, 5);
      assert.ok(Number(limited[0]?.headers.get('retry-after')) > 0);
    });
  });
}
