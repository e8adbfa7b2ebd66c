/**
 * `motcua-server import-dossiers FILE.csv|FILE.xlsx --agency X`: the dossier register a commune officer keeps in a
 * spreadsheet, read with maintained parsers (papaparse for CSV, exceljs for XLSX), mapped by its Vietnamese column
 * headers, and written through the same upsert as `PUT …/dossiers/{code}` (due dates from the working-day calendar)
 * in ONE transaction: either every good row is written or none is. By default one bad row stops the whole import
 * (nothing written, every refused row listed); `skipBadRows` writes the good rows and still lists every refused one.
 * @module
 */
import { readFileSync, statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import * as z from 'zod/mini';
import { DossierCode } from '@motcua/sdk/schemas';
import { fold } from './catalog-import.js';
import type { Db, Queryable } from './db.js';
import { lockAgencyTx, prepareUpsert, upsertDossierIn, type PreparedUpsert } from './dossier-sync.js';
import type { HolidayCalendar } from './working-hours.js';

/** Largest file accepted (bytes). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Most data rows in one file. */
export const MAX_IMPORT_ROWS = 20_000;
/** The header row is looked for in this many first rows (titles and merged banners above it are skipped). */
const HEADER_SEARCH_ROWS = 20;

/** What a column of the register may hold. */
export const IMPORT_FIELDS = [
  'code',
  'procedureCode',
  'procedureName',
  'status',
  'applicantName',
  'phone',
  'submittedAt',
  'receivedAt',
  'dueAt',
  'finishedAt',
  'returnedAt',
  'channel',
  'reason',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The headers each field is recognised by (compared without accents, case or extra spaces). */
export const DEFAULT_COLUMNS: Readonly<Record<ImportField, readonly string[]>> = {
  code: ['Mã hồ sơ', 'Số hồ sơ', 'Mã HS', 'Mã số hồ sơ', 'code'],
  procedureCode: ['Mã thủ tục', 'Mã TTHC', 'procedureCode'],
  procedureName: ['Tên thủ tục', 'Thủ tục', 'Tên TTHC', 'Thủ tục hành chính', 'procedureName'],
  status: ['Trạng thái', 'Tình trạng', 'Trạng thái hồ sơ', 'status'],
  applicantName: ['Người nộp', 'Chủ hồ sơ', 'Tên người nộp', 'Người nộp hồ sơ', 'Họ tên', 'Họ và tên', 'applicantName'],
  phone: ['Số điện thoại', 'Điện thoại', 'SĐT', 'Số ĐT', 'phone'],
  submittedAt: ['Ngày nộp', 'Ngày nộp hồ sơ', 'submittedAt'],
  receivedAt: ['Ngày tiếp nhận', 'Ngày nhận', 'Ngày nhận hồ sơ', 'receivedAt'],
  dueAt: ['Hạn xử lý', 'Ngày hẹn trả', 'Hẹn trả', 'Ngày hẹn trả kết quả', 'Hạn giải quyết', 'dueAt'],
  finishedAt: ['Ngày có kết quả', 'Ngày hoàn thành', 'Ngày giải quyết xong', 'finishedAt'],
  returnedAt: ['Ngày trả kết quả', 'Ngày trả', 'returnedAt'],
  channel: ['Hình thức nộp', 'Kênh nộp', 'Hình thức tiếp nhận', 'channel'],
  reason: ['Ghi chú', 'Lý do', 'reason'],
};

const COLUMN_NAMES = z.union([
  z.string().check(z.minLength(1), z.maxLength(200)),
  z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(z.minLength(1), z.maxLength(20)),
]);

/**
 * A `--mapping` file: `columns` names the header(s) of a field in this register (replacing the defaults for that
 * field); `statuses` adds the register's own status words (to a national code 1–10).
 */
export const ImportMapping = z.strictObject({
  columns: z.optional(z.partialRecord(z.enum(IMPORT_FIELDS), COLUMN_NAMES)),
  statuses: z.optional(
    z
      .record(z.string().check(z.minLength(1), z.maxLength(100)), z.number().check(z.int(), z.gte(1), z.lte(10)))
      .check(z.refine((r: Record<string, number>) => Object.keys(r).length <= 100, 'Tối đa 100 trạng thái')),
  ),
});
export type ImportMapping = z.infer<typeof ImportMapping>;

/** A cell as the parsers give it. */
type Cell = string | number | boolean | Date | null;

/** One refused cell or row: spreadsheet row number (as the officer sees it), header text, Vietnamese then English. */
export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

export interface ImportRowReport {
  row: number;
  code?: string;
  action: 'create' | 'update' | 'unchanged' | 'error';
  status?: string;
  dueAt?: string | null;
  errors?: ImportRowError[];
}

export interface ImportReport {
  format: 'csv' | 'xlsx';
  sheet?: string;
  headerRow: number;
  /** Header text of each mapped field. */
  columns: Partial<Record<ImportField, string>>;
  rows: ImportRowReport[];
  counts: Record<ImportRowReport['action'], number>;
  /** Whether the good rows were written (false on a dry run, and by default when any row is bad). */
  committed: boolean;
  dryRun: boolean;
}

/** A problem with the file as a whole (unreadable, no header row, a required column missing): nothing is written. */
export class ImportFileError extends Error {}

const norm = (text: string): string =>
  fold(text.normalize('NFC'))
    .replace(/\(\*\)|\*/g, '')
    .replace(/[:：]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Bytes of a CSV as text: UTF-8 (with or without BOM), else Windows-1258 (the Vietnamese ANSI code page of old Excel). */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes).normalize('NFC');
  } catch {
    return new TextDecoder('windows-1258').decode(bytes).normalize('NFC');
  }
}

