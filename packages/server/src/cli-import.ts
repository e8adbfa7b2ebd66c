/**
 * `motcua-server import-dossiers FILE.csv|FILE.xlsx --agency CODE [--mapping map.json] [--dry-run] [--skip-bad-rows]
 * [--sheet NAME]`: prints one line per row (create / update / unchanged / error), every refused row with its column
 * and reason, and a summary. Exit code 0 when every row is good, 1 when some row was refused, 2 for a file or option
 * that cannot be used (nothing written).
 * @module
 */
import { readFileSync } from 'node:fs';
import { configFromEnv } from './config.js';
import { ImportFileError, ImportMapping, importDossiers, readRegisterFile, type ImportRowReport } from './dossier-import.js';
import { issuesToErrors } from './problem.js';
import { openDatabase } from './server.js';
import { migrate, seed } from './store.js';
import { loadHolidayCalendar } from './working-hours.js';

const ACTION_VI: Record<ImportRowReport['action'], string> = {
  create: 'tạo mới',
  update: 'cập nhật',
  unchanged: 'không đổi',
  error: 'lỗi',
};

const VALUE_OPTIONS = ['--agency', '--mapping', '--sheet'];
const FLAGS = ['--dry-run', '--skip-bad-rows'];

export async function importDossiersCommand(args: readonly string[], usage: string): Promise<number> {
  const err = (line: string): void => void process.stderr.write(`${line}\n`);
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  const values = new Map<string, string>();
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (VALUE_OPTIONS.includes(a)) {
      const v = args[i + 1];
      if (v === undefined) return (err(`import-dossiers: ${a} needs a value\n${usage}`), 2);
      values.set(a, v);
      i++;
    } else if (FLAGS.includes(a)) values.set(a, '');
    else if (a.startsWith('--')) return (err(`import-dossiers: unknown option ${a}\n${usage}`), 2);
    else files.push(a);
  }
  const agency = values.get('--agency');
  if (files.length !== 1 || !agency) return (err(`import-dossiers: give one FILE and --agency CODE\n${usage}`), 2);
  const file = files[0] as string;
  let mapping: ImportMapping | undefined;
  const mappingFile = values.get('--mapping');
  if (mappingFile !== undefined) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(mappingFile, 'utf8').replace(/^\uFEFF/, ''));
    } catch (error) {
      return (err(`import-dossiers: tệp ánh xạ ${mappingFile} không đọc được (unreadable mapping file): ${(error as Error).message}`), 2);
    }
    const parsed = ImportMapping.safeParse(raw);
    if (!parsed.success) {
      err(`import-dossiers: tệp ánh xạ ${mappingFile} không hợp lệ (invalid mapping file):`);
      for (const e of issuesToErrors(parsed.error.issues)) err(`  ${e.path || '(root)'}: ${e.message}`);
      return 2;
    }
    mapping = parsed.data;
  }
  let bytes: Uint8Array;
  try {
    bytes = readRegisterFile(file);
  } catch (error) {
    return (err(`import-dossiers: ${(error as Error).message}`), 2);
  }
  const config = configFromEnv();
  const db = await openDatabase(config);
  try {
    await migrate(db);
    const calendar = loadHolidayCalendar(config.holidaysFile, config.holidaysExtraFile);
    await seed(db, calendar);
    const dryRun = values.has('--dry-run');
    const sheet = values.get('--sheet');
    const report = await importDossiers(db, bytes, {
      agency,
      calendar,
      now: config.now ? new Date(config.now) : new Date(),
      ...(mapping ? { mapping } : {}),
      dryRun,
      skipBadRows: values.has('--skip-bad-rows'),
      ...(sheet !== undefined ? { sheet } : {}),
    });
    out(
      `${file}: ${report.format.toUpperCase()}${report.sheet ? ` (trang tính "${report.sheet}")` : ''}, dòng tiêu đề ${report.headerRow}; ` +
        `cột: ${Object.entries(report.columns)
          .map(([f, h]) => `${h} → ${f}`)
          .join(', ')}`,
    );
    for (const r of report.rows) {
      const head = `dòng ${String(r.row).padStart(4)}  ${r.action.padEnd(9)}  ${r.code ?? '(không mã)'}`;
      if (r.action === 'error') {
        out(head);
        for (const e of r.errors ?? []) err(`dòng ${e.row}, cột "${e.column}": ${e.message}`);
      } else out(`${head}  ${r.status ?? ''}${r.dueAt ? `  hạn ${r.dueAt}` : ''}`);
    }
    const c = report.counts;
    out(
      `Tổng (total): ${c.create} ${ACTION_VI.create} (create), ${c.update} ${ACTION_VI.update} (update), ` +
        `${c.unchanged} ${ACTION_VI.unchanged} (unchanged), ${c.error} ${ACTION_VI.error} (error).`,
    );
    if (report.dryRun) out('Chạy thử: chưa ghi gì vào cơ sở dữ liệu (dry run: nothing written).');
    else if (!report.committed)
      out(
        `Không ghi gì vì có ${c.error} dòng lỗi: sửa các dòng trên rồi chạy lại, hoặc dùng --skip-bad-rows để nhập các dòng đúng ` +
          '(nothing written because of the refused rows: fix them and run again, or use --skip-bad-rows).',
      );
    else
      out(
        `Đã ghi ${c.create + c.update} hồ sơ${c.error ? `; ${c.error} dòng lỗi ở trên KHÔNG được nhập` : ''} ` +
          `(written${c.error ? '; the refused rows above were not imported' : ''}).`,
      );
    return c.error ? 1 : 0;
  } catch (error) {
    if (error instanceof ImportFileError) return (err(`import-dossiers: ${error.message}`), 2);
    throw error;
  } finally {
    await db.close();
  }
}
