// The integration API: API keys (401/403 matrix), dossier upsert, dossier event batches (idempotency, out of order,
// bad items, national time format, due dates from the calendar), the ratings export. On PGlite and, with
// DATABASE_URL, on PostgreSQL.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DossierEventBatchResult, DossierUpsertResult, RatingExportPage, type DossierEvent } from '@motcua/sdk/integration';
import { DossierStatus } from '@motcua/sdk/schemas';
import { enrolDevice, formatCredential } from './devices.js';
import { createKey, revokeKey } from './auth.js';
import { PUSHED_DOSSIER, backends, problemOf, seededContext, type TestContext } from './test-helpers.js';

const A = '000.30.01.H17';
const B = '000.30.02.H17';

for (const backend of backends) {
  describe(`integration API (${backend.name})`, () => {
    let ctx: TestContext;
    let writeA: string;
    let readA: string;
    let writeB: string;
    let revoked: string;
    before(async () => {
      ctx = await seededContext(backend);
      writeA = (await createKey(ctx.db, { name: 'một cửa tỉnh', agencies: [A], scopes: ['dossiers:write'] })).key;
      readA = (await createKey(ctx.db, { name: 'báo cáo', agencies: [A], scopes: ['ratings:read'] })).key;
      writeB = (await createKey(ctx.db, { name: 'xã khác', agencies: [B], scopes: ['dossiers:write', 'ratings:read'] })).key;
      const r = await createKey(ctx.db, { name: 'cũ', agencies: [A], scopes: ['dossiers:write', 'ratings:read'] });
      revoked = r.key;
      assert.equal(await revokeKey(ctx.db, r.id), true);
    });
    after(() => ctx.close());
    // Kiosk votes come from an enrolled device (issue 12 item 4); one per test context.
    let device: string | undefined;
    const kioskDevice = async (): Promise<string> =>
      (device ??= formatCredential((await enrolDevice(ctx.db, A, 'Quầy kiểm thử')).credential));

    const put = (code: string, body: unknown, key?: string, agency = A) =>
      ctx.request(`/api/v1/agencies/${agency}/dossiers/${code}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify(body),
      });
    const push = (events: unknown[], key: string | null = writeA, agency = A) =>
      ctx.request(`/api/v1/agencies/${agency}/dossier-events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ events }),
      });
    const pushOk = async (events: unknown[]) => {
      const res = await push(events);
      assert.equal(res.status, 200, await res.clone().text());
      return DossierEventBatchResult.parse(await res.json());
    };
    const lookup = async (code: string) => {
      const res = await ctx.request(`/api/v1/dossiers/${code}`, { ip: `198.51.100.${Math.floor(Math.random() * 200)}` });
      return res.status === 200 ? DossierStatus.parse(await res.json()) : res.status;
    };
    const dossier = PUSHED_DOSSIER;

    it('refuses without a key, with a wrong or revoked key (401), another agency or scope (403), and changes nothing', async () => {
      const code = `${A}-261015-0901`;
      const cases: Array<[string | undefined, number, string]> = [
        [undefined, 401, 'no key'],
        ['mck_0000000000000000_' + 'x'.repeat(43), 401, 'unknown key'],
        [writeA.slice(0, -2) + (writeA.endsWith('aa') ? 'bb' : 'aa'), 401, 'wrong secret'],
        ['not-a-key', 401, 'malformed'],
        [revoked, 401, 'revoked'],
        [writeB, 403, 'key of another agency'],
        [readA, 403, 'key without dossiers:write'],
      ];
      for (const [key, status, what] of cases) {
        for (const res of [
          await put(code, dossier, key),
          await push([{ id: 'e1', dossier: code, type: 'received', at: '20261015083000' }], key ?? null),
        ]) {
          assert.equal(res.status, status, what);
          const problem = await problemOf(res);
          assert.equal(problem.code, status === 401 ? 'unauthorized' : 'forbidden', what);
          assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer realm="motcua"/, what);
        }
      }
      // "Basic" instead of Bearer
      const basic = await ctx.request(`/api/v1/agencies/${A}/ratings`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
      assert.equal(basic.status, 401);
      // ratings export: a write-only key is 403, another agency's key is 403
      assert.equal((await ctx.request(`/api/v1/agencies/${A}/ratings`, { headers: { authorization: `Bearer ${writeA}` } })).status, 403);
      assert.equal((await ctx.request(`/api/v1/agencies/${A}/ratings`, { headers: { authorization: `Bearer ${writeB}` } })).status, 403);
      assert.equal(await lookup(code), 404, 'nothing was stored');
    });

    it('a big body without a key is refused before it is read (401, not 413)', async () => {
      const res = await push(
        Array.from({ length: 400 }, (_, i) => ({ id: `x${i}`, pad: 'x'.repeat(100) })),
        null,
      );
      assert.equal(res.status, 401);
    });

    it('PUT creates then replaces a dossier; the public look-up shows it with the calendar due date and no personal data', async () => {
      const code = `${A}-261015-0902`;
      const first = await put(code, dossier, writeA);
      assert.equal(first.status, 201, await first.clone().text());
      const created = DossierUpsertResult.parse(await first.json());
      // 3 working days from Thu 15 Oct 2026 08:30: Thu 6.5 h + Fri 8 h + Mon 8 h + Tue 1.5 h → Tue 20 Oct 08:30.
      assert.deepEqual(
        { created: created.created, status: created.status, dueAt: created.dueAt, dueSource: created.dueSource },
        { created: true, status: 'received', dueAt: '2026-10-20T08:30:00+07:00', dueSource: 'calendar' },
      );
      const shown = await lookup(code);
      assert.ok(typeof shown === 'object');
      assert.equal(shown.status, 'received');
      assert.equal(shown.dueAt, '2026-10-20T08:30:00+07:00');
      assert.equal(shown.receivedAt, '2026-10-15T08:30:00+07:00');
      assert.equal(shown.procedure.name, 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân');
      assert.doesNotMatch(JSON.stringify(shown), /0905123456|Nguyễn Văn An/);
      const second = await put(code, { ...dossier, status: 'processing', dueAt: '2026-10-21T17:00:00+07:00' }, writeA);
      assert.equal(second.status, 200);
      const replaced = DossierUpsertResult.parse(await second.json());
      assert.deepEqual(
        [replaced.created, replaced.status, replaced.dueAt, replaced.dueSource],
        [false, 'processing', '2026-10-21T17:00:00+07:00', 'source'],
      );
      // The owner proves ownership with the phone's last digits.
      const owner = await ctx.request(`/api/v1/dossiers/${code}/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phoneLast4: '3456' }),
      });
      assert.equal(owner.status, 200);
    });

    it('PUT refuses a code of another agency, an unreal date, and an unknown procedure without a name (400, nothing stored)', async () => {
      const other = await put(`${B}-261015-0001`, dossier, writeA);
      assert.equal(other.status, 400);
      const code = `${A}-261015-0903`;
      const unreal = await put(code, { ...dossier, receivedAt: '20261032083000' }, writeA);
      assert.equal(unreal.status, 400);
      assert.deepEqual(
        ((await problemOf(unreal)).errors as Array<{ path: string }>).map((e) => e.path),
        ['receivedAt'],
      );
      const unknown = await put(code, { ...dossier, procedure: { code: '9.999999' } }, writeA);
      assert.equal(unknown.status, 400);
      const extra = await put(code, { ...dossier, phone: '0905' }, writeA);
      assert.equal(extra.status, 400);
      assert.equal(await lookup(code), 404);
    });

    it('events: national time format, idempotent by id, duplicates, a bad item among good ones, impossible transitions', async () => {
      const code = `${A}-261015-0904`;
      const events: DossierEvent[] = [
        {
          id: 'ev-904-1',
          dossier: code,
          type: 'received',
          at: '20261015083000',
          dossierInfo: { procedure: { code: '1.001193' }, channel: 2, applicant: { name: 'Trần Thị Bình', phone: '0912345678' } },
        },
        {
          id: 'ev-904-2',
          dossier: code,
          type: 'step_started',
          at: '20261015090000',
          step: { name: 'Thẩm định hồ sơ', unit: 'Công chức Tư pháp' },
        },
      ];
      const bad = { id: 'ev-904-bad', dossier: code, type: 'exploded', at: '20261015090000' };
      const unreal = { id: 'ev-904-unreal', dossier: code, type: 'resolved', at: '20261015256000' };
      const first = await pushOk([events[0], bad, events[1], unreal]);
      assert.deepEqual(
        first.results.map((r) => [r.id, r.result, r.code]),
        [
          ['ev-904-1', 'applied', undefined],
          ['ev-904-bad', 'rejected', 'invalid'],
          ['ev-904-2', 'applied', undefined],
          ['ev-904-unreal', 'rejected', 'invalid'],
        ],
      );
      assert.deepEqual([first.applied, first.duplicates, first.rejected], [2, 0, 2]);
      let shown = await lookup(code);
      assert.ok(typeof shown === 'object');
      assert.equal(shown.status, 'processing');
      assert.equal(shown.receivedAt, '2026-10-15T08:30:00+07:00');
      // Birth registration: 1 working day → Fri 16 Oct 08:30.
      assert.equal(shown.dueAt, '2026-10-16T08:30:00+07:00');
      assert.deepEqual(
        shown.steps.map((s) => s.name),
        ['Thẩm định hồ sơ'],
      );

      // The same batch again: every event is a duplicate, nothing changes (no second step).
      const again = await pushOk(events);
      assert.deepEqual(
        again.results.map((r) => r.result),
        ['duplicate', 'duplicate'],
      );
      shown = await lookup(code);
      assert.ok(typeof shown === 'object');
      assert.equal(shown.steps.length, 1);

      // The same id with another body is refused; returned straight from processing is impossible (4 → 10).
      const conflict = await pushOk([
        { ...events[1], at: '20261015093000' },
        { id: 'ev-904-3', dossier: code, type: 'returned', at: '20261015100000' },
      ]);
      assert.deepEqual(
        conflict.results.map((r) => [r.result, r.code]),
        [
          ['rejected', 'id_reused'],
          ['rejected', 'transition'],
        ],
      );
      assert.match(conflict.results[1]?.reason ?? '', /4 \(đang xử lý\).*10 \(đã trả kết quả\)/);
      // A rejected event may be corrected and sent again with the same id.
      const fixed = await pushOk([
        { id: 'ev-904-3', dossier: code, type: 'resolved', at: '20261015100000' },
        { id: 'ev-904-4', dossier: code, type: 'status', status: 10, at: '20261015150000' },
      ]);
      assert.deepEqual(
        fixed.results.map((r) => [r.result, r.status]),
        [
          ['applied', 'resolved'],
          ['applied', 'returned'],
        ],
      );
      shown = await lookup(code);
      assert.ok(typeof shown === 'object');
      assert.deepEqual([shown.status, shown.statusCode, shown.timing], ['returned', 10, 'early']);
      assert.equal(shown.finishedAt, '2026-10-15T10:00:00+07:00');
    });

    it('events out of order: applied by event time; a late older event does not take the status back', async () => {
      const code = `${A}-261015-0905`;
      const info = { procedure: { code: '1.004873' }, channel: 'direct', applicant: { name: 'Lê Văn Cường', phone: '0987654321' } };
      // Sent newest first, in one batch.
      const batch = await pushOk([
        { id: 'ev-905-3', dossier: code, type: 'resolved', at: '2026-10-15T09:30:00+07:00' },
        { id: 'ev-905-2', dossier: code, type: 'step_started', at: '2026-10-15T09:00:00+07:00', step: { name: 'Thẩm định' } },
        { id: 'ev-905-1', dossier: code, type: 'received', at: '2026-10-15T08:00:00+07:00', dossierInfo: info },
      ]);
      assert.deepEqual(
        batch.results.map((r) => r.result),
        ['applied', 'applied', 'applied'],
      );
      // A late, older event in a later batch: recorded, status stays resolved.
      const late = await pushOk([
        { id: 'ev-905-0', dossier: code, type: 'supplement_requested', at: '2026-10-15T08:45:00+07:00', note: 'Bổ sung CCCD' },
      ]);
      assert.deepEqual(
        late.results.map((r) => [r.result, r.status, r.statusChanged]),
        [['applied', 'resolved', false]],
      );
      const shown = await lookup(code);
      assert.ok(typeof shown === 'object');
      assert.equal(shown.status, 'resolved');
      assert.equal(shown.pending, null);
    });

    it('events for unknown dossiers or other agencies are rejected per item; the batch is bounded', async () => {
      const res = await pushOk([
        { id: 'ev-u1', dossier: `${A}-261015-0999`, type: 'resolved', at: '20261015100000' },
        { id: 'ev-u2', dossier: `${B}-261015-0001`, type: 'resolved', at: '20261015100000' },
        { id: 'ev-u3', dossier: `${A}-261015-0998`, type: 'received', at: '20301015100000' },
      ]);
      assert.deepEqual(
        res.results.map((r) => r.code),
        ['unknown_dossier', 'wrong_agency', 'invalid'],
      );
      const tooMany = await push(Array.from({ length: 501 }, (_, i) => ({ id: `m${i}` })));
      assert.equal(tooMany.status, 400);
      const notJson = await ctx.request(`/api/v1/agencies/${A}/dossier-events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${writeA}`, 'content-type': 'text/plain' },
        body: 'x',
      });
      assert.equal(notJson.status, 415);
    });

    it('a supplement wait extends the calendar due date by the working hours waited', async () => {
      const code = `${A}-261015-0906`;
      const info = { procedure: { code: '1.004873' }, channel: 1, applicant: { name: 'Phạm Thị Dung', phone: '0901111222' } };
      await pushOk([
        { id: 'ev-906-1', dossier: code, type: 'received', at: '20261015083000', dossierInfo: info },
        { id: 'ev-906-2', dossier: code, type: 'supplement_requested', at: '20261015090000', note: 'Bổ sung giấy tờ' },
      ]);
      let shown = await lookup(code);
      assert.ok(typeof shown === 'object');
      assert.equal(shown.status, 'supplement_requested');
      assert.equal(shown.pending?.note, 'Bổ sung giấy tờ');
      assert.equal(shown.dueAt, '2026-10-20T08:30:00+07:00');
      // Waited 09:00–10:00: one working hour more.
      await pushOk([{ id: 'ev-906-3', dossier: code, type: 'supplement_received', at: '20261015100000' }]);
      shown = await lookup(code);
      assert.ok(typeof shown === 'object');
      assert.deepEqual([shown.status, shown.dueAt, shown.pending], ['processing', '2026-10-20T09:30:00+07:00', null]);
    });

    it('a fee request carries the account to pay it to; the payment closes the fee step; a malformed account is refused alone', async () => {
      const code = `${A}-261015-0907`;
      const info = { procedure: { code: '1.004873' }, channel: 1, applicant: { name: 'Lê Văn Bình', phone: '0903333444' } };
      const payTo = { bankBin: '970415', account: '113000123456', accountName: 'UBND XA HOA VANG', bankName: 'VietinBank' };
      const result = await pushOk([
        { id: 'ev-907-1', dossier: code, type: 'received', at: '20261015083000', dossierInfo: info },
        { id: 'ev-907-2', dossier: code, type: 'payment_requested', at: '20261015090000', note: 'Nộp lệ phí', amountVnd: 20000, payTo },
        // Poisoned: a BIN of 5 digits and an account with a space must not reach a citizen's banking app.
        {
          id: 'ev-907-x',
          dossier: code,
          type: 'payment_requested',
          at: '20261015090500',
          amountVnd: 20000,
          payTo: { bankBin: '97041', account: '1130 00' },
        },
      ]);
      assert.deepEqual(
        result.results.map((r) => r.result),
        ['applied', 'applied', 'rejected'],
      );
      let shown = await lookup(code);
      assert.ok(typeof shown === 'object');
      assert.equal(shown.status, 'payment_requested');
      assert.deepEqual(shown.pending?.payTo, payTo);
      assert.equal(shown.pending?.amountVnd, 20000);
      const step = shown.steps.find((s) => s.name === 'Nộp phí, lệ phí');
      assert.ok(step && !step.finishedAt, 'the fee step is open while the fee is due');
      await pushOk([{ id: 'ev-907-3', dossier: code, type: 'paid', at: '20261015101500' }]);
      shown = await lookup(code);
      assert.ok(typeof shown === 'object');
      assert.equal(shown.status, 'processing');
      assert.equal(shown.pending, null, 'nothing left to pay: the tracker shows no payment code');
      assert.equal(shown.steps.find((s) => s.name === 'Nộp phí, lệ phí')?.finishedAt, '2026-10-15T10:15:00+07:00');
    });

    it('ratings export: no key 401; pages in a stable order with a cursor, nothing skipped or repeated as ratings keep arriving', async () => {
      const rate = async (i: number) => {
        const res = await ctx.request('/api/v1/ratings', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'motcua-device': await kioskDevice() },
          body: JSON.stringify({
            agency: A,
            channel: 'kiosk',
            overall: 'satisfied',
            comment: `c${i}`,
            ratedAt: '2026-10-15T09:00:00+07:00',
          }),
        });
        assert.equal(res.status, 201);
      };
      const get = async (query: string, key = readA) => {
        const res = await ctx.request(`/api/v1/agencies/${A}/ratings${query}`, { headers: { authorization: `Bearer ${key}` } });
        assert.equal(res.status, 200, await res.clone().text());
        return RatingExportPage.parse(await res.json());
      };
      assert.equal((await ctx.request(`/api/v1/agencies/${A}/ratings`)).status, 401);
      const start = await get('?limit=1000');
      const before = start.items.length;
      for (let i = 0; i < 5; i++) await rate(i);
      const seen: string[] = [];
      let since = start.next;
      let inserted = 5;
      for (let guard = 0; guard < 20; guard++) {
        const page = await get(`?since=${since}&limit=2`);
        seen.push(...page.items.map((r) => r.comment ?? ''));
        since = page.next;
        // More ratings arrive while the export pages through.
        if (inserted < 9) await Promise.all([rate(inserted++), rate(inserted++)]);
        if (!page.hasMore && inserted >= 9) {
          const last = await get(`?since=${since}&limit=2`);
          seen.push(...last.items.map((r) => r.comment ?? ''));
          if (last.items.length === 0) break;
          since = last.next;
        }
      }
      assert.deepEqual([...seen].sort(), Array.from({ length: 9 }, (_, i) => `c${i}`).sort());
      assert.equal(before, 0, 'generated demo ratings are not exported');
      const all = await get('?limit=1000');
      assert.doesNotMatch(JSON.stringify(all), /phone|09\d{8}/);
      const badCursor = await ctx.request(`/api/v1/agencies/${A}/ratings?since=abc`, { headers: { authorization: `Bearer ${readA}` } });
      assert.equal(badCursor.status, 400);
      const repeated = await ctx.request(`/api/v1/agencies/${A}/ratings?limit=1&limit=2`, {
        headers: { authorization: `Bearer ${readA}` },
      });
      assert.equal(repeated.status, 400);
    });

    if (backend.name === 'postgres') {
      it('ratings export never hands out a cursor past a rating still being written (PostgreSQL, concurrent transactions)', async () => {
        const get = async (since: string) => {
          const res = await ctx.request(`/api/v1/agencies/${A}/ratings?since=${since}&limit=100`, {
            headers: { authorization: `Bearer ${readA}` },
          });
          return RatingExportPage.parse(await res.json());
        };
        const head = await get('0');
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        let started!: () => void;
        const inside = new Promise<void>((r) => (started = r));
        // A rating written in a transaction that stays open while a later one commits.
        const slow = ctx.db.transaction(async (tx) => {
          await tx.query(
            `INSERT INTO ratings (id, idempotency_key, body_hash, agency_code, overall, channel, comment, rated_at)
             VALUES ($1, $1, 'x', $2, 'satisfied', 'kiosk', 'slow', now())`,
            [`r_${randomUUID()}`, A],
          );
          started();
          await held;
        });
        await inside;
        // A later rating, sent while the first is still being written: it must not be numbered (nor exported) before it.
        const fast = ctx.request('/api/v1/ratings', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'motcua-device': await kioskDevice() },
          body: JSON.stringify({
            agency: A,
            channel: 'kiosk',
            overall: 'satisfied',
            comment: 'fast',
            ratedAt: '2026-10-15T09:00:00+07:00',
          }),
        });
        await new Promise((r) => setTimeout(r, 200));
        const during = await get(head.next);
        assert.deepEqual(
          during.items.map((r) => r.comment),
          [],
          'nothing past the open transaction is exported yet',
        );
        release();
        await slow;
        assert.equal((await fast).status, 201);
        const afterwards = await get(during.next);
        assert.deepEqual(
          afterwards.items.map((r) => r.comment),
          ['slow', 'fast'],
        );
      });
    }
  });
}
