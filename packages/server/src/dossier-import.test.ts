// `import-dossiers`: a commune officer's register (CSV with BOM and semicolons, Windows-1258 CSV, XLSX with a merged
// title, Excel dates and numbers) is imported through the dossier upsert in one transaction: dry run, every bad row
// listed (row, column, reason), nothing half-imported, re-import unchanged, due dates from the working-day calendar.
// On PGlite and, with DATABASE_URL, on PostgreSQL.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { parseEventTime } from '@motcua/sdk/integration';
import { DossierStatus } from '@motcua/sdk/schemas';
import { decodeCsv, ImportFileError, importDossiers, parseCellDate, type ImportOptions, type ImportReport } from './dossier-import.js';
import { backends, calendar, REF_NOW, seededContext, type TestContext } from './test-helpers.js';
import { dueDate, formatVn } from './working-hours.js';

const A = '000.30.01.H17';
const fixture = (name: string): Uint8Array => readFileSync(new URL(`./fixtures/import/${name}`, import.meta.url));

const byRow = (report: ImportReport, row: number) => {
  const r = report.rows.find((x) => x.row === row);
  assert.ok(r, `row ${row} is reported`);
  return r;
};

describe('parseCellDate: the date formats registers hold', () => {
  it('reads dd/MM/yyyy [HH:mm], HH:mm dd/MM/yyyy, yyyyMMddHHmmss, ISO dates, Excel serials and date cells', () => {
    const cases: Array<[Parameters<typeof parseCellDate>[0], boolean, string]> = [
      ['14/10/2026 08:30', false, '20261014083000'],
      ['4/1/2026', false, '20260104070000'],
      ['14-10-2026', true, '20261014170000'],
      ['14.10.2026 8:05:09', false, '20261014080509'],
      ['08:30 14/10/2026', false, '20261014083000'],
      ['20261014083000', false, '20261014083000'],
      ['2026-10-14 08:30', false, '20261014083000'],
      [46309.354166666664, false, '20261014083000'],
      ['46309', true, '20261014170000'],
      [new Date(Date.UTC(2026, 9, 14, 8, 30)), false, '20261014083000'],
      [new Date(Date.UTC(2026, 9, 20)), true, '20261020170000'],
    ];
    for (const [cell, end, expected] of cases) assert.deepEqual(parseCellDate(cell, end), { value: expected }, String(cell));
  });

  it('refuses impossible and unreadable dates with a Vietnamese then English reason', () => {
    for (const cell of ['31/02/2026', '14/10/2026 25:00', '20261332000000', '10/14', 'hôm qua', 123, '14/10/1890']) {
      const r = parseCellDate(cell, false);
      assert.ok('error' in r, `${String(cell)} is refused`);
      assert.match(r.error, /^[^(]*(Ngày|Giờ|Năm|Số|Không)[^(]*\(.*[a-z].*\)/u, r.error);
    }
  });

  it('decodes UTF-8 with BOM and Windows-1258 (tones as combining marks) to the same NFC text', () => {
    const utf8 = decodeCsv(fixture('so-ho-so-tot.csv'));
    const ansi = decodeCsv(fixture('so-ho-so-windows-1258.csv'));
    assert.ok(!utf8.startsWith('\uFEFF'));
    assert.match(ansi, /Trần Thị Bình/);
    assert.match(ansi, /Thủ tục cấp Giấy xác nhận tình trạng hôn nhân/);
    assert.equal(ansi, ansi.normalize('NFC'));
  });
});

for (const backend of backends) {
  describe(`import-dossiers (${backend.name})`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await seededContext(backend);
    });
    after(() => ctx.close());
    const run = (bytes: Uint8Array, options: Partial<ImportOptions> = {}) =>
      importDossiers(ctx.db, bytes, { agency: A, calendar, now: REF_NOW, ...options });
    const stored = async (code: string) =>
      (
        await ctx.db.query<{
          status: string;
          received_at: Date | null;
          due_at: Date | null;
          due_source: string | null;
          phone: string;
          procedure_code: string;
          applicant_name: string;
        }>('SELECT status, received_at, due_at, due_source, phone, procedure_code, applicant_name FROM dossiers WHERE code = $1', [code])
      )[0];
    const count = async () =>
      Number((await ctx.db.query<{ n: string }>('SELECT count(*)::text AS n FROM dossiers WHERE code LIKE $1', [`${A}-2610%`]))[0]?.n);

    it('a register with bad rows: the dry run and the import list every refused row, and nothing is written', async () => {
      const before = await count();
      for (const dryRun of [true, false]) {
        const report = await run(fixture('so-ho-so-utf8-bom.csv'), { dryRun });
        assert.equal(report.format, 'csv');
        assert.equal(report.headerRow, 4, 'the title rows above the header are skipped');
        assert.equal(report.columns.receivedAt, 'Ngày tiếp nhận (*)');
        assert.deepEqual(report.counts, { create: 3, update: 0, unchanged: 0, error: 3 });
        assert.equal(report.committed, false);
        assert.equal(byRow(report, 5).action, 'create');
        assert.equal(byRow(report, 5).status, 'processing');
        const bad = report.rows.filter((r) => r.action === 'error').flatMap((r) => r.errors ?? []);
        assert.deepEqual(
          bad.map((e) => [e.row, e.column]),
          [
            [9, 'Ngày tiếp nhận (*)'],
            [10, 'Trạng thái'],
            [11, 'Số điện thoại'],
          ],
        );
        assert.match(bad[0]?.message ?? '', /Ngày không có thật \(not a real date\): 31\/02\/2026/);
        assert.match(bad[1]?.message ?? '', /Không hiểu trạng thái "Chờ ký" \(unknown status/);
        assert.match(bad[2]?.message ?? '', /Số điện thoại.*\(phone must have 8–15 digits\)/);
      }
      assert.equal(await count(), before, 'nothing half-imported');
      assert.equal(await stored(`${A}-261014-0001`), undefined);
    });

    it('with skipBadRows the good rows are written, due dates from the calendar or the register, the bad ones listed', async () => {
      const report = await run(fixture('so-ho-so-utf8-bom.csv'), { skipBadRows: true });
      assert.equal(report.committed, true);
      assert.deepEqual(report.counts, { create: 3, update: 0, unchanged: 0, error: 3 });
      const first = await stored(`${A}-261014-0001`);
      assert.equal(first?.status, 'processing');
      assert.equal(first?.phone, '0905123456', 'spaces in the phone are dropped');
      assert.equal(first?.procedure_code, '1.001193', '"Đăng ký khai sinh" is the catalog\'s "Thủ tục đăng ký khai sinh"');
      assert.equal(first?.due_source, 'calendar');
      const received = parseEventTime('20261014083000') as Date;
      assert.equal(first?.received_at?.getTime(), received.getTime());
      assert.equal(first?.due_at?.getTime(), dueDate(received, { value: 1, unit: 'working_day' }, calendar).getTime());
      const second = await stored(`${A}-261014-0002`);
      assert.equal(second?.status, 'received', 'the national code 2');
      assert.equal(second?.received_at?.getTime(), parseEventTime('20261014070000')?.getTime(), 'a date alone is 07:00');
      const third = await stored(`${A}-261013-0003`);
      assert.equal(third?.status, 'returned');
      assert.equal(third?.due_source, 'source');
      assert.equal(formatVn(third?.due_at as Date), '2026-10-20T17:00:00+07:00');
      for (const code of ['0004', '0005', '0006']) assert.equal(await stored(`${A}-261014-${code}`), undefined, code);
      // What a citizen sees in the tracker.
      const res = await ctx.request(`/api/v1/dossiers/${A}-261014-0001`);
      assert.equal(res.status, 200);
      assert.equal(DossierStatus.parse(await res.json()).status, 'processing');
    });

    it('importing the same register again changes nothing; an edited row is an update', async () => {
      const again = await run(fixture('so-ho-so-tot.csv'));
      assert.deepEqual(again.counts, { create: 0, update: 0, unchanged: 3, error: 0 });
      const edited = new TextEncoder().encode(
        new TextDecoder().decode(fixture('so-ho-so-tot.csv')).replace('14/10/2026;;2', '14/10/2026;;Yêu cầu bổ sung'),
      );
      const report = await run(edited);
      assert.deepEqual(report.counts, { create: 0, update: 1, unchanged: 2, error: 0 });
      assert.equal(byRow(report, 6).action, 'update');
      assert.equal((await stored(`${A}-261014-0002`))?.status, 'supplement_requested');
    });

    it('reads a Windows-1258 CSV (comma separated) as the same register', async () => {
      // Row 6 was edited by the previous test: the original register reads as one update.
      const report = await run(fixture('so-ho-so-windows-1258.csv'), { dryRun: true });
      assert.deepEqual(report.counts, { create: 0, update: 1, unchanged: 2, error: 0 }, JSON.stringify(report.rows));
    });

    it('reads an XLSX register: merged title, line-broken headers, date cells, serial numbers, phones as numbers', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Sổ hồ sơ T10');
      sheet.mergeCells('A1:H1');
      sheet.getCell('A1').value = 'SỔ THEO DÕI HỒ SƠ THÁNG 10/2026';
      sheet.addRow([]);
      sheet.addRow(['STT', 'Mã\nhồ sơ', 'Mã TTHC', 'Chủ hồ sơ', 'Số điện\nthoại', 'Ngày\ntiếp nhận', 'Hạn xử lý', 'Trạng thái']);
      sheet.addRow([1, `${A}-261015-0101`, '1.004873', 'Đặng Thị Giang', 905123457, new Date(Date.UTC(2026, 9, 15, 8, 0)), null, 4]);
      sheet.addRow([2, `${A}-261014-0102`, '1.001193', 'Bùi Văn Hải', '0987654321', 46309.354166666664, 46311, 'Đã có kết quả']);
      sheet.addRow([
        3,
        { richText: [{ text: `${A}-261014-` }, { text: '0103' }] },
        '1.001193',
        'Ngô Thị Ích',
        '0912000111',
        '14/10/2026',
        null,
        { formula: '2+2', result: 4 },
      ]);
      sheet.addRow([4, `${A}-261014-0104`, '9.999999', 'Tạ Văn Khánh', '0912000222', '14/10/2026', null, 4]);
      sheet.getColumn(6).numFmt = 'dd/mm/yyyy hh:mm';
      const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
      const dry = await run(bytes, { dryRun: true });
      assert.equal(dry.format, 'xlsx');
      assert.equal(dry.sheet, 'Sổ hồ sơ T10');
      assert.equal(dry.headerRow, 3);
      assert.deepEqual(dry.counts, { create: 3, update: 0, unchanged: 0, error: 1 });
      assert.deepEqual(
        byRow(dry, 7).errors?.map((e) => e.column),
        ['Mã TTHC'],
      );
      assert.match(byRow(dry, 7).errors?.[0]?.message ?? '', /procedure outside the catalog needs a name/);
      assert.equal((await run(bytes)).committed, false, 'one bad row: nothing written');
      assert.equal(await stored(`${A}-261015-0101`), undefined);
      const report = await run(bytes, { skipBadRows: true });
      assert.equal(report.committed, true);
      const first = await stored(`${A}-261015-0101`);
      assert.equal(first?.phone, '0905123457', 'the leading 0 a number cell dropped is restored');
      assert.equal(formatVn(first?.received_at as Date), '2026-10-15T08:00:00+07:00');
      assert.equal(first?.due_at?.getTime(), dueDate(first?.received_at as Date, { value: 3, unit: 'working_day' }, calendar).getTime());
      const second = await stored(`${A}-261014-0102`);
      assert.equal(second?.status, 'resolved');
      assert.equal(formatVn(second?.received_at as Date), '2026-10-14T08:30:00+07:00');
      assert.equal(formatVn(second?.due_at as Date), '2026-10-16T17:00:00+07:00');
      assert.equal((await stored(`${A}-261014-0103`))?.status, 'processing');
    });

    it("a --mapping names the register's own headers and status words", async () => {
      const csv =
        'Số HS,Mã TT,Công dân,ĐT liên hệ,Nhận ngày,Tình hình\n' +
        `${A}-261015-0201,1.001193,Lý Thị Lan,0905000111,15/10/2026 07:45,Chờ lãnh đạo ký\n`;
      const bytes = new TextEncoder().encode(csv);
      await assert.rejects(run(bytes), (e: unknown) => e instanceof ImportFileError && /Mã hồ sơ/.test(e.message));
      const report = await run(bytes, {
        mapping: {
          columns: {
            code: 'Số HS',
            procedureCode: 'Mã TT',
            applicantName: ['Công dân'],
            phone: 'ĐT liên hệ',
            receivedAt: 'Nhận ngày',
            status: 'Tình hình',
          },
          statuses: { 'Chờ lãnh đạo ký': 4 },
        },
      });
      assert.deepEqual(report.counts, { create: 1, update: 0, unchanged: 0, error: 0 });
      assert.equal((await stored(`${A}-261015-0201`))?.status, 'processing');
    });

    it('refuses files it cannot use as a whole, before writing anything', async () => {
      const enc = (s: string) => new TextEncoder().encode(s);
      const cases: Array<[Uint8Array, RegExp, Partial<ImportOptions>?]> = [
        [enc('Mã hồ sơ;Trạng thái;Người nộp\nx;y;z\n'), /Thiếu cột .*Số điện thoại.*Tên thủ tục.*Ngày tiếp nhận/],
        [enc('a,b\n1,2\n'), /Không tìm thấy dòng tiêu đề/],
        [new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), /\.xls .*\.xlsx/],
        [new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9]), /XLSX/],
        [enc('Mã hồ sơ;Trạng thái\n"abc;2\n'), /CSV hỏng|Không tìm thấy/],
        [fixture('so-ho-so-tot.csv'), /Không có đơn vị/, { agency: '000.99.99.H99' }],
      ];
      const before = await count();
      for (const [bytes, message, extra] of cases)
        await assert.rejects(run(bytes, extra), (e: unknown) => e instanceof ImportFileError && message.test(e.message), String(message));
      assert.equal(await count(), before);
    });

    it('refuses codes of another agency, duplicate codes in the file and lower-case codes, per row', async () => {
      const csv = [
        'Mã hồ sơ;Mã thủ tục;Người nộp;Số điện thoại;Ngày tiếp nhận;Trạng thái',
        `000.30.02.H17-261015-0301;1.001193;A;0905000001;15/10/2026 08:00;2`,
        `${A}-261015-0302;1.001193;B;0905000002;15/10/2026 08:00;2`,
        `${A}-261015-0302;1.001193;C;0905000003;15/10/2026 08:00;2`,
        `${A.toLowerCase()}-261015-0303;1.001193;D;0905000004;15/10/2026 08:00;2`,
        `${A}-261015-0304;1.001193;E;0905000005;25/10/2026 08:00;2`,
      ].join('\n');
      const report = await run(new TextEncoder().encode(csv), { dryRun: true });
      assert.deepEqual(
        report.rows.map((r) => [r.row, r.action, r.errors?.[0]?.message.slice(0, 30)]),
        [
          [2, 'error', 'Mã hồ sơ 000.30.02.H17-261015-'],
          [3, 'create', undefined],
          [4, 'error', 'Trùng mã hồ sơ với dòng 3 (sam'],
          [5, 'error', 'Mã hồ sơ "000.30.01.h17-261015'],
          [6, 'error', 'Thời điểm ở tương lai (in the '],
        ],
      );
    });
  });
}

