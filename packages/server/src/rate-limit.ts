/**
 * Rate limiting of failures (unknown dossier codes, wrong phone digits) per client address, in the database so that
 * every instance behind a load balancer sees the same counts. Fixed windows, counted with one atomic upsert.
 * @module
 */
import type { Db } from './db.js';

export interface RateLimiter {
  /** Seconds the key must wait (0 = not blocked) when it has reached `max` failures in the current window. */
  blockedFor(key: string, max: number): Promise<number>;
  /** Records one failure. */
  fail(key: string): Promise<void>;
  close(): void;
}

export function createRateLimiter(db: Db, windowSeconds: number): RateLimiter {
  const sweep = setInterval(
    () => {
      db.query('DELETE FROM rate_limits WHERE window_start < now() - make_interval(secs => $1)', [windowSeconds]).catch(() => undefined);
    },
    Math.max(60_000, windowSeconds * 1000),
  );
  sweep.unref();
  return {
    async blockedFor(key, max) {
      const rows = await db.query<{ count: number; remaining: number }>(
        `SELECT count, extract(epoch FROM (window_start + make_interval(secs => $2) - now()))::float8 AS remaining
         FROM rate_limits WHERE key = $1`,
        [key, windowSeconds],
      );
      const row = rows[0];
      if (!row || row.count < max || row.remaining <= 0) return 0;
      return Math.max(1, Math.ceil(row.remaining));
    },
    async fail(key) {
      await db.query(
        `INSERT INTO rate_limits (key, window_start, count) VALUES ($1, now(), 1)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN rate_limits.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE rate_limits.count + 1 END,
           window_start = CASE WHEN rate_limits.window_start <= now() - make_interval(secs => $2) THEN now() ELSE rate_limits.window_start END`,
        [key, windowSeconds],
      );
    },
    close() {
      clearInterval(sweep);
    },
  };
}
