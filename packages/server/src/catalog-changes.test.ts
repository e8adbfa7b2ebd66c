// Catalog changes through the integration API (catalog:write): a commune's own procedures and changes to its list
// of national procedures; versioned (the public catalog's ETag changes and a client holding the old catalog gets the
// new one on its next revalidation), keys checked, bounded bodies refused with problem details. On PGlite and, with
// DATABASE_URL, on PostgreSQL.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createClient } from '@motcua/sdk';
import { CatalogChangeBatchResult, createIntegrationClient, MAX_CATALOG_CHANGES, type CatalogChange } from '@motcua/sdk/integration';
import { Procedure } from '@motcua/sdk/schemas';
import { createKey } from './auth.js';
import { getMeta } from './store.js';
import { backends, problemOf, seededContext, type TestContext } from './test-helpers.js';

const A = '000.30.01.H17';
const B = '000.30.02.H17';
const base = 'http://motcua.test/api/v1';

const own = (code: string, name: string) =>
  ({
    op: 'upsert',
    procedure: {
      code,
      name,
      sector: { name: 'Cư trú' },
      onlineService: 'partial',
      processingTime: { value: 2, unit: 'working_day' },
      feeSummary: { minVnd: 0, maxVnd: 0 },
      steps: [{ name: 'Nộp hồ sơ', description: 'Nộp tại Bộ phận Một cửa xã.' }],
      componentGroups: [{ name: '', components: [{ name: 'Tờ khai', originals: 1, copies: 0 }] }],
    },
  }) satisfies CatalogChange;

