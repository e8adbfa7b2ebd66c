/**
 * Migrations, seeding and catalog import.
 * @module
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Agency, Procedure, ProcedureSummary } from '@motcua/sdk/schemas';
import type { Db, Queryable } from './db.js';
import {
  generateDay,
  generateDemoDossiers,
  type DossierRow,
  type GeneratorAgency,
  type ProcedureRef,
  type RatingRow,
} from './generator.js';
import { addDays, type HolidayCalendar, vnDate } from './working-hours.js';
import { attachAgencies, loadDirectory } from './directory.js';
import { startPhase } from './start-log.js';

export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
export const SEED_DIR = fileURLToPath(new URL('../seed/', import.meta.url));
/** Days of generated dossier history per agency, ending today. */
export const HISTORY_DAYS = 90;
const LOCK_KEY = 72617;

/**
 * Takes the migrations' and seeding's lock for the transaction `tx`. Waiting for it means another instance is migrating
 * or storing a day's generated history (tens of seconds on a loaded machine), not a slow statement, so the wait is a
 * series of instant tries (`pg_try_advisory_xact_lock`, 20 → 250 ms apart): neither the server's statement timeout
 * nor the client's read timeout (statement timeout + 2 s) can end this instance's start while it waits, and every
 * statement keeps its timeouts. The holder's own timeouts bound the wait.
 */
