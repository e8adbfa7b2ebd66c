// The detail of each of a commune's ten most common procedures (by the dossiers it received, the order of the lookup's
// tiles) tells a citizen the time, the fee, the documents to bring and the steps: every one of the ten is required.
// (Details of procedures the reference data lacks come from public pages, sources kept in
// scripts/procedure-supplements.json.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Catalog, Procedure } from '@motcua/sdk/schemas';
import { readSeedProcedures } from './store.js';
import { backends, seededContext, type TestContext } from './test-helpers.js';

const H17 = '000.30.01.H17';

const backend = backends[0] as (typeof backends)[number];
describe(`the ten most common procedures on ${backend.name}`, () => {
  let ctx: TestContext;
  let top: string[];
  before(async () => {
    ctx = await seededContext(backend);
    const res = await ctx.request(`/api/v1/agencies/${H17}/procedures/catalog`);
    assert.equal(res.status, 200);
    const catalog = (await res.json()) as Catalog;
    top = [...catalog.items]
      .sort((a, b) => (b.dossierCount ?? 0) - (a.dossierCount ?? 0) || a.code.localeCompare(b.code))
      .slice(0, 10)
      .map((p) => p.code);
  });
  after(() => ctx?.close());

  it('ranks certified copies and signatures among them', () => {
    assert.equal(top.length, 10);
    assert.equal(top[0], '2.000815');
    assert.ok(top.includes('2.000884'), top.join());
  });

  it('shows time with its unit, fee, documents with counts and steps for every one of them', async () => {
    for (const code of top) {
      const res = await ctx.request(`/api/v1/procedures/${code}`);
      assert.equal(res.status, 200, code);
      const p = (await res.json()) as Procedure;
      assert.match(p.portalUrl, /^https:\/\/dichvucong\.gov\.vn\//, code);
      assert.equal(p.detailed, true, `${code} has no details`);
      assert.ok(p.processingTime && p.processingTime.value > 0, `${code}: time`);
      assert.ok(['working_day', 'day', 'hour', 'month'].includes(p.processingTime.unit), `${code}: time unit`);
      assert.ok(p.feeSummary, `${code}: fee`);
      const documents = p.componentGroups.flatMap((g) => g.components);
      assert.ok(documents.length > 0, `${code}: documents`);
      // The reference data also lists notes as components (no count); the documents to bring carry their counts.
      assert.ok(
        documents.some((d) => d.originals + d.copies > 0),
        `${code}: documents with counts`,
      );
      assert.ok(p.steps.length > 0, `${code}: steps`);
      assert.ok(p.legalBasis.length > 0, `${code}: legal basis`);
    }
  });

  it('gives certified copies the published time and fee', async () => {
    const p = (await (await ctx.request('/api/v1/procedures/2.000815')).json()) as Procedure;
    assert.deepEqual({ value: p.processingTime?.value, unit: p.processingTime?.unit }, { value: 1, unit: 'working_day' });
    assert.match(p.processingTime?.text ?? '', /15 giờ/);
    assert.deepEqual(p.feeSummary, { minVnd: 2000, maxVnd: 200000 });
    assert.match(p.channels[0]?.fees[0]?.description ?? '', /1\.000 đồng/);
    assert.ok(p.legalBasis.some((l) => l.code === '226/2016/TT-BTC'));
  });

  it('ranks certifying transactions (2.001035) among them', () => {
    assert.ok(top.includes('2.001035'), top.join());
  });

  it('gives certifying a transaction the time in law, the published fee, and the papers to bring', async () => {
    const p = (await (await ctx.request('/api/v1/procedures/2.001035')).json()) as Procedure;
    assert.deepEqual({ value: p.processingTime?.value, unit: p.processingTime?.unit }, { value: 2, unit: 'working_day' });
    assert.deepEqual(p.feeSummary, { minVnd: 50000, maxVnd: 50000 });
    const documents = p.componentGroups.flatMap((g) => g.components);
    const draft = documents.find((d) => /Dự thảo giao dịch/.test(d.name));
    assert.deepEqual({ originals: draft?.originals, copies: draft?.copies }, { originals: 1, copies: 0 });
    assert.ok(p.steps.some((s) => /ký trước mặt/i.test(s.name)));
    assert.ok(p.results.some((r) => r.code === 'KQ.G15.000023'));
  });

  // Registering a household business is not among this demo commune's ten, but the issue names it among the most common.
  it('gives registering a household business 3 working days, the fee the province sets, and each channel', async () => {
    const p = (await (await ctx.request('/api/v1/procedures/1.001612')).json()) as Procedure;
    assert.deepEqual({ value: p.processingTime?.value, unit: p.processingTime?.unit }, { value: 3, unit: 'working_day' });
    assert.deepEqual(
      p.channels.map((c) => [c.method, c.fees[0]?.amountVnd, c.processingTime?.value]),
      [
        ['online', 150000, 3],
        ['direct', 50000, 3],
        ['postal', 150000, 3],
      ],
    );
    assert.match(p.channels[1]?.fees[0]?.description ?? '', /Hội đồng nhân dân tỉnh/);
    const form = p.componentGroups[0]?.components[0];
    assert.deepEqual([form?.name, form?.originals], ['Giấy đề nghị đăng ký hộ kinh doanh', 1]);
    assert.ok(p.legalBasis.some((l) => l.code === '168/2025/NĐ-CP'));
    assert.ok(p.results.some((r) => r.name === 'Giấy chứng nhận đăng ký hộ kinh doanh'));
  });

  it('has every common procedure detailed in the seed itself', () => {
    const seeded = new Map(readSeedProcedures().map((p) => [p.code, p]));
    for (const code of top) assert.equal(seeded.get(code)?.detailed, true, code);
  });
});
