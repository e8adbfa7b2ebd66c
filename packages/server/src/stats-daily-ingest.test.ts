// The event ingest keeps the daily statistics totals itself, once per batch (migration 010, src/stats-delta.ts): the
// totals stay exactly those a rebuild from the rows gives, through random multi-event batches (new dossiers, late and
// repeated events, supplements, withdrawals, refusals, due dates from the source), on dossiers stored with microsecond
// times and with times the process cannot read (left to the triggers); batches running in parallel with each other, with
// ratings, upserts and direct writes on the same days lose no count; a dossier that another writer creates while a batch
// is creating it is counted once. The in-process moments equal the SQL function's. On PGlite and, with DATABASE_URL, on
// PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDb, type Db } from './db.js';
import { applyEvents, upsertDossier } from './dossier-sync.js';
import { DOSSIER_COUNTERS, dossierMoments, statsInputOfRow } from './stats-delta.js';
import { migrate } from './store.js';
import { backends, calendar, seededRandom as random } from './test-helpers.js';

const A = '000.30.01.H17';
const B = '000.30.02.H17';
const NOW = new Date('2026-10-20T17:00:00+07:00');
const SEED = Number(process.env.MOTCUA_STATS_SEED ?? 20261020);

const NON_ZERO = `SELECT agency_code, day::text AS day, ${DOSSIER_COUNTERS.join(', ')}, rated, very_satisfied, satisfied, not_satisfied
  FROM stats_daily WHERE (${DOSSIER_COUNTERS.join(', ')}, rated, very_satisfied, satisfied, not_satisfied)
  <> (${[...DOSSIER_COUNTERS, 1, 2, 3, 4].map(() => '0').join(', ')}) ORDER BY agency_code, day`;

/** The kept totals equal a rebuild from the rows. */
async function sameAsRebuild(db: Db, what: string): Promise<void> {
  const kept = await db.query(NON_ZERO);
  await db.query('SELECT stats_daily_rebuild()');
  assert.deepEqual(kept, await db.query(NON_ZERO), `${what}: the totals kept equal a rebuild`);
}

/** `yyyyMMddHHmmss` in Vietnam time. */
const vnTime = (t: number): string => new Date(t + 7 * 3_600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);

const info = (channel: number) => ({
  procedure: { code: '1.004873', name: 'Chứng thực bản sao từ bản chính' },
  channel,
  applicant: { name: 'Nguyễn Văn An', phone: '0905123456' },
});

