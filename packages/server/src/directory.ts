/**
 * The agency directory: provinces and communes/wards with GSO codes and former names (seed file
 * `seed/admin-units.json`, transformed from the shared reference data with its attribution), and the agency e-IDs a
 * deployment attaches to them (`motcua-server agencies import FILE.csv`).
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import type { AdminUnit, Province } from '@motcua/sdk/schemas';
import type { Db, Queryable } from './db.js';
import { bumpCatalogVersion, readSeedAgencies, SEED_DIR } from './store.js';

export interface DirectorySeed {
  _source: string;
  _licence: string;
  provinces: Array<Province & { formerly: string }>;
  units: Array<Omit<AdminUnit, 'agency' | 'via'>>;
}

export function readDirectorySeed(dir: string = SEED_DIR): DirectorySeed {
  return JSON.parse(readFileSync(`${dir}/admin-units.json`, 'utf8')) as DirectorySeed;
}

/** Folds a name for matching an agency's name with its unit (`UBND xã Hòa Vang` ~ `Xã Hoà Vang`). */
const nameKey = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/^ubnd\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Loads the directory on a database that has none yet (any mode), and attaches the seed agencies to their communes
 * (same province, same name). Returns the number of units loaded (0 when the directory was already there).
 */
export async function loadDirectory(db: Db, dir: string = SEED_DIR): Promise<number> {
  if (!existsSync(`${dir}/admin-units.json`)) return 0;
  // Loaded already (every start but the first): one row says so, no need to count them all.
  const present = await db.query<{ loaded: boolean }>('SELECT EXISTS (SELECT 1 FROM directory_units) AS loaded');
  if (present[0]?.loaded) return 0;
  const seedFile = readDirectorySeed(dir);
  const agencies = readSeedAgencies(dir);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(72618)');
    const again = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM directory_units');
    if (Number(again[0]?.n ?? 0) > 0) return 0;
    await tx.query(
      `INSERT INTO directory_provinces (code, name, formerly) SELECT code, name, formerly
       FROM jsonb_to_recordset($1::jsonb) AS x(code text, name text, formerly text) ON CONFLICT (code) DO NOTHING`,
      [JSON.stringify(seedFile.provinces)],
    );
    const byName = new Map(seedFile.units.map((u) => [`${u.province}|${nameKey(u.name)}`, u.code]));
    const attached = new Map<string, string>();
    for (const a of agencies) {
      const unit = byName.get(`${a.province.code}|${nameKey(a.name)}`);
      if (unit) attached.set(unit, a.code);
    }
    const rows = seedFile.units.map((u, i) => ({ ...u, position: i, agency: attached.get(u.code) ?? null }));
    for (let i = 0; i < rows.length; i += 1000)
      await tx.query(
        `INSERT INTO directory_units (code, province_code, position, name, formerly, agency_code)
         SELECT code, province, position, name, formerly, agency FROM jsonb_to_recordset($1::jsonb)
           AS x(code text, province text, position int, name text, formerly jsonb, agency text)
         ON CONFLICT (code) DO NOTHING`,
        [JSON.stringify(rows.slice(i, i + 1000))],
      );
    await bumpCatalogVersion(tx);
    return rows.length;
  });
}

/** The lock every write of the directory's e-IDs takes (the CSV import, the integration API), one at a time. */
const DIRECTORY_WRITE_LOCK = '72618, 1';

export type AttachUnitResult =
  | { ok: true; changed: boolean; unit: { code: string; province: string; name: string }; movedFrom: string | null }
  | { ok: false; reason: 'unknown_unit' | 'other_province' | 'unit_taken'; holder?: string };

/**
 * Attaches one agency e-ID to one unit (the integration API's `PUT /agencies/{agency}/directory-unit`), by the CSV
 * import's rules: the e-ID is on one unit at most (attached elsewhere, it moves); and, unlike a CSV file written by
 * the deployment itself, a unit carrying ANOTHER e-ID is refused (`unit_taken`): one agency's key cannot take over
 * another's commune. `province` (the agency's) must be the unit's. Serialised with the CSV import by one lock, so two
 * agencies racing for a unit end with exactly one holder. Sets a new catalog version when something changed.
 */
