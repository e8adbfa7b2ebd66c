// Fail closed and clearly: a database that is down, full or slow answers 503 problem+json with Retry-After (not 500, not
// a hung request), /healthz says 503 too, and the server recovers by itself once the database is back.
// PGlite: the database is closed under the running app, then reopened. PostgreSQL (with DATABASE_URL): the app talks to
// the server through a TCP proxy that the test stops, stalls and restarts; a lock held by another connection; and
// pg_terminate_backend on the app's connections.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createApp } from './app.js';
import { type Db, openDb } from './db.js';
import { unavailableKind } from './db-errors.js';
import { migrate, seed } from './store.js';
import { REF_NOW, calendar, problemOf } from './test-helpers.js';

/** A code in the right format that no dossier has: a lookup that always reaches the database (404 when it is up). */
const LOOKUP = '/api/v1/dossiers/000.30.01.H17-261015-0042';

/** A Db whose underlying database can be swapped (closed, then reopened) under a running app. */
function swappable(first: Db): { db: Db; swap(next: Db): void } {
  let inner = first;
  return {
    db: {
      get kind() {
        return inner.kind;
      },
      query: (sql, params) => inner.query(sql, params),
      exec: (sql) => inner.exec(sql),
      transaction: (fn) => inner.transaction(fn),
      close: () => inner.close(),
    },
    swap(next) {
      inner = next;
    },
  };
}

function appOn(db: Db): ReturnType<typeof createApp> {
  return createApp({
    db,
    calendar,
    allowedOrigins: '*',
    now: () => REF_NOW,
    rateLimit: { lookups: 1000, verifications: 100, windowSeconds: 600 },
  });
}

async function expectUnavailable(response: Response, retryAfter?: number): Promise<Record<string, unknown>> {
  assert.equal(response.status, 503);
  const body = await problemOf(response);
  assert.equal(body.code, 'unavailable');
  const header = Number(response.headers.get('retry-after'));
  assert.ok(Number.isInteger(header) && header > 0, `Retry-After ${response.headers.get('retry-after')}`);
  if (retryAfter !== undefined) assert.equal(header, retryAfter);
  assert.equal(body.retryAfter, header);
  assert.match(String(body.detail), /thử lại sau \d+ giây/);
  return body;
}

describe('which errors mean "the database is unavailable"', () => {
  it('connection, resource and timeout errors do; bugs and constraint violations do not', () => {
    const pg = (code: string): Error => Object.assign(new Error('x'), { code });
    assert.equal(unavailableKind(pg('53100')), 'full', 'disk_full');
    assert.equal(unavailableKind(pg('53300')), 'full', 'too_many_connections');
    assert.equal(unavailableKind(pg('08006')), 'down', 'connection_failure');
    assert.equal(unavailableKind(pg('57P01')), 'down', 'admin_shutdown');
    assert.equal(unavailableKind(pg('57P03')), 'down', 'cannot_connect_now');
    assert.equal(unavailableKind(pg('ECONNREFUSED')), 'down');
    assert.equal(unavailableKind(pg('ECONNRESET')), 'down');
    assert.equal(unavailableKind(pg('57014')), 'slow', 'query_canceled (statement_timeout)');
    assert.equal(unavailableKind(new Error('timeout exceeded when trying to connect')), 'slow');
    assert.equal(unavailableKind(new Error('Query read timeout')), 'slow');
    assert.equal(unavailableKind(new Error('Connection terminated unexpectedly')), 'down');
    assert.equal(unavailableKind(new Error('PGlite is closed')), 'down');
    assert.equal(unavailableKind(new Error('wrapped', { cause: pg('53100') })), 'full');
    assert.equal(unavailableKind(pg('23505')), undefined, 'unique_violation is a bug here');
    assert.equal(unavailableKind(pg('42P01')), undefined, 'undefined_table is a bug');
    assert.equal(unavailableKind(new TypeError('x is undefined')), undefined);
    assert.equal(unavailableKind('connection refused'), undefined);
  });

  it('a full disk answers 503 with a longer Retry-After; a genuine bug stays 500', async () => {
    let failure: Error = Object.assign(new Error('could not extend file: No space left on device'), { code: '53100' });
    const db: Db = {
      kind: 'postgres',
      query: () => Promise.reject(failure),
      exec: () => Promise.reject(failure),
      transaction: () => Promise.reject(failure),
      close: () => Promise.resolve(),
    };
    const { app, close } = appOn(db);
    try {
      const body = await expectUnavailable(await app.request(LOOKUP), 60);
      assert.match(String(body.detail), /hết tài nguyên/);
      assert.doesNotMatch(JSON.stringify(body), /extend file|No space/, 'no internals in the answer');
      await expectUnavailable(await app.request('/healthz'), 60);
      failure = new TypeError("Cannot read properties of undefined (reading 'code')");
      assert.equal((await app.request(LOOKUP)).status, 500);
    } finally {
      close();
    }
  });
});

