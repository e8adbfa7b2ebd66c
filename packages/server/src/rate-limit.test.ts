// The budget arithmetic of a batch of concurrent requests: each key is written once with the batch's count, and the
// requests of the batch take consecutive places in the order they came (the attack tests in tests/reliability check the
// same through the HTTP API, on PGlite and PostgreSQL).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Budget, LEASE_MAX, LEASE_PER_REQUEST, blockedFor, createSlotLeases, slotParams, slotsOf } from './rate-limit.js';

const minute = (key: string, max = 3): Budget => ({ key, max, window: 600 });
const day = (key: string, max = 5): Budget => ({ key, max, window: 86_400 });

describe('look-up budgets of a batch', () => {
  it('sends each key once, sorted, with the number of requests on it', () => {
    const batch = [[minute('lookup:b'), day('day:b')], [minute('lookup:a')], [minute('lookup:b'), day('day:b')]];
    assert.deepEqual(slotParams(batch), [
      ['day:b', 'lookup:a', 'lookup:b'],
      [2, 1, 2],
      [86_400, 600, 600],
    ]);
  });

  it('gives the requests of one batch consecutive places after what the window already held, and blocks those past the budget', () => {
    // Five requests from one client in one batch; the counter held 1 before, so it returns 6.
    const batch = Array.from({ length: 5 }, () => [minute('lookup:a')]);
    const slots = slotsOf(batch, [{ key: 'lookup:a', count: 6, remaining: 42.3 }]);
    assert.deepEqual(
      slots.map((s) => s[0]?.position),
      [2, 3, 4, 5, 6],
    );
    // max 3: the first two of the batch pass, the others wait for the rest of the window.
    assert.deepEqual(
      batch.map((budgets, i) => blockedFor(budgets, slots[i] ?? [])),
      [0, 0, 43, 43, 43],
    );
  });

  it('counts a request against every budget it has: the daily one blocks even when the short window has room', () => {
    const batch = [[minute('lookup:a', 60), day('day:a', 500)]];
    const slots = slotsOf(batch, [
      { key: 'day:a', count: 501, remaining: 7200 },
      { key: 'lookup:a', count: 1, remaining: 600 },
    ]);
    assert.equal(blockedFor(batch[0] ?? [], slots[0] ?? []), 7200);
  });
});

describe('look-up places taken ahead (createSlotLeases)', () => {
  const lookup = (max: number): Budget => ({ key: 'lookup:a', max, window: 600, lease: true });

  it('asks for places ahead only for a leasable budget asked at least twice in the batch, bounded by the budget', () => {
    const leases = createSlotLeases();
    const twice = [[lookup(64)], [lookup(64)]];
    assert.deepEqual(leases.ahead(['lookup:a'], [2], twice), [4], '64 / 16');
    assert.deepEqual(leases.ahead(['lookup:a'], [1], [[lookup(64)]]), [0], 'one look-up takes its own place only');
    assert.deepEqual(leases.ahead(['lookup:a'], [2], [[lookup(15)], [lookup(15)]]), [0], 'a budget under 16 is never leased');
    assert.deepEqual(
      leases.ahead(
        ['lookup:a'],
        [3],
        Array.from({ length: 3 }, () => [lookup(1e9)]),
      ),
      [3 * LEASE_PER_REQUEST],
    );
    assert.deepEqual(
      leases.ahead(
        ['lookup:a'],
        [500],
        Array.from({ length: 500 }, () => [lookup(1e9)]),
      ),
      [LEASE_MAX],
    );
    // The owner check's budgets give slots back: never taken ahead.
    const verify: Budget = { key: 'verify:a', max: 1000, window: 600 };
    assert.deepEqual(
      leases.ahead(
        ['verify:a'],
        [5],
        Array.from({ length: 5 }, () => [verify]),
      ),
      [0],
    );
  });

  it('hands out the places counted ahead, in order, once each, then sends the budget to the counter again', () => {
    const leases = createSlotLeases();
    // The batch took 2 places and 3 ahead: the counter returned 5 (it held 0 before).
    leases.grant(['lookup:a'], [3], [{ key: 'lookup:a', count: 5, remaining: 600 }], 1000, 1010);
    const positions = [0, 1, 2, 3].map(() => leases.take(lookup(64), 2000)?.position);
    assert.deepEqual(positions, [3, 4, 5, undefined]);
    assert.equal(leases.size, 0);
  });

  it('a place past the budget is refused as the counter would refuse it, until the window ends', () => {
    const leases = createSlotLeases();
    leases.grant(['lookup:a'], [2], [{ key: 'lookup:a', count: 65, remaining: 100 }], 0, 0);
    const budget = lookup(64);
    const first = leases.take(budget, 10_000);
    const second = leases.take(budget, 10_000);
    assert.deepEqual([first?.position, second?.position], [64, 65]);
    assert.equal(blockedFor([budget], first ? [first] : []), 0);
    assert.equal(blockedFor([budget], second ? [second] : []), 90, 'the rest of the window');
  });

  it('places are valid only in the window they were counted in: from the moment the statement was sent', () => {
    const leases = createSlotLeases();
    leases.grant(['lookup:a'], [4], [{ key: 'lookup:a', count: 10, remaining: 5 }], 1000, 1500);
    assert.equal(leases.take(lookup(64), 5999)?.position, 7);
    assert.equal(leases.take(lookup(64), 6000), undefined, 'sent at 1000 + 5 s: the window may have ended');
    assert.equal(leases.size, 0);
  });

  it('a lease is not used for a budget that does not allow leasing', () => {
    const leases = createSlotLeases();
    leases.grant(['lookup:a'], [4], [{ key: 'lookup:a', count: 10, remaining: 600 }], 0, 0);
    assert.equal(leases.take({ key: 'lookup:a', max: 64, window: 600 }, 1), undefined);
  });
});
