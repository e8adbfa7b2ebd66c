// docs/integration.md: its webhook receivers are the files in docs/examples (verbatim), and the Node one, run as a
// user would run it, accepts a real signed delivery from the outbox worker and refuses a tampered one.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { enrolDevice, formatCredential } from './devices.js';
import { addWebhook, startOutboxWorker } from './outbox.js';
import { backends, seededContext, type TestContext } from './test-helpers.js';

const docs = fileURLToPath(new URL('../../../docs/', import.meta.url));
const A = '000.30.01.H17';

describe('docs/integration.md examples', () => {
  let ctx: TestContext;
  let child: ChildProcess | undefined;
  before(async () => {
    ctx = await seededContext(backends[0] as (typeof backends)[number]);
  });
  after(async () => {
    child?.kill('SIGTERM');
    await ctx.close();
  });

  it('the guide shows the example receivers verbatim', () => {
    const guide = readFileSync(`${docs}integration.md`, 'utf8');
    for (const file of ['webhook-receiver.mjs', 'webhook-receiver.php'])
      assert.ok(guide.includes(readFileSync(`${docs}examples/${file}`, 'utf8')), `${file} is in the guide`);
  });

  it('the Node receiver verifies a real delivery and refuses a tampered body', async () => {
    // The receiver reads its secret at start and prints its port: start it with a secret, then register the webhook
    // at that port and give the webhook row the same secret.
    const secret = `whsec_${randomUUID()}`;
    const out: string[] = [];
    const started = new Promise<number>((resolve, reject) => {
      child = spawn(process.execPath, [`${docs}examples/webhook-receiver.mjs`], {
        env: { ...process.env, PORT: '0', MOTCUA_WEBHOOK_SECRET: secret },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (c: Buffer) => {
        out.push(String(c));
        const m = /listening on (\d+)/.exec(out.join(''));
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`receiver exited ${code}`)));
    });
    const port = await started;
    const { id } = await addWebhook(ctx.db, {
      agency: A,
      url: `http://127.0.0.1:${port}/`,
      events: ['rating.created'],
      allowPrivate: true,
    });
    await ctx.db.query('UPDATE webhooks SET secret = $1 WHERE id = $2', [secret, id]);
    // A kiosk vote from an enrolled device (an online rating would need a dossier and its owner's proof).
    const device = formatCredential((await enrolDevice(ctx.db, A, 'Quầy ví dụ')).credential);
    const res = await ctx.request('/api/v1/ratings', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'motcua-device': device },
      body: JSON.stringify({ agency: A, channel: 'kiosk', overall: 'satisfied', comment: 'ví dụ', ratedAt: '2026-10-15T09:00:00+07:00' }),
    });
    assert.equal(res.status, 201);
    const worker = startOutboxWorker(ctx.db, { allowPrivate: true, maxAttempts: 1 }, false);
    await worker.runOnce();
    await worker.stop();
    const state = await ctx.db.query<{ state: string }>('SELECT state FROM outbox WHERE webhook_id = $1', [id]);
    assert.deepEqual(state, [{ state: 'delivered' }], 'the receiver answered 2xx');
    for (let i = 0; i < 50 && !out.join('').includes('verified'); i++) await new Promise((r) => setTimeout(r, 20));
    assert.match(out.join(''), /verified rating\.created evt_r_[\w-]+ .*"comment":"ví dụ"/);
    const tampered = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { 'x-motcua-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`, 'x-motcua-delivery': 'dlv_1' },
      body: '{"id":"evt_forged"}',
    });
    assert.equal(tampered.status, 400);
  });
});
