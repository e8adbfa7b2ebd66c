// The attacker suite of the public API's limits (docs/security.md), on PGlite and — with DATABASE_URL — on PostgreSQL:
// enumeration with hits, parallel races on the owner check, distributed guessing (many addresses, IPv6 /64s), forged
// proxy headers, huge and malformed periods, poisoned rating batches. Each test attacks one defence and fails without it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { demoDossiers } from '../../packages/server/src/demo-dossiers.js';
import { createApp } from '../../packages/server/src/app.js';
import { openDb } from '../../packages/server/src/db.js';
import { createRatingInserter, type NewRating } from '../../packages/server/src/rating-insert.js';
import { enrolDevice, formatCredential } from '../../packages/server/src/devices.js';
import { backends, calendar, REF_NOW, seededContext, type TestContext } from '../../packages/server/src/test-helpers.js';

const H17 = '000.30.01.H17';
const demos = demoDossiers(REF_NOW);
const demo = (sequence: number) => {
  const d = demos.find((x) => x.sequence === sequence);
  if (!d) throw new Error(`no demo ${sequence}`);
  return d;
};
const LIMITS = { lookups: 20, verifications: 10, windowSeconds: 600, lookupsPerDay: 50, codeFailures: 5, codeLockSeconds: 900 };

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const verify = (ctx: TestContext, code: string, digits: string, ip?: string): Promise<Response> =>
  ctx.request(`/api/v1/dossiers/${code}/verify`, { ...post({ phoneLast4: digits }), ...(ip ? { ip } : {}) });
/** Wrong digits for a dossier whose right ones are `right` (the i-th of many). */
const wrong = (right: string, i: number): string => {
  const d = String(i % 10_000).padStart(4, '0');
  return d === right ? String((i + 1) % 10_000).padStart(4, '0') : d;
};
const count = (statuses: number[], status: number): number => statuses.filter((s) => s === status).length;

