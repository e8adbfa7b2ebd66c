// The budget arithmetic of a batch of concurrent requests: each key is written once with the batch's count, and the
// requests of the batch take consecutive places in the order they came (the attack tests in tests/reliability check the
// same through the HTTP API, on PGlite and PostgreSQL).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Budget, blockedFor, slotParams, slotsOf } from './rate-limit.js';

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
