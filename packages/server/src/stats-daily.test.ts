// The pre-computed daily totals (migration 008) give exactly the statistics counted over the dossiers and ratings rows:
// over the seeded demo data, then after each step of a random (seeded, reproducible) sequence of writes through the
// integration API (upserts, replacements, events) and of direct writes (ratings added, changed and removed, dossiers
// moved to another agency, deleted, finished before they were submitted, changed in batches), and after the demo
// history is regenerated, for several
// periods and "now" instants (inside a day, at midnight in Vietnam). The counters also equal a rebuild from the rows.
// On PGlite and, with DATABASE_URL, on PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createKey } from './auth.js';
import { computeStats, computeStatsFromRows, computeTotalsByAgency, computeTotalsByAgencyFromRows, rebuildDailyTotals } from './stats.js';
import { seed } from './store.js';
import { backends, calendar, REF_NOW, seededContext, type TestContext, seededRandom as random } from './test-helpers.js';

const A = '000.30.01.H17';
const B = '000.30.02.H17';
const SEED = Number(process.env.MOTCUA_STATS_SEED ?? 20261015);

/** Periods and as-of instants: the default demo window, one day (today), a past month, a period reaching into the future. */
const PERIODS: Array<[string, string]> = [
  ['2026-07-01', '2026-10-15'],
  ['2026-10-15', '2026-10-15'],
  ['2026-09-01', '2026-09-30'],
  ['2026-10-01', '2026-12-31'],
  ['2026-10-16', '2026-10-20'],
];
const NOWS = [REF_NOW, new Date('2026-10-14T17:00:00Z'), new Date('2026-10-15T16:59:59Z'), new Date('2026-10-13T00:30:00+07:00')];

