/**
 * Opening the configured database (PostgreSQL with `DATABASE_URL`, else PGlite in `MOTCUA_DATA_DIR`), in a module of
 * its own that loads nothing of the server: `motcua-server start` begins opening the database first and loads the
 * server's modules while it opens (cli.ts, {@link EarlyDatabase}).
 * @module
 */
import type { ServerConfig } from './config.js';
import { type Db, openDb } from './db.js';

export async function openDatabase(config: ServerConfig): Promise<Db> {
  return openDb({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
    ...(config.dbSchema ? { schema: config.dbSchema } : {}),
    ...config.dbTimeouts,
  });
}

/** A database whose opening began before the server's modules were loaded: the promise, and when it began. */
export interface EarlyDatabase {
  db: Promise<Db>;
  /** `performance.now()` when the opening began. */
  startedAt: number;
}

/**
 * Begins opening the database of `config` now. A failure is kept for whoever awaits `db` (no unhandled rejection while
 * the rest of the server loads).
 */
export function openDatabaseEarly(config: ServerConfig): EarlyDatabase {
  const startedAt = performance.now();
  const db = openDatabase(config);
  db.catch(() => undefined);
  return { db, startedAt };
}
