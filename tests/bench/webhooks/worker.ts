// The "server" of the webhooks benchmark: a process that owns the PGlite folder and runs the outbox worker until it is
// killed (the restart) or asked to stop (SIGTERM: stops the worker, prints the outbox states as JSON, exits).
//   node --import tsx --conditions=motcua-source tests/bench/webhooks/worker.ts DATA_DIR
import { openDb } from '../../../packages/server/src/db.js';
import { startOutboxWorker } from '../../../packages/server/src/outbox.js';

const dataDir = process.argv[2] as string;
const db = await openDb({ dataDir });
const worker = startOutboxWorker(db, {
  intervalMs: 20,
  backoffMs: 50,
  maxAttempts: 12,
  batch: 50,
  timeoutMs: 1000,
  leaseMs: 2000,
  allowPrivate: true,
});
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void (async () => {
    await worker.stop();
    const states = await db.query<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM outbox GROUP BY state');
    process.stdout.write(`${JSON.stringify(Object.fromEntries(states.map((s) => [s.state, s.n])))}\n`);
    await db.close();
    process.exit(0);
  })();
});
