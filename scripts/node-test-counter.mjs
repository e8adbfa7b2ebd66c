// A node:test reporter that counts passed, failed and skipped tests (not suites) and keeps the counts in the file
// named by MOTCUA_NODE_COUNTS, written synchronously after each result so that a forced exit cannot lose them.
import { writeFileSync } from 'node:fs';

export default async function* counter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const file = process.env.MOTCUA_NODE_COUNTS;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') {
      // A suite fails without a failing test of its own when a hook (before/after) throws: count that once.
      if (event.type === 'test:fail' && event.data.details?.error?.failureType === 'hookFailed') counts.failed++;
      continue;
    }
    if (event.data.skip || event.data.todo) counts.skipped++;
    else if (event.type === 'test:pass') counts.passed++;
    else counts.failed++;
    if (file) writeFileSync(file, JSON.stringify(counts));
  }
  if (file) writeFileSync(file, JSON.stringify(counts));
  yield '';
}