for (const backend of backends) {
  describe(`daily statistics totals (${backend.name})`, () => {
    let ctx: TestContext;
    let key: string;
    before(async () => {
      ctx = await seededContext(backend);
      key = (await createKey(ctx.db, { name: 'thống kê', agencies: [A, B], scopes: ['dossiers:write'] })).key;
    });
    after(async () => ctx.close());

    const same = async (what: string): Promise<void> => {
      for (const now of NOWS)
        for (const [from, to] of PERIODS) {
          const label = `${what}: ${from}…${to} as of ${now.toISOString()}`;
          for (const agency of [A, B])
            assert.deepEqual(
              await computeStats(ctx.db, agency, from, to, now),
              await computeStatsFromRows(ctx.db, agency, from, to, now),
              `${label} ${agency}`,
            );
          assert.deepEqual(
            await computeTotalsByAgency(ctx.db, [A, B, '000.00.00.H00'], from, to, now),
            await computeTotalsByAgencyFromRows(ctx.db, [A, B, '000.00.00.H00'], from, to, now),
            label,
          );
        }
      // The triggers' counters equal the counters rebuilt from the rows (rows whose counters are all zero aside).
      const nonZero = `SELECT * FROM stats_daily WHERE (received, online, direct, postal, closed, resolved, resolved_good,
        on_time, late, withdrawn, not_accepted, overdue_in, overdue_out, supplement_in, supplement_out, rated, very_satisfied,
        satisfied, not_satisfied) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) ORDER BY agency_code, day`;
      const kept = await ctx.db.query(nonZero);
      await ctx.db.query('SELECT stats_daily_rebuild()');
      assert.deepEqual(await ctx.db.query(nonZero), kept, `${what}: counters equal a rebuild`);
    };

    it('equal the statistics counted over the rows, over the seeded demo data', async () => {
      const [n] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers WHERE agency_code = $1', [A]);
      assert.ok((n?.n ?? 0) > 100, 'the demo history is there');
      await same('seeded');
    });

    it('stay equal when the demo history is regenerated for another day (every generated row deleted and written again)', async () => {
      await seed(ctx.db, calendar, new Date(REF_NOW.getTime() + 86_400_000), undefined, { demo: true });
      await seed(ctx.db, calendar, REF_NOW, undefined, { demo: true });
      await same('regenerated');
    });

    it('stay equal through a random sequence of upserts, replacements, events, ratings, moves and deletes', async () => {
      const next = random(SEED);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
      const codes: string[] = [];
      // A past moment between 1 Sep 2026 and now (Vietnam time), often near midnight so day boundaries are crossed.
      const past = (t: number): Date => new Date(Math.min(t, REF_NOW.getTime() - 60_000));
      const moment = (): Date => {
        const day = Math.floor(next() * 45);
        const minutes = next() < 0.3 ? pick([0, 1, 23 * 60 + 59, 17 * 60, 7 * 60 - 1]) : Math.floor(next() * 24 * 60);
        return past(Date.parse('2026-09-01T00:00:00+07:00') + day * 86_400_000 + minutes * 60_000);
      };
      const eventTime = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
      const later = (d: Date, maxDays: number): Date => new Date(d.getTime() + Math.floor(next() * maxDays * 86_400_000));
      const send = async (path: string, method: string, body: unknown): Promise<void> => {
        const res = await ctx.request(path, {
          method,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify(body),
        });
        assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${await res.text()}`);
      };
      const anyCode = async (): Promise<string | undefined> => {
        const rows = await ctx.db.query<{ code: string }>(
          'SELECT code FROM dossiers WHERE agency_code = ANY($1::text[]) ORDER BY code OFFSET $2 LIMIT 1',
          [[A, B], Math.floor(next() * 200)],
        );
        return rows[0]?.code;
      };
      for (let step = 0; step < 30; step++) {
        const op = Math.floor(next() * 9);
        let what = `step ${step} (seed ${SEED}): `;
        if (op <= 2 || codes.length === 0) {
          // Upsert: a new dossier, or the replacement of one already pushed (its counts move, not double).
          const agency = pick([A, B]);
          const code = codes.length > 0 && next() < 0.4 ? pick(codes) : `${agency}-261015-${String(9000 + codes.length).padStart(4, '0')}`;
          if (!codes.includes(code)) codes.push(code);
          const submitted = moment();
          const status = pick([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
          const body: Record<string, unknown> = {
            procedure: { code: '1.004873' },
            status,
            channel: pick([1, 2, 3]),
            applicant: { name: 'Nguyễn Văn An', phone: '0905123456' },
            submittedAt: eventTime(submitted),
          };
          if (next() < 0.6) body.dueAt = eventTime(later(submitted, 8));
          if (next() < 0.5) body.finishedAt = eventTime(past(later(submitted, 10).getTime()));
          await send(`/api/v1/agencies/${code.slice(0, 13)}/dossiers/${code}`, 'PUT', body);
          what += `upsert ${code} ${JSON.stringify(body)}`;
        } else if (op <= 4) {
          const code = pick(codes);
          const type = pick([
            'received',
            'supplement_requested',
            'supplement_received',
            'resolved',
            'returned',
            'withdrawn',
            'not_accepted',
            'stopped',
          ]);
          const at = moment();
          await send(`/api/v1/agencies/${code.slice(0, 13)}/dossier-events`, 'POST', {
            events: [{ id: `ev-${step}-${Math.floor(next() * 1e9)}`, dossier: code, type, at: eventTime(at) }],
          });
          what += `event ${type} ${code} at ${at.toISOString()}`;
        } else if (op === 5) {
          // Ratings, as every rating path writes them: one added, one changed, one removed.
          const code = await anyCode();
          const overall = pick(['very_satisfied', 'satisfied', 'not_satisfied']);
          const id = `stats-test-${step}`;
          await ctx.db.query(
            `INSERT INTO ratings (id, idempotency_key, body_hash, agency_code, overall, channel, rated_at)
             VALUES ($1, $1, 'test', $2, $3, 'online', $4)`,
            [id, pick([A, B]), overall, moment().toISOString()],
          );
          await ctx.db.query(
            `UPDATE ratings SET overall = $1, rated_at = rated_at + interval '1 day'
             WHERE id = (SELECT id FROM ratings ORDER BY id OFFSET $2 LIMIT 1)`,
            [pick(['very_satisfied', 'satisfied', 'not_satisfied']), Math.floor(next() * 50)],
          );
          await ctx.db.query('DELETE FROM ratings WHERE id = (SELECT id FROM ratings ORDER BY id OFFSET $1 LIMIT 1)', [
            Math.floor(next() * 50),
          ]);
          what += `ratings (${code ?? ''})`;
        } else if (op === 6) {
          // A dossier moved to the other commune, and one finished or ended before it was submitted (irregular data).
          const moved = await anyCode();
          await ctx.db.query(`UPDATE dossiers SET agency_code = CASE agency_code WHEN $2 THEN $3 ELSE $2 END WHERE code = $1`, [
            moved,
            A,
            B,
          ]);
          const odd = await anyCode();
          await ctx.db.query(
            next() < 0.5
              ? `UPDATE dossiers SET finished_at = submitted_at - interval '2 days', status = 'resolved' WHERE code = $1`
              : `UPDATE dossiers SET ended_at = submitted_at - interval '3 hours', status = 'withdrawn' WHERE code = $1`,
            [odd],
          );
          what += `moved ${moved ?? ''}, irregular ${odd ?? ''}`;
        } else if (op === 7) {
          const gone = await anyCode();
          await ctx.db.query('DELETE FROM dossiers WHERE code = $1', [gone]);
          what += `deleted ${gone ?? ''}`;
        } else {
          // One statement changing many rows: a batch of dossiers waiting for a supplement, or reopened.
          const batch = [await anyCode(), await anyCode(), await anyCode(), await anyCode()];
          await ctx.db.query(
            next() < 0.5
              ? `UPDATE dossiers SET status = 'supplement_requested' WHERE code = ANY($1::text[])`
              : `UPDATE dossiers SET status = 'in_progress', finished_at = NULL, ended_at = NULL WHERE code = ANY($1::text[])`,
            [batch],
          );
          what += `batch ${batch.join(',')}`;
        }
        if (step % 5 === 4) await same(what);
      }
    });

    it('a rebuild repairs counters changed behind the triggers’ back, and reports them', async () => {
      const period: [string, string] = ['2026-07-01', '2026-10-15'];
      const exact = await computeStats(ctx.db, A, ...period, REF_NOW);
      // A bulk load that bypassed the triggers, simulated: some of A's counters are off.
      await ctx.db.query(
        `UPDATE stats_daily SET received = received + 3, resolved = resolved + 1
         WHERE agency_code = $1 AND day IN (SELECT day FROM stats_daily WHERE agency_code = $1 AND received > 0 ORDER BY day LIMIT 2)`,
        [A],
      );
      assert.notDeepEqual(await computeStats(ctx.db, A, ...period, REF_NOW), exact);
      assert.deepEqual((await rebuildDailyTotals(ctx.db)).changed, 2);
      assert.deepEqual(await computeStats(ctx.db, A, ...period, REF_NOW), exact);
      const again = await rebuildDailyTotals(ctx.db);
      assert.equal(again.changed, 0);
      assert.ok(again.rows > 0);
    });
  });
}
