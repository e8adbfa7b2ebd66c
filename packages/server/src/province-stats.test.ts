// Provincial statistics: the province's counts are the sums of its communes' own figures (each as its own
// /agencies/{code}/stats answers), its rates are recomputed from those sums, and bad periods or codes are refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProvinceStats, ServiceStats } from '@motcua/sdk/schemas';
import { backends, problemOf, seededContext, type TestContext } from './test-helpers.js';

const ratio = (num: number, den: number): number | null => (den > 0 ? Math.round((num / den) * 10_000) / 10_000 : null);

for (const backend of backends) {
  describe(`GET /provinces/{code}/stats (${backend.name})`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await seededContext(backend);
    });
    after(async () => ctx.close());

    it('equals the sum of the communes’ own figures, with rates recomputed from the sums', async () => {
      const period = 'from=2026-07-01&to=2026-10-15';
      const res = await ctx.request(`/api/v1/provinces/48/stats?${period}`);
      assert.equal(res.status, 200);
      const province = ProvinceStats.parse(await res.json());
      assert.deepEqual(province.province, { code: '48', name: 'Thành phố Đà Nẵng' });
      assert.deepEqual(province.communes.map((c) => c.agency).sort(), ['000.30.01.H17', '000.30.02.H17']);
      assert.equal(province.communes.find((c) => c.agency === '000.30.01.H17')?.unit, '20320');
      const own = await Promise.all(
        province.communes.map(async (c) =>
          ServiceStats.parse(await (await ctx.request(`/api/v1/agencies/${c.agency}/stats?${period}`)).json()),
        ),
      );
      const sum = (pick: (s: ServiceStats) => number): number => own.reduce((n, s) => n + pick(s), 0);
      assert.ok(province.received.total > 0, 'the demo history is counted');
      assert.equal(
        province.received.total,
        sum((s) => s.received.total),
      );
      assert.equal(
        province.received.online,
        sum((s) => s.received.online),
      );
      assert.equal(
        province.received.carriedOver,
        sum((s) => s.received.carriedOver),
      );
      assert.equal(
        province.resolved.total,
        sum((s) => s.resolved.total),
      );
      assert.equal(
        province.resolved.late,
        sum((s) => s.resolved.late),
      );
      assert.equal(
        province.inProgress.overdue,
        sum((s) => s.inProgress.overdue),
      );
      assert.equal(
        province.satisfaction.total,
        sum((s) => s.satisfaction.total),
      );
      assert.equal(
        province.satisfaction.notSatisfied,
        sum((s) => s.satisfaction.notSatisfied),
      );
      assert.equal(
        province.onTimeRate,
        ratio(
          sum((s) => s.resolved.early + s.resolved.onTime),
          sum((s) => s.resolved.total),
        ),
      );
      assert.equal(
        province.onlineRate,
        ratio(
          sum((s) => s.received.online),
          sum((s) => s.received.total - s.received.carriedOver),
        ),
      );
      assert.equal(
        province.satisfaction.rate,
        ratio(
          sum((s) => s.satisfaction.verySatisfied + s.satisfaction.satisfied),
          sum((s) => s.satisfaction.total),
        ),
      );
      for (const commune of province.communes) {
        const mine = own.find((s) => s.agency === commune.agency);
        assert.deepEqual(commune.received, mine?.received);
        assert.equal(commune.onTimeRate, mine?.onTimeRate);
      }
    });

    it('gives every commune exactly its own figures, also for a past period with carried-over and still-open dossiers', async () => {
      for (const period of ['from=2026-09-01&to=2026-09-30', 'from=2026-07-01&to=2026-10-15', 'from=2026-10-14&to=2026-10-14']) {
        const province = ProvinceStats.parse(await (await ctx.request(`/api/v1/provinces/48/stats?${period}`)).json());
        let classes = 0;
        for (const commune of province.communes) {
          const mine = ServiceStats.parse(await (await ctx.request(`/api/v1/agencies/${commune.agency}/stats?${period}`)).json());
          const figures = (s: ServiceStats | ProvinceStats['communes'][number]): unknown => ({
            received: s.received,
            resolved: s.resolved,
            inProgress: s.inProgress,
            withdrawn: s.withdrawn,
            notAccepted: s.notAccepted,
            onTimeRate: s.onTimeRate,
            onlineRate: s.onlineRate,
            satisfaction: s.satisfaction,
          });
          assert.deepEqual(figures(commune), figures(mine), `${commune.agency} ${period}`);
          classes += mine.received.carriedOver > 0 ? 1 : 0;
        }
        if (period.startsWith('from=2026-09-01')) assert.ok(classes > 0, 'the past period has carried-over dossiers');
      }
    });

    it('answers a province without reporting communes with zeros and no rates', async () => {
      const province = ProvinceStats.parse(await (await ctx.request('/api/v1/provinces/01/stats?from=2026-10-01&to=2026-10-15')).json());
      assert.deepEqual([province.communes.length, province.received.total, province.onTimeRate], [0, 0, null]);
    });

    it('refuses bad codes and periods with problem+json', async () => {
      for (const [path, status] of [
        ['/api/v1/provinces/4/stats?from=2026-10-01&to=2026-10-15', 400],
        ['/api/v1/provinces/abc/stats?from=2026-10-01&to=2026-10-15', 400],
        ['/api/v1/provinces/99/stats?from=2026-10-01&to=2026-10-15', 404],
        ['/api/v1/provinces/48/stats?from=2026-10-15&to=2026-10-01', 400],
        ['/api/v1/provinces/48/stats?from=2020-01-01&to=2026-10-15', 400],
        ['/api/v1/provinces/48/stats?from=1999-01-01&to=1999-02-01', 400],
        ['/api/v1/provinces/48/stats?to=2026-10-15', 400],
        ['/api/v1/provinces/48/stats?from=2026-10-01&from=2026-09-01&to=2026-10-15', 400],
      ] as const) {
        const res = await ctx.request(path);
        assert.equal(res.status, status, path);
        assert.ok((await problemOf(res)).code, path);
      }
    });
  });
}