describe('motcua-server import-dossiers (the command)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-import-cli-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=motcua-source', cli, ...args], {
      env: { ...process.env, MOTCUA_DATA_DIR: dataDir, DATABASE_URL: '', MOTCUA_LOG: 'silent', MOTCUA_NOW: REF_NOW.toISOString() },
      encoding: 'utf8',
      timeout: 300_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const file = fileURLToPath(new URL('./fixtures/import/so-ho-so-utf8-bom.csv', import.meta.url));

  it('--dry-run prints what each row would do and every refused row, writes nothing, exits 1', () => {
    const r = run(['import-dossiers', file, '--agency', A, '--dry-run']);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /dòng +5 +create +000\.30\.01\.H17-261014-0001 +processing +hạn 2026-10-15T08:30:00\+07:00/);
    assert.match(r.err, /dòng 9, cột "Ngày tiếp nhận \(\*\)": Ngày không có thật \(not a real date\): 31\/02\/2026/);
    assert.match(r.err, /dòng 10, cột "Trạng thái": Không hiểu trạng thái "Chờ ký"/);
    assert.match(r.out, /Tổng \(total\): 3 tạo mới \(create\), 0 cập nhật \(update\), 0 không đổi \(unchanged\), 3 lỗi \(error\)/);
    assert.match(r.out, /dry run: nothing written/);
  });

  it('without --skip-bad-rows a bad row writes nothing; with it the good rows are written; a bad mapping is refused', () => {
    const strict = run(['import-dossiers', file, '--agency', A]);
    assert.equal(strict.code, 1);
    assert.match(strict.out, /nothing written because of the refused rows/);
    const again = run(['import-dossiers', file, '--agency', A, '--dry-run']);
    assert.match(again.out, /3 tạo mới/, 'still nothing stored');
    const lenient = run(['import-dossiers', file, '--agency', A, '--skip-bad-rows']);
    assert.equal(lenient.code, 1);
    assert.match(lenient.out, /Đã ghi 3 hồ sơ; 3 dòng lỗi ở trên KHÔNG được nhập/);
    const mapping = join(dataDir, 'map.json');
    writeFileSync(mapping, JSON.stringify({ columns: { code: 'Số HS', colour: 'x' } }));
    const bad = run(['import-dossiers', file, '--agency', A, '--mapping', mapping]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /invalid mapping file/);
    assert.equal(run(['import-dossiers', file]).code, 2, '--agency is required');
    assert.match(run(['help']).out, /import-dossiers FILE\.csv\|FILE\.xlsx --agency CODE/);
  });
});
