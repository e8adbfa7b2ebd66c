// Dossier events ingest on PGlite (in memory): events applied per second through the server's batch path
// (`applyEvents`: validation, idempotency, state machine, due dates, one transaction per batch of 500), a resend of the
// same events (all duplicates), and beside them a bare INSERT loop writing the same number of rows one statement at a
// time, in transactions of 500. Prints figures, asserts nothing. Short: 10,000 events.
//   node --import tsx --conditions=motcua-source tests/bench/ingest/index.ts
import { loadavg } from 'node:os';
import type { DossierEvent } from '@motcua/sdk/integration';
import { openDb } from '../../../packages/server/src/db.js';
import { applyEvents } from '../../../packages/server/src/dossier-sync.js';
import { migrate, readSeedProcedures, upsertProcedures } from '../../../packages/server/src/store.js';
import { EMPTY_CALENDAR } from '../../../packages/server/src/working-hours.js';

const AGENCY = '000.30.01.H17';
const DOSSIERS = 2000;
const BATCH = 500;
const NOW = new Date('2026-10-15T17:00:00+07:00');

function events(): DossierEvent[] {
  const out: DossierEvent[] = [];
  const procedures = ['1.001193', '1.004873', '2.000635', '1.004222'];
  for (let d = 0; d < DOSSIERS; d++) {
    const code = `${AGENCY}-261015-${String(d + 1).padStart(4, '0')}`;
    const min = String(d % 60).padStart(2, '0');
    out.push(
      {
        id: `e${d}-1`,
        dossier: code,
        type: 'received',
        at: `2026101508${min}00`,
        dossierInfo: {
          procedure: { code: procedures[d % 4] as string },
          channel: 1,
          applicant: { name: 'Nguyễn Văn An', phone: '0905123456' },
        },
      },
      { id: `e${d}-2`, dossier: code, type: 'step_started', at: `2026101509${min}00`, step: { name: 'Thẩm định' } },
      { id: `e${d}-3`, dossier: code, type: 'step_finished', at: `2026101510${min}00`, step: { name: 'Thẩm định' } },
      { id: `e${d}-4`, dossier: code, type: 'resolved', at: `2026101514${min}00` },
      { id: `e${d}-5`, dossier: code, type: 'returned', at: `2026101516${min}00` },
    );
  }
  // Batches hold whole dossiers' days in arrival order (interleaved by time, as a queue delivers them).
  return out.sort((a, b) => a.at.localeCompare(b.at));
}

export default async function ingest(): Promise<Record<string, number | string>> {
  const db = await openDb({ dataDir: 'memory://' });
  try {
    await migrate(db);
    await db.transaction((tx) => upsertProcedures(tx, readSeedProcedures()));
    const all = events();
    const cpu = (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const c0 = cpu();
    const t0 = performance.now();
    let applied = 0;
    for (let i = 0; i < all.length; i += BATCH)
      applied += (await applyEvents(db, EMPTY_CALENDAR, AGENCY, all.slice(i, i + BATCH), NOW)).applied;
    const t1 = performance.now();
    const c1 = cpu();
    let duplicates = 0;
    for (let i = 0; i < all.length; i += BATCH)
      duplicates += (await applyEvents(db, EMPTY_CALENDAR, AGENCY, all.slice(i, i + BATCH), NOW)).duplicates;
    const t2 = performance.now();
    await db.exec(
      'CREATE TABLE bare (agency_code text, event_id text, dossier_code text, type text, at timestamptz, PRIMARY KEY (agency_code, event_id))',
    );
    const c2 = cpu();
    for (let i = 0; i < all.length; i += BATCH)
      await db.transaction(async (tx) => {
        for (const e of all.slice(i, i + BATCH))
          await tx.query('INSERT INTO bare VALUES ($1, $2, $3, $4, $5)', [AGENCY, e.id, e.dossier, e.type, '2026-10-15T08:00:00+07:00']);
      });
    const t3 = performance.now();
    const c3 = cpu();
    const rate = (n: number, ms: number): number => Math.round((n / ms) * 1000);
    const eventsPerSecond = rate(applied, t1 - t0);
    const barePerSecond = rate(all.length, t3 - t2);
    return {
      events: all.length,
      applied,
      eventsPerSecond,
      duplicatesPerSecond: rate(duplicates, t2 - t1),
      bareInsertsPerSecond: barePerSecond,
      ratioToBareInsertLoop: Math.round((eventsPerSecond / barePerSecond) * 100) / 100,
      // Per second of this process's CPU time (all its threads): what the same work gives on an idle core, whatever
      // else the machine is running (the wall-clock figures above fall with the machine's load).
      eventsPerCpuSecond: rate(applied, c1 - c0),
      bareInsertsPerCpuSecond: rate(all.length, c3 - c2),
      loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10,
      note: 'PGlite in memory; applyEvents in batches of 500 (two statements per batch: one read, one write) vs one INSERT per row in transactions of 500',
    };
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await ingest(), null, 2));
