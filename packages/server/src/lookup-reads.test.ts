// A client asking for its dossier again and again (a refreshing tracker, a script) is answered from the dossier this
// instance read last, for `dossierRevalidateMs`, without a database round trip; every look-up still counts. What a
// citizen must never see: an old status after a change made through this instance, a change made elsewhere later
// than that window, or "not found" for a dossier pushed elsewhere.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AppOptions, createApp } from './app.js';
import { createKey } from './auth.js';
import type { Db } from './db.js';
import { backends, calendar, PUSHED_DOSSIER, REF_NOW, seededContext, type TestContext } from './test-helpers.js';

const A = '000.30.01.H17';
const RATE = { lookups: 100_000, lookupsPerDay: 0, verifications: 3, windowSeconds: 600 };
const received = PUSHED_DOSSIER;
const processing = { ...received, status: 'processing', dueAt: '2026-10-21T17:00:00+07:00' };

/** Counts the look-up statements sent to `db` (the app and the test share the object). */
function countLookups(db: Db): { readonly n: number } {
  const counter = { n: 0 };
  const query = db.query.bind(db);
  db.query = ((sql: string, params?: readonly unknown[]) => {
    if (sql.includes('motcua_lookup_dossiers')) counter.n++;
    return query(sql, params);
  }) as Db['query'];
  return counter;
}

for (const backend of backends) {
  describe(`look-ups answered from the dossier just read (${backend.name})`, () => {
    let ctx: TestContext;
    let key: string;
    let other: ReturnType<typeof createApp>;
    let lookups: { readonly n: number };
    const IP = '10.80.0.1';
    const options = (dossierRevalidateMs: number): Partial<AppOptions> => ({ rateLimit: RATE, dossierRevalidateMs });
    before(async () => {
      ctx = await seededContext(backend, options(60_000));
      key = (await createKey(ctx.db, { name: 'một cửa tỉnh', agencies: [A], scopes: ['dossiers:write'] })).key;
      lookups = countLookups(ctx.db);
      // A second instance on the same database (PGlite has one connection: the same database object).
      other = createApp({ db: ctx.db, calendar, allowedOrigins: '*', now: () => REF_NOW, rateLimit: RATE, demo: true });
    });
    after(async () => {
      other.close();
      await ctx.close();
    });

    const put = (app: 'this' | 'other', code: string, body: unknown): Promise<Response> => {
      const init = {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify(body),
      };
      const path = `/api/v1/agencies/${A}/dossiers/${code}`;
      return app === 'this' ? ctx.request(path, init) : Promise.resolve(other.app.request(path, init));
    };
    /** Twenty look-ups of `code` at once from one client: the statuses (or HTTP codes) seen. */
    const burst = async (code: string): Promise<Set<string | number>> =>
      new Set(
        await Promise.all(
          Array.from({ length: 20 }, async () => {
            const res = await ctx.request(`/api/v1/dossiers/${code}`, { ip: IP });
            return res.status === 200 ? ((await res.json()) as { status: string }).status : res.status;
          }),
        ),
      );

    it('repeated look-ups of one client need no database read; a change through this instance is seen at once', async () => {
      const code = `${A}-261015-0771`;
      assert.equal((await put('this', code, received)).status, 201);
      assert.deepEqual(await burst(code), new Set(['received']));
      const before = lookups.n;
      assert.deepEqual(await burst(code), new Set(['received']));
      assert.equal(lookups.n, before, 'the second burst was answered without a look-up statement');
      assert.equal((await put('this', code, processing)).status, 200);
      assert.deepEqual(await burst(code), new Set(['processing']), 'the change made through this instance');
    });

    it('a dossier pushed through another instance after "not found" is found at once (not-found is never kept)', async () => {
      const code = `${A}-261015-0772`;
      assert.deepEqual(await burst(code), new Set([404]));
      assert.equal((await put('other', code, received)).status, 201);
      assert.deepEqual(await burst(code), new Set(['received']));
    });
  });

  describe(`look-ups and another instance's change (${backend.name})`, () => {
    it('a change through another instance is seen once the window has passed; with a window of 0 at once', async () => {
      for (const windowMs of [300, 0]) {
        const ctx = await seededContext(backend, { rateLimit: RATE, dossierRevalidateMs: windowMs });
        const other = createApp({ db: ctx.db, calendar, allowedOrigins: '*', now: () => REF_NOW, rateLimit: RATE, demo: true });
        try {
          const key = (await createKey(ctx.db, { name: 'một cửa tỉnh', agencies: [A], scopes: ['dossiers:write'] })).key;
          const put = async (body: unknown): Promise<number> =>
            (
              await other.app.request(`/api/v1/agencies/${A}/dossiers/${A}-261015-0773`, {
                method: 'PUT',
                headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
                body: JSON.stringify(body),
              })
            ).status;
          const burst = async (): Promise<Set<string>> =>
            new Set(
              await Promise.all(
                Array.from({ length: 20 }, async () => {
                  const res = await ctx.request(`/api/v1/dossiers/${A}-261015-0773`, { ip: '10.80.0.2' });
                  return ((await res.json()) as { status: string }).status;
                }),
              ),
            );
          assert.equal(await put(received), 201);
          assert.deepEqual(await burst(), new Set(['received']));
          assert.deepEqual(await burst(), new Set(['received']));
          assert.equal(await put(processing), 200);
          if (windowMs > 0) await sleep(windowMs + 50);
          assert.deepEqual(await burst(), new Set(['processing']), `window ${windowMs} ms`);
        } finally {
          other.close();
          await ctx.close();
        }
      }
    });
  });
}
