// A start opens the database before the server's modules load (cli.ts: `openDatabaseEarly`, then `startServer(…, early)`):
// a start that fails afterwards leaves the data folder free, the early opening's own failure is the start's error, and a
// reopened folder gets back an extension it lost (the extensions are created only when a catalog read says one is missing).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { configFromEnv } from './config.js';
import { DataFolderLockedError, LOCK_FILE, openDb } from './db.js';
import { openDatabaseEarly } from './open-database.js';
import { startServer } from './server.js';

let work: string;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'motcua-start-early-'));
});
after(() => rmSync(work, { recursive: true, force: true }));

/** The environment of a PGlite start on `dir` (whatever DATABASE_URL the test run has). */
const envFor = (dir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  MOTCUA_DATA_DIR: dir,
  PORT: '0',
  HOST: '127.0.0.1',
  ...extra,
});

test('a start that fails after the database began opening closes it: the data folder can be opened again at once', async () => {
  const dir = join(work, 'bad-holidays');
  const env = envFor(dir, { MOTCUA_HOLIDAYS_FILE: join(work, 'no-such-holidays.json') });
  const early = openDatabaseEarly(configFromEnv(env));
  await early.db; // open (and locked by this process) before the start fails
  await assert.rejects(startServer({}, env, early), /no-such-holidays\.json/);
  // Still locked by this (live) process if the early database had been left open.
  const again = await openDb({ dataDir: dir });
  await again.close();
});

test('the early opening failing (folder in use by another process) is the error of the start, with its advice', async () => {
  const dir = join(work, 'in-use');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, LOCK_FILE), `${process.ppid}\n`);
  const env = envFor(dir);
  const early = openDatabaseEarly(configFromEnv(env));
  // Nothing awaits the opening until the server's modules are loaded: its failure must wait for it, not crash the process.
  await new Promise((resolve) => setTimeout(resolve, 50));
  await assert.rejects(startServer({}, env, early), (error: unknown) => {
    assert.ok(error instanceof DataFolderLockedError);
    assert.match(error.message, /already in use by another process/);
    return true;
  });
});

test('a reopened folder that lost one of its extensions gets it back', async () => {
  const dir = join(work, 'lost-extension');
  const first = await openDb({ dataDir: dir });
  await first.exec('DROP EXTENSION pg_trgm');
  await first.close();
  const reopened = await openDb({ dataDir: dir });
  try {
    const [row] = await reopened.query<{ sim: number; plain: string }>(
      "SELECT similarity('khai sinh', 'khai sinh') AS sim, unaccent('Hòa Vang') AS plain",
    );
    assert.equal(row?.sim, 1);
    assert.equal(row?.plain, 'Hoa Vang');
  } finally {
    await reopened.close();
  }
});
