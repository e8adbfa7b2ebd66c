/**
 * `motcua-server stats rebuild`: recomputes the pre-computed daily statistics totals from the dossiers and ratings
 * (after a bulk load that bypassed the database triggers, or to check them); prints how many (agency, day) rows were
 * written and how many had drifted.
 * @module
 */
import { configFromEnv } from './config.js';
import { openDatabase } from './server.js';
import { rebuildDailyTotals } from './stats.js';
import { migrate } from './store.js';

export async function statsCommand(args: readonly string[], usage: string): Promise<number> {
  if (args.length !== 1 || args[0] !== 'rebuild') {
    process.stderr.write(`stats: unknown or incomplete command\n${usage}\n`);
    return 2;
  }
  const db = await openDatabase(configFromEnv());
  try {
    await migrate(db);
    const { rows, changed } = await rebuildDailyTotals(db);
    process.stdout.write(
      `rebuilt the daily statistics totals: ${rows} agency-day rows; ${changed === 0 ? 'none had drifted' : `${changed} differed and are now exact`}\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}