function readCsv(bytes: Uint8Array): Cell[][] {
  const parsed = Papa.parse<string[]>(decodeCsv(bytes), {
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: false,
  });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal)
    throw new ImportFileError(
      `Tệp CSV hỏng ở dòng ${(fatal.row ?? 0) + 1}: dấu ngoặc kép không đóng (broken CSV at row ${(fatal.row ?? 0) + 1}: ${fatal.message})`,
    );
  return parsed.data;
}

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return `#ERROR ${value.error}`;
  if ('formula' in value || 'sharedFormula' in value) return cellOf((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellOf(value.text as ExcelJS.CellValue);
  return null;
}

async function readXlsx(bytes: Uint8Array, sheetName?: string): Promise<{ rows: Cell[][]; sheet: string }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new ImportFileError(`Không đọc được tệp XLSX (not a readable XLSX file): ${(error as Error).message}`);
  }
  const sheet = sheetName
    ? workbook.worksheets.find((w) => w.name === sheetName)
    : (workbook.worksheets.find((w) => w.state === 'visible' && w.rowCount > 0) ?? workbook.worksheets[0]);
  if (!sheet)
    throw new ImportFileError(
      sheetName
        ? `Không có trang tính "${sheetName}" (no sheet named so; sheets: ${workbook.worksheets.map((w) => w.name).join(', ')})`
        : 'Tệp không có trang tính nào (the workbook has no sheet)',
    );
  if (sheet.rowCount > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS)
    throw new ImportFileError(`Tệp có ${sheet.rowCount} dòng, tối đa ${MAX_IMPORT_ROWS} (too many rows)`);
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellOf(cell.value);
    });
    rows[number - 1] = Array.from(cells, (c) => c ?? null);
  });
  return { rows: Array.from(rows, (r) => r ?? []), sheet: sheet.name };
}

const isBlank = (c: Cell): boolean => c === null || (typeof c === 'string' && c.trim() === '');
const textOf = (c: Cell): string =>
  c === null ? '' : c instanceof Date ? c.toISOString() : String(c).normalize('NFC').replace(/\s+/g, ' ').trim();

/** The header row and the column of each field. */
function findHeader(
  rows: readonly Cell[][],
  mapping: ImportMapping,
): { headerIndex: number; columns: Map<ImportField, number>; headers: string[] } {
  const aliases = new Map<string, ImportField>();
  for (const field of IMPORT_FIELDS) {
    const custom = mapping.columns?.[field];
    const names = custom === undefined ? DEFAULT_COLUMNS[field] : typeof custom === 'string' ? [custom] : custom;
    for (const name of names) aliases.set(norm(name), field);
  }
  let best: { headerIndex: number; columns: Map<ImportField, number>; headers: string[] } | undefined;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const headers = (rows[i] ?? []).map(textOf);
    const columns = new Map<ImportField, number>();
    headers.forEach((h, col) => {
      const field = aliases.get(norm(h));
      if (field && !columns.has(field)) columns.set(field, col);
    });
    if (columns.has('code') && columns.size >= 3) return { headerIndex: i, columns, headers };
    if (!best || columns.size > best.columns.size) best = { headerIndex: i, columns, headers };
  }
  const found = best?.headers.filter(Boolean).join(' | ') ?? '';
  throw new ImportFileError(
    `Không tìm thấy dòng tiêu đề có cột "Mã hồ sơ" trong ${HEADER_SEARCH_ROWS} dòng đầu (no header row with a dossier code column; ` +
      `closest row: ${found || 'none'}). Dùng --mapping để khai báo tên cột (use --mapping to name the columns).`,
  );
}

