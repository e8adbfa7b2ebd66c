/**
 * A tiny database interface over PGlite (embedded, default) and node-postgres (`DATABASE_URL`), so the same SQL
 * runs on both. Parameters are `$1, $2, …`; rows come back as plain objects.
 * @module
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { DatabaseUnavailableError, unavailableKind } from './db-errors.js';
import { dropTemplate, extractTemplate, readTemplate, templatePath, writeTemplate } from './pglite-template.js';
import { startPhase } from './start-log.js';

export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends object = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** PostgreSQL: the schema this database works in, when one was given (else the search path's, usually `public`). */
  readonly schema?: string;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** `postgres://…`: use a PostgreSQL server; otherwise PGlite in `dataDir`. */
  databaseUrl?: string;
  /** PGlite data folder; `memory://` for an in-memory database. */
  dataDir?: string;
  /** PostgreSQL schema to work in (created if missing), e.g. for isolated test runs. */
  schema?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /**
   * PostgreSQL only: longest statement (ms) before the server cancels it (SQLSTATE 57014); the client also gives up
   * waiting for an answer this long plus 2 s (a server or network that stalls without answering). Default 15,000.
   */
  statementTimeoutMs?: number;
  /** PostgreSQL only: longest wait (ms) for a connection, new or from the busy pool. Default 5,000. */
  connectTimeoutMs?: number;
  /** PostgreSQL only: a session idle inside a transaction this long (ms) is ended by the server. Default 30,000. */
  idleInTransactionTimeoutMs?: number;
  /**
   * PostgreSQL only: how long (ms) opening keeps trying while the database cannot be reached yet (refused, timed out,
   * still starting up: a server started beside its database, or a database busy for a moment). Default 30,000; 0 tries once.
   */
  startWaitMs?: number;
}

export const DB_TIMEOUT_DEFAULTS = {
  statementTimeoutMs: 15_000,
  connectTimeoutMs: 5_000,
  idleInTransactionTimeoutMs: 30_000,
  startWaitMs: 30_000,
} as const;

/**
 * The first connection of an opening: tried again (250 ms, doubling to 2 s) while the database cannot be reached, for
 * `waitMs` at most; the last failure names how long it waited.
 */
async function firstConnection<T>(connect: () => Promise<T>, waitMs: number): Promise<T> {
  const started = Date.now();
  let delay = 250;
  for (let tries = 1; ; tries++) {
    try {
      return await connect();
    } catch (error) {
      const waited = Date.now() - started;
      // Only a database that cannot be reached yet (refused, connect timeout, "starting up": `down` or `slow` when
      // connecting) is waited for; an answer such as a wrong password is not.
      const kind = unavailableKind(error);
      if ((kind !== 'down' && kind !== 'slow') || waited + delay > waitMs) {
        if (tries > 1 && error instanceof Error)
          error.message = `${error.message} (PostgreSQL not reachable for ${(waited / 1_000).toFixed(1)} s, ${tries} tries)`;
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 2_000);
    }
  }
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openDb(options: DbOptions): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPglite(options.dataDir ?? '.motcua-data');
}

// ------------------------------------------------------------------ PGlite folder lock

/** Name of the lock file a process keeps in its PGlite data folder while it has the folder open. */
export const LOCK_FILE = 'motcua.lock';

/** Another process has the data folder open (its pid is alive). */
export class DataFolderLockedError extends Error {
  override readonly name = 'DataFolderLockedError';
  constructor(
    readonly folder: string,
    readonly pid: number,
  ) {
    super(
      `the data folder ${folder} is already in use by another process (pid ${pid}). PGlite allows one process per folder: ` +
        `stop that process, or give this one its own folder (MOTCUA_DATA_DIR), or use PostgreSQL (DATABASE_URL) to run several ` +
        `servers. If no such process runs any more, delete ${join(folder, LOCK_FILE)}.`,
    );
  }
}

/** The data folder exists but PGlite cannot open it (truncated or overwritten files). */
export class DataFolderDamagedError extends Error {
  override readonly name = 'DataFolderDamagedError';
  constructor(
    readonly folder: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `the data folder ${folder} cannot be opened: it looks damaged (${reason.split('\n')[0]}). Nothing was changed in it. ` +
        `To recover: stop every server, move the folder aside (e.g. mv ${folder} ${folder}.damaged) and start again ` +
        `(a new folder is created), or restore the folder from a backup.`,
      { cause },
    );
  }
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const readPid = (path: string): number => {
  try {
    return Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
  } catch {
    return Number.NaN;
  }
};

