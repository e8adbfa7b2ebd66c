// Network faults between the SDK and the reference server, injected by the fault proxy:
// each fault surfaces as its own typed error, retries recover idempotent reads, and 300 ratings sent with
// idempotency keys through 30% faults (drop, 500, slow, truncated body, reset — half of them after the server
// stored the rating) are all stored exactly once, counted in the database afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, isMotcuaError, MotcuaAbortError, MotcuaHttpError, MotcuaNetworkError, MotcuaTimeoutError } from '@motcua/sdk';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
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

let server: ReferenceServer;
let proxy: FaultProxy;
let agency: string;
/** Kiosk votes need an enrolled device: the demo kiosk's credential. */
let device: string;

let dataDir: string;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'motcua-faults-'));
  server = await startReferenceServer({ dataDir });
  agency = await firstAgency(server.api);
  device = await demoDevice(server.api, agency);
  proxy = await startFaultProxy({ target: server.url, rate: 0, seed: 2026, slowMs: 200, dropMs: 3000 });
});
after(async () => {
  await proxy?.stop();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const noRetry = () => createClient({ baseUrl: `${proxy.url}/api/v1`, timeout: 800, retry: { limit: 0, backoffMs: 10 } });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('the call should have failed');
}

describe('SDK through a faulty network', () => {
  test('a 500 from the network is a MotcuaHttpError with status 500', async () => {
    proxy.forceNext('error500');
    const error = await failure(noRetry().getAgencies());
    assert.ok(error instanceof MotcuaHttpError, String(error));
    assert.equal(error.status, 500);
    assert.equal(error.kind, 'http');
  });

  test('a reset connection is a MotcuaNetworkError', async () => {
    proxy.forceNext('reset');
    const error = await failure(noRetry().getSectors());
    assert.ok(error instanceof MotcuaNetworkError, String(error));
    assert.equal(error.kind, 'network');
  });

  test('a dropped request is a MotcuaTimeoutError after the client timeout', async () => {
    proxy.forceNext('drop');
    const error = await failure(noRetry().getAgencies());
    assert.ok(error instanceof MotcuaTimeoutError, String(error));
    assert.equal(error.timeoutMs, 800);
  });

  test('a truncated body is a typed error (network or response), never a half-parsed object', async () => {
    proxy.forceNext('truncate');
    const error = await failure(noRetry().getCatalog(agency));
    assert.ok(isMotcuaError(error), `untyped error: ${String(error)}`);
    assert.ok(['network', 'response'].includes(error.kind), error.kind);
  });

  test('a slow answer still arrives whole, and aborting it is a MotcuaAbortError', async () => {
    proxy.forceNext('slow');
    const agencies = await noRetry().getAgencies();
    assert.ok(agencies.length > 0);
    proxy.forceNext('slow');
    const controller = new AbortController();
    const pending = noRetry().getAgencies({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failure(pending);
    assert.ok(error instanceof MotcuaAbortError, String(error));
  });

  test('with retries, reads survive a 500, a reset and a slow answer in a row', async () => {
    const client = createClient({ baseUrl: `${proxy.url}/api/v1`, timeout: 800, retry: { limit: 5, backoffMs: 10 } });
    proxy.forceNext('error500', 'reset', 'slow');
    const sectors = await client.getSectors();
    assert.ok(sectors.length > 0);
  });

  test('300 ratings through 30% faults are stored exactly once each', { timeout: 240_000 }, async () => {
    const marker = `faults-${randomUUID()}`;
    const before = await statsRatingCount(server.api, agency);
    const client = createClient({ baseUrl: `${proxy.url}/api/v1`, timeout: 1000, retry: { limit: 3, backoffMs: 20 }, device });
    const ratings = Array.from({ length: 300 }, (_, i) => ({ rating: kioskRating(agency, marker, i), key: newKey() }));
    proxy.setRate(0.3);
    const statsBefore = { ...proxy.stats };
    let attempts = 0;
    let replayed = 0;
    const ids = await pool(ratings, 8, async ({ rating, key }) => {
      // What the kiosk queue does: keep the rating and its key until the server acknowledges it.
      for (let attempt = 0; attempt < 40; attempt++) {
        attempts++;
        try {
          const result = await client.submitRating(rating, { idempotencyKey: key });
          if (result.replayed) replayed++;
          return result.receipt.id;
        } catch (error) {
          assert.ok(isMotcuaError(error), `untyped error: ${String(error)}`);
          if (error instanceof MotcuaHttpError) {
            assert.ok(error.status >= 500 || error.status === 408 || error.status === 429, `rejected: ${error.message}`);
          }
        }
      }
      throw new Error(`rating ${rating.comment} never acknowledged`);
    });
    proxy.setRate(0);
    const injected = Object.fromEntries(
      Object.entries(proxy.stats).map(([k, v]) => [k, v - (statsBefore[k as keyof typeof statsBefore] ?? 0)]),
    );
    console.log(`300 ratings: ${attempts} client attempts, ${replayed} acknowledged as replays; faults injected:`, injected);
    assert.ok(injected.drop! + injected.error500! + injected.truncate! + injected.reset! >= 60, 'the network was faulty enough');
    assert.ok(injected.afterUpstream! > 0, 'some faults hit after the server stored the rating');
    assert.equal(new Set(ids).size, 300, 'one receipt per rating');
    assert.equal((await statsRatingCount(server.api, agency)) - before, 300, 'stats count each rating once');

    // Replaying every rating with its key stores nothing new and returns the same receipt.
    const direct = createClient({ baseUrl: server.api, device });
    const replays = await pool(ratings.slice(0, 30), 8, ({ rating, key }) => direct.submitRating(rating, { idempotencyKey: key }));
    assert.deepEqual(
      replays.map((r) => r.replayed),
      Array(30).fill(true),
    );
    assert.deepEqual(
      replays.map((r) => r.receipt.id),
      ids.slice(0, 30),
    );

    // And in the database itself (the server stopped so that the embedded database can be opened here).
    await server.stop();
    assert.deepEqual(await countInDatabase(dataDir, marker), { rows: 300, distinct: 300 }, 'rows in the ratings table');
  });
});