const REQUIRED: ReadonlyArray<{ fields: readonly ImportField[]; label: string }> = [
  { fields: ['code'], label: '"Mã hồ sơ" (code)' },
  { fields: ['status'], label: '"Trạng thái" (status)' },
  { fields: ['applicantName'], label: '"Người nộp" / "Chủ hồ sơ" (applicantName)' },
  { fields: ['phone'], label: '"Số điện thoại" (phone)' },
  { fields: ['procedureCode', 'procedureName'], label: '"Mã thủ tục" hoặc "Tên thủ tục" (procedureCode or procedureName)' },
  { fields: ['submittedAt', 'receivedAt'], label: '"Ngày nộp" hoặc "Ngày tiếp nhận" (submittedAt or receivedAt)' },
];

/** Status words of commune registers (compared without accents), to the national code. */
const STATUS_WORDS: ReadonlyArray<[string, number]> = [
  ['cho tiep nhan', 1],
  ['moi nop', 1],
  ['nop truc tuyen', 1],
  ['da tiep nhan', 2],
  ['tiep nhan', 2],
  ['moi tiep nhan', 2],
  ['khong tiep nhan', 3],
  ['tu choi', 3],
  ['tu choi tiep nhan', 3],
  ['dang xu ly', 4],
  ['dang giai quyet', 4],
  ['dang thu ly', 4],
  ['yeu cau bo sung', 5],
  ['cho bo sung', 5],
  ['bo sung', 5],
  ['bo sung ho so', 5],
  ['yeu cau thuc hien nghia vu tai chinh', 6],
  ['nghia vu tai chinh', 6],
  ['cho nop phi', 6],
  ['cho thanh toan', 6],
  ['cong dan rut ho so', 7],
  ['rut ho so', 7],
  ['da rut', 7],
  ['da rut ho so', 7],
  ['dung xu ly', 8],
  ['dung', 8],
  ['da co ket qua', 9],
  ['cho tra ket qua', 9],
  ['da giai quyet', 9],
  ['da tra ket qua', 10],
  ['da tra', 10],
  ['hoan thanh', 10],
];

const STATUS_NAMES = [
  'submitted',
  'received',
  'not_accepted',
  'processing',
  'supplement_requested',
  'payment_requested',
  'withdrawn',
  'stopped',
  'resolved',
  'returned',
];

function parseStatus(cell: Cell, custom: ReadonlyMap<string, number>): number | string {
  if (typeof cell === 'number')
    return Number.isInteger(cell) && cell >= 1 && cell <= 10 ? cell : `Mã trạng thái ${cell} không có (status code must be 1–10)`;
  const text = textOf(cell);
  const key = norm(text);
  const own = custom.get(key);
  if (own !== undefined) return own;
  const numeric = /^(\d{1,2})(?:\s*[-.:)]\s*.*)?$/.exec(key);
  if (numeric) {
    const n = Number(numeric[1]);
    return n >= 1 && n <= 10 ? n : `Mã trạng thái ${n} không có (status code must be 1–10)`;
  }
  const word = STATUS_WORDS.find(([w]) => w === key)?.[1];
  if (word !== undefined) return word;
  const name = STATUS_NAMES.indexOf(key.replace(/ /g, '_'));
  if (name >= 0) return name + 1;
  return `Không hiểu trạng thái "${text}" (unknown status; use a national code 1–10 or e.g. "Đang xử lý", or add it to --mapping "statuses")`;
}

