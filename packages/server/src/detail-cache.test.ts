// The in-memory caches of serialised (and compressed) catalog answers: ETag/304 on the procedure detail, identical
// bodies in every content coding, and fresh data after a catalog import made through another instance on the same
// database (each app below has its own caches, as separate processes would).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, inflateSync } from 'node:zlib';
import { Catalog, Procedure, ProcedurePage } from '@motcua/sdk/schemas';
import { createApp, selectEncoding } from './app.js';
import { importCatalog } from './catalog-import.js';
import { backends, calendar, REF_NOW, seededContext, type TestContext } from './test-helpers.js';

const H17 = '000.30.01.H17';
const DETAILED = '1.001193';

describe('Accept-Encoding negotiation (as Hono compress())', () => {
  it('prefers gzip, honours q values and *, and falls back to identity', () => {
    assert.equal(selectEncoding(undefined), undefined);
    assert.equal(selectEncoding(''), undefined);
    assert.equal(selectEncoding('gzip, deflate, br'), 'gzip');
    assert.equal(selectEncoding('deflate'), 'deflate');
    assert.equal(selectEncoding('gzip;q=0.5, deflate;q=0.8'), 'deflate');
    assert.equal(selectEncoding('gzip;q=0, *'), 'deflate');
    assert.equal(selectEncoding('GZIP'), 'gzip');
    assert.equal(selectEncoding('br, identity'), undefined);
    assert.equal(selectEncoding('*;q=0'), undefined);
  });
});

