// Webhooks through the outbox: signed deliveries a verifier accepts, retries after receiver errors, dead letters and
// re-queueing, SSRF refusals, and (PostgreSQL) two workers on one database never both delivering an event.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { verifyWebhookSignature, WebhookEvent } from '@motcua/sdk/integration';
import { enrolDevice, formatCredential } from './devices.js';
import { createKey } from './auth.js';
import { openDb } from './db.js';
import { addWebhook, checkWebhookUrl, isPrivateAddress, listOutbox, retryOutbox, startOutboxWorker, removeWebhook } from './outbox.js';
import { backends, seededContext, type TestContext } from './test-helpers.js';

const A = '000.30.01.H17';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver: answers with `answer()` (default 200) and keeps what it got. */
async function receiver(
  answer: () => number = () => 200,
): Promise<{ url: string; got: Received[]; close: () => Promise<void>; server: Server }> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.statusCode = answer();
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, got, server, close: () => new Promise((r) => server.close(() => r())) };
}

for (const backend of backends) {
  describe(`webhooks and outbox (${backend.name})`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await seededContext(backend);
    });
    // Kiosk votes come from an enrolled device (issue 12 item 4); one per test context.
    let device: string | undefined;
    const kioskDevice = async (): Promise<string> =>
      (device ??= formatCredential((await enrolDevice(ctx.db, A, 'Quầy kiểm thử')).credential));
    after(() => ctx.close());

    const rate = async (comment: string) => {
      const res = await ctx.request('/api/v1/ratings', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'motcua-device': await kioskDevice() },
        body: JSON.stringify({ agency: A, channel: 'kiosk', overall: 'very_satisfied', comment, ratedAt: '2026-10-15T09:00:00+07:00' }),
      });
      assert.equal(res.status, 201);
    };

    it('a rating and a pushed status change are delivered, signed: the SDK verifier accepts them, a tampered body fails', async () => {
      const hook = await receiver();
      try {
        const { secret, id } = await addWebhook(ctx.db, {
          agency: A,
          url: hook.url,
          events: ['rating.created', 'dossier.status_changed'],
          allowPrivate: true,
        });
        await rate('rất tốt');
        const { key } = await createKey(ctx.db, { name: 't', agencies: [A], scopes: ['dossiers:write'] });
        const res = await ctx.request(`/api/v1/agencies/${A}/dossier-events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({
            events: [
              {
                id: 'wh-1',
                dossier: `${A}-261015-0801`,
                type: 'received',
                at: '20261015083000',
                dossierInfo: { procedure: { code: '1.001193' }, channel: 1, applicant: { name: 'Võ Văn Em', phone: '0909000111' } },
              },
            ],
          }),
        });
        assert.equal(res.status, 200);
        const worker = startOutboxWorker(ctx.db, { allowPrivate: true }, false);
        assert.equal(await worker.runOnce(), 2);
        await worker.stop();
        assert.equal(hook.got.length, 2);
        const events = hook.got.map((g) => WebhookEvent.parse(JSON.parse(g.body)));
        const rating = events.find((e) => e.type === 'rating.created');
        const status = events.find((e) => e.type === 'dossier.status_changed');
        assert.equal(rating?.data.comment, 'rất tốt');
        assert.deepEqual(
          [status?.data.code, status?.data.to, status?.data.statusCode, status?.data.dueAt],
          [`${A}-261015-0801`, 'received', 2, '2026-10-16T08:30:00+07:00'],
        );
        assert.doesNotMatch(hook.got.map((g) => g.body).join(), /0909000111|Võ Văn Em/);
        for (const g of hook.got) {
          assert.match(String(g.headers['x-motcua-delivery']), /^dlv_\d+$/);
          assert.equal(await verifyWebhookSignature(secret, String(g.headers['x-motcua-signature']), g.body), true);
          assert.equal(await verifyWebhookSignature(secret, String(g.headers['x-motcua-signature']), `${g.body} `), false);
          assert.equal(await verifyWebhookSignature('whsec_other', String(g.headers['x-motcua-signature']), g.body), false);
        }
        assert.deepEqual(
          (await listOutbox(ctx.db)).map((r) => r.state),
          ['delivered', 'delivered'],
        );
        await removeWebhook(ctx.db, id);
      } finally {
        await hook.close();
      }
    });

    it('a receiver answering 500 gets the delivery again (same delivery id) until it accepts it', async () => {
      let calls = 0;
      const hook = await receiver(() => (++calls <= 2 ? 500 : 204));
      try {
        const { id } = await addWebhook(ctx.db, { agency: A, url: hook.url, events: ['rating.created'], allowPrivate: true });
        await rate('retry');
        const worker = startOutboxWorker(ctx.db, { allowPrivate: true, backoffMs: 1, maxAttempts: 5 }, false);
        for (let i = 0; i < 3; i++) {
          await worker.runOnce();
          await new Promise((r) => setTimeout(r, 20));
        }
        await worker.stop();
        assert.equal(hook.got.length, 3);
        assert.equal(new Set(hook.got.map((g) => g.headers['x-motcua-delivery'])).size, 1, 'one delivery id across retries');
        const row = (await listOutbox(ctx.db)).find((r) => r.webhookId === id);
        assert.deepEqual([row?.state, row?.attempts], ['delivered', 3]);
        await removeWebhook(ctx.db, id);
      } finally {
        await hook.close();
      }
    });

    it('after max attempts a delivery is dead (listed), and `outbox retry` delivers it once the receiver is back', async () => {
      let up = false;
      const hook = await receiver(() => (up ? 200 : 503));
      try {
        const { id } = await addWebhook(ctx.db, { agency: A, url: hook.url, events: ['rating.created'], allowPrivate: true });
        await rate('dead');
        const worker = startOutboxWorker(ctx.db, { allowPrivate: true, backoffMs: 1, maxAttempts: 2 }, false);
        for (let i = 0; i < 4; i++) {
          await worker.runOnce();
          await new Promise((r) => setTimeout(r, 20));
        }
        assert.equal(hook.got.length, 2, 'no attempt after the last one');
        const dead = (await listOutbox(ctx.db, 'dead')).filter((r) => r.webhookId === id);
        assert.equal(dead.length, 1);
        assert.equal(dead[0]?.lastError, 'HTTP 503');
        up = true;
        assert.equal(await retryOutbox(ctx.db, dead[0]?.id ?? ''), true);
        assert.equal(await retryOutbox(ctx.db, dead[0]?.id ?? ''), false, 'only dead rows are re-queued');
        await worker.runOnce();
        await worker.stop();
        assert.equal(hook.got.length, 3);
        assert.equal((await listOutbox(ctx.db)).find((r) => r.id === dead[0]?.id)?.state, 'delivered');
        await removeWebhook(ctx.db, id);
      } finally {
        await hook.close();
      }
    });

    it('a receiver that answers slowly, byte by byte, is cut off at the delivery timeout and retried later', async () => {
      const drips = new Set<NodeJS.Timeout>();
      const hook = await receiver();
      hook.server.removeAllListeners('request');
      hook.server.on('request', (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const drip = setInterval(() => res.write('.'), 50);
        drips.add(drip);
        res.on('close', () => clearInterval(drip));
      });
      try {
        const { id } = await addWebhook(ctx.db, { agency: A, url: hook.url, events: ['rating.created'], allowPrivate: true });
        await rate('drip');
        const worker = startOutboxWorker(ctx.db, { allowPrivate: true, timeoutMs: 300, maxAttempts: 3 }, false);
        await worker.runOnce();
        await worker.stop();
        const row = (await listOutbox(ctx.db)).find((r) => r.webhookId === id);
        assert.deepEqual([row?.state, row?.attempts], ['pending', 1]);
        assert.match(row?.lastError ?? '', /within 300 ms/);
        await removeWebhook(ctx.db, id);
      } finally {
        for (const d of drips) clearInterval(d);
        hook.server.closeAllConnections();
        await hook.close();
      }
    });

    it('delivered rows older than a week are pruned by the worker; dead ones are kept', async () => {
      const { id } = await addWebhook(ctx.db, {
        agency: A,
        url: 'https://hooks.example.org/x',
        events: ['rating.created'],
        allowPrivate: false,
      });
      await ctx.db.query(
        `INSERT INTO outbox (event_id, webhook_id, agency_code, event_type, payload, state, created_at, delivered_at) VALUES
           ('evt_old', $1, $2, 'rating.created', '{}', 'delivered', now() - interval '8 days', now() - interval '8 days'),
           ('evt_new', $1, $2, 'rating.created', '{}', 'delivered', now() - interval '1 day', now() - interval '1 day'),
           ('evt_dead', $1, $2, 'rating.created', '{}', 'dead', now() - interval '30 days', NULL)`,
        [id, A],
      );
      const worker = startOutboxWorker(ctx.db, {}, false);
      await worker.runOnce();
      await worker.stop();
      const left = (await listOutbox(ctx.db)).filter((r) => r.webhookId === id).map((r) => r.eventId);
      assert.deepEqual(left.sort(), ['evt_dead', 'evt_new']);
      await removeWebhook(ctx.db, id);
    });

    it('SSRF: loopback, private and non-http URLs are refused when adding, and private targets are not contacted', async () => {
      for (const url of [
        'http://127.0.0.1/x',
        'http://10.1.2.3/x',
        'http://[::1]/x',
        'http://localhost:8080/',
        'http://169.254.169.254/latest',
      ])
        await assert.rejects(
          addWebhook(ctx.db, { agency: A, url, events: ['rating.created'], allowPrivate: false }),
          /private|loopback/,
          url,
        );
      for (const url of ['file:///etc/passwd', 'ftp://example.org/', 'http://user:pw@example.org/'])
        assert.equal(checkWebhookUrl(url, true).ok, false, url);
      assert.equal(checkWebhookUrl('https://hooks.example.gov.vn/motcua', false).ok, true);
      assert.equal(isPrivateAddress('::ffff:127.0.0.1'), true);
      assert.equal(isPrivateAddress('203.113.1.1'), false);
      // Registered while private addresses were allowed, delivered by a worker that refuses them: never contacted.
      const hook = await receiver();
      try {
        const { id } = await addWebhook(ctx.db, { agency: A, url: hook.url, events: ['rating.created'], allowPrivate: true });
        await rate('ssrf');
        const worker = startOutboxWorker(ctx.db, { allowPrivate: false, maxAttempts: 1 }, false);
        await worker.runOnce();
        await worker.stop();
        assert.equal(hook.got.length, 0);
        const row = (await listOutbox(ctx.db, 'dead')).find((r) => r.webhookId === id);
        assert.match(row?.lastError ?? '', /private/);
        await removeWebhook(ctx.db, id);
      } finally {
        await hook.close();
      }
    });

    if (backend.name === 'postgres') {
      it('two workers on two connection pools to one PostgreSQL never both deliver an event', async () => {
        const hook = await receiver();
        const url = process.env.DATABASE_URL as string;
        const schema = (await ctx.db.query<{ s: string }>('SELECT current_schema() AS s'))[0]?.s as string;
        const other = await openDb({ databaseUrl: url, schema });
        try {
          const { id } = await addWebhook(ctx.db, { agency: A, url: hook.url, events: ['rating.created'], allowPrivate: true });
          for (let i = 0; i < 60; i++) await rate(`pair-${i}`);
          const one = startOutboxWorker(ctx.db, { allowPrivate: true, batch: 5 }, false);
          const two = startOutboxWorker(other, { allowPrivate: true, batch: 5 }, false);
          const [a, b] = await Promise.all([one.runOnce(), two.runOnce()]);
          await Promise.all([one.stop(), two.stop()]);
          assert.equal(a + b, 60);
          assert.ok(a > 0 && b > 0, `both workers took part (${a} + ${b})`);
          const ids = hook.got.map((g) => String(g.headers['x-motcua-delivery']));
          assert.equal(ids.length, 60);
          assert.equal(new Set(ids).size, 60, 'no delivery twice');
          await removeWebhook(ctx.db, id);
        } finally {
          await other.close();
          await hook.close();
        }
      });
    }
  });
}
