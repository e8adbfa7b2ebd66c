/**
 * A tiny database interface over PGlite (embedded, default) and node-postgres (`DATABASE_URL`), so the same SQL
 * runs on both. Parameters are `$1, $2, …`; rows come back as plain objects.
 * @module
 */
import { mkdirSync } from 'node:fs';

export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends object = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
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
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openDb(options: DbOptions): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPglite(options.dataDir ?? '.motcua-data');
}

async function openPglite(dataDir: string): Promise<Db> {
  const [{ PGlite }, { unaccent }, { pg_trgm }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/unaccent'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
  ]);
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir, { extensions: { unaccent, pg_trgm } });
  await pg.exec('CREATE EXTENSION IF NOT EXISTS unaccent; CREATE EXTENSION IF NOT EXISTS pg_trgm;');
  let closed = false;
  return {
    kind: 'pglite',
    async query<T extends object = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await pg.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await pg.exec(sql);
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
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
      await pg.close();
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
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema},public` } : {}),
  });
  pool.on('error', () => {
    /* idle client errors are reported on the next query */
  });
  if (schema) {
    const client = await pool.connect();
    try {
      await client.query(`SELECT pg_advisory_lock(72616)`);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query('CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public');
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public');
      await client.query(`SELECT pg_advisory_unlock(72616)`);
    } finally {
      client.release();
    }
  } else {
    const client = await pool.connect();
    try {
      await client.query(`SELECT pg_advisory_lock(72616)`);
      await client.query('CREATE EXTENSION IF NOT EXISTS unaccent');
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await client.query(`SELECT pg_advisory_unlock(72616)`);
    } finally {
      client.release();
    }
  }
  let closed = false;
  return {
    kind: 'postgres',
    async query<T extends object = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await pool.query(sql, params as unknown[]);
      return result.rows as T[];
    },
    async exec(sql: string): Promise<void> {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
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
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
