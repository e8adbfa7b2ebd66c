// Opening a PostgreSQL database that fails half-way must not hold up the next opener: every instance (and, in CI, every
// test file, each in its own schema of one database) takes the same set-up lock. Needs DATABASE_URL.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';
import { describe, it } from 'node:test';
import pg from 'pg';
import { openDb } from './db.js';
import { migrate } from './store.js';

const url = process.env.DATABASE_URL;

describe('opening a PostgreSQL database', { skip: url ? false : 'set DATABASE_URL to run against a real PostgreSQL server' }, () => {
  it('a set-up that fails after taking the set-up lock frees it: the next opener opens at once', { timeout: 60_000 }, async () => {
    const name = `motcua_test_${randomBytes(6).toString('hex')}`;
    // Another session is creating the same schema and has not committed: the opener's CREATE SCHEMA waits for it until
    // the opener's statement timeout cancels it, with the set-up lock already taken.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`CREATE SCHEMA ${name}`);
      await assert.rejects(openDb({ databaseUrl: url!, schema: name, statementTimeoutMs: 1_000 }), /statement timeout/);
      await other.query('ROLLBACK');
    } finally {
      await other.end();
    }
    // A session lock would still be held by the failed opener's pooled connection until the pool closes it as idle
    // (10 s): this opener would wait for it until its own statement timeout (5 s).
    const db = await openDb({ databaseUrl: url!, schema: `${name}_next`, statementTimeoutMs: 5_000 });
    try {
      assert.deepEqual(await db.query(`SELECT 1 AS ok`), [{ ok: 1 }]);
    } finally {
      await db.exec(`DROP SCHEMA ${name}_next CASCADE`);
      await db.close();
    }
  });

  it(
    'an instance that starts while another migrates or seeds waits for it, however long, and then migrates',
    { timeout: 60_000 },
    async () => {
      const name = `motcua_test_${randomBytes(6).toString('hex')}`;
      // "Another instance" holds the migrations' lock (store.ts) for five times this instance's statement timeout (longer
      // than the client's read timeout too, statement timeout + 2 s).
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      const db = await openDb({ databaseUrl: url!, schema: name, statementTimeoutMs: 1_000 });
      try {
        await other.query('BEGIN');
        await other.query('SELECT pg_advisory_xact_lock(72617)');
        const migrating = migrate(db);
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        await other.query('COMMIT');
        assert.ok((await migrating).length > 0, 'the migrations ran once the lock was free');
        // The statement timeout applies again after the wait.
        await assert.rejects(db.query('SELECT pg_sleep(2)'), /statement timeout/);
      } finally {
        await other.end();
        await db.exec(`DROP SCHEMA ${name} CASCADE`);
        await db.close();
      }
    },
  );

  it(
    'a server started before its database can be reached waits for it (refused, then reachable), and gives up after its wait',
    { timeout: 60_000 },
    async () => {
      const target = new URL(url!);
      // A port nothing listens on yet: PostgreSQL "not started" (connections refused).
      const probe = createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const port = (probe.address() as AddressInfo).port;
      await new Promise((resolve) => probe.close(resolve));
      const via = new URL(target.href);
      via.hostname = '127.0.0.1';
      via.port = String(port);

      // Without a wait it fails at once, naming the refusal.
      await assert.rejects(openDb({ databaseUrl: via.href, startWaitMs: 0 }), /ECONNREFUSED/);

      // With one, the database coming up 1.5 s later is opened.
      const sockets = new Set<Socket>();
      let proxy: Server | undefined;
      const late = setTimeout(() => {
        proxy = createServer((client) => {
          const upstream = connect(Number(target.port || 5432), target.hostname);
          for (const socket of [client, upstream]) {
            sockets.add(socket);
            socket.on('error', () => undefined);
          }
          client.on('close', () => upstream.destroy());
          upstream.on('close', () => client.destroy());
          client.pipe(upstream);
          upstream.pipe(client);
        }).listen(port, '127.0.0.1');
      }, 1_500);
      const name = `motcua_test_${randomBytes(6).toString('hex')}`;
      try {
        const db = await openDb({ databaseUrl: via.href, schema: name, startWaitMs: 30_000 });
        try {
          assert.deepEqual(await db.query('SELECT 1 AS ok'), [{ ok: 1 }]);
        } finally {
          await db.exec(`DROP SCHEMA ${name} CASCADE`);
          await db.close();
        }
      } finally {
        clearTimeout(late);
        for (const s of sockets) s.destroy();
        await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
      }

      // A wait that runs out says how long the database was out of reach.
      await assert.rejects(openDb({ databaseUrl: via.href, startWaitMs: 1_200 }), /ECONNREFUSED.*not reachable for \d+\.\d s, \d+ tries/);

      // An answer from the database (here: a wrong password) is not waited for.
      const wrong = new URL(target.href);
      wrong.password = 'not-the-password';
      const started = Date.now();
      await assert.rejects(openDb({ databaseUrl: wrong.href, startWaitMs: 30_000 }), /password authentication failed/);
      assert.ok(Date.now() - started < 10_000, 'a refused password is not retried');
    },
  );
});
