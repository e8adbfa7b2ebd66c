// Done when: a provincial system pushes a day of real-shaped events with its key (through the SDK's integration client)
// and the public look-up (the SDK's public client, as the tracker widget calls it) shows each dossier's new status and
// due date; without a key, or with another agency's key, nothing changes. PGlite and, with DATABASE_URL, PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient, MotcuaHttpError } from '@motcua/sdk';
import { createIntegrationClient, type DossierEvent } from '@motcua/sdk/integration';
import { createKey } from './auth.js';
import { backends, seededContext, type TestContext } from './test-helpers.js';

const A = '000.30.01.H17';
const B = '000.30.02.H17';

/** A day at a commune's one-stop counter (Thursday 15 Oct 2026), in the national sync format, shuffled. */
function dayOfEvents(): DossierEvent[] {
  const events: DossierEvent[] = [];
  const people = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Cường', 'Phạm Thu Dung', 'Hoàng Minh Em', 'Đặng Thị Giang'];
  const procedures = ['1.001193', '1.004873', '2.000635', '1.004222', '1.000894', '1.001193'];
  people.forEach((name, i) => {
    const code = `${A}-261015-0${i + 701}`;
    const hh = String(7 + i).padStart(2, '0');
    const online = i % 2 === 1;
    events.push({
      id: `hcc-${code}-1`,
      dossier: code,
      type: online ? 'submitted' : 'received',
      at: `20261015${hh}1500`,
      dossierInfo: {
        procedure: { code: procedures[i] as string },
        channel: online ? 2 : 1,
        applicant: { name, phone: `09051234${String(i).padStart(2, '0')}` },
      },
    });
    if (online) events.push({ id: `hcc-${code}-2`, dossier: code, type: 'received', at: `20261015${hh}4500` });
    events.push({
      id: `hcc-${code}-3`,
      dossier: code,
      type: 'step_started',
      at: `20261015${hh}5000`,
      step: { name: 'Thẩm định hồ sơ', unit: 'Công chức Tư pháp - Hộ tịch' },
    });
  });
  // Dossier 1 (birth registration) is resolved the same afternoon and returned; dossier 3 waits for a supplement.
  events.push({ id: `hcc-${A}-261015-0701-4`, dossier: `${A}-261015-0701`, type: 'resolved', at: '20261015143000' });
  events.push({ id: `hcc-${A}-261015-0701-5`, dossier: `${A}-261015-0701`, type: 'returned', at: '20261015160000' });
  events.push({
    id: `hcc-${A}-261015-0703-4`,
    dossier: `${A}-261015-0703`,
    type: 'supplement_requested',
    at: '20261015150000',
    note: 'Bổ sung bản sao giấy khai sinh',
  });
  // Shuffled deterministically: the source system sends them in whatever order its queue gives.
  return events
    .map((e, i) => ({ e, k: (i * 7919) % 23 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.e);
}

for (const backend of backends) {
  describe(`a day of pushed events reaches the public look-up (${backend.name})`, () => {
    let ctx: TestContext;
    let keyA: string;
    let keyB: string;
    const fetchVia = (): typeof fetch => async (input, init) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return ctx.request(url.pathname + url.search, init);
    };
    before(async () => {
      ctx = await seededContext(backend, { rateLimit: { lookups: 1000, verifications: 100, windowSeconds: 600 } });
      keyA = (await createKey(ctx.db, { name: 'Hệ thống một cửa tỉnh', agencies: [A], scopes: ['dossiers:write'] })).key;
      keyB = (await createKey(ctx.db, { name: 'Xã khác', agencies: [B], scopes: ['dossiers:write'] })).key;
    });
    after(() => ctx.close());

    it('without a key or with another agency’s key nothing changes; with the key every dossier shows its status and due date', async () => {
      const events = dayOfEvents();
      const publicClient = createClient({ baseUrl: 'http://motcua.test/api/v1', fetch: fetchVia(), retry: { limit: 0 } });
      const statusOf = async (code: string) => {
        try {
          return await publicClient.getDossier(code);
        } catch (error) {
          if (error instanceof MotcuaHttpError && error.status === 404) return undefined;
          throw error;
        }
      };

      const noKey = await ctx.request(`/api/v1/agencies/${A}/dossier-events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ events }),
      });
      assert.equal(noKey.status, 401);
      const wrong = createIntegrationClient({ baseUrl: 'http://motcua.test/api/v1', key: keyB, fetch: fetchVia(), retries: 0 });
      await assert.rejects(wrong.pushDossierEvents(A, events), (e: unknown) => e instanceof MotcuaHttpError && e.status === 403);
      assert.equal(await statusOf(`${A}-261015-0701`), undefined, 'nothing stored without the right key');

      const motcua = createIntegrationClient({ baseUrl: 'http://motcua.test/api/v1', key: keyA, fetch: fetchVia(), retries: 0 });
      const result = await motcua.pushDossierEvents(A, events);
      assert.deepEqual([result.applied, result.rejected, result.duplicates], [events.length, 0, 0]);
      // Sent again (a retry after a lost answer): all duplicates.
      assert.equal((await motcua.pushDossierEvents(A, events)).duplicates, events.length);

      const shown = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => statusOf(`${A}-261015-0${700 + n}`)));
      assert.deepEqual(
        shown.map((d) => [d?.status, d?.receivedAt, d?.dueAt]),
        [
          // Birth registration, 1 working day from 07:15 → Fri 07:15; returned at 16:00 the same day.
          ['returned', '2026-10-15T07:15:00+07:00', '2026-10-16T07:15:00+07:00'],
          // Online, received 08:45, 3 working days → Tue 20 Oct 08:45.
          ['processing', '2026-10-15T08:45:00+07:00', '2026-10-20T08:45:00+07:00'],
          // Copy of a civil-status extract (chứng thực / hộ tịch time from the catalog), waiting for a supplement.
          ['supplement_requested', '2026-10-15T09:15:00+07:00', shown[2]?.dueAt],
          // Permanent residence, 7 working days from 10:45 → Mon 26 Oct 10:45.
          ['processing', '2026-10-15T10:45:00+07:00', '2026-10-26T10:45:00+07:00'],
          ['processing', '2026-10-15T11:15:00+07:00', shown[4]?.dueAt],
          // Received 12:45, in the lunch break: counted from 13:30 (3.5 h) + Fri 07:00–11:30 (4.5 h) → Fri 11:30.
          ['processing', '2026-10-15T12:45:00+07:00', '2026-10-16T11:30:00+07:00'],
        ],
      );
      assert.equal(shown[0]?.timing, 'early');
      assert.equal(shown[2]?.pending?.note, 'Bổ sung bản sao giấy khai sinh');
      assert.ok(shown[2]?.dueAt, 'a due date from the calendar');
      for (const d of shown) assert.doesNotMatch(JSON.stringify(d), /0905123|Nguyễn|Trần|Lê Hoàng/);

      // Another agency's key cannot touch these dossiers afterwards either.
      await assert.rejects(
        wrong.pushDossierEvents(A, [{ id: 'late-1', dossier: `${A}-261015-0702`, type: 'withdrawn', at: '20261015170000' }]),
        (e: unknown) => e instanceof MotcuaHttpError && e.status === 403,
      );
      assert.equal((await statusOf(`${A}-261015-0702`))?.status, 'processing');
    });
  });
}
