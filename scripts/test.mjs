#!/usr/bin/env node
// `npm test`: lint, type check, size budgets, package checks (scripts/package-check.mjs), Node tests (node --test) and browser tests (web-test-runner),
// then one summary line "N passed, N failed". `--reliability` runs only the slow suites (`*.slow.test.ts`), which take minutes.
// `--only node|browser|lint|types|size|packages` runs one part (for development).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ensureChromium } from './chromium.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const reliability = args.includes('--reliability');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
const work = mkdtempSync(join(tmpdir(), 'motcua-test-run-'));

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, command, commandArgs, env = {}) {
  console.log(`\n━━ ${label}: ${command} ${commandArgs.join(' ')}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(label, ok) {
  if (ok) totals.passed++;
  else {
    totals.failed++;
    failures.push(label);
  }
}

function findTests(dir, filter) {
  const out = [];
  const abs = join(root, dir);
  if (!existsSync(abs)) return out;
  for (const name of readdirSync(abs)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(abs, name);
    if (statSync(path).isDirectory()) out.push(...findTests(relative(root, path), filter));
    else if (filter(name)) out.push(relative(root, path));
  }
  return out.sort();
}

const wants = (part) => (reliability ? part === 'node' : !only || only === part);

if (wants('lint')) {
  check('eslint', run('lint', 'npx', ['eslint', '--max-warnings=0', '.']));
  check('prettier', run('format', 'npx', ['prettier', '--check', '--log-level=warn', '.']));
}
if (wants('types')) check('typescript', run('type check', 'npx', ['tsc', '-p', 'tsconfig.json']));
if (wants('types'))
  check(
    'typescript: SDK without the DOM lib',
    run('type check, SDK in a Node-only project', 'npx', ['tsc', '-p', 'tests/types/sdk-node-only/tsconfig.json']),
  );
if (wants('size') && existsSync(join(root, 'scripts/size.mjs'))) check('size budgets', run('size budgets', 'node', ['scripts/size.mjs']));
if (wants('packages')) check('package checks', run('package checks', 'node', ['scripts/package-check.mjs']));

if (wants('node')) {
  const isNodeTest = (name) => /\.test\.(ts|mjs)$/.test(name) && reliability === /\.slow\.test\./.test(name);
  const files = [
    ...findTests('packages/sdk/src', isNodeTest),
    ...findTests('packages/server/src', isNodeTest),
    ...findTests('tests/node', isNodeTest),
    ...findTests('tests/contract', isNodeTest),
    ...findTests('tests/reliability', isNodeTest),
  ];
  if (files.length) {
    const countsFile = join(work, 'node.json');
    const ok = run(
      'node tests',
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=motcua-source',
        '--test',
        '--test-concurrency=2',
        '--test-force-exit',
        '--test-timeout=900000',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=./scripts/node-test-counter.mjs',
        '--test-reporter-destination=/dev/null',
        ...files,
      ],
      { MOTCUA_NODE_COUNTS: countsFile },
    );
    const c = existsSync(countsFile) ? JSON.parse(readFileSync(countsFile, 'utf8')) : { passed: 0, failed: 0, skipped: 0 };
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
    if (!ok) {
      failures.push('node tests');
      if (c.failed === 0) totals.failed++;
    }
  }
}

// Browser test files run in a web-test-runner of their own (see web-test-runner.config.mjs for why).
const SEPARATE_BROWSER_FILES = ['tests/browser/ssr-hydrate-all.test.ts'];

if (wants('browser')) {
  ensureChromium();
  const runs = [
    { label: 'browser tests', env: {} },
    ...SEPARATE_BROWSER_FILES.map((file) => ({ label: `browser tests: ${file}`, env: { MOTCUA_WTR_FILES: file } })),
  ];
  runs.forEach(({ label, env }, i) => {
    const counts = join(work, `wtr-${i}.json`);
    const ok = run(label, 'npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs'], { ...env, MOTCUA_WTR_COUNTS: counts });
    const c = existsSync(counts) ? JSON.parse(readFileSync(counts, 'utf8')) : { passed: 0, failed: 0, skipped: 0 };
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
    if (!ok) {
      failures.push(label);
      if (c.failed === 0) totals.failed++;
    }
  });
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 || failures.length ? 1 : 0);