describe('PGlite closed under the running app', () => {
  const folder = mkdtempSync(join(tmpdir(), 'motcua-unavailable-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('answers 503 + Retry-After (requests and /healthz), then serves again once the database is reopened', async () => {
    const first = await openDb({ dataDir: folder });
    await migrate(first);
    await seed(first, calendar, REF_NOW);
    const { db, swap } = swappable(first);
    const { app, close } = appOn(db);
    try {
      assert.equal((await app.request(LOOKUP)).status, 404);
      await first.close();
      await expectUnavailable(await app.request(LOOKUP));
      await expectUnavailable(
        await app.request('/api/v1/dossiers/000.30.01.H17-261015-0042/verify', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ phoneLast4: '1234' }),
        }),
      );
      await expectUnavailable(await app.request('/healthz'));
      swap(await openDb({ dataDir: folder }));
      assert.equal((await app.request(LOOKUP)).status, 404);
      assert.equal((await app.request('/healthz')).status, 200);
    } finally {
      close();
      await db.close();
    }
  });
});

/** A TCP proxy in front of PostgreSQL that can forward, stall (accept and never answer) or be stopped (refuse). */
async function startProxy(target: { host: string; port: number }): Promise<{
  port: number;
  stall(): void;
  stop(): Promise<void>;
  restart(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  let stalled = false;
  let port = 0;
  let server: Server;
  const listen = async (): Promise<void> => {
    server = createServer((client) => {
      sockets.add(client);
      client.on('close', () => sockets.delete(client));
      client.on('error', () => undefined);
      if (stalled) return; // accept, read nothing, answer nothing
      const upstream = connect(target.port, target.host);
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      // Stalling: stop moving bytes both ways on the connections already open.
      client.once('stall', () => {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    port = (server.address() as AddressInfo).port;
  };
  await listen();
  return {
    get port() {
      return port;
    },
    stall() {
      stalled = true;
      for (const s of sockets) s.emit('stall');
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
    async restart() {
      stalled = false;
      await listen();
    },
  };
}

const databaseUrl = process.env.DATABASE_URL;
describe('PostgreSQL down, stalled, locked or killed under the running app', { skip: databaseUrl ? false : 'DATABASE_URL not set' }, () => {
  const url = new URL(databaseUrl ?? 'postgres://localhost/x');
  const schema = `motcua_test_${randomBytes(6).toString('hex')}`;
  // Short enough that a stalled or locked database answers 503 within the test, long enough that a loaded machine's
  // PostgreSQL serves the normal requests in time: at load 19 on two cores, connecting took up to 0.9 s (p95 0.8 s).
  const timeouts = { statementTimeoutMs: 5_000, connectTimeoutMs: 10_000, idleInTransactionTimeoutMs: 5_000 };
  let admin: Db | undefined;

  after(async () => {
    if (!admin) return;
    await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  });

  const viaProxy = (port: number): string => {
    const proxied = new URL(url.href);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(port);
    return proxied.href;
  };

  it('stopped database: 503 + Retry-After; restarted: serves again with no restart of the app', { timeout: 60_000 }, async () => {
    admin = await openDb({ databaseUrl: url.href, schema });
    await migrate(admin);
    await seed(admin, calendar, REF_NOW);
    const proxy = await startProxy({ host: url.hostname, port: Number(url.port || 5432) });
    const db = await openDb({ databaseUrl: viaProxy(proxy.port), schema, poolSize: 3, ...timeouts });
    const { app, close } = appOn(db);
    try {
      assert.equal((await app.request(LOOKUP)).status, 404);
      await proxy.stop();
      await expectUnavailable(await app.request(LOOKUP));
      await expectUnavailable(await app.request(LOOKUP), 5);
      await expectUnavailable(await app.request('/healthz'));
      await proxy.restart();
      assert.equal((await app.request(LOOKUP)).status, 404);
      assert.equal((await app.request('/healthz')).status, 200);
    } finally {
      close();
      await proxy.stop().catch(() => undefined);
      await db.close();
    }
  });

  it(
    'a database that accepts and never answers: requests end with 503 (the test times out if one hangs)',
    { timeout: 60_000 },
    async () => {
      const proxy = await startProxy({ host: url.hostname, port: Number(url.port || 5432) });
      const db = await openDb({ databaseUrl: viaProxy(proxy.port), schema, poolSize: 2, ...timeouts });
      const { app, close } = appOn(db);
      try {
        assert.equal((await app.request(LOOKUP)).status, 404);
        proxy.stall();
        // More requests than pooled connections: the pooled ones time out waiting for an answer, the others waiting for
        // a connection; every one of them ends with a 503.
        const answers = await Promise.all(Array.from({ length: 5 }, () => app.request(LOOKUP)));
        for (const answer of answers) await expectUnavailable(answer);
        await expectUnavailable(await app.request('/healthz'));
        await proxy.stop();
        await proxy.restart();
        assert.equal((await app.request(LOOKUP)).status, 404);
      } finally {
        close();
        await proxy.stop().catch(() => undefined);
        await db.close();
      }
    },
  );

  it(
    'a lock held by another connection: the statement timeout cancels the wait (57014) and the client gets 503',
    { timeout: 60_000 },
    async () => {
      assert.ok(admin);
      const db = await openDb({ databaseUrl: url.href, schema, poolSize: 2, ...timeouts });
      const { app, close } = appOn(db);
      try {
        assert.equal((await app.request(LOOKUP)).status, 404);
        await admin.transaction(async (tx) => {
          await tx.exec('LOCK TABLE dossiers, rate_limits IN ACCESS EXCLUSIVE MODE');
          const body = await expectUnavailable(await app.request(LOOKUP), 10);
          assert.match(String(body.detail), /quá tải/);
        });
        assert.equal((await app.request(LOOKUP)).status, 404, 'lock released: served again');
      } finally {
        close();
        await db.close();
      }
    },
  );

  it('a connection killed by pg_terminate_backend mid-query: 503, then the pool reconnects', { timeout: 60_000 }, async () => {
    assert.ok(admin);
    const name = `motcua_victim_${randomBytes(4).toString('hex')}`;
    const victimUrl = new URL(url.href);
    victimUrl.searchParams.set('application_name', name);
    const db = await openDb({ databaseUrl: victimUrl.href, schema, poolSize: 2, ...timeouts, statementTimeoutMs: 30_000 });
    const { app, close } = appOn(db);
    try {
      assert.equal((await app.request(LOOKUP)).status, 404);
      let answer: Response | undefined;
      await admin.transaction(async (tx) => {
        await tx.exec('LOCK TABLE dossiers, rate_limits IN ACCESS EXCLUSIVE MODE');
        const pending = app.request(LOOKUP);
        for (let killed = 0; killed === 0;) {
          await new Promise((r) => setTimeout(r, 50));
          const rows = await tx.query<{ n: number }>(
            `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
             WHERE application_name = $1 AND wait_event_type = 'Lock'`,
            [name],
          );
          killed = Number(rows[0]?.n);
        }
        answer = await pending;
      });
      assert.ok(answer);
      await expectUnavailable(answer, 5);
      assert.equal((await app.request(LOOKUP)).status, 404, 'the pool replaced the killed connection');
    } finally {
      close();
      await db.close();
    }
  });
});