for (const backend of backends) {
  describe(`procedure detail and catalog caches on ${backend.name}`, () => {
    let ctx: TestContext;
    const others: Array<() => void> = [];
    /** A second instance on the same database, with its own caches. */
    const instance = (catalogRevalidateMs: number) => {
      const { app, close } = createApp({ db: ctx.db, calendar, allowedOrigins: '*', now: () => REF_NOW, catalogRevalidateMs });
      others.push(close);
      return (path: string, headers: Record<string, string> = {}) => Promise.resolve(app.request(path, { headers }));
    };
    before(async () => {
      ctx = await seededContext(backend);
    });
    after(async () => {
      for (const close of others) close();
      await ctx?.close();
    });

    it('answers If-None-Match with 304 (strong or weak tag), and 200 for another tag', async () => {
      const res = await ctx.request(`/api/v1/procedures/${DETAILED}`);
      assert.equal(res.status, 200);
      const etag = res.headers.get('etag') as string;
      assert.match(etag, /^"[\w-]+"$/);
      for (const tag of [etag, `W/${etag}`, `"x", ${etag}`, '*']) {
        const again = await ctx.request(`/api/v1/procedures/${DETAILED}`, { headers: { 'if-none-match': tag } });
        assert.equal(again.status, 304, tag);
        assert.equal(again.headers.get('etag'), etag);
        assert.equal(await again.text(), '');
      }
      // A widget on the commune's site revalidating across origins: the 304 carries what the 200 carried, or the browser
      // refuses it (CORS) and the widget shows no catalog.
      for (const path of [`/api/v1/procedures/${DETAILED}`, `/api/v1/agencies/${H17}/procedures/catalog`])
        for (const coding of [{}, { 'accept-encoding': 'gzip, deflate, br' }] as Array<Record<string, string>>) {
          const origin = 'https://xahoavang.danang.gov.vn';
          const first = await ctx.request(path, { headers: { origin, ...coding } });
          const again = await ctx.request(path, { headers: { origin, ...coding, 'if-none-match': first.headers.get('etag') as string } });
          assert.equal(again.status, 304, path);
          for (const name of ['etag', 'cache-control', 'access-control-allow-origin', 'access-control-expose-headers', 'vary'])
            assert.equal(again.headers.get(name), first.headers.get(name), `${path} ${name}`);
          assert.equal(again.headers.get('x-content-type-options'), 'nosniff');
          assert.equal(again.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
        }
      const other = await ctx.request(`/api/v1/procedures/${DETAILED}`, { headers: { 'if-none-match': '"old"' } });
      assert.equal(other.status, 200);
      assert.equal(Procedure.parse(await other.json()).code, DETAILED);
    });

    it('sends the same JSON as identity, gzip and deflate, every time (served from the cache)', async () => {
      const plain = await ctx.request(`/api/v1/procedures/${DETAILED}`);
      assert.equal(plain.headers.get('content-encoding'), null);
      assert.equal(plain.headers.get('vary'), 'Origin, Accept-Encoding');
      const text = await plain.text();
      assert.equal(Procedure.parse(JSON.parse(text)).code, DETAILED);
      const etag = plain.headers.get('etag') as string;
      for (let round = 0; round < 2; round++) {
        const gz = await ctx.request(`/api/v1/procedures/${DETAILED}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
        assert.equal(gz.headers.get('content-encoding'), 'gzip');
        assert.equal(gz.headers.get('etag'), `W/${etag}`);
        assert.equal(gz.headers.get('vary'), 'Origin, Accept-Encoding');
        const gzBytes = Buffer.from(await gz.arrayBuffer());
        assert.ok(gzBytes.length < text.length / 3, `gzip ${gzBytes.length} B vs ${text.length} B`);
        assert.equal(gunzipSync(gzBytes).toString('utf8'), text);
        const df = await ctx.request(`/api/v1/procedures/${DETAILED}`, { headers: { 'accept-encoding': 'deflate' } });
        assert.equal(df.headers.get('content-encoding'), 'deflate');
        assert.equal(inflateSync(Buffer.from(await df.arrayBuffer())).toString('utf8'), text);
        assert.equal(await (await ctx.request(`/api/v1/procedures/${DETAILED}`)).text(), text);
      }
    });

    it('sends JSON answers under 1 KB as they are, even to clients that accept gzip', async () => {
      const small = await ctx.request(`/api/v1/agencies/${H17}`, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(small.status, 200);
      assert.equal(small.headers.get('content-encoding'), null);
      const text = await small.text();
      assert.ok(Buffer.byteLength(text) < 1024);
      assert.equal((JSON.parse(text) as { code: string }).code, H17);
    });

    it('serves what another instance imported: at once with revalidation 0, after the revalidation time otherwise', async () => {
      const page = ProcedurePage.parse(await (await ctx.request(`/api/v1/agencies/${H17}/procedures?q=chung%20thuc&pageSize=50`)).json());
      // A certification the seed has no details for (no published time: a catalog-only record).
      const code = page.items.find((i) => i.processingTime === null)?.code as string;
      const eager = instance(0);
      const lazy = instance(150);
      const detail = async (get: ReturnType<typeof instance>) => {
        const res = await get(`/api/v1/procedures/${code}`);
        return { etag: res.headers.get('etag') as string, p: Procedure.parse(await res.json()) };
      };
      const catalogName = async (get: ReturnType<typeof instance>) =>
        Catalog.parse(await (await get(`/api/v1/agencies/${H17}/procedures/catalog`)).json()).items.find((i) => i.code === code)?.name;
      // Warm every cache.
      const before = await detail(eager);
      await detail(lazy);
      await catalogName(eager);
      await catalogName(lazy);
      assert.equal(before.p.detailed, false);
      const name = `Thủ tục đã đổi tên ${randomUUID().slice(0, 8)}`;
      const line = JSON.stringify({ id: randomUUID(), code, name, categories: ['Chứng thực'], departments: ['Ủy ban nhân dân cấp xã'] });
      const result = await importCatalog(ctx.db, line);
      assert.equal(result.imported, 1);

      const after = await detail(eager);
      assert.equal(after.p.name, name);
      assert.notEqual(after.etag, before.etag);
      assert.equal(await catalogName(eager), name);
      const old = await eager(`/api/v1/procedures/${code}`, { 'if-none-match': before.etag });
      assert.equal(old.status, 200, 'the old ETag no longer matches');
      const fresh = await eager(`/api/v1/procedures/${code}`, { 'if-none-match': after.etag });
      assert.equal(fresh.status, 304);

      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal((await detail(lazy)).p.name, name);
      assert.equal(await catalogName(lazy), name);
      assert.equal((await detail(lazy)).etag, after.etag);
    });
  });
}