function parseChannel(cell: Cell): 1 | 2 | 3 | undefined | string {
  if (isBlank(cell)) return undefined;
  const key = norm(textOf(cell));
  if (/^(1|truc tiep|tai quay|direct)$/.test(key)) return 1;
  if (/^(2|truc tuyen|online|dich vu cong|dvc)$/.test(key)) return 2;
  if (/^(3|buu chinh|qua buu chinh|postal)$/.test(key)) return 3;
  return `Không hiểu hình thức nộp "${textOf(cell)}" (unknown channel: Trực tiếp, Trực tuyến, Bưu chính or 1–3)`;
}

function parsePhone(cell: Cell): string {
  if (typeof cell === 'number' && Number.isInteger(cell)) {
    // A phone typed into a number cell loses its leading 0 (905123456).
    const digits = String(cell);
    return digits.length === 9 ? `0${digits}` : digits;
  }
  const compact = textOf(cell).replace(/[\s.\-()]/g, '');
  return /^[1-9]\d{8}$/.test(compact) ? `0${compact}` : compact;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A date cell as `yyyyMMddHHmmss` (Vietnam time). Accepted: Excel dates (date cells and serial numbers like 46310 or
 * 46310.35), dd/MM/yyyy [HH:mm[:ss]] (also with - or .), HH:mm dd/MM/yyyy, yyyy-MM-dd [HH:mm[:ss]], yyyyMMddHHmmss.
 * A date without a time is read as the start of the working day (07:00) for submission and receipt and as its end
 * (17:00) for due, finished and returned dates.
 */
export function parseCellDate(cell: Cell, end: boolean): { value: string } | { error: string } {
  const dateOnly = end ? [17, 0, 0] : [7, 0, 0];
  const fromParts = (y: number, mo: number, d: number, hms?: number[]): { value: string } | { error: string } => {
    const [h, mi, s] = hms ?? dateOnly;
    const check = new Date(Date.UTC(y, mo - 1, d));
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d)
      return { error: `Ngày không có thật (not a real date): ${textOf(cell)}` };
    if ((h as number) > 23 || (mi as number) > 59 || (s as number) > 59)
      return { error: `Giờ không có thật (not a real time): ${textOf(cell)}` };
    if (y < 2000 || y > 2100) return { error: `Năm ${y} ngoài khoảng 2000–2100 (year out of range)` };
    return { value: `${pad(y, 4)}${pad(mo)}${pad(d)}${pad(h as number)}${pad(mi as number)}${pad(s as number)}` };
  };
  const fromUtcWallClock = (t: Date): { value: string } | { error: string } => {
    const hms = [t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()];
    return fromParts(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), hms.every((x) => x === 0) ? undefined : hms);
  };
  const serial = (n: number): { value: string } | { error: string } => {
    if (!(n >= 36526 && n < 73051)) return { error: `Số ${n} không phải ngày Excel hợp lệ (not an Excel date between 2000 and 2100)` };
    return fromUtcWallClock(new Date(EXCEL_EPOCH + Math.round(n * 86_400) * 1000));
  };
  // exceljs gives a date cell as a Date whose UTC fields are the wall clock the officer typed.
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? { error: 'Ô ngày hỏng (broken date cell)' } : fromUtcWallClock(cell);
  if (typeof cell === 'number') return serial(cell);
  const text = textOf(cell);
  let m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
    return fromParts(y, mo, d, [h, mi, s]);
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ ,T]+(\d{1,2})[:hg](\d{2})(?::(\d{2}))?)?$/i.exec(text);
  if (m) {
    const time = m[4] !== undefined ? [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)] : undefined;
    return fromParts(Number(m[3]), Number(m[2]), Number(m[1]), time);
  }
  m = /^(\d{1,2})[:hg](\d{2})(?::(\d{2}))?[ ,]+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/i.exec(text);
  if (m) return fromParts(Number(m[6]), Number(m[5]), Number(m[4]), [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)]);
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (m) {
    const time = m[4] !== undefined ? [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)] : undefined;
    return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), time);
  }
  if (/^\d{5}(?:\.\d+)?$/.test(text)) return serial(Number(text));
  return {
    error: `Không đọc được ngày "${text}" (unreadable date; use dd/MM/yyyy, dd/MM/yyyy HH:mm, yyyyMMddHHmmss or an Excel date)`,
  };
}

