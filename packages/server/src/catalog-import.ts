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
import { unavailableKind } from './db-errors.js';
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
  /** Line number of each procedure (same order). */
  lines: number[];
  errors: CatalogLineError[];
}

/** Characters PostgreSQL refuses in text (NUL), other control characters, and lone UTF-16 surrogates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSTORABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first string field (deep) holding a character that cannot be stored, as a dotted path. */
function unstorableField(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path || '(value)' : undefined;
  if (depth > 4 || typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = unstorableField(item, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return undefined;
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
  const lines: number[] = [];
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
    const unstorable = unstorableField(row, '');
    if (unstorable) return void errors.push({ line, message: `field ${unstorable} holds a control character or broken Unicode` });
    const code = text(row.code, 20);
    const name = text(row.name, 1000);
    const id = text(row.id, 64);
    if (!CODE.test(code)) return void errors.push({ line, message: `invalid procedure code ${JSON.stringify(row.code)}` });
    if (!name) return void errors.push({ line, message: 'missing name' });
    if (!UUID.test(id)) return void errors.push({ line, message: 'missing or invalid id' });
    if (seen.has(code)) return void errors.push({ line, message: `duplicate code ${code}` });
    seen.add(code);
    lines.push(line);
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
  return { procedures, lines, errors };
}

export function readCatalogFile(path: string): string {
  const buffer = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(buffer) : buffer).toString('utf8');
}

/** Procedures per transaction; a batch the database refuses is retried one procedure at a time. */
const CHUNK = 500;

/**
 * Imports a catalog into the database; `agencies` get every imported procedure in their list. A bad line is reported
 * (line number, reason) and the others are imported: lines the parser refuses, and rows the database refuses (found by
 * retrying a refused batch one row at a time). An unknown agency is refused before anything is written; a database
 * that is down or full stops the import (error thrown).
 */
export async function importCatalog(
  db: Db,
  content: string,
  agencies: readonly string[] = [],
): Promise<{ imported: number; errors: CatalogLineError[] }> {
  for (const agency of agencies) {
    const exists = await db.query('SELECT 1 FROM agencies WHERE code = $1', [agency]);
    if (exists.length === 0) throw new Error(`unknown agency ${agency}`);
  }
  const { procedures, lines, errors } = parseCatalogJsonl(content);
  const stored: Procedure[] = [];
  for (let i = 0; i < procedures.length; i += CHUNK) {
    const chunk = procedures.slice(i, i + CHUNK);
    try {
      await db.transaction((tx) => upsertProcedures(tx, chunk));
      stored.push(...chunk);
    } catch (error) {
      if (unavailableKind(error)) throw error;
      for (const [j, procedure] of chunk.entries()) {
        try {
          await db.transaction((tx) => upsertProcedures(tx, [procedure]));
          stored.push(procedure);
        } catch (rowError) {
          if (unavailableKind(rowError)) throw rowError;
          const reason = rowError instanceof Error ? rowError.message : String(rowError);
          errors.push({ line: lines[i + j] ?? 0, message: `refused by the database: ${reason}` });
        }
      }
    }
  }
  await db.transaction(async (tx) => {
    for (const agency of agencies)
      await linkProcedures(
        tx,
        agency,
        stored.map((p) => p.code),
      );
    await bumpCatalogVersion(tx);
  });
  errors.sort((a, b) => a.line - b.line);
  return { imported: stored.length, errors };
}
