// Provincial statistics at the scale of a province: 100 served communes of one province (agencies attached to their
// directory units), each with 10,000 dossiers spread over one year (1,000,000 rows) and ratings for about a third of
// the returned ones, generated in SQL (INSERT … SELECT over generate_series). After ANALYZE, times
// `GET /api/v1/provinces/01/stats` for the year through the app (the route's own code path: directory, served
// agencies, statistics SQL, JSON, ETag) — median of 5 runs after one warm-up — and beside it a plain
// `SELECT count(*)` over the same dossier rows. On PGlite (in memory) and, when DATABASE_URL is set, on PostgreSQL
// (in a schema of its own, dropped afterwards). Prints figures, asserts nothing.
//   node --import tsx --conditions=motcua-source tests/bench/province-stats/index.ts
import { randomBytes } from 'node:crypto';
import { createApp } from '../../../packages/server/src/app.js';
import { openDb, type Db } from '../../../packages/server/src/db.js';
import { loadDirectory } from '../../../packages/server/src/directory.js';
import { bumpCatalogVersion, migrate } from '../../../packages/server/src/store.js';
import { EMPTY_CALENDAR } from '../../../packages/server/src/working-hours.js';

const PROVINCE = '01';
const COMMUNES = 100;
const PER_COMMUNE = 10_000;
const FROM = '2025-10-01';
const TO = '2026-09-30';
const NOW = new Date('2026-10-15T10:00:00+07:00');
const RUNS = 5;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};
const round = (ms: number): number => Math.round(ms * 10) / 10;

/** 100 agencies of the province, attached to its first 100 directory units, and their year of dossiers and ratings. */
export async function generate(db: Db): Promise<void> {
  await migrate(db);
  await loadDirectory(db);
  await db.transaction(async (tx) => {
    await tx.query(
      `CREATE TEMP TABLE bench_communes ON COMMIT DROP AS
       SELECT u.code AS unit, u.name, n - 1 AS i,
         '000.' || lpad((31 + (n - 1) / 50)::text, 2, '0') || '.' || lpad(((n - 1) % 50 + 1)::text, 2, '0') || '.H26' AS agency
       FROM (SELECT code, name, row_number() OVER (ORDER BY position, code) AS n FROM directory_units WHERE province_code = $1) u
       WHERE n <= $2`,
      [PROVINCE, COMMUNES],
    );
    await tx.query(
      `INSERT INTO agencies (code, position, data)
       SELECT c.agency, c.i, jsonb_build_object('code', c.agency, 'name', 'UBND ' || c.name, 'centreName', 'Trung tâm Phục vụ hành chính công ' || c.name,
         'province', jsonb_build_object('code', p.code, 'name', p.name), 'level', 'commune', 'address', c.name, 'phone', '024 3825 0000',
         'email', 'motcua@hanoi.gov.vn', 'openingHours', '[]'::jsonb)
       FROM bench_communes c, directory_provinces p WHERE p.code = $1`,
      [PROVINCE],
    );
    await tx.query('UPDATE directory_units d SET agency_code = c.agency FROM bench_communes c WHERE d.code = c.unit');
    // Dossier g of commune i: submitted evenly over the year; r decides the outcome, c the channel (pseudo-random mix).
    await tx.query(
      `INSERT INTO dossiers (code, agency_code, procedure_code, procedure_name, status, channel, result_delivery, submitted_at,
         received_at, due_at, finished_at, returned_at, ended_at, steps, applicant_name, phone, generated)
       SELECT c.agency || '-' || g, c.agency, '1.001193', 'Đăng ký khai sinh',
         CASE WHEN r < 3 THEN 'withdrawn' WHEN r < 5 THEN 'not_accepted' WHEN r < 8 THEN 'supplement_requested'
              WHEN r < 12 THEN 'in_progress' ELSE 'returned' END,
         CASE WHEN ch < 6 THEN 'online' WHEN ch < 9 THEN 'direct' ELSE 'postal' END, 'direct',
         sub, sub, sub + interval '7 days',
         CASE WHEN r >= 12 THEN sub + (r % 10) * interval '1 day' + interval '2 hours' END,
         CASE WHEN r >= 12 THEN sub + (r % 10 + 1) * interval '1 day' END,
         CASE WHEN r < 3 THEN sub + interval '1 day' WHEN r < 5 THEN sub + interval '2 hours'
              WHEN r >= 12 THEN sub + (r % 10 + 1) * interval '1 day' END,
         '[]'::jsonb, 'Nguyễn Văn An', '0905123456', false
       FROM bench_communes c, generate_series(0, $1::int - 1) g,
         LATERAL (SELECT timestamptz '2025-10-01 01:00:00+00' + (g::float8 / $1::int) * interval '365 days' + c.i * interval '37 seconds' AS sub,
                         (g * 7919 + c.i * 104729) % 100 AS r, (g * 31 + c.i * 17) % 10 AS ch) x`,
      [PER_COMMUNE],
    );
    await tx.query('ALTER TABLE ratings DISABLE TRIGGER ratings_seq');
    await tx.query(
      `INSERT INTO ratings (id, idempotency_key, body_hash, agency_code, dossier_code, overall, channel, rated_at, received_at, seq)
       SELECT 'r-' || code, 'k-' || code, 'bench', agency_code, code,
         CASE WHEN n % 10 < 6 THEN 'very_satisfied' WHEN n % 10 < 9 THEN 'satisfied' ELSE 'not_satisfied' END,
         'online', returned_at, returned_at, n
       FROM (SELECT code, agency_code, returned_at, row_number() OVER () AS n FROM dossiers WHERE returned_at IS NOT NULL) d
       WHERE n % 3 = 0`,
    );
    await tx.query('ALTER TABLE ratings ENABLE TRIGGER ratings_seq');
    await tx.query('UPDATE ratings_counter SET value = (SELECT COALESCE(max(seq), 0) FROM ratings)');
    await bumpCatalogVersion(tx);
  });
  await db.exec('ANALYZE');
}

