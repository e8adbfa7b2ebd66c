// The fault proxy itself: each fault kind does what it says, the rate is honoured and seeded runs repeat.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { seededRandom, startFaultProxy, type FaultProxy } from './fault-proxy.js';

const BODY = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ i, name: `thủ tục ${i}` })) });
let upstream: http.Server;
let origin: string;

before(async () => {
  upstream = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) });
      res.end(BODY);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

async function withProxy(fn: (proxy: FaultProxy) => Promise<void>, options: { rate?: number; seed?: number } = {}) {
  const proxy = await startFaultProxy({ target: origin, rate: options.rate ?? 0, seed: options.seed, slowMs: 50, dropMs: 300 });
  try {
    await fn(proxy);
  } finally {
    await proxy.stop();
  }
}

async function outcome(url: string): Promise<string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    const text = await res.text();
    return text === BODY ? `ok ${res.status}` : `${res.status} ${text.length}`;
  } catch (error) {
    return `error`;
  }
}

describe('fault proxy', () => {
  test('passes answers through untouched at rate 0', () =>
    withProxy(async (proxy) => {
      assert.equal(await outcome(`${proxy.url}/x`), 'ok 200');
      assert.equal(proxy.stats.pass, 1);
    }));

  test('each fault kind breaks the answer in its own way', () =>
    withProxy(async (proxy) => {
      proxy.forceNext('error500');
      assert.match(await outcome(`${proxy.url}/a`), /^500 /);
      proxy.forceNext('truncate');
      assert.equal(await outcome(`${proxy.url}/b`), 'error');
      proxy.forceNext('reset');
      assert.equal(await outcome(`${proxy.url}/c`), 'error');
      proxy.forceNext('drop');
      assert.equal(await outcome(`${proxy.url}/d`), 'error');
      proxy.forceNext('slow');
      assert.equal(await outcome(`${proxy.url}/e`), 'ok 200');
      assert.deepEqual(
        { e: proxy.stats.error500, t: proxy.stats.truncate, r: proxy.stats.reset, d: proxy.stats.drop, s: proxy.stats.slow },
        { e: 1, t: 1, r: 1, d: 1, s: 1 },
      );
    }));

  test('breaks about the configured share of requests, the same ones for the same seed', async () => {
    const run = async () => {
      const results: string[] = [];
      await withProxy(
        async (proxy) => {
          for (let i = 0; i < 60; i++) results.push(await outcome(`${proxy.url}/r${i}`));
        },
        { rate: 0.3, seed: 42 },
      );
      return results;
    };
    const first = await run();
    const broken = first.filter((r) => r !== 'ok 200').length;
    assert.ok(broken >= 6 && broken <= 30, `broken ${broken} of 60`);
    assert.deepEqual(await run(), first);
  });

  test('the PRNG is deterministic and uniform enough', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 10_000 }, () => a());
    assert.deepEqual(
      Array.from({ length: 5 }, () => b()),
      xs.slice(0, 5),
    );
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    assert.ok(Math.abs(mean - 0.5) < 0.02, `mean ${mean}`);
  });
});