for (const backend of backends) {
  describe(`daily totals kept by the event ingest, once per batch (${backend.name})`, () => {
    let db: Db;
    let drop: () => Promise<void>;
    before(async () => {
      ({ db, drop } = await backend.open());
      await migrate(db);
    });
    after(async () => drop());

    it('count each dossier’s moments as the SQL function does, to the microsecond', async () => {
      const next = random(SEED);
      const base = Date.parse('2026-10-14T16:59:59.999Z') * 1000;
      // Times around a Vietnam midnight, some a few microseconds apart (due and finished in the same millisecond).
      const time = (): number | null => (next() < 0.2 ? null : base + Math.floor((next() - 0.5) * 4 * 86_400e6) + (next() < 0.3 ? 1 : 0));
      const iso = (us: number | null): string | null =>
        us === null ? null : `${new Date(Math.floor(us / 1000)).toISOString().slice(0, 23)}${String(us % 1000).padStart(3, '0')}Z`;
      const rows = Array.from({ length: 400 }, (_, i) => {
        const submitted = time() ?? base;
        const due = next() < 0.5 ? submitted + Math.floor(next() * 3 * 86_400e6) : time();
        const finished = next() < 0.3 && due !== null ? due + Math.floor((next() - 0.5) * 3) : time();
        return {
          i,
          agency_code: A,
          status: ['supplement_requested', 'withdrawn', 'not_accepted', 'resolved', 'processing', 'in_progress'][i % 6],
          channel: ['online', 'direct', 'postal', 'other'][Math.floor(next() * 4)],
          submitted_at: iso(submitted),
          due_at: iso(due),
          finished_at: iso(finished),
          ended_at: iso(next() < 0.4 ? time() : null),
        };
      });
      const [read] = await db.query<{
        rows: Array<Record<string, unknown>>;
        moments: Array<{ i: number; day: string } & Record<string, number>>;
      }>(
        `WITH r AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(i int, agency_code text, status text, channel text,
           submitted_at timestamptz, due_at timestamptz, finished_at timestamptz, ended_at timestamptz))
         SELECT (SELECT json_agg(r ORDER BY i) FROM r) AS rows,
           (SELECT json_agg(jsonb_build_object('i', r.i) || to_jsonb(x) ORDER BY r.i, x.day)
            FROM r, LATERAL stats_dossier_days(r.status, r.channel, r.submitted_at, r.due_at, r.finished_at, r.ended_at) x)
            AS moments`,
        [JSON.stringify(rows)],
      );
      assert.ok(read);
      const key = (i: number, day: string): string => `${i} ${day}`;
      const sql = new Map<string, Record<string, number>>();
      for (const m of read.moments) {
        const sums = sql.get(key(m.i, m.day)) ?? Object.fromEntries(DOSSIER_COUNTERS.map((c) => [c, 0]));
        for (const c of DOSSIER_COUNTERS) sums[c] = (sums[c] as number) + Number(m[c]);
        sql.set(key(m.i, m.day), sums);
      }
      const mine = new Map<string, Record<string, number>>();
      for (const row of read.rows) {
        const input = statsInputOfRow(row);
        assert.ok(input, `row ${String(row.i)} read exactly`);
        for (const [dayNumber, counter] of dossierMoments(input)) {
          const day = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
          const sums = mine.get(key(row.i as number, day)) ?? Object.fromEntries(DOSSIER_COUNTERS.map((c) => [c, 0]));
          sums[counter] = (sums[counter] as number) + 1;
          mine.set(key(row.i as number, day), sums);
        }
      }
      const nonZero = (m: Map<string, Record<string, number>>): Array<[string, Record<string, number>]> =>
        [...m].filter(([, s]) => Object.values(s).some((v) => v !== 0)).sort(([a], [b]) => a.localeCompare(b));
      assert.deepEqual(nonZero(mine), nonZero(sql));
    });

    it('stay equal to a rebuild through random batches of many events, on stored dossiers with odd times too', async () => {
      const next = random(SEED + 1);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
      // Stored before the batches: microsecond times (due and finished in the same millisecond), and a due date of
      // 'infinity' that the process cannot read exactly (that batch is counted by the triggers).
      await db.query(
        `INSERT INTO dossiers (code, agency_code, procedure_code, procedure_name, status, channel, result_delivery, submitted_at,
           received_at, due_at, finished_at, steps, applicant_name, phone, generated)
         VALUES ($1, $3, '1.004873', 'Chứng thực', 'processing', 'direct', 'counter', '2026-10-14 16:59:59.999001+00',
           '2026-10-14 16:59:59.999001+00', '2026-10-15 09:00:00.000400+00', NULL, '[]', 'An', '0905123456', false),
           ($2, $3, '1.004873', 'Chứng thực', 'processing', 'online', 'counter', '2026-10-13 08:00:00+00',
           '2026-10-13 08:00:00+00', 'infinity', NULL, '[]', 'An', '0905123456', false),
           ($4, $3, '1.004873', 'Chứng thực', 'processing', 'direct', 'counter', '1650-10-12 08:00:00+00',
           '1650-10-12 08:00:00+00', '1650-10-13 08:00:00+00', NULL, '[]', 'An', '0905123456', false)`,
        [`${A}-261014-0001`, `${A}-261013-0001`, A, `${A}-261012-0001`],
      );
      await sameAsRebuild(db, 'stored');
      const exotic = await applyEvents(
        db,
        calendar,
        A,
        [
          { id: 'odd-1', dossier: `${A}-261014-0001`, type: 'resolved', at: '20261015160000' },
          { id: 'odd-2', dossier: `${A}-261013-0001`, type: 'resolved', at: '20261015160000' },
          { id: 'odd-3', dossier: `${A}-261012-0001`, type: 'resolved', at: '20261015160000' },
        ],
        NOW,
      );
      assert.equal(exotic.applied, 3);
      await sameAsRebuild(db, 'odd times');
      // Each kind of odd time alone: the microseconds counted here, the others by the triggers.
      for (const [i, code] of [`${A}-261014-0001`, `${A}-261013-0001`, `${A}-261012-0001`].entries()) {
        const again = await applyEvents(
          db,
          calendar,
          A,
          [{ id: `odd-returned-${i}`, dossier: code, type: 'returned', at: '20261015170000' }],
          NOW,
        );
        assert.equal(again.applied, 1);
        await sameAsRebuild(db, `odd time ${code}`);
      }

      const codes: string[] = [];
      const types = [
        'received',
        'step_started',
        'step_finished',
        'supplement_requested',
        'supplement_received',
        'payment_requested',
        'paid',
        'resolved',
        'returned',
        'withdrawn',
        'not_accepted',
        'stopped',
      ] as const;
      const sent: Array<Record<string, unknown>> = [];
      for (let round = 0; round < 12; round++) {
        const agency = pick([A, B]);
        const batch: Array<Record<string, unknown>> = [];
        for (let k = 0; k < 60; k++) {
          // Around the midnights of 14–19 October (Vietnam time).
          const at =
            Date.parse('2026-10-14T00:00:00+07:00') +
            Math.floor(next() * 6) * 86_400_000 +
            pick([0, 1, 23 * 60 + 59, 8 * 60, 17 * 60]) * 60_000 +
            Math.floor(next() * 40) * 60_000;
          const mine = codes.filter((c) => c.startsWith(agency));
          if (mine.length === 0 || next() < 0.25) {
            const code = `${agency}-261014-${String(100 + codes.length).padStart(4, '0')}`;
            codes.push(code);
            batch.push({
              id: `n-${round}-${k}`,
              dossier: code,
              type: pick(['submitted', 'received'] as const),
              at: vnTime(at),
              dossierInfo: info(pick([1, 2, 3])),
              ...(next() < 0.4 ? { dueAt: vnTime(at + Math.floor(next() * 4 * 86_400_000)) } : {}),
            });
          } else if (sent.length > 0 && next() < 0.1) {
            batch.push(pick(sent)); // a repeat: a duplicate, counted nowhere
          } else {
            const type = pick(types);
            batch.push({
              id: `e-${round}-${k}`,
              dossier: pick(mine),
              type,
              at: vnTime(at),
              ...(type === 'step_started' || type === 'step_finished' ? { step: { name: 'Thẩm định' } } : {}),
              ...(type === 'received' && next() < 0.5 ? { dueAt: vnTime(at + 86_400_000) } : {}),
            });
          }
        }
        const result = await applyEvents(
          db,
          calendar,
          agency,
          batch.filter((e) => String(e.dossier).startsWith(agency)),
          NOW,
        );
        assert.ok(result.applied > 0, `round ${round} (seed ${SEED}) applied some events`);
        sent.push(...batch);
        await sameAsRebuild(db, `round ${round} (seed ${SEED})`);
      }
    });

    it('lose no count when batches, ratings, upserts and direct writes touch the same days at once', async () => {
      const day = Date.parse('2026-10-19T08:00:00+07:00');
      const batch = (agency: string, tag: string, n: number): Array<Record<string, unknown>> =>
        Array.from({ length: n }, (_, i) => [
          {
            id: `${tag}-${i}-r`,
            dossier: `${agency}-261019-${tag}${String(i).padStart(3, '0')}`,
            type: 'received',
            at: vnTime(day + i * 60_000),
            dossierInfo: info(1 + (i % 3)),
          },
          {
            id: `${tag}-${i}-f`,
            dossier: `${agency}-261019-${tag}${String(i).padStart(3, '0')}`,
            type: 'resolved',
            at: vnTime(day + 4 * 3_600_000),
          },
        ]).flat();
      const [before] = await db.query<{ received: number }>(
        `SELECT coalesce(sum(received), 0)::int AS received FROM stats_daily WHERE day = '2026-10-19'`,
      );
      const upsert = (agency: string, n: number) =>
        upsertDossier(
          db,
          calendar,
          agency,
          `${agency}-261019-9${String(n).padStart(3, '0')}`,
          {
            procedure: { code: '1.004873', name: 'Chứng thực' },
            status: 4,
            channel: 2,
            applicant: { name: 'Trần Thị Bình', phone: '0905123456' },
            submittedAt: '20261019090000',
          },
          NOW,
        );
      const results = await Promise.all([
        applyEvents(db, calendar, A, batch(A, '1', 100), NOW),
        applyEvents(db, calendar, A, batch(A, '2', 100), NOW),
        applyEvents(db, calendar, B, batch(B, '3', 100), NOW),
        applyEvents(db, calendar, B, batch(B, '4', 100), NOW),
        upsert(A, 1),
        upsert(B, 2),
        ...Array.from({ length: 20 }, (_, i) =>
          db.query(
            `INSERT INTO ratings (id, idempotency_key, body_hash, agency_code, overall, channel, rated_at)
             VALUES ($1, $1, 'test', $2, 'satisfied', 'online', '2026-10-19T10:00:00+07:00')`,
            [`parallel-${i}`, i % 2 ? A : B],
          ),
        ),
        db.query(
          `UPDATE dossiers SET finished_at = '2026-10-19T11:00:00+07:00', status = 'resolved'
           WHERE code IN (SELECT code FROM dossiers WHERE agency_code = $1 AND finished_at IS NULL ORDER BY code LIMIT 5)`,
          [A],
        ),
      ]);
      for (const r of results.slice(0, 4)) assert.equal((r as { applied: number }).applied, 200);
      const [afterwards] = await db.query<{ received: number; rated: number }>(
        `SELECT coalesce(sum(received), 0)::int AS received, coalesce(sum(rated), 0)::int AS rated FROM stats_daily WHERE day = '2026-10-19'`,
      );
      assert.equal(afterwards?.received, (before?.received ?? 0) + 402, '400 pushed and 2 upserted dossiers received that day');
      assert.ok((afterwards?.rated ?? 0) >= 20);
      await sameAsRebuild(db, 'parallel writers');
    });

    if (backend.name === 'postgres')
      it('count once a dossier another writer creates while a batch is creating it', async () => {
        // A second connection to the same schema: it inserts the dossier and holds its transaction open until the
        // batch is waiting on that row, then commits; the batch runs again on the stored dossier.
        const schema = (await db.query<{ s: string }>('SELECT current_schema() AS s'))[0]?.s as string;
        const other = await openDb({ databaseUrl: process.env.DATABASE_URL as string, schema });
        try {
          const code = `${A}-261019-8000`;
          let release: () => void = () => undefined;
          const held = new Promise<void>((resolve) => (release = resolve));
          let inserted: () => void = () => undefined;
          const ready = new Promise<void>((resolve) => (inserted = resolve));
          const writer = other.transaction(async (tx) => {
            await tx.query(
              `INSERT INTO dossiers (code, agency_code, procedure_code, procedure_name, status, channel, result_delivery, submitted_at,
                 steps, applicant_name, phone, generated)
               VALUES ($1, $2, '1.004873', 'Chứng thực', 'submitted', 'online', 'counter', '2026-10-19T07:00:00+07:00', '[]', 'An',
                 '0905123456', false)`,
              [code, A],
            );
            inserted();
            await held;
          });
          await ready;
          const batch = applyEvents(
            db,
            calendar,
            A,
            [{ id: 'race-1', dossier: code, type: 'received', at: '20261019080000', dossierInfo: info(2) }],
            NOW,
          );
          // Wait until the batch waits for the other transaction's row lock (no timing: the lock table says so).
          for (let i = 0; i < 500; i++) {
            const [w] = await other.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`);
            if ((w?.n ?? 0) > 0) break;
            await new Promise((r) => setTimeout(r, 20));
          }
          release();
          await writer;
          const result = await batch;
          assert.equal(result.applied, 1);
          const [row] = await db.query<{ status: string; channel: string }>('SELECT status, channel FROM dossiers WHERE code = $1', [code]);
          assert.deepEqual(row, { status: 'received', channel: 'online' }, 'the event applied to the dossier the other writer stored');
          await sameAsRebuild(db, 'concurrent insert');
        } finally {
          await other.close();
        }
      });
  });
}
