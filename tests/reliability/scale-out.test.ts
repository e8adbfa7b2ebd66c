// Scale-out: two reference server instances against one real PostgreSQL server (DATABASE_URL), ratings spread across
// both — including the same rating sent to both at the same moment with the same idempotency key — are each counted
// exactly once, by both instances' stats and in the database. Skipped (with a message) when DATABASE_URL is unset.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import pg from 'pg';
import { firstAgency, kioskRating, newKey, pool, startReferenceServer, statsRatingCount, type ReferenceServer } from './helpers.js';

const url = process.env.DATABASE_URL;
const schema = `motcua_scale_${randomBytes(5).toString('hex')}`;
const servers: ReferenceServer[] = [];

after(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

async function post(api: string, body: unknown, key: string): Promise<{ status: number; id?: string }> {
  const res = await fetch(`${api}/ratings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { id?: string };
  return { status: res.status, id: json.id };
}

test(
  'two instances on one PostgreSQL count every rating exactly once',
  {
    skip: url ? false : 'DATABASE_URL is not set: the scale-out test needs a real PostgreSQL server (.ci/run starts one)',
    timeout: 240_000,
  },
  async () => {
    const env = { DATABASE_URL: url as string, MOTCUA_DB_SCHEMA: schema };
    servers.push(await startReferenceServer({ env }));
    servers.push(await startReferenceServer({ env }));
    const [a, b] = servers as [ReferenceServer, ReferenceServer];
    const health = (await (await fetch(`${a.url}/healthz`)).json()) as { database?: string };
    assert.equal(health.database, 'postgres');
    const agency = await firstAgency(a.api);
    const before = await statsRatingCount(a.api, agency);
    const marker = `scale-${randomUUID()}`;

    // 300 ratings alternating between the two instances.
    const spread = Array.from({ length: 300 }, (_, i) => ({ body: kioskRating(agency, marker, i), key: newKey() }));
    const results = await pool(spread, 12, ({ body, key }, i) => post((i % 2 ? b : a).api, body, key));
    assert.deepEqual(new Set(results.map((r) => r.status)), new Set([201]));

    // 50 ratings sent to both instances at the same moment with the same key: one stores, the other replays.
    const raced = Array.from({ length: 50 }, (_, i) => ({ body: kioskRating(agency, marker, 300 + i), key: newKey() }));
    const pairs = await pool(raced, 6, ({ body, key }) => Promise.all([post(a.api, body, key), post(b.api, body, key)]));
    for (const [x, y] of pairs) {
      assert.deepEqual([x.status, y.status].sort(), [200, 201], `statuses ${x.status} ${y.status}`);
      assert.equal(x.id, y.id, 'the same receipt from both instances');
    }

    // Every replay, to the other instance, returns the stored receipt.
    const replays = await pool(spread.slice(0, 40), 8, ({ body, key }, i) => post((i % 2 ? a : b).api, body, key));
    assert.deepEqual(
      replays.map((r) => r.status),
      Array(40).fill(200),
    );

    assert.equal((await statsRatingCount(a.api, agency)) - before, 350, 'instance A counts each rating once');
    assert.equal((await statsRatingCount(b.api, agency)) - before, 350, 'instance B counts each rating once');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ rows: number; distinct: number }>(
      `SELECT count(*)::int AS rows, count(DISTINCT comment)::int AS distinct FROM ${schema}.ratings WHERE comment LIKE $1`,
      [`${marker}%`],
    );
    await client.end();
    assert.deepEqual(rows[0], { rows: 350, distinct: 350 }, 'rows in the ratings table');
  },
);