async function measure(db: Db, log: (...a: unknown[]) => void, name: string): Promise<Record<string, number | string>> {
  const t0 = performance.now();
  await generate(db);
  const generateMs = performance.now() - t0;
  const [counts] = await db.query<{ dossiers: number; ratings: number }>(
    'SELECT (SELECT count(*)::int FROM dossiers) AS dossiers, (SELECT count(*)::int FROM ratings) AS ratings',
  );
  log(`${name}: ${counts?.dossiers} dossiers, ${counts?.ratings} ratings generated in ${Math.round(generateMs)} ms`);
  const { app, close } = createApp({ db, calendar: EMPTY_CALENDAR, allowedOrigins: [], now: () => NOW });
  try {
    const path = `/api/v1/provinces/${PROVINCE}/stats?from=${FROM}&to=${TO}`;
    const stats = async (): Promise<{ communes: number; received: number }> => {
      const res = await app.request(path);
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { communes: unknown[]; received: { total: number } };
      return { communes: body.communes.length, received: body.received.total };
    };
    const count = async (): Promise<number> =>
      Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers'))[0]?.n ?? 0);
    const first = await stats();
    await count();
    const statsMs: number[] = [];
    const countMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await stats();
      statsMs.push(performance.now() - t);
      t = performance.now();
      await count();
      countMs.push(performance.now() - t);
    }
    const s = median(statsMs);
    const c = median(countMs);
    log(`${name}: stats ${round(s)} ms (runs ${statsMs.map(round).join(', ')}), count(*) ${round(c)} ms`);
    return {
      dossiers: counts?.dossiers ?? 0,
      ratings: counts?.ratings ?? 0,
      communes: first.communes,
      receivedInPeriod: first.received,
      generateMs: Math.round(generateMs),
      statsMedianMs: round(s),
      statsRunsMs: statsMs.map(round).join(', '),
      countMedianMs: round(c),
      ratioToCount: Math.round((s / c) * 10) / 10,
    };
  } finally {
    close();
  }
}

export default async function provinceStats(
  { log }: { log: (...a: unknown[]) => void } = { log: console.error },
): Promise<Record<string, Record<string, number | string> | string>> {
  const out: Record<string, Record<string, number | string> | string> = {};
  const pglite = await openDb({ dataDir: 'memory://' });
  try {
    out.pglite = await measure(pglite, log, 'pglite');
  } finally {
    await pglite.close();
  }
  if (process.env.DATABASE_URL) {
    const schema = `motcua_bench_${randomBytes(6).toString('hex')}`;
    const pg = await openDb({ databaseUrl: process.env.DATABASE_URL, schema, statementTimeoutMs: 600_000 });
    try {
      out.postgres = await measure(pg, log, 'postgres');
    } finally {
      await pg.exec(`DROP SCHEMA ${schema} CASCADE`);
      await pg.close();
    }
  } else out.postgres = 'not run (DATABASE_URL not set)';
  out.note = `GET /provinces/${PROVINCE}/stats?from=${FROM}&to=${TO} over ${COMMUNES} communes × ${PER_COMMUNE.toLocaleString('en-US')} dossiers, median of ${RUNS} after a warm-up; ratio to SELECT count(*) over the same dossiers`;
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await provinceStats(), null, 2));
