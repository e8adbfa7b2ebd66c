// The agency e-ID in the directory through the integration API: `PUT /agencies/{agency}/directory-unit` (scope
// directory:write). Keys (401/403), bad bodies (400/415), unknown or other-province units (422), a unit of another
// agency (409), moving the e-ID, idempotent repeats, the directory's ETag, and races. PGlite always, PostgreSQL when
// DATABASE_URL is set.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MotcuaHttpError, MotcuaInputError } from '@motcua/sdk';
import { createIntegrationClient, DirectoryUnitAttachResult } from '@motcua/sdk/integration';
import { AgencyDirectory } from '@motcua/sdk/schemas';
import { createKey } from './auth.js';
import { backends, problemOf, seededContext, type TestContext } from './test-helpers.js';

const A = '000.30.01.H17'; // on 20320 (Xã Hoà Vang) in the seed
const B = '000.30.02.H17'; // on 20242 (Phường Hải Châu)

for (const backend of backends) {
  describe(`directory unit through the integration API (${backend.name})`, () => {
    let ctx: TestContext;
    let keyA: string;
    let keyB: string;
    let catalogA: string;
    let free: string[];
    let otherProvince: string;
    before(async () => {
      ctx = await seededContext(backend, { catalogRevalidateMs: 60_000 });
      keyA = (await createKey(ctx.db, { name: 'xã Hòa Vang', agencies: [A], scopes: ['directory:write'] })).key;
      keyB = (await createKey(ctx.db, { name: 'phường Hải Châu', agencies: [B], scopes: ['directory:write'] })).key;
      catalogA = (await createKey(ctx.db, { name: 'danh mục', agencies: [A], scopes: ['catalog:write', 'dossiers:write'] })).key;
      const dir = await directory();
      free = dir.units.filter((u) => !u.agency).map((u) => u.code);
      assert.ok(free.length >= 10);
      const far = AgencyDirectory.parse(await (await ctx.request('/api/v1/agencies?province=56')).json());
      otherProvince = far.units.find((u) => !u.agency)?.code ?? '';
      assert.ok(otherProvince);
    });
    after(() => ctx.close());

    const put = (body: unknown, key: string | null = keyA, agency = A, type = 'application/json') =>
      ctx.request(`/api/v1/agencies/${agency}/directory-unit`, {
        method: 'PUT',
        headers: { 'content-type': type, ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    async function directory(etag?: string) {
      return AgencyDirectory.parse(
        await (await ctx.request('/api/v1/agencies?province=48', etag ? { headers: { 'if-none-match': etag } } : {})).json(),
      );
    }
    const holderOf = async (unit: string) => (await directory()).units.find((u) => u.code === unit)?.agency;
    const onUnits = async (agency: string) => (await directory()).units.filter((u) => u.agency === agency).map((u) => u.code);

    it('refuses without a key (401), with a key of another agency or without directory:write (403), and changes nothing', async () => {
      const target = free[0] as string;
      const cases: Array<[string | null, number]> = [
        [null, 401],
        ['mck_0000000000000000_' + 'x'.repeat(43), 401],
        [keyB, 403],
        [catalogA, 403],
      ];
      for (const [key, status] of cases) {
        const res = await put({ gso: target }, key);
        assert.equal(res.status, status, String(key));
        assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
      }
      assert.equal(await holderOf(target), undefined);
      assert.deepEqual(await onUnits(A), ['20320']);
    });

    it('refuses bad bodies with problem+json in Vietnamese (400, 413, 415)', async () => {
      for (const body of [{ gso: '2032' }, { gso: 20320 }, { gso: '20320', extra: 1 }, {}, [], 'not json', { gso: '２０３２０' }]) {
        const res = await put(body);
        assert.equal(res.status, 400, JSON.stringify(body));
        const problem = await problemOf(res);
        assert.equal(problem.code, 'invalid_request');
      }
      assert.match(String((await problemOf(await put({ gso: 'x' }))).detail), /mã xã\/phường/);
      assert.equal((await put({ gso: free[0], pad: 'x'.repeat(2000) })).status, 413);
      assert.equal((await put({ gso: free[0] }, keyA, A, 'text/plain')).status, 415);
      assert.deepEqual(await onUnits(A), ['20320']);
    });

    it('refuses an unknown unit and a unit of another province (422) and changes nothing', async () => {
      const unknown = await put({ gso: '99999' });
      assert.equal(unknown.status, 422);
      const p1 = await problemOf(unknown);
      assert.equal(p1.code, 'unknown_unit');
      assert.match(String(p1.detail), /Không có xã\/phường nào có mã 99999/);
      const far = await put({ gso: otherProvince });
      assert.equal(far.status, 422);
      assert.match(String((await problemOf(far)).detail), /không thuộc tỉnh/);
      assert.equal(await holderOf('20320'), A);
    });

    it('refuses a unit that carries another agency’s e-ID (409) and leaves both where they were', async () => {
      const res = await put({ gso: '20242' });
      assert.equal(res.status, 409);
      const problem = await problemOf(res);
      assert.equal(problem.code, 'unit_taken');
      assert.match(String(problem.detail), /đã gắn mã định danh 000\.30\.02\.H17/);
      assert.equal(await holderOf('20242'), B);
      assert.deepEqual(await onUnits(A), ['20320']);
    });

    it('moves the e-ID to the new unit, shown at once by GET /agencies with a new ETag; a repeat is unchanged', async () => {
      const first = await ctx.request('/api/v1/agencies?province=48');
      const etag = first.headers.get('etag') ?? '';
      assert.ok(etag);
      const target = free[1] as string;
      const res = await put({ gso: target });
      assert.equal(res.status, 200, await res.clone().text());
      const body = DirectoryUnitAttachResult.parse(await res.json());
      assert.equal(body.result, 'attached');
      assert.equal(body.movedFrom, '20320');
      assert.equal(body.unit.code, target);
      assert.equal(body.unit.province, '48');
      // Although the app trusts its cached catalog version for a minute, the directory changes at once.
      const after = await ctx.request('/api/v1/agencies?province=48', { headers: { 'if-none-match': etag } });
      assert.equal(after.status, 200);
      assert.notEqual(after.headers.get('etag'), etag);
      const dir = AgencyDirectory.parse(await after.json());
      assert.equal(dir.units.find((u) => u.code === target)?.agency, A);
      assert.equal(dir.units.find((u) => u.code === '20320')?.agency, undefined);

      const etag2 = after.headers.get('etag') ?? '';
      const again = await put({ gso: target });
      assert.equal(again.status, 200);
      assert.deepEqual(DirectoryUnitAttachResult.parse(await again.json()), { ...body, result: 'unchanged', movedFrom: null });
      const still = await ctx.request('/api/v1/agencies?province=48', { headers: { 'if-none-match': etag2 } });
      assert.equal(still.status, 304, 'a repeat changes nothing, not even the ETag');
      assert.deepEqual(await onUnits(A), [target]);
    });

    it('two agencies racing for one free unit: exactly one wins, the other gets 409', async () => {
      for (const target of free.slice(2, 5)) {
        const [a, b] = await Promise.all([put({ gso: target }, keyA, A), put({ gso: target }, keyB, B)]);
        const statuses = [a.status, b.status].sort();
        assert.deepEqual(statuses, [200, 409], target);
        const winner = a.status === 200 ? A : B;
        assert.equal(await holderOf(target), winner);
        assert.deepEqual(await onUnits(winner), [target]);
      }
    });

    it('one agency sending many units at once ends on exactly one of them, every move accounted for', async () => {
      const targets = free.slice(5, 10);
      const answers = await Promise.all(targets.map((gso) => put({ gso })));
      for (const res of answers) assert.equal(res.status, 200);
      const bodies = await Promise.all(answers.map(async (r) => DirectoryUnitAttachResult.parse(await r.json())));
      const now = await onUnits(A);
      assert.equal(now.length, 1);
      assert.ok(targets.includes(now[0] as string));
      // Every move left the unit it came from: the chain of movedFrom is each other answer's unit exactly once.
      const moved = bodies.map((b) => b.movedFrom).filter((m): m is string => m !== null);
      assert.equal(new Set(moved).size, moved.length);
      assert.equal(moved.filter((m) => targets.includes(m)).length, targets.length - 1);
    });

    it('the integration client: attachDirectoryUnit answers typed, a taken unit is a MotcuaHttpError 409, bad input never leaves', async () => {
      let calls = 0;
      const fetch = ((url: string, init: RequestInit) => {
        calls++;
        return ctx.request(new URL(url).pathname, init);
      }) as unknown as typeof globalThis.fetch;
      const client = createIntegrationClient({ baseUrl: 'http://motcua.test/api/v1', key: keyB, fetch, retries: 0 });
      const [mine] = await onUnits(B);
      const answer = await client.attachDirectoryUnit(B, mine as string);
      assert.equal(answer.result, 'unchanged');
      const [ofA] = await onUnits(A);
      await assert.rejects(
        client.attachDirectoryUnit(B, ofA as string),
        (e: unknown) => e instanceof MotcuaHttpError && e.status === 409 && e.problem?.code === 'unit_taken',
      );
      const sent = calls;
      await assert.rejects(client.attachDirectoryUnit(B, '2032'), MotcuaInputError);
      assert.equal(calls, sent);
    });
  });
}
