// Durability: the server process is killed (SIGKILL, no chance to flush or close) in the middle of rating ingest and
// restarted on the same data folder. Every rating it acknowledged is there; resending every rating with its
// idempotency key (what the kiosk queue does) stores each missing one exactly once.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  countInDatabase,
  demoDevice,
  firstAgency,
  kioskRating,
  newKey,
  pool,
  startReferenceServer,
  statsRatingCount,
  type ReferenceServer,
} from './helpers.js';

const TOTAL = 400;
const KILL_AFTER_ACKS = 120;
const dataDir = mkdtempSync(join(tmpdir(), 'motcua-durability-'));
let server: ReferenceServer | undefined;
/** Kiosk votes need an enrolled device: the demo kiosk's credential (the same after the restart: same database). */
let device = '';
after(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Sent {
  status: number;
  id?: string;
}

async function send(api: string, body: unknown, key: string): Promise<Sent> {
  try {
    const res = await fetch(`${api}/ratings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key, 'motcua-device': device },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const json = (await res.json()) as { id?: string };
    return { status: res.status, id: json.id };
  } catch {
    return { status: 0 };
  }
}

test('SIGKILL during rating ingest loses no acknowledged rating and duplicates none', { timeout: 300_000 }, async () => {
  server = await startReferenceServer({ dataDir });
  const agency = await firstAgency(server.api);
  device = await demoDevice(server.api, agency);
  const before = await statsRatingCount(server.api, agency);
  const marker = `durability-${randomUUID()}`;
  const ratings = Array.from({ length: TOTAL }, (_, i) => ({ body: kioskRating(agency, marker, i), key: newKey() }));
  const acked = new Map<string, string>();
  let killed = false;
  const first = server;

  await pool(ratings, 16, async ({ body, key }) => {
    if (killed) return;
    const result = await send(first.api, body, key);
    if (result.status === 201 && result.id) acked.set(key, result.id);
    if (!killed && acked.size >= KILL_AFTER_ACKS) {
      killed = true;
      first.child.kill('SIGKILL');
    }
  });
  await new Promise((resolve) =>
    first.child.exitCode !== null || first.child.signalCode ? resolve(null) : first.child.once('exit', resolve),
  );
  assert.equal(first.child.signalCode, 'SIGKILL');
  console.log(`${acked.size} ratings acknowledged before SIGKILL`);

  // Restart on the same folder.
  server = await startReferenceServer({ dataDir });
  const api = server.api;

  // Every acknowledged rating is there: its replay returns the same receipt and stores nothing.
  const replays = await pool([...acked], 8, async ([key, id]) => {
    const rating = ratings.find((r) => r.key === key);
    const result = await send(api, rating?.body, key);
    return result.status === 200 && result.id === id;
  });
  assert.equal(replays.filter(Boolean).length, acked.size, 'each acknowledged rating replays with its receipt');

  // The queue delivers the rest with their keys: each stored exactly once.
  const rest = ratings.filter((r) => !acked.has(r.key));
  const statuses = await pool(rest, 8, async ({ body, key }) => (await send(api, body, key)).status);
  assert.ok(
    statuses.every((s) => s === 201 || s === 200),
    `statuses ${[...new Set(statuses)].join(',')}`,
  );
  console.log(`${statuses.filter((s) => s === 200).length} unacknowledged ratings had been stored before the kill (ack lost)`);
  assert.equal((await statsRatingCount(api, agency)) - before, TOTAL);

  await server.stop();
  assert.deepEqual(await countInDatabase(dataDir, marker), { rows: TOTAL, distinct: TOTAL });
});
