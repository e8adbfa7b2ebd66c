#!/usr/bin/env node
// `npm run bench`: runs every benchmark part, prints one table and writes tests/bench/results.json.
// Each part is a module exporting a function (default, or named run/bench/measure/main) that returns figures
// (an object of numbers/strings, nested objects or arrays of rows). Each part runs in its own child process
// (through tsx, so .ts parts work too), so one part crashing or calling process.exit cannot stop the others:
// a missing or failing part is printed as "not available" with the reason.
// Nothing here asserts on time: the figures are printed and recorded, beside the goals.
//   node tests/bench/run.mjs [--only sizes,bytes,search,load,lighthouse,heap,server] [--json]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir, platform, release } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from '../../scripts/chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? new Set(args[onlyIndex + 1].split(',')) : undefined;

const ENTRY_NAMES = ['index.mjs', 'index.ts', 'run.mjs', 'run.ts', 'bench.mjs', 'bench.ts', 'main.mjs', 'main.ts'];

/** A part's module: a file, or the first entry file found in a folder. */
function resolveEntry(path) {
  const abs = join(root, path);
  if (!existsSync(abs)) return undefined;
  if (/\.(m?js|ts)$/.test(abs)) return abs;
  for (const name of ENTRY_NAMES) if (existsSync(join(abs, name))) return join(abs, name);
  return undefined;
}

/** The benchmark parts, in the order of the table, with who owns them and the goals they are read against. */
const PARTS = [
  {
    id: 'sizes',
    title: 'Bytes a browser downloads (min+gz)',
    path: 'scripts/size.mjs',
    // A CLI (also part of npm test): run it with --json and read its last JSON line.
    cli: ['--json'],
    goals: 'loader ≤ 3 KB; any single-widget page ≤ 30 KB; all widgets ≤ 50 KB',
  },
  {
    id: 'bytes',
    title: 'Script bytes as Chromium downloads them (gzip as served, lazy chunks loaded on use included)',
    path: 'tests/bench/bytes',
    goals: 'every single-widget page ≤ 30 KB; every-widget page ≤ 50 KB; the catalog fetched once per page',
  },
  { id: 'sdk-size', title: 'SDK for an npm user (rollup + terser, gz)', path: 'tests/bench/sdk-size.mjs', goals: 'SDK ≤ 15 KB' },
  {
    id: 'search',
    title: 'Search per keystroke, national catalog (5,670), Chromium',
    path: 'tests/bench/search',
    goals: 'median ≤ 0.5 ms, p95 ≤ 1 ms, index build ≤ 150 ms',
  },
  {
    id: 'search-quality',
    title: 'Search relevance on 201 citizen queries (hit@1, hit@5, MRR per kind): SDK, server ?q=, MiniSearch',
    path: 'tests/bench/search-quality',
    goals: 'hit@5 ≥ 90% overall and ≥ 80% in every kind (SDK and server)',
  },
  {
    id: 'communes',
    title: '"Find my commune" over 3,321 communes/wards: hit@1/hit@5 on the query set, ms per keystroke in Chromium',
    path: 'tests/bench/communes',
    goals: 'p95 ≤ 1 ms per keystroke (Chromium)',
  },
  {
    id: 'load',
    title: 'Navigation to usable widget (demo site, Chromium)',
    path: 'tests/bench/load',
    goals: 'every widget usable ≤ 3 s on slow 3G (400 kbit/s, 400 ms)',
  },
  {
    id: 'lighthouse',
    title: 'Lighthouse, mobile profile, every demo page (median of 3 runs)',
    path: 'tests/bench/lighthouse',
    goals:
      'Performance ≥ 90 on every page; Accessibility, Best Practices and SEO 100; longest main-thread task ≤ 200 ms on / and /in-the-qr',
  },
  { id: 'heap', title: 'Memory: lookup widget with the national catalog; server after load', path: 'tests/bench/heap', goals: '—' },
  {
    id: 'server',
    title: 'Server (autocannon, loopback) vs bare node:http',
    path: 'tests/bench/server',
    goals:
      'reads ≥ 50% of bare http; p99 ≤ 50 ms at 100 connections; ≥ 1,000 ratings/s, zero loss; reopen ≤ 2 s, first start ≤ 15 s; dossier look-up with limits ≥ 90% of without',
  },
  {
    id: 'ingest',
    title: 'Dossier events ingest (PGlite, in memory) vs a bare INSERT loop',
    path: 'tests/bench/ingest',
    goals: '≥ 5,000 events/s on PGlite',
  },
  {
    id: 'push-to-widget',
    title: 'A pushed status change on the tracker (integration API → demo tracker page, Chromium, refresh=1)',
    path: 'tests/bench/push-to-widget',
    goals: 'every change shown ≤ 2 s after the event batch was accepted',
  },
  {
    id: 'webhooks',
    title: '10,000 webhooks, receiver failing 30%, server killed and restarted mid-run (PGlite)',
    path: 'tests/bench/webhooks',
    goals: 'every webhook delivered, none handled twice by a receiver honouring X-Motcua-Delivery',
  },
  {
    id: 'province-stats',
    title: 'Provincial stats, 100 communes × 1 year (1,000,000 dossiers): GET /provinces/{code}/stats vs SELECT count(*)',
    path: 'tests/bench/province-stats',
    goals: '≤ 300 ms on PostgreSQL, ≤ 1 s on PGlite (median of 5 after a warm-up), with the ratio to count(*)',
  },
];

