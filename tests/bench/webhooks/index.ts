// Webhook delivery under failure: 10,000 `rating.created` events in the outbox, delivered to a local receiver that
// fails 30% of requests (two thirds answered 503 before handling, one third handled and then the connection cut, so
// the answer is lost), with the delivering server killed (SIGKILL) half-way and started again on the same PGlite
// folder. The receiver honours `X-Motcua-Delivery`: a delivery it has already handled is acknowledged and skipped.
// Figures: every event handled exactly once by the receiver, how many redeliveries the header absorbed, nothing dead.
// Asserts nothing (the figures say whether the goal is met).
//   node --import tsx --conditions=motcua-source tests/bench/webhooks/index.ts
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from '../../../packages/server/src/db.js';
import { createRandom } from '../../../packages/server/src/generator.js';
import { addWebhook, enqueue } from '../../../packages/server/src/outbox.js';
import { migrate, seed } from '../../../packages/server/src/store.js';
import { EMPTY_CALENDAR } from '../../../packages/server/src/working-hours.js';

const EVENTS = 10_000;
const FAIL_RATE = 0.3;
const AGENCY = '000.30.01.H17';

/** A deterministic stream of numbers in [0, 1) (the server's seeded generator), so every run injects the same failures. */
const random = (seed: number): (() => number) => createRandom(seed).next;

export default async function webhooks(): Promise<Record<string, number | string | boolean>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-bench-webhooks-'));
  const rand = random(20261015);
  const handled = new Map<string, number>(); // delivery id → times the receiver handled it (must stay 1)
  const events = new Map<string, number>(); // event id → times handled
  let requests = 0;
  let refused = 0;
  let cut = 0;
  let redeliveriesSkipped = 0;
  let badSignatures = 0;
  let secret = '';
  let onHandled: (() => void) | undefined;

  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests++;
      const body = Buffer.concat(chunks).toString('utf8');
      const [t, v1] = String(req.headers['x-motcua-signature'] ?? '')
        .split(',')
        .map((p) => p.split('=')[1] ?? '');
      if (createHmac('sha256', secret).update(`${t}.${body}`).digest('hex') !== v1) {
        badSignatures++;
        res.writeHead(400).end();
        return;
      }
      const delivery = String(req.headers['x-motcua-delivery'] ?? '');
      const roll = rand();
      if (roll < (FAIL_RATE * 2) / 3) {
        refused++;
        res.writeHead(503).end();
        return;
      }
      if (handled.has(delivery)) {
        redeliveriesSkipped++;
      } else {
        handled.set(delivery, 1);
        const id = (JSON.parse(body) as { id: string }).id;
        events.set(id, (events.get(id) ?? 0) + 1);
        onHandled?.();
      }
      if (roll < FAIL_RATE) {
        // Handled, but the answer is lost: the server must deliver again, the header keeps it from being handled twice.
        cut++;
        req.socket.destroy();
        return;
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

  const db = await openDb({ dataDir });
  await migrate(db);
  await seed(db, EMPTY_CALENDAR);
  secret = (await addWebhook(db, { agency: AGENCY, url, events: ['rating.created'], allowPrivate: true })).secret;
  for (let i = 0; i < EVENTS; i += 500)
    await db.transaction(async (tx) => {
      for (let j = i; j < Math.min(EVENTS, i + 500); j++)
        await enqueue(tx, { agency: AGENCY, type: 'rating.created', createdAt: new Date().toISOString(), data: { n: j } });
    });
  await db.close();

  const workerFile = fileURLToPath(new URL('./worker.ts', import.meta.url));
  const start = (): Promise<ChildProcess> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=motcua-source', workerFile, dataDir], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      child.stdout?.once('data', () => resolve(child));
      child.once('error', reject);
    });
  const reached = (n: number): Promise<void> =>
    new Promise((resolve) => {
      if (handled.size >= n) return resolve();
      onHandled = () => {
        if (handled.size >= n) {
          onHandled = undefined;
          resolve();
        }
      };
    });

  const t0 = performance.now();
  const first = await start();
  await reached(EVENTS / 2);
  const handledAtKill = handled.size;
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));
  const tKill = performance.now();
  const second = await start();
  const tRestarted = performance.now();
  await reached(EVENTS);
  const t1 = performance.now();
  // Let the second server finish the redeliveries of lost answers (quiet for 8 s, at most 2 minutes), then stop it and
  // read the outbox.
  for (let last = -1, quietSince = performance.now(); performance.now() - t1 < 120_000;) {
    await new Promise((r) => setTimeout(r, 500));
    if (requests !== last) [last, quietSince] = [requests, performance.now()];
    else if (performance.now() - quietSince > 8000) break;
  }
  const states = await new Promise<Record<string, number>>((resolve) => {
    let out = '';
    second.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    second.once('exit', () => resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, number>));
    second.kill('SIGTERM');
  });
  receiver.close();
  rmSync(dataDir, { recursive: true, force: true });

  const handledTwice = [...events.values()].filter((n) => n > 1).length;
  return {
    events: EVENTS,
    receiverFailRate: FAIL_RATE,
    requests,
    refused503: refused,
    answersLost: cut,
    injectedFailureShare: Number(((refused + cut) / requests).toFixed(3)),
    handledAtKill,
    restartGapMs: Math.round(tRestarted - tKill),
    eventsHandled: events.size,
    eventsHandledTwice: handledTwice,
    redeliveriesSkippedByHeader: redeliveriesSkipped,
    badSignatures,
    outboxDelivered: states.delivered ?? 0,
    outboxPending: states.pending ?? 0,
    outboxDead: states.dead ?? 0,
    everyWebhookDeliveredOnce: events.size === EVENTS && handledTwice === 0 && (states.delivered ?? 0) === EVENTS,
    seconds: Number(((t1 - t0) / 1000).toFixed(1)),
    handledPerSecond: Math.round(EVENTS / ((t1 - t0) / 1000)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await webhooks(), null, 2));
