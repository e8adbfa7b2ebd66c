/**
 * Start-up phase log: with `MOTCUA_DEBUG_START=1`, each phase of a start (imports, database open, migrations, seeding,
 * app, listen, first answer) is written to stderr with the milliseconds since the process started and since the last
 * phase, and the CPU milliseconds this process spent in it (on a loaded machine wall time grows with other processes'
 * work, CPU time much less), e.g. `motcua-server start: +412 ms (cpu 380 ms; at 1905 ms) pglite opened`. Nothing is
 * written otherwise.
 * @module
 */

let last: { wall: number; cpu: number } | undefined;

/** Whether the start-up phase log is on (`MOTCUA_DEBUG_START=1`). */
export const startLogEnabled = (env: NodeJS.ProcessEnv = process.env): boolean => env.MOTCUA_DEBUG_START === '1';

/** Writes one phase line (when the log is on): the phase that just ended. */
export function startPhase(name: string): void {
  if (!startLogEnabled()) return;
  const usage = process.cpuUsage();
  const now = { wall: performance.now(), cpu: (usage.user + usage.system) / 1000 };
  const wall = now.wall - (last?.wall ?? 0);
  const cpu = now.cpu - (last?.cpu ?? 0);
  last = now;
  process.stderr.write(`motcua-server start: +${Math.round(wall)} ms (cpu ${Math.round(cpu)} ms; at ${Math.round(now.wall)} ms) ${name}\n`);
}