/** Runs one part in a child process; resolves to { status, figures?, reason?, ms }. */
function runPart(part, work) {
  const entry = resolveEntry(part.path);
  if (!entry) return Promise.resolve({ status: 'not available', reason: `${part.path} not found`, ms: 0 });
  if (part.cli) return runCli(part, entry);
  const out = join(work, `${part.id}.json`);
  const script = `
    import { writeFileSync } from 'node:fs';
    import { pathToFileURL } from 'node:url';
    const m = await import(pathToFileURL(process.env.BENCH_ENTRY).href);
    const fn = [m.default, m.run, m.bench, m.measure, m.main, ...Object.values(m)].find((f) => typeof f === 'function');
    if (!fn) throw new Error('the module exports no function');
    const figures = await fn({ root: process.env.BENCH_ROOT, log: (...a) => console.error(...a) });
    writeFileSync(process.env.BENCH_OUT, JSON.stringify(figures ?? null));
    process.exit(0);
  `;
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=motcua-source', '--input-type=module', '-e', script], {
      cwd: root,
      env: { ...process.env, BENCH_ENTRY: entry, BENCH_ROOT: root, BENCH_OUT: out, MOTCUA_BENCH: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (c) => {
      stdout += c;
      process.stderr.write(`  [${part.id}] ${c}`);
    });
    child.stderr.on('data', (c) => {
      stderr += c;
      process.stderr.write(`  [${part.id}] ${c}`);
    });
    child.on('close', (code) => {
      const ms = Math.round(performance.now() - started);
      if (existsSync(out)) {
        try {
          return resolve({ status: 'ok', figures: JSON.parse(readFileSync(out, 'utf8')), ms });
        } catch (error) {
          return resolve({ status: 'not available', reason: `unreadable figures: ${error.message}`, ms });
        }
      }
      // A CLI-style part (e.g. scripts/size.mjs printing its own table): keep what it printed.
      if (code === 0 && stdout.trim()) return resolve({ status: 'ok', figures: { output: stdout.trim() }, ms });
      const last = (stderr.trim().split('\n').filter(Boolean).slice(-3).join(' ') || `exit ${code}`).slice(0, 300);
      resolve({ status: 'not available', reason: last, ms });
    });
  });
}

/** Runs a CLI part (`node entry ...cli`) and takes the last JSON line of its output as the figures. */
function runCli(part, entry) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [entry, ...part.cli], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => {
      stderr += c;
      process.stderr.write(`  [${part.id}] ${c}`);
    });
    child.on('close', (code) => {
      const ms = Math.round(performance.now() - started);
      const json = stdout
        .split('\n')
        .reverse()
        .find((l) => /^[[{]/.test(l.trim()));
      if (!json) return resolve({ status: 'not available', reason: stderr.trim().split('\n').slice(-2).join(' ') || `exit ${code}`, ms });
      const figures = JSON.parse(json);
      const budget = code === 0 ? 'within budgets' : `BUDGET EXCEEDED: ${stderr.trim().split('\n').slice(-3).join(' ')}`;
      resolve({ status: 'ok', figures: { budgets: budget, rows: figures }, ms });
    });
  });
}

