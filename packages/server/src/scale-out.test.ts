// Scale-out: two server processes against one PostgreSQL server share everything through the database —
// ratings sent to both are all counted once, and rate limits apply across instances. Needs DATABASE_URL.
import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DossierStatus, Procedure, ProcedurePage, RatingReceipt, ServiceStats } from '@motcua/sdk/schemas';
import { demoDossiers } from './demo-dossiers.js';
import { openDb } from './db.js';
import { MIGRATIONS_DIR, migrate } from './store.js';

const url = process.env.DATABASE_URL;
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const schema = `motcua_scale_${randomBytes(5).toString('hex')}`;

const children = new Set<ChildProcess>();

function startInstance(): Promise<{ child: ChildProcess; url: string }> {
  // Demo mode: the tests use the demo dossiers and the demo kiosk's credential.
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=motcua-source', cli, 'start', '--demo'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      MOTCUA_DB_SCHEMA: schema,
      MOTCUA_LOG: 'silent',
      MOTCUA_TRUSTED_PROXIES: '127.0.0.1',
      MOTCUA_RATE_LIMIT_LOOKUPS: '4',
      MOTCUA_CATALOG_REVALIDATE_MS: '300',
      MOTCUA_DEVICE_BURST: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`instance did not start:\n${out}`));
    }, 180_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] as string });
      }
    });
    child.stderr.on('data', (c: Buffer) => (out += c));
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}:\n${out}`)));
  });
}

describe('two instances, one PostgreSQL', { skip: url ? false : 'set DATABASE_URL to run against a real PostgreSQL server' }, () => {
  let a: { child: ChildProcess; url: string };
  let b: { child: ChildProcess; url: string };
  before(async () => {
    // Both start at once on an empty schema: migrations and seeding must not collide.
    [a, b] = await Promise.all([startInstance(), startInstance()]);
  });
  after(async () => {
    for (const i of [a, b]) {
      if (!i) continue;
      i.child.removeAllListeners('exit');
      await new Promise((resolve) => {
        i.child.once('exit', resolve);
        i.child.kill('SIGTERM');
      });
    }
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const db = await openDb({ databaseUrl: url as string });
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  });

  it('an owner proof issued by one instance is accepted by the other (one secret, kept in the database)', async () => {
    const d = demoDossiers().find((x) => x.status === 'returned')!;
    const verified = await fetch(`${a.url}/api/v1/dossiers/${d.code}/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phoneLast4: d.phoneLast4 }),
    });
    const token = DossierStatus.parse(await verified.json()).ratingProof?.token ?? '';
    const rate = await fetch(`${b.url}/api/v1/ratings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'motcua-owner-proof': token },
      body: JSON.stringify({
        agency: d.code.split('-')[0],
        channel: 'online',
        overall: 'satisfied',
        dossierCode: d.code,
        ratedAt: new Date().toISOString(),
      }),
    });
    assert.equal(rate.status, 201, await rate.clone().text());
  });

  it('ratings sent to both instances (each key to both) are all counted exactly once', async () => {
    // Every vote is rated at this moment; the statistics are asked for its day (Vietnam time), not for a "today" read
    // from the clock again, which a run across the Vietnamese midnight (17:00 UTC) would make the next day.
    const ratedAt = new Date().toISOString();
    const today = new Date(Date.parse(ratedAt) + 7 * 3_600_000).toISOString().slice(0, 10);
    const stats = async (base: string) =>
      ServiceStats.parse(await (await fetch(`${base}/api/v1/agencies/000.21.30.H56/stats?from=${today}&to=${today}`)).json());
    const before = await stats(a.url);
    const n = 240;
    const statuses: number[] = [];
    const ids = new Set<string>();
    // Kiosk votes need an enrolled device; the demo one's credential is derived from the secret both instances share.
    const device = async (base: string) =>
      ((await (await fetch(`${base}/demo-device.json?agency=000.21.30.H56`)).json()) as { credential: string }).credential;
    const credential = await device(a.url);
    assert.equal(await device(b.url), credential);
    for (let batch = 0; batch < n; batch += 40) {
      const results = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const key = randomUUID();
          const body = JSON.stringify({
            agency: '000.21.30.H56',
            channel: 'kiosk',
            overall: (batch + i) % 3 ? 'satisfied' : 'very_satisfied',
            ratedAt,
          });
          const send = (base: string) =>
            fetch(`${base}/api/v1/ratings`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'idempotency-key': key, 'motcua-device': credential },
              body,
            });
          const [ra, rb] = await Promise.all([send(a.url), send(b.url)]);
          const receipts = [RatingReceipt.parse(await ra.json()), RatingReceipt.parse(await rb.json())];
          assert.equal(receipts[0]?.id, receipts[1]?.id, 'both instances return the same receipt');
          ids.add(receipts[0]?.id as string);
          return [ra.status, rb.status];
        }),
      );
      for (const pair of results) statuses.push(...pair);
    }
    assert.equal(statuses.filter((s) => s === 201).length, n, 'exactly one 201 per key');
    assert.equal(statuses.filter((s) => s === 200).length, n, 'the other call is a replay');
    assert.equal(ids.size, n);
    const afterA = await stats(a.url);
    const afterB = await stats(b.url);
    assert.equal(afterA.satisfaction.total, before.satisfaction.total + n);
    assert.deepEqual(afterA.satisfaction, afterB.satisfaction);
  });

  it('a catalog import through the CLI (a third process) is served by both instances, not their cached copies', async () => {
    const search = ProcedurePage.parse(
      await (await fetch(`${a.url}/api/v1/agencies/000.30.01.H17/procedures?q=chung%20thuc&pageSize=1`)).json(),
    );
    const code = search.items[0]?.code as string;
    const detail = async (base: string) => {
      const res = await fetch(`${base}/api/v1/procedures/${code}`);
      return { etag: res.headers.get('etag'), p: Procedure.parse(await res.json()) };
    };
    const before = await detail(a.url);
    await detail(b.url); // both caches warm
    const name = `Tên mới ${randomUUID().slice(0, 8)}`;
    const dir = mkdtempSync(join(tmpdir(), 'motcua-scale-import-'));
    try {
      const file = join(dir, 'catalog.jsonl');
      writeFileSync(file, JSON.stringify({ id: randomUUID(), code, name, categories: ['Chứng thực'] }) + '\n');
      await promisify(execFile)(process.execPath, ['--import', 'tsx', '--conditions=motcua-source', cli, 'import-catalog', file], {
        env: { ...process.env, MOTCUA_DB_SCHEMA: schema, MOTCUA_LOG: 'silent' },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Each instance re-reads the catalog version every 300 ms here: poll well beyond that.
    for (const base of [a.url, b.url]) {
      let seen = await detail(base);
      for (let i = 0; i < 50 && seen.p.name !== name; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        seen = await detail(base);
      }
      assert.equal(seen.p.name, name, base);
      assert.notEqual(seen.etag, before.etag);
      const gz = await fetch(`${base}/api/v1/procedures/${code}`, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(Procedure.parse(await gz.json()).name, name);
    }
  });

  it('failed look-ups on one instance count on the other', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.77' };
    for (let i = 1; i <= 4; i++) {
      const instance = i % 2 ? a : b;
      assert.equal((await fetch(`${instance.url}/api/v1/dossiers/000.30.01.H17-240101-${8000 + i}`, { headers })).status, 404);
    }
    const blocked = await fetch(`${a.url}/api/v1/dossiers/000.30.01.H17-240101-0001`, { headers });
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    assert.equal((await fetch(`${b.url}/api/v1/dossiers/000.30.01.H17-240101-0001`, { headers })).status, 429);
  });

  it('100 parallel wrong owner checks of one code, from 100 addresses, split over both instances: exactly 5 are answered', async () => {
    // The per-code lockout (5 wrong answers, any address) is one atomic upsert in the shared database: neither the
    // two instances nor the burst let a guess past it.
    const code = '000.30.01.H17-240102-0001';
    const statuses = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const res = await fetch(`${(i % 2 ? a : b).url}/api/v1/dossiers/${code}/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${100 + i}` },
          body: JSON.stringify({ phoneLast4: String(1000 + i) }),
        });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    assert.equal(statuses.filter((s) => s === 404).length, 5, JSON.stringify(statuses));
    assert.equal(statuses.filter((s) => s === 429).length, 95);
  });
});

describe('migrations on one PostgreSQL', { skip: url ? false : 'set DATABASE_URL to run against a real PostgreSQL server' }, () => {
  it('two connections migrating an empty schema at once both succeed (five times over)', async () => {
    for (let round = 0; round < 5; round++) {
      const fresh = `motcua_migrate_${randomBytes(5).toString('hex')}`;
      const [one, two] = await Promise.all([openDb({ databaseUrl: url, schema: fresh }), openDb({ databaseUrl: url, schema: fresh })]);
      try {
        const [first, second] = await Promise.all([migrate(one), migrate(two)]);
        // Each migration was applied exactly once, by one of the two.
        assert.deepEqual(
          [...first, ...second].sort(),
          readdirSync(MIGRATIONS_DIR)
            .filter((f) => f.endsWith('.sql'))
            .sort(),
        );
      } finally {
        await one.query(`DROP SCHEMA ${fresh} CASCADE`);
        await one.close();
        await two.close();
      }
    }
  });

  it('a connection that cannot see its schema migrates nothing anywhere and says why', async () => {
    // The schema disappears under an open database (as if this connection did not see it yet): migrate must neither
    // fall back to `public` (the search path's next schema) nor report success.
    const gone = `motcua_migrate_${randomBytes(5).toString('hex')}`;
    const db = await openDb({ databaseUrl: url, schema: gone });
    const stray = async (): Promise<unknown> =>
      (await db.query<{ t: unknown }>(`SELECT to_regclass('public.motcua_migrations') AS t`))[0]?.t ?? null;
    const before = await stray();
    try {
      await db.query(`DROP SCHEMA ${gone} CASCADE`);
      await assert.rejects(migrate(db), new RegExp(`schema ${gone} is not visible to this connection.*nothing was migrated`));
      assert.equal(await stray(), before, 'no migrations table appeared in public');
      assert.equal((await db.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'agencies'`)).length, 0);
    } finally {
      if (before === null) await db.query('DROP TABLE IF EXISTS public.motcua_migrations');
      await db.close();
    }
  });
});
