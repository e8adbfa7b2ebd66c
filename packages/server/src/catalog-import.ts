/**
 * `motcua-server import-catalog FILE`: loads a national-catalog JSONL file (one procedure per line, the format the
 * National Public Service Portal's catalogue API returns; `.gz` accepted) as catalog-only procedures.
 * Fields read: `id` (portal UUID), `code`, `name`, `categories[0]` (sector), `departments[]`, `formalityTargetType[]`,
 * `type` (STANDARD | SPECIFIC | …), `state` (rows with DELETED are skipped). Other fields are ignored.
 * @module
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Procedure, ProcedureLevel } from '@motcua/sdk/schemas';
import type { Db } from './db.js';
import { bumpCatalogVersion, linkProcedures, upsertProcedures } from './store.js';

export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐÐ]/g, 'd')
    .toLowerCase();
}

/** Sector code from a name, when the source has none: a stable slug, e.g. `ho-tich`. */
export function sectorSlug(name: string): string {
  return (
    fold(name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 64) || 'khac'
  );
}

const CODE = /^\d\.\d{6}(\.\d{2})?$/;
const UUID = /^[0-9a-f-]{8,64}$/i;

export interface CatalogLineError {
  line: number;
  message: string;
}

export interface ParsedCatalog {
  procedures: Procedure[];
  errors: CatalogLineError[];
}

const text = (v: unknown, max: number): string => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim().slice(0, max) : '');
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.trim()) : [];

function levelsOf(departments: readonly string[]): ProcedureLevel[] {
  const d = fold(departments.join(';'));
  const levels: ProcedureLevel[] = [];
  if (/cap xa|xa, phuong/.test(d)) levels.push('commune');
  if (/cap tinh|(^|;)so /.test(d)) levels.push('province');
  if (/(^|;)bo /.test(d)) levels.push('ministry');
  if (levels.length === 0) levels.push('other');
  return levels;
}

/** Parses national-catalog JSONL. Bad lines are reported, not fatal. */
export function parseCatalogJsonl(content: string): ParsedCatalog {
  const procedures: Procedure[] = [];
  const errors: CatalogLineError[] = [];
  const seen = new Set<string>();
  content.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    let row: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      row = parsed as Record<string, unknown>;
    } catch (error) {
      errors.push({ line, message: `invalid JSON: ${(error as Error).message}` });
      return;
    }
    if (row.state === 'DELETED') return;
    const code = text(row.code, 20);
    const name = text(row.name, 1000);
    const id = text(row.id, 64);
    if (!CODE.test(code)) return void errors.push({ line, message: `invalid procedure code ${JSON.stringify(row.code)}` });
    if (!name) return void errors.push({ line, message: 'missing name' });
    if (!UUID.test(id)) return void errors.push({ line, message: 'missing or invalid id' });
    if (seen.has(code)) return void errors.push({ line, message: `duplicate code ${code}` });
    seen.add(code);
    const sectorName = text(strings(row.categories)[0], 300) || 'Khác';
    const departments = strings(row.departments);
    procedures.push({
      code,
      name,
      sector: { code: sectorSlug(sectorName), name: sectorName },
      levels: levelsOf(departments),
      onlineService: 'partial',
      processingTime: null,
      feeSummary: null,
      kind: row.type === 'SPECIFIC' ? 'local' : 'national',
      id,
      cases: [],
      channels: [],
      steps: [],
      componentGroups: [],
      requirements: '',
      legalBasis: [],
      results: [],
      implementingUnits: departments,
      applicantTypes: strings(row.formalityTargetType),
      detailed: false,
      portalUrl: `https://dichvucong.gov.vn/thu-tuc-hanh-chinh/${id}`,
      updatedAt: new Date(0).toISOString(),
    });
  });
  return { procedures, errors };
}

export function readCatalogFile(path: string): string {
  const buffer = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(buffer) : buffer).toString('utf8');
}

/** Imports a catalog into the database; `agencies` get every imported procedure in their list. */
export async function importCatalog(
  db: Db,
  content: string,
  agencies: readonly string[] = [],
): Promise<{ imported: number; errors: CatalogLineError[] }> {
  const { procedures, errors } = parseCatalogJsonl(content);
  await db.transaction(async (tx) => {
    await upsertProcedures(tx, procedures);
    for (const agency of agencies) {
      const exists = await tx.query('SELECT 1 FROM agencies WHERE code = $1', [agency]);
      if (exists.length === 0) throw new Error(`unknown agency ${agency}`);
      await linkProcedures(
        tx,
        agency,
        procedures.map((p) => p.code),
      );
    }
    await bumpCatalogVersion(tx);
  });
  return { imported: procedures.length, errors };
}
