// The detail of each of a commune's ten most common procedures (by the dossiers it received, the order of the lookup's
// tiles) tells a citizen the time, the fee, the documents to bring and the steps. Where no public page with the
// details was found, the detail says it is not detailed and links to the national portal (the widget then says so
// plainly); that list is kept here, and the test fails once such a record gains details, so the list stays true.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Catalog, Procedure } from '@motcua/sdk/schemas';
import { readSeedProcedures } from './store.js';
import { backends, seededContext, type TestContext } from './test-helpers.js';

const H17 = '000.30.01.H17';
/** Common procedures without a public page found for their details (see scripts/procedure-supplements.json). */
const NOT_YET_DETAILED = new Set(['2.001035', '1.001612']);

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

  it('shows time with its unit, fee, documents with counts and steps for each detailed one', async () => {
    for (const code of top) {
      const res = await ctx.request(`/api/v1/procedures/${code}`);
      assert.equal(res.status, 200, code);
      const p = (await res.json()) as Procedure;
      assert.match(p.portalUrl, /^https:\/\/dichvucong\.gov\.vn\//, code);
      if (NOT_YET_DETAILED.has(code)) {
        assert.equal(p.detailed, false, `${code} has details now: remove it from NOT_YET_DETAILED`);
        continue;
      }
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

  it('keeps the procedures without a found page out of the seed details', () => {
    const seeded = new Map(readSeedProcedures().map((p) => [p.code, p]));
    for (const code of NOT_YET_DETAILED) assert.equal(seeded.get(code)?.detailed, false, code);
  });
});
