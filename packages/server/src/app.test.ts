// Every route, error and rule of the API, against PGlite always and against PostgreSQL when DATABASE_URL is set.
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import {
  Agency,
  AgencyList,
  Catalog,
  DossierStatus,
  Problem,
  Procedure,
  ProcedurePage,
  RatingReceipt,
  SectorList,
  ServiceStats,
} from '@motcua/sdk/schemas';
import { createApp } from './app.js';
import type { Db } from './db.js';
import { demoDossiers } from './demo-dossiers.js';
import { enrolDevice } from './devices.js';
import { maskName } from './generator.js';
import { backends, calendar, problemOf, REF_NOW, seededContext, type TestContext } from './test-helpers.js';

const H17 = '000.30.01.H17';
const demos = demoDossiers(REF_NOW);
const demo = (sequence: number) => {
  const d = demos.find((x) => x.sequence === sequence);
  if (!d) throw new Error(`no demo ${sequence}`);
  return d;
};

type Parser<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: unknown[] } } };

/** Asserts that a response body matches its contract schema, and returns it typed. */
function valid<T>(schema: Parser<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) assert.fail(`response does not match the schema: ${JSON.stringify(result.error.issues.slice(0, 3))}`);
  return value as T;
}

async function expectProblem(response: Response, status: number, code: string): Promise<Record<string, unknown>> {
  assert.equal(response.status, status, `expected ${status} ${code}, got ${response.status}`);
  const body = await problemOf(response);
  valid(Problem, body);
  assert.equal(body.code, code);
  assert.equal(body.status, status);
  assert.doesNotMatch(JSON.stringify(body), /\bat .*\.(ts|js):\d+/, 'no stack trace');
  return body;
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

let keySeq = 0;
const newKey = (): string => `test-key-${Date.now()}-${++keySeq}`;
const rating = (extra: Record<string, unknown> = {}) => ({
  agency: H17,
  channel: 'kiosk',
  overall: 'very_satisfied',
  ratedAt: '2026-10-15T09:55:00+07:00',
  ...extra,
});

for (const backend of backends) {
  describe(`API on ${backend.name}`, () => {
    let ctx: TestContext;
    /** An enrolled kiosk of H17 (kiosk ratings need one), and the owners' proofs of the two finished demo dossiers. */
    let auth: Record<string, string> = {};
    const proofs = new Map<string, string>();
    const owner = (code: string): Record<string, string> => ({ ...auth, 'motcua-owner-proof': proofs.get(code) ?? 'none' });
    before(async () => {
      ctx = await seededContext(backend);
      auth = { 'motcua-device': (await enrolDevice(ctx.db, H17, 'Quầy test')).credential };
      for (const d of [demo(9009), demo(9010)]) {
        const res = await ctx.request(`/api/v1/dossiers/${d.code}/verify`, json({ phoneLast4: d.phoneLast4 }));
        proofs.set(d.code, valid(DossierStatus, await res.json()).ratingProof?.token ?? '');
      }
    });
    after(async () => {
      await ctx?.close();
    });

    describe('agencies and sectors', () => {
      it('lists the demo agencies with their procedure counts', async () => {
        const res = await ctx.request('/api/v1/agencies');
        assert.equal(res.status, 200);
        const body = valid(AgencyList, await res.json());
        assert.ok(body.items.length >= 3);
        assert.equal(body.items[0]?.code, H17);
        assert.equal(body.items[0]?.procedureCount, 393);
      });
      it('returns one agency, 404 for an unknown one, 400 for a malformed code', async () => {
        const res = await ctx.request(`/api/v1/agencies/${H17}`);
        const body = valid(Agency, await res.json());
        assert.equal(body.name, 'UBND xã Hòa Vang');
        await expectProblem(await ctx.request('/api/v1/agencies/000.99.99.H99'), 404, 'not_found');
        await expectProblem(await ctx.request('/api/v1/agencies/abc'), 400, 'invalid_request');
        await expectProblem(await ctx.request(`/api/v1/agencies/${encodeURIComponent("' OR 1=1 --")}`), 400, 'invalid_request');
      });
      it('lists sectors', async () => {
        const body = valid(SectorList, await (await ctx.request('/api/v1/sectors')).json());
        assert.ok(body.items.some((s) => s.code === 'G15-TP07' && s.name === 'Hộ tịch'));
      });
    });

    describe('procedure search (unaccent + pg_trgm)', () => {
      const search = async (query: string): Promise<{ status: number; body: unknown; res: Response }> => {
        const res = await ctx.request(`/api/v1/agencies/${H17}/procedures?${query}`);
        return { status: res.status, body: await res.clone().json(), res };
      };
      const codes = (body: unknown): string[] => valid(ProcedurePage, body as ProcedurePage).items.map((i) => i.code);
      it('finds with diacritics, without diacritics, in capitals and with a stray Telex letter', async () => {
        for (const q of ['khai sinh', 'dang ky khai sinh', 'ĐĂNG KÝ KHAI SINH', 'dang ky khai sinhf']) {
          const { status, body } = await search(`q=${encodeURIComponent(q)}&pageSize=5`);
          assert.equal(status, 200);
          assert.ok(codes(body).includes('1.001193'), `${q} → ${codes(body).join(' ')}`);
        }
      });
      it('ranks an exact title first', async () => {
        const { body } = await search(`q=${encodeURIComponent('Thủ tục đăng ký kết hôn')}&pageSize=3`);
        assert.equal(codes(body)[0], '1.000894');
      });
      it('finds by procedure code', async () => {
        const { body } = await search('q=1.004222');
        assert.equal(codes(body)[0], '1.004222');
      });
      it('pages: distinct items, stable total', async () => {
        const p1 = valid(ProcedurePage, (await search('pageSize=5&page=1')).body as ProcedurePage);
        const p2 = valid(ProcedurePage, (await search('pageSize=5&page=2')).body as ProcedurePage);
        assert.equal(p1.total, 393);
        assert.equal(p2.total, 393);
        assert.equal(p1.items.length, 5);
        assert.equal(new Set([...p1.items, ...p2.items].map((i) => i.code)).size, 10);
        const last = valid(ProcedurePage, (await search('pageSize=100&page=4')).body as ProcedurePage);
        assert.equal(last.items.length, 93);
        const beyond = valid(ProcedurePage, (await search('pageSize=100&page=50')).body as ProcedurePage);
        assert.deepEqual([beyond.items.length, beyond.total], [0, 393]);
      });
      it('filters by sector and online level', async () => {
        const bySector = valid(ProcedurePage, (await search('sector=G15-TP07&pageSize=100')).body as ProcedurePage);
        assert.ok(bySector.total > 10 && bySector.items.every((i) => i.sector.code === 'G15-TP07'));
        const full = valid(ProcedurePage, (await search('online=full&pageSize=100')).body as ProcedurePage);
        assert.ok(full.items.every((i) => i.onlineService === 'full'));
      });
      it('treats LIKE wildcards and SQL as plain text', async () => {
        const pct = valid(ProcedurePage, (await search('q=%25&pageSize=100')).body as ProcedurePage);
        assert.ok(pct.total < 5 && pct.items.every((i) => i.name.includes('%')), '% matches only names with a percent sign');
        const injection = await search(`q=${encodeURIComponent("'; DROP TABLE procedures; --")}`);
        assert.equal(injection.status, 200);
        const still = valid(ProcedurePage, (await search('pageSize=1')).body as ProcedurePage);
        assert.equal(still.total, 393);
      });
      it('rejects bad query parameters with problem details', async () => {
        await expectProblem((await search('pageSize=101')).res, 400, 'invalid_request');
        await expectProblem((await search('page=abc')).res, 400, 'invalid_request');
        await expectProblem((await search('page=0')).res, 400, 'invalid_request');
        await expectProblem((await search('online=maybe')).res, 400, 'invalid_request');
        await expectProblem((await search(`q=${'a'.repeat(201)}`)).res, 400, 'invalid_request');
        await expectProblem(await ctx.request('/api/v1/agencies/000.99.99.H99/procedures'), 404, 'not_found');
      });
      it('refuses control characters (NUL reaching PostgreSQL was a 500) in any parameter with a 400', async () => {
        await expectProblem((await search('sector=%00')).res, 400, 'invalid_request');
        await expectProblem((await search('q=kh%00ai')).res, 400, 'invalid_request');
        await expectProblem((await search('sector=G15%1FTP07')).res, 400, 'invalid_request');
        await expectProblem(await ctx.request('/api/v1/dossiers/000.30.01.H17-%00'), 400, 'invalid_request');
        // Still serving, and a normal search still answers.
        assert.equal((await search('q=khai%20sinh')).res.status, 200);
      });
    });

    describe('catalog', () => {
      it('serves every procedure of the agency with an ETag, and 304 when unchanged', async () => {
        const res = await ctx.request(`/api/v1/agencies/${H17}/procedures/catalog`);
        assert.equal(res.status, 200);
        const etag = res.headers.get('etag');
        assert.ok(etag);
        const body = valid(Catalog, await res.json());
        assert.equal(body.items.length, 393);
        assert.equal(body.agency, H17);
        const again = await ctx.request(`/api/v1/agencies/${H17}/procedures/catalog`, { headers: { 'if-none-match': etag } });
        assert.equal(again.status, 304);
        assert.equal(again.headers.get('etag'), etag);
        assert.equal(await again.text(), '');
        const stale = await ctx.request(`/api/v1/agencies/${H17}/procedures/catalog`, { headers: { 'if-none-match': '"old"' } });
        assert.equal(stale.status, 200);
      });
      it('404 for an unknown agency', async () => {
        await expectProblem(await ctx.request('/api/v1/agencies/000.99.99.H99/procedures/catalog'), 404, 'not_found');
      });
      it('is compressed for clients that accept gzip, and the same JSON once decoded', async () => {
        const plain = await ctx.request(`/api/v1/agencies/${H17}/procedures/catalog`);
        const plainText = await plain.text();
        assert.equal(plain.headers.get('content-encoding'), null);
        const zipped = await ctx.request(`/api/v1/agencies/${H17}/procedures/catalog`, { headers: { 'accept-encoding': 'gzip' } });
        assert.equal(zipped.headers.get('content-encoding'), 'gzip');
        const bytes = Buffer.from(await zipped.arrayBuffer());
        assert.ok(bytes.length < plainText.length / 3, `gzip ${bytes.length} B vs ${plainText.length} B`);
        assert.equal(gunzipSync(bytes).toString('utf8'), plainText);
      });
    });

    describe('procedure detail', () => {
      it('returns the full record of a detailed procedure', async () => {
        const res = await ctx.request('/api/v1/procedures/1.001193');
        const p = valid(Procedure, await res.json());
        assert.equal(p.detailed, true);
        assert.ok(p.steps.length > 0 && p.channels.length > 0 && p.legalBasis.length > 0 && p.results.length > 0);
        assert.ok(res.headers.get('etag'));
      });
      it('returns a catalog-only record with detailed: false', async () => {
        const page = valid(
          ProcedurePage,
          await (await ctx.request(`/api/v1/agencies/${H17}/procedures?q=chung%20thuc&pageSize=50`)).json(),
        );
        // A certification the seed has no details for (no published time: a catalog-only record).
        const code = page.items.find((i) => i.processingTime === null)?.code as string;
        const p = valid(Procedure, await (await ctx.request(`/api/v1/procedures/${code}`)).json());
        assert.equal(p.detailed, false);
      });
      it('404 for an unknown code, 400 for a malformed one', async () => {
        await expectProblem(await ctx.request('/api/v1/procedures/9.999999'), 404, 'not_found');
        await expectProblem(await ctx.request('/api/v1/procedures/abc'), 400, 'invalid_request');
        await expectProblem(
          await ctx.request(`/api/v1/procedures/${encodeURIComponent('<script>alert(1)</script>')}`),
          400,
          'invalid_request',
        );
      });
    });

    describe('dossiers: public view and privacy', () => {
      it('every demo dossier is found in its status, without any personal data', async () => {
        for (const d of demos) {
          const res = await ctx.request(`/api/v1/dossiers/${d.code}`, {});
          assert.equal(res.status, 200, d.code);
          const text = await res.text();
          const body = valid(DossierStatus, JSON.parse(text) as DossierStatus);
          assert.equal(body.view, 'public');
          assert.equal(body.status, d.status, d.note);
          assert.equal(body.timing, d.timing, d.note);
          assert.equal(body.applicantName, undefined);
          assert.ok(!text.includes(d.phoneLast4), 'no phone digits');
          assert.ok(!text.includes(d.applicantName.split(' ').at(-1) as string), 'no name');
          assert.ok(body.steps.length > 0);
        }
      });
      it('shows what the applicant must do when a supplement or payment is pending, and reasons', async () => {
        const sup = valid(DossierStatus, await (await ctx.request(`/api/v1/dossiers/${demo(9005).code}`)).json());
        assert.equal(sup.pending?.kind, 'supplement');
        const pay = valid(DossierStatus, await (await ctx.request(`/api/v1/dossiers/${demo(9006).code}`)).json());
        assert.equal(pay.pending?.kind, 'payment');
        assert.ok((pay.pending?.amountVnd ?? 0) > 0);
        const rejected = valid(DossierStatus, await (await ctx.request(`/api/v1/dossiers/${demo(9003).code}`)).json());
        assert.ok(rejected.reason);
      });
      it('accepts a lower-case province letter and surrounding spaces', async () => {
        const res = await ctx.request(`/api/v1/dossiers/${encodeURIComponent(` ${demo(9004).code.replace('H17', 'h17')} `)}`);
        assert.equal(res.status, 200);
      });
      it('a generated dossier is found too, by its code with the check part (not by the national part alone)', async () => {
        const [row] = await ctx.db.query<{ code: string }>(`SELECT code FROM dossiers WHERE code LIKE $1`, [`${H17}-261012-0001-%`]);
        assert.ok(row, 'generated with a check part');
        const res = await ctx.request(`/api/v1/dossiers/${row.code}`);
        assert.equal(valid(DossierStatus, await res.json()).code, row.code);
        await expectProblem(await ctx.request(`/api/v1/dossiers/${H17}-261012-0001`), 404, 'dossier_not_found');
      });
      it('unknown codes are 404 dossier_not_found; malformed ones 400', async () => {
        await expectProblem(await ctx.request(`/api/v1/dossiers/${H17}-261012-8999`, { ip: '198.51.100.2' }), 404, 'dossier_not_found');
        for (const bad of [
          'abc',
          `${H17}-261332-0001`,
          `${H17}-261231-0001`,
          `${H17}-261012-0000`,
          `<img src=x onerror=alert(1)>`,
          `${'9'.repeat(60)}`,
          "x' OR '1'='1",
        ]) {
          await expectProblem(
            await ctx.request(`/api/v1/dossiers/${encodeURIComponent(bad)}`, { ip: '198.51.100.3' }),
            400,
            'invalid_request',
          );
        }
      });
    });

    describe('dossiers: owner view', () => {
      it('the last four phone digits give the owner view with the masked name', async () => {
        const d = demo(9004);
        const res = await ctx.request(`/api/v1/dossiers/${d.code}/verify`, json({ phoneLast4: d.phoneLast4 }, {}));
        assert.equal(res.status, 200);
        const text = await res.text();
        const body = valid(DossierStatus, JSON.parse(text) as DossierStatus);
        assert.equal(body.view, 'owner');
        assert.equal(body.applicantName, maskName(d.applicantName));
        assert.equal(body.applicantName, 'Phạm Q** B**');
        assert.ok(!text.includes('Quốc Bảo'));
      });
      it('wrong digits are answered like an unknown code', async () => {
        const d = demo(9004);
        await expectProblem(
          await ctx.request(`/api/v1/dossiers/${d.code}/verify`, {
            ...json({ phoneLast4: '0000' }),
            headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
          }),
          404,
          'dossier_not_found',
        );
      });
      it('rejects malformed JSON, wrong types, unknown fields, wrong media type', async () => {
        const url = `/api/v1/dossiers/${demo(9004).code}/verify`;
        await expectProblem(await ctx.request(url, json('{"phoneLast4":')), 400, 'invalid_request');
        await expectProblem(await ctx.request(url, json({ phoneLast4: 4512 })), 400, 'invalid_request');
        await expectProblem(await ctx.request(url, json({ phoneLast4: '45a2' })), 400, 'invalid_request');
        await expectProblem(await ctx.request(url, json([])), 400, 'invalid_request');
        const extra = await expectProblem(await ctx.request(url, json({ phoneLast4: '4512', admin: true })), 400, 'invalid_request');
        assert.match(JSON.stringify(extra.errors), /admin/);
        await expectProblem(
          await ctx.request(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'phoneLast4=4512' }),
          415,
          'unsupported_media_type',
        );
      });
    });

    describe('rate limiting per client address', () => {
      it('after too many unknown codes, every look-up from that address gets 429 with Retry-After', async () => {
        const ip = '10.1.0.1';
        for (let i = 1; i <= 5; i++) {
          await expectProblem(await ctx.request(`/api/v1/dossiers/${H17}-261012-${String(8000 + i)}`, { ip }), 404, 'dossier_not_found');
        }
        const blocked = await ctx.request(`/api/v1/dossiers/${demo(9004).code}`, { ip });
        const body = await expectProblem(blocked, 429, 'rate_limited');
        const retryAfter = Number(blocked.headers.get('retry-after'));
        assert.ok(retryAfter > 0 && retryAfter <= 600);
        assert.equal(body.retryAfter, retryAfter);
        // Another address is not affected; found dossiers count too (enumeration with hits costs the same budget).
        assert.equal((await ctx.request(`/api/v1/dossiers/${demo(9004).code}`, { ip: '10.1.0.2' })).status, 200);
        const found = [];
        for (let i = 0; i < 8; i++) found.push((await ctx.request(`/api/v1/dossiers/${demo(9004).code}`, { ip: '10.1.0.3' })).status);
        assert.deepEqual(found, [200, 200, 200, 200, 200, 429, 429, 429]);
      });
      it('after too many wrong phone digits, verification from that address gets 429', async () => {
        const ip = '10.2.0.1';
        const url = `/api/v1/dossiers/${demo(9009).code}/verify`;
        for (const digits of ['0001', '0002', '0003'])
          await expectProblem(await ctx.request(url, { ...json({ phoneLast4: digits }), ip }), 404, 'dossier_not_found');
        await expectProblem(await ctx.request(url, { ...json({ phoneLast4: demo(9009).phoneLast4 }), ip }), 429, 'rate_limited');
        assert.equal((await ctx.request(url, { ...json({ phoneLast4: demo(9009).phoneLast4 }), ip: '10.2.0.2' })).status, 200);
      });
      it('a concurrent burst of guesses cannot slip past the limit', async () => {
        const ip = '10.3.0.1';
        const statuses = (
          await Promise.all(Array.from({ length: 30 }, (_, i) => ctx.request(`/api/v1/dossiers/${H17}-261012-${String(7000 + i)}`, { ip })))
        ).map((r) => r.status);
        assert.ok(statuses.filter((s) => s === 404).length <= 5, `404s: ${statuses.filter((s) => s === 404).length}`);
        assert.ok(statuses.filter((s) => s === 429).length >= 25);
      });
      it('expired windows let the address try again', async () => {
        await ctx.db.query("UPDATE rate_limits SET window_start = now() - interval '1 hour' WHERE key LIKE '%10.1.0.1'");
        assert.equal((await ctx.request(`/api/v1/dossiers/${demo(9004).code}`, { ip: '10.1.0.1' })).status, 200);
      });
    });

    describe('ratings', () => {
      const count = async (): Promise<number> =>
        (await ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM ratings WHERE body_hash <> 'generated'"))[0]?.n ?? 0;
      it('first call 201, replay 200 with the same receipt and nothing stored twice, other body 409', async () => {
        const key = newKey();
        const before = await count();
        const first = await ctx.request(
          '/api/v1/ratings',
          json(rating({ comment: 'Cán bộ hướng dẫn tận tình' }), { ...auth, 'idempotency-key': key }),
        );
        assert.equal(first.status, 201);
        const receipt = valid(RatingReceipt, await first.json());
        const replay = await ctx.request(
          '/api/v1/ratings',
          json(rating({ comment: 'Cán bộ hướng dẫn tận tình' }), { ...auth, 'idempotency-key': key }),
        );
        assert.equal(replay.status, 200);
        assert.equal(replay.headers.get('idempotent-replayed'), 'true');
        assert.deepEqual(await replay.json(), receipt);
        assert.equal(await count(), before + 1);
        await expectProblem(
          await ctx.request('/api/v1/ratings', json(rating({ overall: 'not_satisfied' }), { ...auth, 'idempotency-key': key })),
          409,
          'idempotency_conflict',
        );
        assert.equal(await count(), before + 1);
      });
      it('one rating per dossier: a second one is 409 already_rated, and the dossier shows rated', async () => {
        const d = demo(9010);
        const body = rating({ dossierCode: d.code, channel: 'online' });
        assert.equal((await ctx.request('/api/v1/ratings', json(body, { ...owner(d.code), 'idempotency-key': newKey() }))).status, 201);
        const second = await expectProblem(
          await ctx.request(
            '/api/v1/ratings',
            json(rating({ dossierCode: d.code, overall: 'satisfied' }), { ...owner(d.code), 'idempotency-key': newKey() }),
          ),
          409,
          'already_rated',
        );
        assert.ok(typeof second.detail === 'string' && second.detail.length > 0);
        // Only the owner learns it: the public view does not say whether (or how) a dossier was rated.
        const view = valid(DossierStatus, await (await ctx.request(`/api/v1/dossiers/${d.code}`)).json());
        assert.equal('rated' in view, false);
        const mine = await ctx.request(`/api/v1/dossiers/${d.code}/verify`, json({ phoneLast4: d.phoneLast4 }));
        assert.equal(valid(DossierStatus, await mine.json()).rated, true);
      });
      it('requires a well-formed Idempotency-Key', async () => {
        await expectProblem(await ctx.request('/api/v1/ratings', json(rating())), 400, 'invalid_request');
        await expectProblem(await ctx.request('/api/v1/ratings', json(rating(), { 'idempotency-key': 'short' })), 400, 'invalid_request');
        await expectProblem(
          await ctx.request('/api/v1/ratings', json(rating(), { 'idempotency-key': "'; DROP TABLE ratings; --" })),
          400,
          'invalid_request',
        );
      });
      it('rejects malformed JSON, wrong types, unknown fields and oversize bodies, storing nothing', async () => {
        const before = await count();
        const send = (body: unknown) => ctx.request('/api/v1/ratings', json(body, { ...auth, 'idempotency-key': newKey() }));
        await expectProblem(await send('{"agency": '), 400, 'invalid_request');
        await expectProblem(await send('null'), 400, 'invalid_request');
        await expectProblem(await send(rating({ overall: 5 })), 400, 'invalid_request');
        await expectProblem(await send(rating({ overall: 'ecstatic' })), 400, 'invalid_request');
        await expectProblem(await send(rating({ ratedAt: 'yesterday' })), 400, 'invalid_request');
        await expectProblem(await send(rating({ criteria: { staffAttitude: 3 } })), 400, 'invalid_request');
        const unknown = await expectProblem(await send(rating({ isAdmin: true })), 400, 'invalid_request');
        assert.match(JSON.stringify(unknown.errors), /isAdmin/);
        await expectProblem(await send(rating({ comment: 'x'.repeat(1001) })), 400, 'invalid_request');
        await expectProblem(await send(rating({ comment: 'x'.repeat(20_000) })), 413, 'payload_too_large');
        await expectProblem(await send(rating({ agency: '000.99.99.H99' })), 422, 'invalid_request');
        await expectProblem(await send(rating({ ratedAt: '2027-01-01T00:00:00+07:00' })), 422, 'invalid_request');
        await expectProblem(await send(rating({ dossierCode: 'not-a-code' })), 400, 'invalid_request');
        // Without the owner's proof of that very dossier, an unknown code is refused before any look-up (no oracle).
        await expectProblem(await send(rating({ dossierCode: `${H17}-261012-8998` })), 401, 'proof_required');
        await expectProblem(
          await ctx.request(
            '/api/v1/ratings',
            json(rating({ dossierCode: demo(9009).code, channel: 'online', agency: '000.21.30.H56' }), {
              ...owner(demo(9009).code),
              'idempotency-key': newKey(),
            }),
          ),
          422,
          'invalid_request',
        );
        assert.equal(await count(), before);
      });
      it('concurrent ratings: every key stored once, one rating per dossier, each caller gets its own answer', async () => {
        const before = await count();
        const keys = Array.from({ length: 40 }, () => newKey());
        const sameDossier = Array.from({ length: 5 }, () => newKey());
        const sends = [
          ...keys.flatMap((k, i) =>
            [0, 1].map(() =>
              ctx.request(
                '/api/v1/ratings',
                json(rating({ overall: i % 2 ? 'satisfied' : 'very_satisfied' }), { ...auth, 'idempotency-key': k }),
              ),
            ),
          ),
          ...sameDossier.map((k) =>
            ctx.request(
              '/api/v1/ratings',
              json(rating({ dossierCode: demo(9009).code }), { ...owner(demo(9009).code), 'idempotency-key': k }),
            ),
          ),
        ];
        const statuses = (await Promise.all(sends)).map((r) => r.status);
        const plain = statuses.slice(0, 80);
        assert.equal(plain.filter((s) => s === 201).length, 40);
        assert.equal(plain.filter((s) => s === 200).length, 40);
        const dossier = statuses.slice(80);
        assert.deepEqual([dossier.filter((s) => s === 201).length, dossier.filter((s) => s === 409).length], [1, 4]);
        assert.equal(await count(), before + 41);
      });
      it('stores comments as plain text, HTML and SQL included', async () => {
        const comment = `<img src=x onerror=alert(1)> '); DROP TABLE ratings; --`;
        const res = await ctx.request('/api/v1/ratings', json(rating({ comment }), { ...auth, 'idempotency-key': newKey() }));
        assert.equal(res.status, 201);
        const { id } = valid(RatingReceipt, await res.json());
        const rows = await ctx.db.query<{ comment: string }>('SELECT comment FROM ratings WHERE id = $1', [id]);
        assert.equal(rows[0]?.comment, comment);
      });
    });

    describe('stats', () => {
      const stats = async (q: string): Promise<Response> => ctx.request(`/api/v1/agencies/${H17}/stats?${q}`);
      it('computes the published figures in SQL, consistently', async () => {
        const s = valid(ServiceStats, await (await stats('from=2026-08-01&to=2026-10-15')).json());
        assert.equal(s.received.total, s.received.carriedOver + s.received.online + s.received.direct + s.received.postal);
        assert.equal(s.resolved.total, s.resolved.early + s.resolved.onTime + s.resolved.late);
        assert.equal(s.inProgress.total, s.inProgress.notDue + s.inProgress.overdue + s.inProgress.waitingSupplement);
        assert.ok(s.onlineRate !== null && s.onlineRate > 0.8 && s.onlineRate < 0.92, `online ${s.onlineRate}`);
        assert.ok(s.onTimeRate !== null && s.onTimeRate >= 0.97 && s.onTimeRate <= 0.995, `on time ${s.onTimeRate}`);
        assert.ok(s.inProgress.overdue >= 1, 'the overdue demo dossier is counted');
        assert.ok(s.withdrawn > 0 && s.notAccepted > 0);
        assert.deepEqual(
          s.months.map((m) => m.month),
          ['2026-08', '2026-09', '2026-10'],
        );
        assert.ok(s.satisfaction.total > 0 && s.satisfaction.rate !== null && s.satisfaction.rate > 0.8);
      });
      it('include new ratings', async () => {
        const before = valid(ServiceStats, await (await stats('from=2026-10-15&to=2026-10-15')).json());
        await ctx.request('/api/v1/ratings', json(rating({ overall: 'not_satisfied' }), { ...auth, 'idempotency-key': newKey() }));
        const after = valid(ServiceStats, await (await stats('from=2026-10-15&to=2026-10-15')).json());
        assert.equal(after.satisfaction.total, before.satisfaction.total + 1);
        assert.equal(after.satisfaction.notSatisfied, before.satisfaction.notSatisfied + 1);
      });
      it('an empty period has zero counts and null rates', async () => {
        const s = valid(ServiceStats, await (await stats('from=2024-01-01&to=2024-01-31')).json());
        assert.equal(s.received.total, 0);
        assert.equal(s.onTimeRate, null);
        assert.equal(s.satisfaction.rate, null);
      });
      it('rejects missing, malformed and reversed periods', async () => {
        await expectProblem(await stats(''), 400, 'invalid_request');
        await expectProblem(await stats('from=2026-10-01'), 400, 'invalid_request');
        await expectProblem(await stats('from=2026-13-01&to=2026-10-15'), 400, 'invalid_request');
        await expectProblem(await stats('from=2026-10-15&to=2026-10-01'), 400, 'invalid_request');
        await expectProblem(await stats(`from=${encodeURIComponent("2026-10-01' OR 1=1")}&to=2026-10-15`), 400, 'invalid_request');
        await expectProblem(await stats('from=2020-01-01&to=2026-10-15'), 400, 'invalid_request');
      });
    });

    describe('cross-cutting', () => {
      it('unknown API paths are 404 problems; a known path with another method is 405 with Allow', async () => {
        await expectProblem(await ctx.request('/api/v1/nope'), 404, 'not_found');
        const wrongMethod = await ctx.request('/api/v1/ratings');
        assert.equal(wrongMethod.headers.get('allow'), 'POST');
        await expectProblem(wrongMethod, 405, 'method_not_allowed');
      });
      it('CORS answers only allowed origins', async () => {
        const ok = await ctx.request('/api/v1/agencies', { headers: { origin: 'https://xahoavang.danang.gov.vn' } });
        assert.equal(ok.headers.get('access-control-allow-origin'), 'https://xahoavang.danang.gov.vn');
        const preflight = await ctx.request('/api/v1/ratings', {
          method: 'OPTIONS',
          headers: {
            origin: 'https://xahoavang.danang.gov.vn',
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'idempotency-key,content-type',
          },
        });
        assert.equal(preflight.status, 204);
        assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/i);
        const denied = await ctx.request('/api/v1/agencies', { headers: { origin: 'https://evil.example' } });
        assert.equal(denied.headers.get('access-control-allow-origin'), null);
      });
      it('serves /openapi.json and /healthz', async () => {
        const doc = (await (await ctx.request('/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
        assert.match(doc.openapi, /^3\./);
        assert.ok(doc.paths['/dossiers/{code}']);
        const beside = (await (await ctx.request('/api/v1/openapi.json')).json()) as { openapi: string };
        assert.deepEqual(beside, doc);
        const health = await ctx.request('/healthz');
        assert.equal(health.status, 200);
        assert.deepEqual(await health.json(), { status: 'ok', database: backend.name, mode: 'demo' });
      });
      it('keeps serving after all the bad requests above', async () => {
        assert.equal((await ctx.request('/api/v1/agencies')).status, 200);
        assert.equal((await ctx.request(`/api/v1/dossiers/${demo(9001).code}`)).status, 200);
      });
    });

    describe('static files', () => {
      it("lists today's demo dossiers for the demo site, each one answering with its status", async () => {
        const res = await ctx.request('/demo-dossiers.json');
        assert.equal(res.status, 200);
        const { items } = (await res.json()) as { items: { code: string; status: string; phoneLast4: string }[] };
        assert.equal(new Set(items.map((i) => i.status)).size, 10, 'one dossier in each of the ten statuses');
        for (const item of items.slice(0, 3)) {
          const dossier = (await (await ctx.request(`/api/v1/dossiers/${item.code}`)).json()) as { status: string };
          assert.equal(dossier.status, item.status);
        }
        assert.equal((await ctx.request('/demo/demo-dossiers.json')).status, 200);
      });
      it('serves the demo site with clean URLs, content types and a strict CSP', async () => {
        const index = await ctx.request('/');
        assert.equal(index.status, 200);
        assert.match(index.headers.get('content-type') ?? '', /^text\/html/);
        const csp = index.headers.get('content-security-policy') ?? '';
        assert.match(csp, /default-src 'self'/);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
        const kiosk = await ctx.request('/kiosk');
        assert.equal(kiosk.status, 200);
        assert.match(await kiosk.text(), /Kiosk/);
        assert.equal((await ctx.request('/demo/kiosk')).status, 200);
        assert.equal((await ctx.request('/demo/')).status, 200);
        const js = await ctx.request('/app.js');
        assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
        await expectProblem(await ctx.request('/missing-page'), 404, 'not_found');
      });
      it('serves the embed build by version (immutable) and latest (short cache)', async () => {
        const v = await ctx.request('/embed/0.1.0/motcua.js');
        assert.equal(v.status, 200);
        assert.match(v.headers.get('cache-control') ?? '', /immutable/);
        assert.match(await v.text(), /0\.1\.0/);
        const latest = await ctx.request('/embed/latest/motcua.js');
        assert.match(await latest.text(), /0\.2\.0/);
        assert.doesNotMatch(latest.headers.get('cache-control') ?? '', /immutable/);
      });
      it('refuses path traversal', async () => {
        for (const path of [
          '/embed/0.1.0/..%2f..%2fpackage.json',
          '/embed/..%2f..%2f/etc/passwd',
          '/..%2f..%2fpackage.json',
          '/%2e%2e/%2e%2e/package.json',
        ]) {
          await expectProblem(await ctx.request(path), 404, 'not_found');
        }
      });
    });
  });
}

describe('errors never leak internals', () => {
  it('a database failure is a 500 problem without a stack trace, and /healthz reports 503', async () => {
    const broken: Db = {
      kind: 'pglite',
      query: () => Promise.reject(new Error('connection refused at /secret/path.ts:12')),
      exec: () => Promise.reject(new Error('boom')),
      transaction: () => Promise.reject(new Error('boom')),
      close: () => Promise.resolve(),
    };
    const lines: string[] = [];
    const { app, close } = createApp({ db: broken, calendar, allowedOrigins: '*', now: () => REF_NOW, log: (l) => lines.push(l) });
    try {
      const res = await app.request('/api/v1/agencies');
      const body = await expectProblem(res, 500, 'internal_error');
      assert.doesNotMatch(JSON.stringify(body), /secret|connection refused/);
      await expectProblem(await app.request('/healthz'), 503, 'unavailable');
      assert.ok(
        lines.some((l) => JSON.parse(l).msg === 'request' && JSON.parse(l).status === 500),
        'request logged as one JSON line',
      );
    } finally {
      close();
    }
  });
});
