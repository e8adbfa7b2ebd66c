#!/usr/bin/env node
// Runs a test command as if it were another moment (faketime is not installed here), to check clock-dependent tests:
//   node scripts/at-time/run.mjs 2026-12-31T16:59:00Z node --import tsx --conditions=motcua-source --test x.test.ts
//   MOTCUA_WTR_FILES=tests/browser/x.test.ts node scripts/at-time/run.mjs 2026-12-31T17:30:00Z \
//     npx web-test-runner --config scripts/at-time/web-test-runner.config.mjs
// Every Node process of the command (and the browser test pages, with that config) starts at the moment and ticks on.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [at, command, ...args] = process.argv.slice(2);
const target = Date.parse(at ?? '');
if (!command || Number.isNaN(target)) {
  console.error('usage: node scripts/at-time/run.mjs <ISO date-time> <command> [args…]');
  process.exit(2);
}
const preload = fileURLToPath(new URL('./fake-clock.mjs', import.meta.url));
const env = {
  ...process.env,
  MOTCUA_AT_OFFSET_MS: String(target - Date.now()),
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${preload}`.trim(),
};
const result = spawnSync(command, args, { stdio: 'inherit', env });
process.exit(result.status ?? 1);