for (const backend of backends) {
  describe(`attacks on the limits (${backend.name})`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await seededContext(backend, { rateLimit: LIMITS });
    });
    after(async () => {
      await ctx?.close();
    });

    it('enumeration with hits: existing codes cost the same budget as unknown ones, and the daily budget stops a slow walker', async () => {
      const codes = (
        await ctx.db.query<{ code: string }>(`SELECT code FROM dossiers WHERE agency_code = $1 AND NOT demo ORDER BY code LIMIT 25`, [H17])
      ).map((r) => r.code);
      assert.equal(codes.length, 25);
      const walk = async (): Promise<number[]> => {
        const statuses: number[] = [];
        for (const code of codes) {
          const res = await ctx.request(`/api/v1/dossiers/${code}`, { ip: '10.10.0.1' });
          assert.doesNotMatch(await res.text(), /applicantName|phone/i, 'nothing personal in the public view');
          statuses.push(res.status);
        }
        return statuses;
      };
      // Only existing codes are asked: 20 answers, then 429 — although none of them missed.
      const first = await walk();
      assert.equal(count(first, 200), LIMITS.lookups, JSON.stringify(first));
      assert.equal(count(first, 429), 25 - LIMITS.lookups);
      // The walker waits out the window (10 minutes): another 20, then 429 again. Refused look-ups count too (25 + 25).
      const expireWindow = () =>
        ctx.db.query(`UPDATE rate_limits SET window_start = now() - interval '1 hour' WHERE key = 'lookup:10.10.0.1'`);
      await expireWindow();
      const second = await walk();
      assert.equal(count(second, 200), LIMITS.lookups, JSON.stringify(second));
      // And again: now the daily budget (50) is spent, whatever the window says, until the day window ends.
      await expireWindow();
      const refused = await ctx.request(`/api/v1/dossiers/${codes[0]}`, { ip: '10.10.0.1' });
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) > 3600, 'wait until the day window ends');
    });

    it('generated dossiers are found only with their check part: the national format alone finds none of them', async () => {
      const [row] = await ctx.db.query<{ code: string }>(
        `SELECT code FROM dossiers WHERE agency_code = $1 AND NOT demo ORDER BY submitted_at DESC LIMIT 1`,
        [H17],
      );
      const code = row?.code as string;
      assert.match(code, /^000\.30\.01\.H17-\d{6}-\d{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      const national = code.slice(0, -5);
      const other = code.endsWith('0000') ? `${national}-1111` : `${national}-0000`;
      assert.equal((await ctx.request(`/api/v1/dossiers/${code}`)).status, 200);
      assert.equal((await ctx.request(`/api/v1/dossiers/${code.toLowerCase()}`)).status, 200, 'typed in lower case');
      assert.equal((await ctx.request(`/api/v1/dossiers/${national}`)).status, 404);
      assert.equal((await ctx.request(`/api/v1/dossiers/${other}`)).status, 404);
      // The demo dossiers (public examples) and codes from a provincial system keep the national format.
      assert.equal((await ctx.request(`/api/v1/dossiers/${demo(9001).code}`)).status, 200);
    });

    it('100 parallel guesses of the phone digits from one address: exactly the budget gets an answer', async () => {
      const d = demo(9004);
      const statuses = await Promise.all(
        Array.from(
          { length: 100 },
          async (_, i) => (await verify(ctx, demo(9001 + (i % 3)).code, wrong(d.phoneLast4, i), '10.20.0.1')).status,
        ),
      );
      // 10 per address; the three codes' own lockouts (5 each) would allow 15: the address budget is the tighter one.
      assert.equal(count(statuses, 404), LIMITS.verifications, JSON.stringify(statuses));
      assert.equal(count(statuses, 429), 100 - LIMITS.verifications);
    });

    it('100 parallel guesses of one code from 100 addresses: the code locks after 5, even for the right answer from a fresh address', async () => {
      const d = demo(9006);
      const statuses = await Promise.all(
        Array.from(
          { length: 100 },
          async (_, i) => (await verify(ctx, d.code, wrong(d.phoneLast4, i), `10.30.${i >> 8}.${i & 255}`)).status,
        ),
      );
      assert.equal(count(statuses, 404), LIMITS.codeFailures, JSON.stringify(statuses));
      assert.equal(count(statuses, 429), 100 - LIMITS.codeFailures);
      const right = await verify(ctx, d.code, d.phoneLast4, '10.31.0.1');
      assert.equal(right.status, 429);
      assert.ok(Number(right.headers.get('retry-after')) > 600, 'locked for the lockout time');
      assert.doesNotMatch(await right.text(), /applicantName/);
      // Other dossiers are not affected.
      const other = demo(9007);
      assert.equal((await verify(ctx, other.code, other.phoneLast4, '10.31.0.2')).status, 200);
    });

    it('the owner checking again and again is not locked out (right answers give their slot back)', async () => {
      const d = demo(9008);
      for (let i = 0; i < 12; i++) assert.equal((await verify(ctx, d.code, d.phoneLast4, '10.40.0.1')).status, 200);
    });

    it('IPv6 addresses share one budget per /64; another /64 has its own', async () => {
      const code = demo(9002).code;
      const statuses: number[] = [];
      for (let i = 0; i < LIMITS.lookups + 5; i++)
        statuses.push((await ctx.request(`/api/v1/dossiers/${code}`, { ip: `2001:db8:1:2:${i.toString(16)}::${i + 1}` })).status);
      assert.equal(count(statuses, 200), LIMITS.lookups, JSON.stringify(statuses));
      assert.equal((await ctx.request(`/api/v1/dossiers/${code}`, { ip: '2001:db8:1:3::1' })).status, 200);
      // The same /64 written differently (zeros spelt out) is still the same client.
      assert.equal((await ctx.request(`/api/v1/dossiers/${code}`, { ip: '2001:0db8:0001:0002:0:0:0:ffff' })).status, 429);
    });

    it('forged X-Forwarded-For: the left-most (client-written) hops and headers from untrusted peers are ignored', async () => {
      const code = demo(9003).code;
      const statuses: number[] = [];
      // Behind the trusted proxy, the client prepends a fresh fake address to every request: the proxy's hop decides.
      for (let i = 0; i < LIMITS.lookups + 5; i++)
        statuses.push(
          (await ctx.request(`/api/v1/dossiers/${code}`, { headers: { 'x-forwarded-for': `198.51.100.${i}, 10.50.0.1` } })).status,
        );
      assert.equal(count(statuses, 200), LIMITS.lookups, JSON.stringify(statuses));
      // A peer that is not a trusted proxy: its header is ignored, it is counted by its own address.
      const direct: number[] = [];
      for (let i = 0; i < LIMITS.lookups + 5; i++)
        direct.push((await ctx.request(`/api/v1/dossiers/${code}`, { peer: '192.0.2.99', ip: `203.0.113.${i}` })).status);
      assert.equal(count(direct, 200), LIMITS.lookups, JSON.stringify(direct));
    });

    it('huge, malformed and repeated periods answer 400 problem+json with a small body, never 500', async () => {
      for (const q of [
        'from=9999-12-31&to=9999-12-31',
        'from=0000-01-01&to=2026-01-01',
        'from=1999-12-31&to=2000-01-31',
        'from=2026-01-01&to=2100-01-01',
        'from=2020-01-01&to=2026-01-01',
        'from=2026-02-01&to=2026-01-01',
        'from=2026-01-01&to=2026-01-31&to=9999-12-31',
        'from=2026-02-30&to=2026-03-01',
        'from=%ED%A0%80&to=2026-01-01',
      ]) {
        const res = await ctx.request(`/api/v1/agencies/${H17}/stats?${q}`);
        const text = await res.text();
        assert.equal(res.status, 400, `${q}: ${text.slice(0, 200)}`);
        assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
        assert.ok(text.length < 2000, `${q}: ${text.length} bytes`);
      }
      // The longest allowed period has a bounded month series.
      const ok = await ctx.request(`/api/v1/agencies/${H17}/stats?from=2024-01-01&to=2026-12-31`);
      assert.equal(ok.status, 200);
      assert.equal(((await ok.json()) as { months: unknown[] }).months.length, 36);
    });

    it('poisoned ratings (lone surrogate, year 0, overlong text) sent among 200 honest ones: each refused alone, the rest stored', async () => {
      const marker = `poison-${randomUUID()}`;
      const honest = (i: number) => ({
        agency: H17,
        channel: 'kiosk',
        overall: 'satisfied',
        comment: `${marker} #${i}`,
        ratedAt: '2026-10-15T09:30:00+07:00',
      });
      const poisons = [
        { ...honest(-1), comment: `${marker} \uD800 lone` },
        { ...honest(-2), comment: `${marker} \uDFFF` },
        { ...honest(-3), ratedAt: '0000-01-01T00:00:00Z' },
        { ...honest(-4), ratedAt: '9999-12-31T23:59:59+07:00' },
        { ...honest(-5), officer: '\uD83D'.repeat(3) },
        { ...honest(-6), comment: 'x'.repeat(1001) },
        { ...honest(-7), counter: '\uDC00' },
        { ...honest(-8), dossierCode: '\uD800' },
        { ...honest(-9), criteria: { staffAttitude: 3 } },
        { ...honest(-10), overall: 'furious' },
      ];
      const bodies = [...Array.from({ length: 190 }, (_, i) => honest(i)), ...poisons].sort(() => Math.random() - 0.5);
      // Kiosk votes come from an enrolled device (issue 12 item 4).
      const device = formatCredential((await enrolDevice(ctx.db, H17, 'Quầy poison')).credential);
      const results = await Promise.all(
        bodies.map(async (body) => {
          const res = await ctx.request('/api/v1/ratings', post(body, { 'idempotency-key': randomUUID(), 'motcua-device': device }));
          return { body, status: res.status, text: await res.text() };
        }),
      );
      for (const r of results) {
        if (poisons.includes(r.body)) assert.ok(r.status === 400 || r.status === 422, `poison answered ${r.status}: ${r.text}`);
        else assert.equal(r.status, 201, r.text);
      }
      const [row] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ratings WHERE comment LIKE $1', [`${marker} #%`]);
      assert.equal(row?.n, 190);
    });

    it('the rating batch: a row the database refuses fails alone, the others of its batch are stored', async () => {
      const inserter = createRatingInserter(ctx.db);
      const marker = `batch-${randomUUID()}`;
      const row = (i: number, rated_at = '2026-10-15T02:30:00Z'): NewRating => ({
        id: `r_${randomUUID()}`,
        idempotency_key: randomUUID(),
        body_hash: 'test',
        agency_code: H17,
        dossier_code: null,
        overall: 'satisfied',
        channel: 'kiosk',
        counter_name: null,
        officer: null,
        criteria: null,
        comment: `${marker} #${i}`,
        rated_at,
        device_id: null,
      });
      // Sent in one tick: the inserter writes them in one statement, which the bad timestamps make fail.
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => inserter.insert(i % 10 === 3 ? row(i, 'not a time') : row(i))),
      );
      assert.equal(outcomes.filter((o) => o.status === 'rejected').length, 5);
      assert.equal(outcomes.filter((o) => o.status === 'fulfilled' && o.value).length, 45);
      const [stored] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ratings WHERE comment LIKE $1', [`${marker} #%`]);
      assert.equal(stored?.n, 45);
    });
  });
}

