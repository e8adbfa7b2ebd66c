// The agency directory: seed load, `GET /agencies` in directory mode (province, search, ETag, bad parameters), the
// unchanged plain list, and the CSV import of agency e-IDs (all or nothing). PGlite always, PostgreSQL when DATABASE_URL is set.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AgencyDirectory, AgencyList } from '@motcua/sdk/schemas';
import { importAgencyCsv } from './directory.js';
import { backends, problemOf, seededContext, type TestContext } from './test-helpers.js';

for (const backend of backends) {
  describe(`agency directory (${backend.name})`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await seededContext(backend);
    });
    after(async () => ctx.close());

    it('keeps GET /agencies without directory parameters as it was (served agencies only)', async () => {
      const res = await ctx.request('/api/v1/agencies');
      assert.equal(res.status, 200);
      const body = (await res.json()) as Record<string, unknown>;
      assert.ok(AgencyList.safeParse(body).success);
      assert.equal('units' in body, false);
    });

    it('lists every commune/ward of a province with GSO codes, former names and the demo agencies attached', async () => {
      const res = await ctx.request('/api/v1/agencies?province=48');
      assert.equal(res.status, 200);
      const body = AgencyDirectory.parse(await res.json());
      assert.equal(body.units.length, 94);
      assert.deepEqual(body.provinces, [{ code: '48', name: 'Thành phố Đà Nẵng' }]);
      const hoaVang = body.units.find((u) => u.code === '20320');
      assert.equal(hoaVang?.name, 'Xã Hoà Vang');
      assert.deepEqual(hoaVang?.formerly, ['Xã Hòa Phong', 'Xã Hòa Phú']);
      assert.equal(hoaVang?.agency, '000.30.01.H17');
      assert.equal(body.units.find((u) => u.code === '20242')?.agency, '000.30.02.H17');
      assert.ok(body.items.some((a) => a.code === '000.30.01.H17'));
    });

    it('finds the new commune by a pre-merger name and says which old name matched', async () => {
      const res = await ctx.request(`/api/v1/agencies?province=48&q=${encodeURIComponent('Hòa Phong')}`);
      const body = AgencyDirectory.parse(await res.json());
      assert.equal(body.units[0]?.code, '20320');
      assert.equal(body.units[0]?.via, 'Xã Hòa Phong');
      const plain = AgencyDirectory.parse(await (await ctx.request('/api/v1/agencies?q=xa%20hoa%20vang&limit=3')).json());
      assert.equal(plain.units[0]?.code, '20320');
      assert.ok(plain.units.length <= 3);
    });

    it('answers a repeated request with 304 Not Modified through its ETag', async () => {
      const first = await ctx.request('/api/v1/agencies?province=48');
      const etag = first.headers.get('etag');
      assert.ok(etag);
      const again = await ctx.request('/api/v1/agencies?province=48', { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);
    });

    it('refuses bad directory parameters with problem+json', async () => {
      for (const query of [
        'province=4',
        'province=abc',
        `q=${'a'.repeat(101)}`,
        'q=',
        'province=48&limit=500',
        'province=48&limit=0',
        'province=48&province=01',
        'province=48&extra=1',
        'units=yes',
      ]) {
        const res = await ctx.request(`/api/v1/agencies?${query}`);
        assert.equal(res.status, 400, query);
        const problem = await problemOf(res);
        assert.equal(problem.code, 'invalid_request', query);
      }
      const unknown = await ctx.request('/api/v1/agencies?province=99');
      assert.equal(unknown.status, 404);
      assert.equal((await problemOf(unknown)).code, 'not_found');
    });

    it('imports agency e-IDs from CSV, all or nothing, and serves them', async () => {
      const bad = await importAgencyCsv(
        ctx.db,
        'gso_code,agency_code\n20332,000.30.03.H17\n99999,000.30.04.H17\n20308,not-an-id\n20332,000.30.05.H17\n',
      );
      assert.equal(bad.ok, false);
      assert.deepEqual(!bad.ok && bad.problems.map((p) => p.line), [3, 4, 5]);
      const before = AgencyDirectory.parse(await (await ctx.request('/api/v1/agencies?province=48')).json());
      assert.equal(before.units.find((u) => u.code === '20332')?.agency, undefined, 'nothing changed after a bad file');
      const noHeader = await importAgencyCsv(ctx.db, '20332,000.30.03.H17\n');
      assert.equal(noHeader.ok, false);
      const good = await importAgencyCsv(ctx.db, '\uFEFFma_gso;ma_dinh_danh\r\n"20332";"000.30.03.H17"\r\n');
      assert.deepEqual(good, { ok: true, attached: 1 });
    });
  });
}

describe('motcua-server agencies import (CLI)', () => {
  it('reports bad lines with their numbers and exits 1', async () => {
    const { spawnSync } = await import('node:child_process');
    const dir = mkdtempSync(join(tmpdir(), 'motcua-agencies-'));
    const file = join(dir, 'agencies.csv');
    writeFileSync(file, 'gso_code,agency_code\n12345678,000.30.03.H17\n');
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--conditions=motcua-source', new URL('./cli.ts', import.meta.url).pathname, 'agencies', 'import', file],
      { env: { ...process.env, DATABASE_URL: '', MOTCUA_DATA_DIR: join(dir, 'data') }, encoding: 'utf8' },
    );
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /agencies\.csv:2: GSO code "12345678" is not 5 digits/);
    assert.match(result.stderr, /nothing was changed/);
  });
});
