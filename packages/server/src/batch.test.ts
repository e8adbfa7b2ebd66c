// Concurrent requests share one database round trip (batch.ts): answers in order, a failed round trip fails only its
// own batch, and under load a batch waits one turn of the event loop for the requests already on their way.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBatcher } from './batch.js';

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('createBatcher', () => {
  it('answers every item with its own result, in order, in one round trip for the items sent together', async () => {
    const sizes: number[] = [];
    const run = createBatcher(async (items: number[]) => {
      sizes.push(items.length);
      return items.map((n) => n * 2);
    });
    assert.deepEqual(await Promise.all([1, 2, 3, 4].map(run)), [2, 4, 6, 8]);
    assert.deepEqual(sizes, [4]);
  });

  it('a failed round trip rejects the items of that batch only; the next batch is answered', async () => {
    let calls = 0;
    const run = createBatcher(async (items: string[]) => {
      calls++;
      if (calls === 1) throw new Error('database unavailable');
      return items.map((s) => s.toUpperCase());
    });
    const first = await Promise.allSettled(['a', 'b'].map(run));
    assert.deepEqual(
      first.map((r) => r.status),
      ['rejected', 'rejected'],
    );
    assert.deepEqual(await Promise.all(['c', 'd'].map(run)), ['C', 'D']);
  });

  it('after a large batch, the requests that arrive during the next turn join the waiting ones: fewer, fuller round trips', async () => {
    const sizes: number[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const run = createBatcher(async (items: number[]) => {
      sizes.push(items.length);
      if (sizes.length === 1) await held;
      return items;
    });
    const answers = Array.from({ length: 20 }, (_, i) => run(i));
    await turn(); // the first batch (20) is running
    answers.push(...[20, 21, 22, 23, 24].map(run));
    // More requests read in the next turn of the event loop (as sockets deliver them), then the first batch ends.
    const later = new Promise<number[]>((resolve) => setImmediate(() => resolve(Promise.all([25, 26, 27, 28, 29].map(run)))));
    release();
    assert.deepEqual(
      [...(await Promise.all(answers)), ...(await later)],
      Array.from({ length: 30 }, (_, i) => i),
    );
    assert.deepEqual(sizes, [20, 10], 'the second batch waited one turn for the five requests on their way');
  });

  it('at most maxBatch items per round trip', async () => {
    const sizes: number[] = [];
    const run = createBatcher(async (items: number[]) => {
      sizes.push(items.length);
      return items;
    }, 8);
    await Promise.all(Array.from({ length: 20 }, (_, i) => run(i)));
    assert.deepEqual(sizes, [8, 8, 4]);
  });
});