describe('two instances on one PostgreSQL', { skip: process.env.DATABASE_URL ? false : 'set DATABASE_URL' }, () => {
  it('100 parallel guesses of one code split over two app instances (two connections): exactly 5 answered', async () => {
    const postgres = backends.find((b) => b.name === 'postgres');
    assert.ok(postgres);
    const ctx = await seededContext(postgres, { rateLimit: LIMITS });
    // A second instance: its own database connection to the same schema, its own app (no shared memory).
    const schema = (await ctx.db.query<{ s: string }>('SELECT current_schema() AS s'))[0]?.s as string;
    const db2 = await openDb({ databaseUrl: process.env.DATABASE_URL as string, schema });
    const second = createApp({
      db: db2,
      calendar,
      allowedOrigins: '*',
      trustedProxies: ['127.0.0.1'],
      now: () => REF_NOW,
      rateLimit: LIMITS,
    });
    try {
      const d = demo(9005);
      const statuses = await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const ip = `10.60.0.${i}`;
          if (i % 2) return (await verify(ctx, d.code, wrong(d.phoneLast4, i), ip)).status;
          const res = await second.app.request(
            `/api/v1/dossiers/${d.code}/verify`,
            post({ phoneLast4: wrong(d.phoneLast4, i) }, { 'x-forwarded-for': ip }),
            {
              incoming: { complete: true, socket: { remoteAddress: '127.0.0.1', remoteFamily: 'IPv4' } },
            },
          );
          await res.arrayBuffer();
          return res.status;
        }),
      );
      assert.equal(count(statuses, 404), LIMITS.codeFailures, JSON.stringify(statuses));
      assert.equal(count(statuses, 429), 100 - LIMITS.codeFailures);
    } finally {
      second.close();
      await db2.close();
      await ctx.close();
    }
  });
});

