import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Procedure, ProcedurePage } from '@motcua/sdk/schemas';
import { importCatalog, parseCatalogJsonl, readCatalogFile, sectorSlug } from './catalog-import.js';
import { backends, seededContext, type TestContext } from './test-helpers.js';

const national = fileURLToPath(new URL('../seed/national-catalog.jsonl.gz', import.meta.url));

describe('national-catalog JSONL parsing', () => {
  it('maps rows to catalog-only procedures and reports bad lines by number', () => {
    const { procedures, errors } = parseCatalogJsonl(
      [
        '{"id":"019f6f67-c3a8-7163-8167-02e782ebf1c2","code":" 1.014325","name":"  Thủ tục A ","categories":["Hộ tịch"],"departments":["Ủy ban nhân dân cấp xã"],"formalityTargetType":["Công dân Việt Nam"],"type":"STANDARD"}',
        '[1,2]',
        '{"id":"019f6f67-c3a8-7163-8167-02e782ebf1c3","code":"1.0133611","name":"Sai mã"}',
        '{"id":"019f6f67-c3a8-7163-8167-02e782ebf1c4","code":"1.014325","name":"Trùng mã"}',
        '{"id":"019f6f67-c3a8-7163-8167-02e782ebf1c5","code":"2.000001","name":"Đã xóa","state":"DELETED"}',
        '{"id":"<script>","code":"2.000002","name":"Sai id"}',
      ].join('\n'),
    );
    assert.equal(procedures.length, 1);
    const p = procedures[0];
    assert.ok(Procedure.safeParse(p).success);
    assert.equal(p?.code, '1.014325');
    assert.equal(p?.name, 'Thủ tục A');
    assert.deepEqual(p?.sector, { code: 'ho-tich', name: 'Hộ tịch' });
    assert.deepEqual(p?.levels, ['commune']);
    assert.equal(p?.detailed, false);
    assert.deepEqual(
      errors.map((e) => e.line),
      [2, 3, 4, 6],
    );
  });
  it('refuses a line with a NUL, a control character or a lone surrogate (PostgreSQL would refuse the whole batch)', () => {
    const row = (code: string, name: string): string =>
      JSON.stringify({ id: `019f6f67-c3a8-7163-8167-02e782ebf${code.slice(-3)}`, code, name, categories: ['Hộ tịch'] });
    const { procedures, errors } = parseCatalogJsonl(
      [
        row('1.000001', 'Tốt'),
        row('1.000002', 'Có \u0000 NUL'),
        row('1.000003', 'Nửa \ud800 cặp'),
        JSON.stringify({ id: '019f6f67-c3a8-7163-8167-02e782ebf004', code: '1.000004', name: 'Lĩnh vực xấu', categories: ['a\u0007b'] }),
        row('1.000005', 'Cũng tốt 😀'),
      ].join('\n'),
    );
    assert.deepEqual(
      procedures.map((p) => p.code),
      ['1.000001', '1.000005'],
    );
    assert.deepEqual(
      errors.map((e) => [e.line, e.message]),
      [
        [2, 'field name holds a control character or broken Unicode'],
        [3, 'field name holds a control character or broken Unicode'],
        [4, 'field categories.0 holds a control character or broken Unicode'],
      ],
    );
  });
  it('sector slugs are stable and ASCII', () => {
    assert.equal(sectorSlug('Đăng ký, quản lý cư trú'), 'dang-ky-quan-ly-cu-tru');
    assert.equal(sectorSlug('!!!'), 'khac');
  });
});

for (const backend of backends) {
  describe(`import of the whole national catalogue on ${backend.name}`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await seededContext(backend);
    });
    after(async () => {
      await ctx?.close();
    });
    it('a line the database refuses is reported with its number; the lines around it are imported', async () => {
      // A rule of the deployer's database that the parser cannot know about.
      await ctx.db.exec(`ALTER TABLE procedures ADD CONSTRAINT test_refused CHECK (name <> 'Bị cơ sở dữ liệu từ chối')`);
      try {
        const line = (n: number, name: string): string =>
          JSON.stringify({ id: `019f6f67-c3a8-7163-8167-02e782eb${String(n).padStart(4, '0')}`, code: `3.90000${n}`, name });
        const result = await importCatalog(
          ctx.db,
          [line(1, 'Thủ tục một'), '{broken', line(3, 'Bị cơ sở dữ liệu từ chối'), line(4, 'Thủ tục bốn')].join('\n'),
          ['000.30.02.H17'],
        );
        assert.equal(result.imported, 2);
        assert.deepEqual(
          result.errors.map((e) => e.line),
          [2, 3],
        );
        assert.match(result.errors[1]?.message ?? '', /refused by the database: .*test_refused/);
        assert.equal((await ctx.request('/api/v1/procedures/3.900001')).status, 200);
        assert.equal((await ctx.request('/api/v1/procedures/3.900004')).status, 200);
        assert.equal((await ctx.request('/api/v1/procedures/3.900003')).status, 404);
      } finally {
        await ctx.db.exec('ALTER TABLE procedures DROP CONSTRAINT test_refused');
      }
    });
    it('an unknown agency is refused before anything is written', async () => {
      const line = JSON.stringify({ id: '019f6f67-c3a8-7163-8167-02e782eb0009', code: '3.900009', name: 'Không được ghi' });
      await assert.rejects(importCatalog(ctx.db, line, ['000.99.99.H99']), /unknown agency 000\.99\.99\.H99/);
      assert.equal((await ctx.request('/api/v1/procedures/3.900009')).status, 404);
    });
    it('imports ~5,670 procedures into an agency, keeps detailed records, and search scales', async () => {
      const result = await importCatalog(ctx.db, readCatalogFile(national), ['000.21.30.H56']);
      assert.ok(result.imported > 5600, `imported ${result.imported}`);
      const page = ProcedurePage.parse(
        await (await ctx.request('/api/v1/agencies/000.21.30.H56/procedures?q=khai%20sinh&pageSize=5')).json(),
      );
      assert.ok(page.total > 10);
      assert.ok(page.items.some((i) => i.code === '1.001193'));
      const birth = Procedure.parse(await (await ctx.request('/api/v1/procedures/1.001193')).json());
      assert.equal(birth.detailed, true, 'a catalog-only row never replaces a detailed record');
      const agency = (await (await ctx.request('/api/v1/agencies/000.21.30.H56')).json()) as { procedureCount: number };
      assert.ok(agency.procedureCount > 5600);
    });
  });
}