/**
 * Takes the folder's lock file (created exclusively, holding our pid). A lock left by a process that no longer runs is
 * taken over; a live one is a {@link DataFolderLockedError}. Returns the release function.
 */
export function lockDataFolder(folder: string): () => void {
  const path = join(folder, LOCK_FILE);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        process.off('exit', release);
        if (readPid(path) === process.pid) rmSync(path, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = readPid(path);
    if (pidAlive(pid)) throw new DataFolderLockedError(folder, pid);
    // Stale (its process is gone, or the file is empty/garbage): move it away atomically, then check that what was moved
    // is still the stale lock (another starting process may have taken over in between) before trying again.
    const aside = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, aside);
    } catch {
      continue;
    }
    const moved = readPid(aside);
    if (pidAlive(moved) && moved !== pid) {
      renameSync(aside, path);
      throw new DataFolderLockedError(folder, moved);
    }
    rmSync(aside, { force: true });
  }
  throw new Error(`could not take the lock file ${path}`);
}

// ------------------------------------------------------------------ PGlite

/** PGlite's shared buffers (PostgreSQL `shared_buffers`): see openPglite. */
export const PGLITE_SHARED_BUFFERS = '32MB';

async function openPglite(dataDir: string): Promise<Db> {
  const [{ PGlite }, { unaccent }, { pg_trgm }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/unaccent'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
  ]);
  startPhase('pglite modules imported');
  const inMemory = dataDir.startsWith('memory://');
  const folder = inMemory ? dataDir : resolve(dataDir);
  if (!inMemory) mkdirSync(folder, { recursive: true });
  const unlock = inMemory ? () => undefined : lockDataFolder(folder);
  let pg: InstanceType<typeof PGlite>;
  try {
    const existing = !inMemory && existsSync(join(folder, 'PG_VERSION'));
    const target = inMemory ? dataDir : folder;
    const extensions = { unaccent, pg_trgm };
    // PostgreSQL's default 128 MB of shared buffers is zeroed by the WebAssembly memset on every open (it was a third
    // of a reopen's CPU); a motcua database works within a few tens of MB (the demo folder: 27 MB of tables and
    // indexes), and a page not in the buffers is one read from the OS's cache.
    const startParams = [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`];
    // A new database starts from the template of a fresh one when there is one (pglite-template.ts): initdb is most
    // of a first start's database time.
    const template = existing ? undefined : templatePath();
    let extracted = false;
    let loadedFromFolder: InstanceType<typeof PGlite> | undefined;
    if (template && !inMemory && existsSync(template)) {
      // A folder on disk: its files are written from the template by Node (extractTemplate), then opened as any folder.
      try {
        extractTemplate(template, folder, [LOCK_FILE]);
        extracted = true;
      } catch {
        // A damaged or foreign template: forget it, empty what it left in the new folder, make the folder with initdb.
        dropTemplate(template);
        for (const name of readdirSync(folder)) if (name !== LOCK_FILE) rmSync(join(folder, name), { recursive: true, force: true });
      }
    }
    if (extracted) {
      try {
        loadedFromFolder = await PGlite.create(target, { extensions, startParams });
      } catch {
        // Written, but PostgreSQL cannot start on it: the same as a damaged template.
        dropTemplate(template);
        extracted = false;
        for (const name of readdirSync(folder)) if (name !== LOCK_FILE) rmSync(join(folder, name), { recursive: true, force: true });
      }
    }
    const fromTemplate = inMemory ? readTemplate(template) : undefined;
    let loaded: InstanceType<typeof PGlite> | undefined;
    if (fromTemplate) {
      try {
        loaded = await PGlite.create(target, { extensions, startParams, loadDataDir: fromTemplate });
        // The tarball may carry the lock file of the process that made it: this folder is ours.
        if (!inMemory) writeFileSync(join(folder, LOCK_FILE), `${process.pid}\n`);
      } catch {
        // A damaged or foreign template: forget it, empty what it left in the new folder, make the folder with initdb.
        dropTemplate(template);
        if (!inMemory)
          for (const name of readdirSync(folder)) if (name !== LOCK_FILE) rmSync(join(folder, name), { recursive: true, force: true });
      }
    }
    try {
      pg = loaded ?? loadedFromFolder ?? (await PGlite.create(target, { extensions, startParams }));
      startPhase(loaded || extracted ? 'pglite created from the template' : existing ? 'pglite opened' : 'pglite created (initdb)');
      // A folder that has both extensions (every reopen) is told so by one catalog read: CREATE EXTENSION, even when
      // there is nothing to create, cost a reopen about twice as much.
      const present = existing
        ? await pg.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm')")
        : undefined;
      if (present?.rows[0]?.n !== 2) await pg.exec('CREATE EXTENSION IF NOT EXISTS unaccent; CREATE EXTENSION IF NOT EXISTS pg_trgm;');
      startPhase('extensions');
      if (!existing && !loaded && !extracted && template) {
        writeTemplate(template, await (await pg.dumpDataDir('gzip')).arrayBuffer());
        startPhase('template written');
      }
    } catch (error) {
      throw existing ? new DataFolderDamagedError(folder, error) : error;
    }
  } catch (error) {
    unlock();
    throw error;
  }
  let closed = false;
  const open = (): void => {
    if (closed) throw new DatabaseUnavailableError('the database is closed');
  };
  return {
    kind: 'pglite',
    async query<T extends object = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      open();
      const result = await pg.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      open();
      await pg.exec(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      open();
      return pg.transaction(async (tx) =>
        fn({
          async query<R extends object = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
            return (await tx.query<R>(sql, params as unknown[])).rows;
          },
          async exec(sql: string): Promise<void> {
            await tx.exec(sql);
          },
        }),
      );
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      try {
        await pg.close();
      } finally {
        unlock();
      }
    },
  };
}

async function openPostgres(url: string, options: DbOptions): Promise<Db> {
  const { default: pg } = await import('pg');
  // timestamptz as Date (default), int8/numeric as numbers: counts are cast to int in SQL anyway.
  pg.types.setTypeParser(20, (v: string) => Number(v));
  pg.types.setTypeParser(1700, (v: string) => Number(v));
  const schema = options.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const statementTimeout = options.statementTimeoutMs ?? DB_TIMEOUT_DEFAULTS.statementTimeoutMs;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // A hung server must not hang every request: the server cancels long statements and ends sessions idle in a
    // transaction; the client gives up on a connection it cannot get and on an answer that never comes.
    statement_timeout: statementTimeout,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? DB_TIMEOUT_DEFAULTS.idleInTransactionTimeoutMs,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DB_TIMEOUT_DEFAULTS.connectTimeoutMs,
    ...(statementTimeout > 0 ? { query_timeout: statementTimeout + 2_000 } : {}),
    keepAlive: true,
    ...(schema ? { options: `-c search_path=${schema},public` } : {}),
  });
  pool.on('error', () => {
    /* idle client errors are reported on the next query */
  });
  // Schema and extensions, one opener of the database at a time. The lock is the transaction's: any failure (a statement
  // timeout, a dropped connection) rolls it back and frees it, where a session lock would stay with the pooled
  // connection and hold every other opener of the database (other instances, parallel test files) until its timeout.
  const client = await firstConnection(() => pool.connect(), options.startWaitMs ?? DB_TIMEOUT_DEFAULTS.startWaitMs).catch(
    async (error: unknown) => {
      await pool.end().catch(() => undefined);
      throw error;
    },
  );
  let failure: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(72616)');
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`CREATE EXTENSION IF NOT EXISTS unaccent${schema ? ' SCHEMA public' : ''}`);
    await client.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm${schema ? ' SCHEMA public' : ''}`);
    await client.query('COMMIT');
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
  } finally {
    // A failed set-up's connection is closed, not pooled (its transaction may still be open).
    client.release(failure);
  }
  if (failure) {
    await pool.end().catch(() => undefined);
    throw failure;
  }
  let closed = false;
  return {
    kind: 'postgres',
    ...(schema ? { schema } : {}),
    async query<T extends object = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await pool.query(sql, params as unknown[]);
      return result.rows as T[];
    },
    async exec(sql: string): Promise<void> {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn({
          async query<R extends object = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
            return (await client.query(sql, params as unknown[])).rows as R[];
          },
          async exec(sql: string): Promise<void> {
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A connection whose ROLLBACK fails (timed out, dropped) is not returned to the pool.
        broken = await client.query('ROLLBACK').then(
          () => false,
          () => true,
        );
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