for (const backend of backends) {
  describe(`look-up places taken ahead, two app instances on one database (${backend.name})`, () => {
    it('a burst from one address takes places ahead in the shared counter; its next look-ups use them without counting again', async () => {
      // 640 per window: up to 40 places ahead (1/16). Honest one-at-a-time clients never take any.
      const ctx = await seededContext(backend, { rateLimit: { ...LIMITS, lookups: 640, lookupsPerDay: 10_000 } });
      const counter = async (ip: string): Promise<number> =>
        (await ctx.db.query<{ count: number }>('SELECT count FROM rate_limits WHERE key = $1', [`lookup:${ip}`]))[0]?.count ?? 0;
      try {
        const ip = '10.71.0.1';
        const path = `/api/v1/dossiers/${demo(9001).code}`;
        const burst = await Promise.all(Array.from({ length: 20 }, async () => (await ctx.request(path, { ip })).status));
        assert.deepEqual(new Set(burst), new Set([200]));
        const held = (await counter(ip)) - 20;
        assert.ok(held > 0 && held <= 40, `places taken ahead: ${held}`);
        for (let i = 0; i < held; i++) assert.equal((await ctx.request(path, { ip })).status, 200);
        assert.equal(await counter(ip), 20 + held, 'the places taken ahead were used, not counted twice');
        assert.equal((await ctx.request(path, { ip })).status, 200);
        assert.equal(await counter(ip), 21 + held, 'then the counter again');
        // A client asking one at a time takes its own place only.
        const single = '10.71.0.2';
        for (let i = 0; i < 3; i++) assert.equal((await ctx.request(path, { ip: single })).status, 200);
        assert.equal(await counter(single), 3);
      } finally {
        await ctx.close();
      }
    });

    it('waves of parallel look-ups from one address, split over both instances: exactly the budget is answered, every look-up counted', async () => {
      // 64 per window: a client sending many look-ups at once takes up to 4 places ahead per batch (rate-limit.ts
      // createSlotLeases), held by the instance that took them. Neither instance may answer a place the other used.
      const limits = { ...LIMITS, lookups: 64, lookupsPerDay: 1000 };
      const ctx = await seededContext(backend, { rateLimit: limits });
      const schema = (await ctx.db.query<{ s: string }>('SELECT current_schema() AS s'))[0]?.s as string;
      // PostgreSQL: its own connection (no shared memory); PGlite has one connection: the same database object.
      const db2 = backend.name === 'postgres' ? await openDb({ databaseUrl: process.env.DATABASE_URL as string, schema }) : ctx.db;
      const second = createApp({
        db: db2,
        calendar,
        allowedOrigins: '*',
        trustedProxies: ['127.0.0.1'],
        now: () => REF_NOW,
        rateLimit: limits,
      });
      try {
        const ip = '10.70.0.1';
        const statuses: number[] = [];
        for (let wave = 0; wave < 6; wave++) {
          statuses.push(
            ...(await Promise.all(
              Array.from({ length: 40 }, async (_, i) => {
                const path = `/api/v1/dossiers/${demo(9001 + (i % 5)).code}`;
                const res =
                  (wave + i) % 2
                    ? await ctx.request(path, { ip })
                    : await second.app.request(
                        path,
                        { headers: { 'x-forwarded-for': ip } },
                        {
                          incoming: { complete: true, socket: { remoteAddress: '127.0.0.1', remoteFamily: 'IPv4' } },
                        },
                      );
                await res.arrayBuffer();
                return res.status;
              }),
            )),
          );
        }
        assert.equal(count(statuses, 200), limits.lookups, JSON.stringify(statuses));
        assert.equal(count(statuses, 429), statuses.length - limits.lookups);
        const [row] = await ctx.db.query<{ count: number }>(`SELECT count FROM rate_limits WHERE key = $1`, [`lookup:${ip}`]);
        assert.ok((row?.count ?? 0) >= statuses.length, `every look-up counted in the shared counter: ${row?.count}`);
      } finally {
        second.close();
        if (db2 !== ctx.db) await db2.close();
        await ctx.close();
      }
    });
  });
}