export async function attachAgencyToUnit(db: Db, agency: string, gso: string, province: string | null): Promise<AttachUnitResult> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${DIRECTORY_WRITE_LOCK})`);
    const rows = await tx.query<{ code: string; province: string; name: string; agency: string | null }>(
      'SELECT code, province_code AS province, name, agency_code AS agency FROM directory_units WHERE code = $1',
      [gso],
    );
    const row = rows[0];
    if (!row) return { ok: false, reason: 'unknown_unit' };
    if (province !== null && row.province !== province) return { ok: false, reason: 'other_province' };
    const unit = { code: row.code, province: row.province, name: row.name };
    if (row.agency === agency) return { ok: true, changed: false, unit, movedFrom: null };
    if (row.agency !== null) return { ok: false, reason: 'unit_taken', holder: row.agency };
    const moved = await tx.query<{ code: string }>('UPDATE directory_units SET agency_code = NULL WHERE agency_code = $1 RETURNING code', [
      agency,
    ]);
    await tx.query('UPDATE directory_units SET agency_code = $2 WHERE code = $1', [gso, agency]);
    await bumpCatalogVersion(tx);
    return { ok: true, changed: true, unit, movedFrom: moved[0]?.code ?? null };
  });
}

/** Attaches demo agencies (generated for the demo province) to their units. */
export async function attachAgencies(tx: Queryable, pairs: ReadonlyArray<{ unit: string; agency: string }>): Promise<void> {
  if (pairs.length === 0) return;
  await tx.query(`SELECT pg_advisory_xact_lock(${DIRECTORY_WRITE_LOCK})`);
  const json = JSON.stringify(pairs);
  await tx.query(
    `UPDATE directory_units SET agency_code = NULL
     WHERE agency_code IN (SELECT agency FROM jsonb_to_recordset($1::jsonb) AS x(unit text, agency text))`,
    [json],
  );
  await tx.query(
    `UPDATE directory_units d SET agency_code = x.agency FROM jsonb_to_recordset($1::jsonb) AS x(unit text, agency text)
     WHERE d.code = x.unit`,
    [json],
  );
  await bumpCatalogVersion(tx);
}

export interface DirectoryData {
  provinces: Province[];
  units: AdminUnit[];
}

/** The whole directory, in directory order (what the API caches per catalog version). */
export async function readDirectory(db: Queryable): Promise<DirectoryData> {
  const provinces = await db.query<Province>('SELECT code, name FROM directory_provinces ORDER BY code');
  const rows = await db.query<{ code: string; province: string; name: string; formerly: string[]; agency: string | null }>(
    `SELECT code, province_code AS province, name, formerly, agency_code AS agency FROM directory_units ORDER BY position, code`,
  );
  return {
    provinces,
    units: rows.map((r) => ({
      code: r.code,
      province: r.province,
      name: r.name,
      formerly: r.formerly,
      ...(r.agency ? { agency: r.agency } : {}),
    })),
  };
}

// ------------------------------------------------------------------ CSV import

/** Largest CSV accepted by `agencies import` (a country has 3,321 units). */
export const AGENCY_CSV_MAX_BYTES = 1024 * 1024;
export const AGENCY_CSV_MAX_ROWS = 10_000;

export interface CsvProblem {
  line: number;
  message: string;
}

export type AgencyCsvResult = { ok: true; attached: number } | { ok: false; problems: CsvProblem[] };

const E_ID = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
const GSO = /^\d{5}$/;

/**
 * Parses a CSV of `gso_code,agency_code` rows (header required; `,` or `;`; quotes allowed around a field) and
 * attaches each e-ID to its unit. All or nothing: any bad line (unknown unit, malformed code, a unit or an e-ID twice)
 * is reported with its line number and nothing is changed.
 */
export async function importAgencyCsv(db: Db, text: string): Promise<AgencyCsvResult> {
  if (Buffer.byteLength(text, 'utf8') > AGENCY_CSV_MAX_BYTES)
    return { ok: false, problems: [{ line: 0, message: `file larger than ${AGENCY_CSV_MAX_BYTES} bytes` }] };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const problems: CsvProblem[] = [];
  const header = (lines[0] ?? '').split(/[,;]/).map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
  const gsoAt = header.findIndex((h) => h === 'gso_code' || h === 'ma_gso' || h === 'unit');
  const agencyAt = header.findIndex((h) => h === 'agency_code' || h === 'ma_dinh_danh' || h === 'agency');
  if (gsoAt < 0 || agencyAt < 0)
    return { ok: false, problems: [{ line: 1, message: 'header must name the columns gso_code and agency_code' }] };
  const known = new Set((await db.query<{ code: string }>('SELECT code FROM directory_units')).map((r) => r.code));
  const pairs: Array<{ unit: string; agency: string }> = [];
  const units = new Map<string, number>();
  const eids = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!line.trim()) continue;
    if (pairs.length + problems.length >= AGENCY_CSV_MAX_ROWS) {
      problems.push({ line: i + 1, message: `more than ${AGENCY_CSV_MAX_ROWS} rows` });
      break;
    }
    const cells = line.split(/[,;]/).map((c) => c.trim().replace(/^"|"$/g, '').trim());
    const unit = cells[gsoAt] ?? '';
    const agency = cells[agencyAt] ?? '';
    const n = i + 1;
    if (!GSO.test(unit)) problems.push({ line: n, message: `GSO code "${unit.slice(0, 20)}" is not 5 digits` });
    else if (!known.has(unit)) problems.push({ line: n, message: `no commune/ward with GSO code ${unit}` });
    else if (!E_ID.test(agency)) problems.push({ line: n, message: `agency e-ID "${agency.slice(0, 30)}" is not like 000.30.01.H17` });
    else if (units.has(unit)) problems.push({ line: n, message: `GSO code ${unit} already given on line ${units.get(unit)}` });
    else if (eids.has(agency)) problems.push({ line: n, message: `agency e-ID ${agency} already given on line ${eids.get(agency)}` });
    else {
      units.set(unit, n);
      eids.set(agency, n);
      pairs.push({ unit, agency });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  await db.transaction((tx) => attachAgencies(tx, pairs));
  return { ok: true, attached: pairs.length };
}