/** Which field a path of the upsert schema belongs to. */
const FIELD_OF_PATH: ReadonlyArray<[RegExp, ImportField]> = [
  [/^code/, 'code'],
  [/^procedure/, 'procedureCode'],
  [/^status/, 'status'],
  [/^applicant\.name/, 'applicantName'],
  [/^applicant\.phone/, 'phone'],
  [/^channel/, 'channel'],
  [/^submittedAt/, 'submittedAt'],
  [/^receivedAt/, 'receivedAt'],
  [/^dueAt/, 'dueAt'],
  [/^finishedAt/, 'finishedAt'],
  [/^returnedAt/, 'returnedAt'],
  [/^reason/, 'reason'],
];

const ENGLISH: ReadonlyArray<[RegExp, string]> = [
  [/Số điện thoại/, 'phone must have 8–15 digits'],
  [/Ngày giờ không có thật/, 'not a real date and time'],
  [/tương lai/, 'in the future'],
  [/Trước ngày nộp/, 'before the submission date'],
  [/đơn vị khác/, 'the code belongs to another agency'],
  [/cần có tên/, 'a procedure outside the catalog needs a name'],
];
const withEnglish = (message: string): string => {
  const en = ENGLISH.find(([re]) => re.test(message))?.[1];
  return /\(.*[a-z].*\)$/.test(message) || !en ? message : `${message} (${en})`;
};

/** Procedure names compared without accents, case, spaces or the leading "Thủ tục" registers often leave out. */
const procedureKey = (name: string): string => norm(name).replace(/^thu tuc /, '');

interface ProcedureIndex {
  byCode: Map<string, string>;
  byName: Map<string, { code: string; linked: boolean }[]>;
}

async function procedureIndex(db: Queryable, agency: string): Promise<ProcedureIndex> {
  const rows = await db.query<{ code: string; name: string; linked: boolean }>(
    `SELECT p.code, p.name, EXISTS (SELECT 1 FROM agency_procedures ap WHERE ap.agency_code = $1 AND ap.procedure_code = p.code) AS linked
     FROM procedures p`,
    [agency],
  );
  const byCode = new Map<string, string>();
  const byName = new Map<string, { code: string; linked: boolean }[]>();
  for (const r of rows) {
    byCode.set(r.code, r.name);
    const key = procedureKey(r.name);
    byName.set(key, [...(byName.get(key) ?? []), { code: r.code, linked: r.linked }]);
  }
  return { byCode, byName };
}

export interface ImportOptions {
  agency: string;
  calendar: HolidayCalendar;
  now: Date;
  mapping?: ImportMapping;
  dryRun?: boolean;
  /** Write the good rows even when some are bad (they are still all listed). Default: any bad row writes nothing. */
  skipBadRows?: boolean;
  sheet?: string;
}

/** Reads the rows of a CSV or XLSX file (by its content: XLSX files are ZIP archives starting with "PK"). */
export async function readRegister(bytes: Uint8Array, sheet?: string): Promise<{ format: 'csv' | 'xlsx'; rows: Cell[][]; sheet?: string }> {
  if (bytes.length > MAX_IMPORT_BYTES)
    throw new ImportFileError(`Tệp lớn hơn ${MAX_IMPORT_BYTES / 1024 / 1024} MB (file too large); chia thành nhiều tệp (split it).`);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return { format: 'xlsx', ...(await readXlsx(bytes, sheet)) };
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf)
    throw new ImportFileError(
      'Tệp .xls (Excel 97–2003) chưa được hỗ trợ: lưu lại thành .xlsx hoặc CSV UTF-8 (save as .xlsx or CSV UTF-8).',
    );
  const rows = readCsv(bytes);
  if (rows.length > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS)
    throw new ImportFileError(`Tệp có ${rows.length} dòng, tối đa ${MAX_IMPORT_ROWS} (too many rows)`);
  return { format: 'csv', rows };
}

class Rollback extends Error {}