/** Flattens nested figures into [name, value] rows. */
function flatten(value, prefix = '') {
  if (value === null || value === undefined) return [[prefix || '(none)', '—']];
  if (typeof value !== 'object') return [[prefix || 'value', value]];
  if (Array.isArray(value)) {
    return value.flatMap((row, i) => {
      const label = row && typeof row === 'object' && !Array.isArray(row) ? (row.name ?? row.label ?? row.id ?? String(i)) : String(i);
      const rest = row && typeof row === 'object' && !Array.isArray(row) ? { ...row } : row;
      if (rest && typeof rest === 'object') for (const k of ['name', 'label', 'id']) if (rest[k] === label) delete rest[k];
      return flatten(rest, prefix ? `${prefix} ${label}` : String(label));
    });
  }
  return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}

function format(v) {
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return v.toLocaleString('en-US');
    return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(3);
  }
  return String(v);
}

function chromiumVersion() {
  const path = findChromium();
  if (!path) return 'not found';
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    return path;
  }
}

const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  os: `${platform()} ${release()}`,
  node: process.version,
  chromium: chromiumVersion(),
  /** 1-minute load average when the run started and ended: other work on the machine skews the figures. */
  loadAverage: { start: Math.round(loadavg()[0] * 10) / 10, end: 0 },
};

const work = mkdtempSync(join(tmpdir(), 'motcua-bench-'));
const results = { date: new Date().toISOString(), machine, parts: {} };
console.log(`motcua benchmarks — ${results.date} — ${machine.cpus} × ${machine.cpu}, ${machine.memoryGb} GB, Node ${machine.node}\n`);

for (const part of PARTS) {
  if (only && !only.has(part.id)) continue;
  console.error(`━━ ${part.id}: ${part.title}`);
  const before = Math.round(loadavg()[0] * 10) / 10;
  const result = await runPart(part, work);
  // Each part's own 1-minute load average (a part re-run with --only may meet a busier machine than the full run).
  const loadAverage = { start: before, end: Math.round(loadavg()[0] * 10) / 10 };
  results.parts[part.id] = { title: part.title, goals: part.goals, date: new Date().toISOString(), loadAverage, ...result };
}
rmSync(work, { recursive: true, force: true });
machine.loadAverage.end = Math.round(loadavg()[0] * 10) / 10;

// One table: part, figure, value.
const rows = [];
for (const [id, part] of Object.entries(results.parts)) {
  rows.push([`${id}`, `${part.title}${part.goals !== '—' ? ` — goal: ${part.goals}` : ''}`, '']);
  if (part.status !== 'ok') rows.push(['', 'not available', part.reason ?? '']);
  else
    for (const [name, value] of flatten(part.figures)) {
      const text = format(value);
      if (text.includes('\n')) for (const line of text.split('\n')) rows.push(['', line, '']);
      else rows.push(['', name, text]);
    }
}
const width = [0, 1, 2].map((i) => Math.min(90, Math.max(...rows.map((r) => String(r[i]).length))));
console.log('\n' + rows.map((r) => `${String(r[0]).padEnd(width[0])}  ${String(r[1]).padEnd(width[1])}  ${String(r[2])}`).join('\n'));

const file = join(root, 'tests/bench/results.json');
// With --only, keep the other parts' last figures (each part carries its own date).
if (only && existsSync(file)) {
  try {
    const previous = JSON.parse(readFileSync(file, 'utf8'));
    results.parts = { ...previous.parts, ...results.parts };
    // The recorded run (date, machine, load average) stays the full run's: the re-run parts carry their own.
    if (previous.date && previous.machine) Object.assign(results, { date: previous.date, machine: previous.machine });
  } catch {
    // an unreadable previous file is simply replaced
  }
}
writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
console.log(`\nload average (1 min) at start ${machine.loadAverage.start}, at end ${machine.loadAverage.end} on ${machine.cpus} cores`);
console.log(`wrote ${file.slice(root.length)}`);
// The README's evidence block and docs/performance.md are generated from results.json, never edited by hand.
try {
  execFileSync(process.execPath, [join(root, 'scripts/evidence.mjs')], { cwd: root, stdio: 'inherit' });
} catch {
  console.error('scripts/evidence.mjs failed: README.md and docs/performance.md were not regenerated');
  process.exitCode = 1;
}
