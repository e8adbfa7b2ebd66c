// Opening a PostgreSQL database that fails half-way must not hold up the next opener: every instance (and, in CI, every
// test file, each in its own schema of one database) takes the same set-up lock. Needs DATABASE_URL.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
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
});