/** Imports (or, with `dryRun`, checks) a dossier register. Throws {@link ImportFileError} for a file it cannot use. */
export async function importDossiers(db: Db, bytes: Uint8Array, options: ImportOptions): Promise<ImportReport> {
  const { agency, calendar, now } = options;
  const mapping = options.mapping ?? {};
  const known = await db.query('SELECT 1 FROM agencies WHERE code = $1', [agency]);
  if (known.length === 0) throw new ImportFileError(`Không có đơn vị ${agency} (no such agency)`);
  const register = await readRegister(bytes, options.sheet);
  const { headerIndex, columns, headers } = findHeader(register.rows, mapping);
  const missing = REQUIRED.filter((r) => !r.fields.some((f) => columns.has(f))).map((r) => r.label);
  if (missing.length)
    throw new ImportFileError(
      `Thiếu cột ${missing.join(', ')} ở dòng tiêu đề ${headerIndex + 1} (missing columns; found: ${headers.filter(Boolean).join(' | ')}). ` +
        'Dùng --mapping để khai báo tên cột (use --mapping to name the columns).',
    );
  const customStatuses = new Map<string, number>(Object.entries(mapping.statuses ?? {}).map(([k, v]) => [norm(k), v as number]));
  const procedures = await procedureIndex(db, agency);
  const headerOf = (field: ImportField): string => {
    const col = columns.get(field);
    return col === undefined ? field : headers[col] || field;
  };

  const reports: ImportRowReport[] = [];
  const prepared: Array<{ report: ImportRowReport; prepared: PreparedUpsert }> = [];
  const codesSeen = new Map<string, number>();
  for (let i = headerIndex + 1; i < register.rows.length; i++) {
    const cells = register.rows[i] ?? [];
    if (cells.every(isBlank)) continue;
    const row = i + 1;
    const errors: ImportRowError[] = [];
    const fail = (field: ImportField, message: string): void =>
      void errors.push({ row, column: headerOf(field), message: withEnglish(message) });
    const cell = (field: ImportField): Cell => {
      const col = columns.get(field);
      return col === undefined ? null : (cells[col] ?? null);
    };
    const code = textOf(cell('code'));
    if (!code) fail('code', 'Thiếu mã hồ sơ (missing dossier code)');
    else if (!DossierCode.safeParse(code).success)
      fail('code', `Mã hồ sơ "${code}" không đúng dạng ${agency}-yyMMdd-NNNN (malformed dossier code)`);
    else if (!code.startsWith(`${agency}-`))
      fail('code', `Mã hồ sơ ${code} không thuộc đơn vị ${agency} (the code belongs to another agency)`);
    else if (codesSeen.has(code))
      fail('code', `Trùng mã hồ sơ với dòng ${codesSeen.get(code)} (same dossier code as row ${codesSeen.get(code)})`);
    if (code && !codesSeen.has(code)) codesSeen.set(code, row);

    const status = parseStatus(cell('status'), customStatuses);
    if (isBlank(cell('status'))) fail('status', 'Thiếu trạng thái (missing status)');
    else if (typeof status === 'string') fail('status', status);

    const applicantName = textOf(cell('applicantName'));
    if (!applicantName) fail('applicantName', 'Thiếu tên người nộp (missing applicant name)');
    const phone = parsePhone(cell('phone'));
    if (!phone) fail('phone', 'Thiếu số điện thoại (missing phone number)');

    let procedureCode = textOf(cell('procedureCode'));
    const procedureName = textOf(cell('procedureName'));
    if (!procedureCode && procedureName) {
      const matches = procedures.byName.get(procedureKey(procedureName)) ?? [];
      const linked = matches.filter((m) => m.linked);
      const pick = linked.length === 1 ? linked[0] : matches.length === 1 ? matches[0] : undefined;
      if (pick) procedureCode = pick.code;
      else if (matches.length > 1)
        fail(
          'procedureName',
          `Có ${matches.length} thủ tục tên "${procedureName}": thêm cột "Mã thủ tục" (ambiguous procedure name; add a procedure code column)`,
        );
      else
        fail(
          'procedureName',
          `Không có thủ tục "${procedureName}" trong danh mục (no such procedure in the catalog; add a "Mã thủ tục" column)`,
        );
    } else if (!procedureCode) fail('procedureName', 'Thiếu thủ tục (missing procedure)');

    const dates: Partial<Record<ImportField, string>> = {};
    for (const field of ['submittedAt', 'receivedAt', 'dueAt', 'finishedAt', 'returnedAt'] as const) {
      const c = cell(field);
      if (isBlank(c)) continue;
      const parsed = parseCellDate(c, field !== 'submittedAt' && field !== 'receivedAt');
      if ('error' in parsed) fail(field, parsed.error);
      else dates[field] = parsed.value;
    }
    const submittedAt = dates.submittedAt ?? dates.receivedAt;
    if (!submittedAt && !errors.some((e) => e.column === headerOf('submittedAt') || e.column === headerOf('receivedAt')))
      fail(
        columns.has('receivedAt') ? 'receivedAt' : 'submittedAt',
        'Thiếu ngày nộp / ngày tiếp nhận (missing submission or receipt date)',
      );

    const channel = parseChannel(cell('channel'));
    if (typeof channel === 'string') fail('channel', channel);
    const reason = textOf(cell('reason'));

    const report: ImportRowReport = { row, ...(code ? { code } : {}), action: 'error' };
    if (errors.length === 0 && typeof status === 'number' && typeof channel !== 'string') {
      // An in-person register: a dossier with a status past "submitted" but no receipt date was received when submitted.
      const receivedAt = dates.receivedAt ?? (status !== 1 && status !== 3 ? submittedAt : undefined);
      const body = {
        procedure: {
          code: procedureCode,
          ...(procedureName && !procedures.byCode.has(procedureCode) ? { name: procedureName.slice(0, 500) } : {}),
        },
        status,
        channel: channel ?? (status === 1 ? 2 : 1),
        applicant: { name: applicantName.slice(0, 200), phone },
        submittedAt,
        ...(receivedAt ? { receivedAt } : {}),
        ...(dates.dueAt ? { dueAt: dates.dueAt } : {}),
        ...(dates.finishedAt ? { finishedAt: dates.finishedAt } : {}),
        ...(dates.returnedAt ? { returnedAt: dates.returnedAt } : {}),
        ...(reason ? { reason: reason.slice(0, 2000) } : {}),
      };
      const checked = prepareUpsert(agency, code, body, now);
      if (checked.ok) prepared.push({ report, prepared: checked.prepared });
      else
        for (const e of checked.errors) {
          const field = FIELD_OF_PATH.find(([re]) => re.test(e.path))?.[1] ?? 'code';
          fail(field === 'procedureCode' && !columns.has('procedureCode') ? 'procedureName' : field, e.message);
        }
    }
    if (errors.length) report.errors = errors;
    reports.push(report);
    if (reports.length > MAX_IMPORT_ROWS) throw new ImportFileError(`Quá ${MAX_IMPORT_ROWS} dòng dữ liệu (too many rows)`);
  }

  const dryRun = options.dryRun ?? false;
  let committed = false;
  const write = async (tx: Queryable): Promise<void> => {
    await lockAgencyTx(tx, agency);
    for (const { report, prepared: p } of prepared) {
      const outcome = await upsertDossierIn(tx, calendar, p);
      if (!outcome.ok) {
        report.errors = outcome.errors.map((e) => ({
          row: report.row,
          column: headerOf(FIELD_OF_PATH.find(([re]) => re.test(e.path))?.[1] ?? 'code'),
          message: withEnglish(e.message),
        }));
        continue;
      }
      report.action = outcome.unchanged ? 'unchanged' : outcome.result.created ? 'create' : 'update';
      report.status = outcome.result.status;
      report.dueAt = outcome.result.dueAt;
    }
  };
  try {
    await db.transaction(async (tx) => {
      await write(tx);
      const bad = reports.some((r) => r.action === 'error');
      // Nothing half-imported: a dry run, or a file with a bad row (unless told to skip them), writes nothing.
      if (dryRun || (bad && !options.skipBadRows)) throw new Rollback();
    });
    committed = true;
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  const counts = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of reports) counts[r.action]++;
  return {
    format: register.format,
    ...(register.sheet ? { sheet: register.sheet } : {}),
    headerRow: headerIndex + 1,
    columns: Object.fromEntries([...columns].map(([f, col]) => [f, headers[col] ?? f])),
    rows: reports,
    counts,
    committed,
    dryRun,
  };
}

/** Reads a register file from disk (size checked before reading). */
export function readRegisterFile(path: string): Uint8Array {
  const size = statSync(path).size;
  if (size > MAX_IMPORT_BYTES)
    throw new ImportFileError(`Tệp lớn hơn ${MAX_IMPORT_BYTES / 1024 / 1024} MB (file too large); chia thành nhiều tệp (split it).`);
  return readFileSync(path);
}