async function takeStoreLock(tx: Queryable): Promise<void> {
  for (let pause = 20; ; pause = Math.min(pause * 2, 250)) {
    const [row] = await tx.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [LOCK_KEY]);
    if (row?.locked) return;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/**
 * One migration step: a transaction under the migrations' lock, working in the database's own schema. On PostgreSQL
 * with a schema, the step names it for itself (SET LOCAL search_path) and checks that it is the schema in use: a
 * connection that does not see the schema yet would otherwise create the tables in `public` (CI saw one connection
 * apply 13 migrations to `public` while the other applied them to the new schema). Such a step is retried briefly,
 * then refused with a clear error; nothing is ever migrated into another schema.
 */
async function inMigrationTx<T>(db: Db, step: (tx: Queryable) => Promise<T>): Promise<T> {
  const schema = db.kind === 'postgres' ? db.schema : undefined;
  for (let attempt = 1; ; attempt++) {
    const result = await db.transaction(async (tx) => {
      await takeStoreLock(tx);
      if (schema !== undefined) {
        await tx.exec(`SET LOCAL search_path TO ${schema}, public`);
        const [row] = await tx.query<{ current: string | null }>('SELECT current_schema() AS current');
        if (row?.current !== schema) return { visible: false as const, seen: row?.current ?? null };
      }
      return { visible: true as const, value: await step(tx) };
    });
    if (result.visible) return result.value;
    if (attempt >= MIGRATION_SCHEMA_ATTEMPTS)
      throw new Error(
        `migrations: schema ${String(schema)} is not visible to this connection (its current schema is ${String(result.seen)}); nothing was migrated`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const MIGRATION_SCHEMA_ATTEMPTS = 30;

/** Runs the `.sql` files of `migrations/` not yet applied, in name order, each in a transaction. Returns the names applied. */
export async function migrate(db: Db, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  // PGlite (one process per folder): a database that has every migration (every start but the first after an upgrade)
  // is told so by one read, without the lock and a transaction per file; anything missing (or no table yet) goes the
  // locked way below. (Not on PostgreSQL, where a schema's missing table would resolve to public's by the search path.)
  if (db.kind === 'pglite') {
    const present = await db.query<{ name: string }>('SELECT name FROM motcua_migrations').then(
      (rows) => new Set(rows.map((r) => r.name)),
      () => new Set<string>(),
    );
    if (files.every((f) => present.has(f))) return [];
  }
  // Under the same lock as the migrations: two instances starting at once on an empty database would otherwise race on
  // CREATE TABLE IF NOT EXISTS (PostgreSQL then fails one with a duplicate key in pg_type; seen in CI).
  await inMigrationTx(db, (tx) =>
    tx.exec('CREATE TABLE IF NOT EXISTS motcua_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())'),
  );
  const applied: string[] = [];
  for (const name of files) {
    const done = await inMigrationTx(db, async (tx) => {
      const rows = await tx.query('SELECT 1 FROM motcua_migrations WHERE name = $1', [name]);
      if (rows.length > 0) return false;
      await tx.exec(readFileSync(`${dir}/${name}`, 'utf8'));
      await tx.query('INSERT INTO motcua_migrations (name) VALUES ($1)', [name]);
      return true;
    });
    if (done) applied.push(name);
  }
  return applied;
}

// ------------------------------------------------------------------ seed files

export interface SeedAgency extends Omit<Agency, 'procedureCount'> {
  /** Mean dossiers per working day, for the generator. */
  dailyVolume?: number;
}

export function readSeedProcedures(dir: string = SEED_DIR): Procedure[] {
  return JSON.parse(gunzipSync(readFileSync(`${dir}/procedures.json.gz`)).toString('utf8')) as Procedure[];
}

export function readSeedAgencies(dir: string = SEED_DIR): SeedAgency[] {
  return JSON.parse(readFileSync(`${dir}/agencies.json`, 'utf8')) as SeedAgency[];
}

export function summaryOf(p: Procedure): ProcedureSummary {
  return {
    code: p.code,
    name: p.name,
    sector: p.sector,
    levels: p.levels,
    onlineService: p.onlineService,
    processingTime: p.processingTime,
    feeSummary: p.feeSummary,
    kind: p.kind,
  };
}

async function insertJsonRows(
  tx: Queryable,
  sql: string,
  rows: readonly unknown[],
  batch = 500,
  extra: readonly unknown[] = [],
): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) await tx.query(sql, [JSON.stringify(rows.slice(i, i + batch)), ...extra]);
}

/** Inserts or updates procedures; detailed records are never replaced by catalog-only ones. */
export async function upsertProcedures(tx: Queryable, procedures: readonly Procedure[]): Promise<void> {
  const rows = procedures.map((p) => ({
    code: p.code,
    name: p.name,
    sector_code: p.sector.code,
    sector_name: p.sector.name,
    online_service: p.onlineService,
    detailed: p.detailed,
    summary: summaryOf(p),
    data: p,
    updated_at: p.updatedAt,
  }));
  await insertJsonRows(
    tx,
    `INSERT INTO procedures (code, name, sector_code, sector_name, online_service, detailed, search, summary, data, updated_at)
     SELECT code, name, sector_code, sector_name, online_service, detailed, lower(unaccent(name)), summary, data, updated_at
     FROM jsonb_to_recordset($1::jsonb) AS x(code text, name text, sector_code text, sector_name text, online_service text,
       detailed boolean, summary jsonb, data jsonb, updated_at timestamptz)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, sector_code = excluded.sector_code, sector_name = excluded.sector_name,
       online_service = excluded.online_service, detailed = excluded.detailed, search = excluded.search, summary = excluded.summary,
       data = excluded.data, updated_at = excluded.updated_at
     WHERE excluded.detailed OR NOT procedures.detailed`,
    rows,
  );
}

export async function linkProcedures(tx: Queryable, agency: string, codes: readonly string[]): Promise<void> {
  await insertJsonRows(
    tx,
    `INSERT INTO agency_procedures (agency_code, procedure_code)
     SELECT $2::text, code FROM jsonb_array_elements_text($1::jsonb) AS x(code)
     ON CONFLICT DO NOTHING`,
    codes,
    2000,
    [agency],
  );
}

async function setMeta(tx: Queryable, key: string, value: string): Promise<void> {
  await tx.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
}

/**
 * Marks the catalog as changed: every write of procedures, agencies or agency lists calls this in its transaction, and
 * the servers' in-memory caches (serialised catalog, agency list, procedure records) revalidate against this value.
 * A random value, so two writes never share a version (not even in the same millisecond, from two processes).
 */
export async function bumpCatalogVersion(tx: Queryable): Promise<void> {
  await setMeta(tx, 'catalog_version', randomUUID());
}

export async function getMeta(db: Queryable, key: string): Promise<string | undefined> {
  const rows = await db.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
  return rows[0]?.value;
}

/**
 * Relative daily share of the demo's dossiers per procedure (a commune's usual mix: certified copies far ahead, then
 * birth, civil-status copies, single-status certificates, residence, signatures…). Every other certification counts
 * 1.5, other procedures with published details 1, the rest 0.15. The catalog's `dossierCount` (and so the search's
 * popularity weight and the lookup's common-procedure tiles) comes from the dossiers generated with these shares.
 */
const POPULAR: Record<string, number> = {
  '2.000815': 30, // chứng thực bản sao
  '1.001193': 14, // khai sinh
  '2.000635': 12, // bản sao trích lục
  '2.000884': 12, // chứng thực chữ ký
  '1.004873': 10, // xác nhận tình trạng hôn nhân
  '1.004194': 7, // tạm trú
  '1.000894': 6, // kết hôn
  '1.004222': 6, // thường trú
  '2.001035': 5, // chứng thực giao dịch (đất, nhà)
  '1.000656': 4, // khai tử
  '1.010041': 4, // xác nhận thông tin về cư trú
  '1.001612': 4, // đăng ký hộ kinh doanh
  '1.002755': 3, // gia hạn tạm trú
  '1.014061': 3, // cấp thẻ căn cước
  '1.003197': 2, // xóa đăng ký thường trú
  '1.012753': 2, // đăng ký đất đai, cấp giấy chứng nhận lần đầu
};

/**
 * The processing time due dates are counted with. A summary time in `day` whose case (or text) says the same number of
 * `ngày làm việc` is working days: the summary lost the unit, and calendar days would give a due date too early.
 */
export function dueDateTime(p: Procedure): { value: number; unit: string } | null {
  const t = p.processingTime;
  if (!t) return /chứng thực/i.test(p.sector.name) ? { value: 1, unit: 'working_day' } : null;
  if (t.unit !== 'day') return { value: t.value, unit: t.unit };
  const working =
    p.cases.some((c) => c.processingTime?.unit === 'working_day' && c.processingTime.value === t.value) ||
    new RegExp(`(^|\\D)${t.value} ngày làm việc`).test(t.text ?? '');
  return { value: t.value, unit: working ? 'working_day' : 'day' };
}

export function procedureRefs(procedures: readonly Procedure[]): ProcedureRef[] {
  return procedures.map((p) => ({
    code: p.code,
    name: p.name,
    sectorName: p.sector.name,
    processingTime: dueDateTime(p),
    feeMaxVnd: p.feeSummary?.maxVnd ?? null,
    weight: POPULAR[p.code] ?? (/chứng thực/i.test(p.sector.name) ? 1.5 : p.detailed ? 1 : 0.15),
  }));
}

export interface SeedResult {
  seeded: boolean;
  dossiers: number;
  regenerated: boolean;
  /** Production mode: generated (demo) dossiers removed from a database that had been used in demo mode. */
  removedDemo: number;
}

export interface SeedOptions {
  /**
   * `true` (demo mode): generate the dossier history (and the demo dossiers) for today; refused on a database that holds
   * real (not generated) dossiers. `false` (production mode): no dossier is generated, and generated ones left by an
   * earlier demo run are removed, so that demo data never sits beside real data. Undefined (default): agencies and
   * catalog only, dossiers untouched (maintenance commands such as `import-catalog`).
   */
  demo?: boolean;
  /**
   * Demo mode only: a province (GSO code) whose first 20 communes without an agency get demo agencies (`000.<province>.NN.H17`)
   * and a generated history of {@link DEMO_PROVINCE_DAYS} days, for the provincial demo page. Remembered in `meta`.
   */
  demoProvince?: string;
}

/** Days of generated history of the demo province's communes (shorter than the seed agencies': 20 communes). */
export const DEMO_PROVINCE_DAYS = 35;
/** How many communes of the demo province get a demo agency. */
export const DEMO_PROVINCE_COMMUNES = 20;

/** Demo mode was asked for on a database that holds real dossiers. */
export class DemoOnRealDataError extends Error {
  override readonly name = 'DemoOnRealDataError';
  constructor(readonly realDossiers: number) {
    super(
      `refusing demo mode: this database holds ${realDossiers} real (not generated) dossier${realDossiers === 1 ? '' : 's'}, and ` +
        'demo dossiers must never sit beside real data. Start without --demo (and without MOTCUA_DEMO=1) to serve this database, ' +
        'or point the demo at its own database (another MOTCUA_DATA_DIR folder or DATABASE_URL).',
    );
  }
}

async function countRealDossiers(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers WHERE NOT generated');
  return Number(rows[0]?.n ?? 0);
}

/**
 * Seeds agencies and procedures on first start. In demo mode, (re)generates the dossier history when the Vietnam date
 * has changed since the last generation; in production mode removes any generated dossiers. Idempotent; safe with
 * several instances (advisory lock).
 */
export async function seed(
  db: Db,
  calendar: HolidayCalendar,
  now: Date = new Date(),
  seedDir: string = SEED_DIR,
  options: SeedOptions = {},
): Promise<SeedResult> {
  const demo = options.demo;
  const today = vnDate(now);
  // The agency directory (provinces, communes/wards, former names) is loaded once, in every mode.
  await loadDirectory(db, seedDir);
  startPhase('seed: agency directory');
  const state = await getMeta(db, 'seeded');
  const dossiersFor = await getMeta(db, 'dossiers_for');
  // A demo province asked for that this database has not generated yet: regenerate today's history with it.
  const provincePending = async (q: Queryable): Promise<boolean> =>
    Boolean(demo && options.demoProvince && (await getMeta(q, 'demo_province')) !== options.demoProvince);
  if (demo) {
    const real = await countRealDossiers(db);
    startPhase('seed: real dossiers counted');
    if (real > 0) throw new DemoOnRealDataError(real);
    if (state && dossiersFor === today && !(await provincePending(db)))
      return { seeded: false, dossiers: 0, regenerated: false, removedDemo: 0 };
  } else if (state && (demo === undefined || dossiersFor === undefined)) {
    return { seeded: false, dossiers: 0, regenerated: false, removedDemo: 0 };
  }
  const procedures = readSeedProcedures(seedDir);
  const seedAgencies = readSeedAgencies(seedDir);
  const demoProvince = demo ? (options.demoProvince ?? (await getMeta(db, 'demo_province'))) : undefined;
  const provinceAgencies = demoProvince ? await demoProvinceAgencies(db, demoProvince, seedAgencies) : [];
  const agencies = seedAgencies;
  // Computed before the transaction opens: seconds of JavaScript inside it would count as "idle in transaction" on
  // PostgreSQL (ended after MOTCUA_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS).
  const codeSecret = demo ? await codeSecretOf(db) : undefined;
  const history =
    codeSecret !== undefined && (dossiersFor !== today || (await provincePending(db)))
      ? generateHistory(
          agencies,
          procedures,
          calendar,
          now,
          codeSecret,
          provinceAgencies.map((p) => p.agency),
        )
      : undefined;
  startPhase('seed: history generated');
  return db.transaction(async (tx) => {
    await takeStoreLock(tx);
    let seeded = false;
    if (!(await getMeta(tx, 'seeded'))) {
      await insertJsonRows(
        tx,
        `INSERT INTO agencies (code, position, data) SELECT code, position, data
         FROM jsonb_to_recordset($1::jsonb) AS x(code text, position int, data jsonb) ON CONFLICT (code) DO NOTHING`,
        agencies.map((a, i) => {
          const { dailyVolume: _volume, ...data } = a;
          return { code: a.code, position: i, data };
        }),
      );
      await upsertProcedures(tx, procedures);
      for (const a of agencies)
        await linkProcedures(
          tx,
          a.code,
          procedures.map((p) => p.code),
        );
      await setMeta(tx, 'seeded', now.toISOString());
      await bumpCatalogVersion(tx);
      seeded = true;
      startPhase('seed: agencies and catalog stored');
    }
    if (demo === undefined) return { seeded, dossiers: 0, regenerated: false, removedDemo: 0 };
    if (!demo) {
      if ((await getMeta(tx, 'dossiers_for')) === undefined) return { seeded, dossiers: 0, regenerated: false, removedDemo: 0 };
      // Ratings of generated dossiers (the generated ones and those given on the demo site) go with them.
      await tx.query("DELETE FROM ratings WHERE body_hash = 'generated' OR dossier_code IN (SELECT code FROM dossiers WHERE generated)");
      const removed = await tx.query<{ n: number }>(
        'WITH d AS (DELETE FROM dossiers WHERE generated RETURNING 1) SELECT count(*)::int AS n FROM d',
      );
      await tx.query("DELETE FROM meta WHERE key = 'dossiers_for'");
      return { seeded, dossiers: 0, regenerated: false, removedDemo: Number(removed[0]?.n ?? 0) };
    }
    const real = await countRealDossiers(tx);
    if (real > 0) throw new DemoOnRealDataError(real);
    if ((await getMeta(tx, 'dossiers_for')) === today && !(await provincePending(tx)))
      return { seeded, dossiers: 0, regenerated: false, removedDemo: 0 };
    if (demoProvince && provinceAgencies.length > 0) {
      await insertJsonRows(
        tx,
        `INSERT INTO agencies (code, position, data) SELECT code, position, data
         FROM jsonb_to_recordset($1::jsonb) AS x(code text, position int, data jsonb) ON CONFLICT (code) DO NOTHING`,
        provinceAgencies.map(({ agency }, i) => {
          const { dailyVolume: _volume, ...data } = agency;
          return { code: agency.code, position: 1000 + i, data };
        }),
      );
      for (const { agency } of provinceAgencies)
        await linkProcedures(
          tx,
          agency.code,
          procedures.map((p) => p.code),
        );
      await attachAgencies(
        tx,
        provinceAgencies.map(({ unit, agency }) => ({ unit, agency: agency.code })),
      );
      await setMeta(tx, 'demo_province', demoProvince);
    }
    const count = await storeHistory(
      tx,
      history ??
        generateHistory(
          agencies,
          procedures,
          calendar,
          now,
          codeSecret ?? (await codeSecretOf(tx)),
          provinceAgencies.map((p) => p.agency),
        ),
    );
    await setMeta(tx, 'dossiers_for', today);
    return { seeded, dossiers: count, regenerated: true, removedDemo: 0 };
  });
}

const VOLUMES = [45, 72, 88, 60, 35];

/**
 * The demo agencies of the demo province: its first {@link DEMO_PROVINCE_COMMUNES} communes/wards (directory order) that
 * no seed agency serves, each with an e-ID `000.<province>.<10+i>.H17` (a demo value, not a real one-stop e-ID).
 */
async function demoProvinceAgencies(
  db: Queryable,
  province: string,
  seedAgencies: readonly SeedAgency[],
): Promise<Array<{ unit: string; agency: SeedAgency }>> {
  const rows = await db.query<{ code: string; name: string; province_name: string }>(
    `SELECT u.code, u.name, p.name AS province_name FROM directory_units u JOIN directory_provinces p ON p.code = u.province_code
     WHERE u.province_code = $1 AND (u.agency_code IS NULL OR u.agency_code LIKE '000.' || $1 || '.%') ORDER BY u.position LIMIT $2`,
    [province, DEMO_PROVINCE_COMMUNES],
  );
  const hours = seedAgencies[0]?.openingHours ?? [];
  const lower = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);
  return rows.map((row, i) => {
    const level = /^Phường/.test(row.name) ? 'ward' : /^Đặc khu/.test(row.name) ? 'special_zone' : 'commune';
    return {
      unit: row.code,
      agency: {
        code: `000.${province}.${String(10 + i).padStart(2, '0')}.H17`,
        name: `UBND ${lower(row.name)}`,
        centreName: `Trung tâm Phục vụ hành chính công ${lower(row.name)}`,
        province: { code: province, name: row.province_name },
        level,
        address: `${row.name}, ${lower(row.province_name)}`,
        phone: '',
        openingHours: hours,
        dailyVolume: 20,
      },
    };
  });
}

/**
 * The secret of this database's generated dossier codes: generated codes carry a check part keyed by it (made once, kept
 * across regenerations, so a dossier keeps its code), so walking the national format finds none of them. The fixed demo
 * dossiers have none. Two instances starting at once agree on one (insert if missing, then read).
 */
async function codeSecretOf(q: Queryable): Promise<string> {
  await q.query("INSERT INTO meta (key, value) VALUES ('code_secret', $1) ON CONFLICT (key) DO NOTHING", [
    randomBytes(24).toString('base64url'),
  ]);
  const secret = await getMeta(q, 'code_secret');
  if (!secret) throw new Error('code_secret missing after insert');
  return secret;
}

/** The generated history and demo dossiers for the day of `now` (pure computation, no database). */
function generateHistory(
  agencies: readonly SeedAgency[],
  procedures: readonly Procedure[],
  calendar: HolidayCalendar,
  now: Date,
  codeSecret: string,
  provinceAgencies: readonly SeedAgency[] = [],
): { dossiers: DossierRow[]; ratings: RatingRow[] } {
  const refs = procedureRefs(procedures);
  const today = vnDate(now);
  const dossiers: DossierRow[] = [];
  const ratings: RatingRow[] = [];
  agencies.forEach((agency, i) => {
    const generatorAgency: GeneratorAgency = { code: agency.code, dailyVolume: agency.dailyVolume ?? VOLUMES[i % VOLUMES.length] ?? 50 };
    for (let d = HISTORY_DAYS - 1; d >= 0; d--) {
      const day = generateDay(generatorAgency, addDays(today, -d), refs, calendar, now, codeSecret);
      dossiers.push(...day.dossiers);
      ratings.push(...day.ratings);
    }
  });
  for (const agency of provinceAgencies) {
    const generatorAgency: GeneratorAgency = { code: agency.code, dailyVolume: agency.dailyVolume ?? 20 };
    for (let d = DEMO_PROVINCE_DAYS - 1; d >= 0; d--) {
      const day = generateDay(generatorAgency, addDays(today, -d), refs, calendar, now, codeSecret);
      dossiers.push(...day.dossiers);
      ratings.push(...day.ratings);
    }
  }
  dossiers.push(...generateDemoDossiers(new Map(refs.map((r) => [r.code, r])), calendar, now));
  return { dossiers, ratings };
}

async function storeHistory(tx: Queryable, { dossiers, ratings }: { dossiers: DossierRow[]; ratings: RatingRow[] }): Promise<number> {
  await tx.query('DELETE FROM dossiers WHERE generated');
  await tx.query("DELETE FROM ratings WHERE body_hash = 'generated'");
  await insertDossiers(tx, dossiers);
  startPhase(`seed: ${dossiers.length} dossiers stored`);
  // The ratings' numbers (export order) are taken with one update of the counter, not one per row by the trigger.
  const [taken] = await tx.query<{ value: number }>(
    'UPDATE ratings_counter SET value = value + $1 WHERE id = 1 RETURNING value::float8 AS value',
    [ratings.length],
  );
  const first = Number(taken?.value ?? 0) - ratings.length + 1;
  await insertJsonRows(
    tx,
    `INSERT INTO ratings (id, idempotency_key, body_hash, agency_code, dossier_code, overall, channel, rated_at, received_at, seq)
     SELECT id, idempotency_key, body_hash, agency_code, dossier_code, overall, channel, rated_at, received_at, seq
     FROM jsonb_to_recordset($1::jsonb) AS x(id text, idempotency_key text, body_hash text, agency_code text, dossier_code text,
       overall text, channel text, rated_at timestamptz, received_at timestamptz, seq bigint)
     ON CONFLICT DO NOTHING`,
    ratings.map((r, i) => ({ ...r, seq: first + i })),
    2000,
  );
  startPhase(`seed: ${ratings.length} ratings stored`);
  return dossiers.length;
}

export async function insertDossiers(tx: Queryable, dossiers: readonly DossierRow[]): Promise<void> {
  await insertJsonRows(
    tx,
    `INSERT INTO dossiers (code, agency_code, procedure_code, procedure_name, status, channel, result_delivery, submitted_at, received_at,
       due_at, finished_at, returned_at, ended_at, pending, reason, steps, applicant_name, phone, demo, generated)
     SELECT code, agency_code, procedure_code, procedure_name, status, channel, result_delivery, submitted_at, received_at,
       due_at, finished_at, returned_at, ended_at, pending, reason, steps, applicant_name, phone, demo, true
     FROM jsonb_to_recordset($1::jsonb) AS x(code text, agency_code text, procedure_code text, procedure_name text, status text,
       channel text, result_delivery text, submitted_at timestamptz, received_at timestamptz, due_at timestamptz,
       finished_at timestamptz, returned_at timestamptz, ended_at timestamptz, pending jsonb, reason text, steps jsonb,
       applicant_name text, phone text, demo boolean)
     ON CONFLICT (code) DO NOTHING`,
    dossiers,
    1000,
  );
}