for (const backend of backends) {
  describe(`catalog changes (${backend.name})`, () => {
    let ctx: TestContext;
    let keyA: string;
    let keyB: string;
    let dossierKeyA: string;
    const fetchVia = (): typeof fetch => async (input, init) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return ctx.request(url.pathname + url.search, init);
    };
    before(async () => {
      ctx = await seededContext(backend);
      keyA = (await createKey(ctx.db, { name: 'Danh mục xã', agencies: [A], scopes: ['catalog:write'] })).key;
      keyB = (await createKey(ctx.db, { name: 'Danh mục phường', agencies: [B], scopes: ['catalog:write'] })).key;
      dossierKeyA = (await createKey(ctx.db, { name: 'Hồ sơ', agencies: [A], scopes: ['dossiers:write'] })).key;
    });
    after(() => ctx.close());

    const post = (body: unknown, key: string | null = keyA, agency = A, type = 'application/json') =>
      ctx.request(`/api/v1/agencies/${agency}/catalog-changes`, {
        method: 'POST',
        headers: { 'content-type': type, ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const catalogEtag = async (agency = A) => (await ctx.request(`/api/v1/agencies/${agency}/procedures/catalog`)).headers.get('etag');

    it('the example of docs/integration.md §8 answers what the guide shows', async () => {
      const guide = readFileSync(new URL('../../../docs/integration.md', import.meta.url), 'utf8');
      const section = guide.slice(guide.indexOf('## 8. The catalog'));
      const body = /-d '(\{ "changes"[\s\S]*?)'\n/.exec(section)?.[1];
      const shown = /# 200 (\{[\s\S]*?\})\n```/.exec(section)?.[1];
      assert.ok(body && shown, 'the example and its answer are in the guide');
      const expected = JSON.parse(shown.replace(/\n#\s*/g, '').replace('"6f0c…"', '"x"')) as Record<string, unknown>;
      const res = await post(body);
      assert.equal(res.status, 200);
      const answer = (await res.json()) as Record<string, unknown>;
      assert.deepEqual({ ...answer, version: 'x' }, expected);
    });

    it('a cached catalog sees own procedures, added and removed national ones on its next revalidation', async () => {
      const publicClient = createClient({ baseUrl: base, fetch: fetchVia(), retry: { limit: 0 } });
      const national = '2.000528';
      const motcua = createIntegrationClient({ baseUrl: base, key: keyA, fetch: fetchVia(), retries: 0 });
      // The commune stops handling one national procedure: the cached catalog loses it.
      const first = await publicClient.getCatalog(A);
      assert.ok(first.items.some((p) => p.code === national));
      assert.equal((await motcua.changeCatalog(A, [{ op: 'remove', code: national }])).applied, 1);
      const before = await publicClient.getCatalog(A);
      assert.ok(!before.items.some((p) => p.code === national));
      assert.ok(before.items.some((p) => p.code === '1.004884'));
      const etagBefore = await catalogEtag();

      const changes: CatalogChange[] = [
        own('1.999001', 'Xác nhận cư trú cho lao động thời vụ'),
        { op: 'add', code: national },
        { op: 'remove', code: '1.004884' },
      ];
      const result = await motcua.changeCatalog(A, changes);
      assert.deepEqual(
        result.results.map((r) => [r.op, r.code, r.result]),
        [
          ['upsert', '1.999001', 'applied'],
          ['add', national, 'applied'],
          ['remove', '1.004884', 'applied'],
        ],
      );
      assert.equal(result.results[0]?.created, true);
      assert.equal(result.version, await getMeta(ctx.db, 'catalog_version'));

      const after = await publicClient.getCatalog(A);
      assert.notEqual(await catalogEtag(), etagBefore, 'the ETag changed');
      const mine = after.items.find((p) => p.code === '1.999001');
      assert.equal(mine?.name, 'Xác nhận cư trú cho lao động thời vụ');
      assert.equal(mine?.kind, 'local');
      assert.deepEqual(mine?.processingTime, { value: 2, unit: 'working_day' });
      assert.ok(after.items.some((p) => p.code === national));
      assert.ok(!after.items.some((p) => p.code === '1.004884'));
      const detail = Procedure.parse(await (await ctx.request('/api/v1/procedures/1.999001')).json());
      assert.equal(detail.steps[0]?.name, 'Nộp hồ sơ');
      assert.equal(detail.componentGroups[0]?.components[0]?.name, 'Tờ khai');

      // Sent again: nothing to do, the version and the ETag stay.
      const etag = await catalogEtag();
      const again = await motcua.changeCatalog(A, changes);
      assert.deepEqual(
        again.results.map((r) => r.result),
        ['unchanged', 'unchanged', 'unchanged'],
      );
      assert.equal(again.version, result.version);
      assert.equal(await catalogEtag(), etag);

      // A renamed own procedure is a new version too.
      const renamed = await motcua.changeCatalog(A, [own('1.999001', 'Xác nhận cư trú cho người lao động thời vụ')]);
      assert.deepEqual([renamed.results[0]?.result, renamed.results[0]?.created], ['applied', false]);
      assert.notEqual(renamed.version, result.version);
      assert.equal(
        (await publicClient.getCatalog(A)).items.find((p) => p.code === '1.999001')?.name,
        'Xác nhận cư trú cho người lao động thời vụ',
      );
    });

    it('refuses per change: rewriting a national procedure, another agency’s own one, adding an unknown code', async () => {
      const res = await post(
        {
          changes: [own('1.001193', 'Đăng ký khai sinh (sửa)'), { op: 'add', code: '1.999999' }, { op: 'add', code: '1.001193' }],
        },
        keyA,
      );
      assert.equal(res.status, 200);
      const body = CatalogChangeBatchResult.parse(await res.json());
      assert.deepEqual(
        body.results.map((r) => [r.result, r.error]),
        [
          ['rejected', 'national_procedure'],
          ['rejected', 'unknown_procedure'],
          ['unchanged', undefined],
        ],
      );
      assert.match(body.results[0]?.reason ?? '', /danh mục quốc gia/);
      const [stored] = await ctx.db.query<{ name: string }>("SELECT name FROM procedures WHERE code = '1.001193'");
      assert.equal(stored?.name, 'Thủ tục đăng ký khai sinh', 'the national record is untouched');

      const etagB = await catalogEtag(B);
      const other = CatalogChangeBatchResult.parse(
        await (await post({ changes: [own('1.999001', 'Chiếm thủ tục của xã khác'), { op: 'add', code: '1.999001' }] }, keyB, B)).json(),
      );
      assert.deepEqual(
        other.results.map((r) => r.error),
        ['other_agency', 'other_agency'],
      );
      assert.equal(other.applied, 0);
      assert.equal(await catalogEtag(B), etagB);
      const [mine] = await ctx.db.query<{ name: string }>("SELECT name FROM procedures WHERE code = '1.999001'");
      assert.notEqual(mine?.name, 'Chiếm thủ tục của xã khác');
    });

    it('two agencies creating the same new code at once: one owns it, the other is refused', async () => {
      const answers = await Promise.all(
        [
          [keyA, A],
          [keyB, B],
        ].map(async ([key, agency]) =>
          CatalogChangeBatchResult.parse(await (await post({ changes: [own('1.999555', `Thủ tục của ${agency}`)] }, key, agency)).json()),
        ),
      );
      assert.deepEqual(answers.map((a) => a.results[0]?.result).sort(), ['applied', 'rejected']);
      const winner = answers.findIndex((a) => a.results[0]?.result === 'applied') === 0 ? A : B;
      const [row] = await ctx.db.query<{ owner_agency: string; name: string }>(
        "SELECT owner_agency, name FROM procedures WHERE code = '1.999555'",
      );
      assert.deepEqual(row, { owner_agency: winner, name: `Thủ tục của ${winner}` });
    });

    it('without a key, with a wrong scope or another agency’s key: 401/403 problem details and nothing changes', async () => {
      const etag = await catalogEtag();
      const change = { changes: [{ op: 'remove', code: '2.000528' }] };
      for (const [key, agency, status] of [
        [null, A, 401],
        ['mck_0000000000000000_' + 'x'.repeat(43), A, 401],
        [dossierKeyA, A, 403],
        [keyB, A, 403],
      ] as const) {
        const res = await post(change, key, agency);
        assert.equal(res.status, status);
        assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
        assert.ok((await problemOf(res)).detail);
      }
      assert.equal(await catalogEtag(), etag);
    });

    it('refuses unbounded or malformed bodies with 400/413/415 problem details naming the field', async () => {
      const etag = await catalogEtag();
      const tooMany = Array.from({ length: MAX_CATALOG_CHANGES + 1 }, () => ({ op: 'add', code: '1.001193' }));
      const long = own('1.999002', 'x'.repeat(1001));
      const extra = { op: 'upsert', procedure: { ...own('1.999003', 'Thủ tục').procedure, html: '<script>' } };
      const badUrl = own('1.999004', 'Thủ tục');
      const withForm = {
        ...badUrl,
        procedure: {
          ...badUrl.procedure,
          componentGroups: [
            { name: '', components: [{ name: 'Tờ khai', originals: 1, copies: 0, forms: [{ name: 'Mẫu', url: 'javascript:alert(1)' }] }] },
          ],
        },
      };
      const cases: Array<[unknown, RegExp]> = [
        [{ changes: tooMany }, /^changes$/],
        [{ changes: [] }, /^changes$/],
        [{ changes: [long] }, /^changes\.0\.procedure\.name$/],
        [{ changes: [extra] }, /^changes\.0\.procedure/],
        [{ changes: [withForm] }, /^changes\.0\.procedure\.componentGroups\.0\.components\.0\.forms\.0\.url$/],
        [{ changes: [{ op: 'rename', code: '1.001193' }] }, /^changes\.0/],
        [{ changes: [{ op: 'add', code: '1.1' }] }, /^changes\.0\.code$/],
        [{ changes: [], more: 1 }, /.*/],
      ];
      for (const [body, path] of cases) {
        const res = await post(body);
        assert.equal(res.status, 400, JSON.stringify(body).slice(0, 80));
        const problem = (await problemOf(res)) as { code?: string; errors?: Array<{ path: string }> };
        assert.equal(problem.code, 'invalid_request');
        assert.ok(
          problem.errors?.some((e) => path.test(e.path)),
          `${JSON.stringify(problem.errors)} names ${path}`,
        );
      }
      assert.equal((await post('{"changes": [', keyA)).status, 400);
      assert.equal((await post({ changes: [] }, keyA, A, 'text/plain')).status, 415);
      const huge = await post({ changes: [{ ...long, procedure: { ...long.procedure, requirements: 'x'.repeat(1_100_000) } }] });
      assert.equal(huge.status, 413);
      assert.equal(await catalogEtag(), etag);
    });
  });
}
