// Server benchmark: autocannon on loopback against the reference server (its own process, PGlite) and, beside it,
// a bare node:http server returning the same bytes; start-up timings; rating ingest with a loss check.
// Prints figures, asserts nothing. `node tests/bench/server/index.mjs` or through `npm run bench -- --only server`.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = join(root, 'packages/server/src/cli.ts');
const AGENCY = '000.30.01.H17';
/** Look-up budgets no benchmark reaches: the limit path runs on every look-up, nothing is refused. */
const UNREACHABLE_BUDGETS = { MOTCUA_RATE_LIMIT_LOOKUPS: '1000000000', MOTCUA_RATE_LIMIT_LOOKUPS_DAY: '1000000000' };
const RATING_AGENCY = '000.21.30.H56';

function startServer(dataDir, env = {}) {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=motcua-source', cli, 'start', '--demo'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', MOTCUA_DATA_DIR: dataDir, MOTCUA_LOG: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 120_000);
    child.stdout.on('data', async (chunk) => {
      out += chunk;
      const m = /listening on (http:\/\/\S+)(.*)/.exec(out);
      if (m && !child.resolved) {
        child.resolved = true;
        clearTimeout(timer);
        const url = m[1];
        await fetch(`${url}/api/v1/agencies`).then((r) => r.arrayBuffer());
        resolve({ child, url, line: m[0], firstAnswerMs: Math.round(performance.now() - started) });
      }
    });
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

/**
 * `npm start` as a newcomer runs it (scripts/start.mjs: builds only what is stale, then the built server in demo mode)
 * on `dataDir`: ms from the command to the demo site's first page served, and the server's start-up line.
 */
function npmStart(dataDir) {
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', MOTCUA_DATA_DIR: dataDir, MOTCUA_LOG: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not serve a page:\n${out}`)), 600_000);
    child.stdout.on('data', async (chunk) => {
      out += chunk;
      const m = /listening on (http:\/\/\S+)(.*)/.exec(out);
      if (m && !child.resolved) {
        child.resolved = true;
        clearTimeout(timer);
        const page = await fetch(`${m[1]}/`).then((r) => r.text());
        resolve({
          child,
          toPageMs: Math.round(performance.now() - started),
          served: /<html/i.test(page),
          line: m[0].trim(),
          builds: (out.match(/^build \S+: done/gm) ?? []).length,
        });
      }
    });
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
  });
}

function stop(child) {
  child.removeAllListeners('exit');
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

/**
 * A bare node:http server (own process) answering every request with `file`'s bytes as JSON (with the
 * Content-Encoding `encoding` when the bytes are the server's compressed answer).
 */
function startBare(file, encoding) {
  const code = `
    const http = require('node:http');
    const body = require('node:fs').readFileSync(process.argv[1]);
    const encoding = process.argv[2];
    const server = http.createServer((req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': body.length,
        ...(encoding ? { 'content-encoding': encoding, vary: 'Accept-Encoding' } : {}),
      });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => console.log('bare on http://127.0.0.1:' + server.address().port));
  `;
  const child = spawn(process.execPath, ['-e', code, file, encoding ?? ''], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    child.stdout.on('data', (chunk) => {
      const m = /bare on (http:\/\/\S+)/.exec(String(chunk));
      if (m) resolve({ child, url: m[1] });
    });
  });
}

/** What Chromium sends with every fetch (Node's fetch sends `gzip, deflate`, which the server answers alike). */
const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br, zstd' };

/** The answer's bytes as they travel (not decoded, unlike fetch()) and their Content-Encoding. */
function rawAnswer(url, headers) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const coding = res.headers['content-encoding'];
          resolve({ bytes: Buffer.concat(chunks), encoding: coding && coding !== 'identity' ? coding : undefined });
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

function cannon(options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: 100, duration: 5, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** CPU time (ms) a process has used so far, from /proc (Linux; undefined elsewhere). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in ticks of 1/100 s
  } catch {
    return undefined;
  }
}

/**
 * One measured run against the process `pid`: autocannon's figures plus the CPU milliseconds that process spent per
 * 1,000 answers. The CPU figure does not move with the machine's load as requests per second do (other people's
 * processes take turns on the same cores), so ratios of it say what a request costs.
 */
async function measured(pid, options) {
  const before = cpuMs(pid);
  const result = await cannon(options);
  const after = cpuMs(pid);
  const answers = result.requests.total;
  return {
    ...figures(result),
    ...(before !== undefined && after !== undefined && answers > 0
      ? { cpuMsPer1000: Math.round(((after - before) / answers) * 1000 * 10) / 10 }
      : {}),
  };
}

/** The run with the median requests per second (of an even number: the upper one), and the sum over runs. */
const median = (list) => [...list].sort((a, b) => a.reqPerSec - b.reqPerSec)[Math.floor(list.length / 2)];
const total = (list) => list.reduce((sum, r) => sum + r.reqPerSec, 0);
/** Mean CPU ms per 1,000 answers over the runs that had answers (undefined without /proc or answers). */
const cpuPer1000 = (list) => {
  const measuredRuns = list.filter((r) => r.cpuMsPer1000 !== undefined);
  if (measuredRuns.length === 0) return undefined;
  return Math.round((measuredRuns.reduce((sum, r) => sum + r.cpuMsPer1000, 0) / measuredRuns.length) * 10) / 10;
};
/** `a / b` to two decimals, undefined when either is. */
const ratioOf = (a, b) => (a !== undefined && b !== undefined && b > 0 ? Math.round((a / b) * 100) / 100 : undefined);

const figures = (r) => ({
  reqPerSec: Math.round(r.requests.average),
  p50ms: r.latency.p50,
  p99ms: r.latency.p99,
  non2xx: r.non2xx,
  errors: r.errors + r.timeouts,
});

export default async function benchServer({ log = console.error } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'motcua-bench-server-'));
  const dataDir = join(work, 'data');
  const result = { startup: {}, reads: [], ratings: {} };
  try {
    // Start-up: first start with seeding, then reopen of the same folder.
    log('server bench: first start (seeding)…');
    const first = await startServer(dataDir);
    result.startup.firstStartToFirstAnswerMs = first.firstAnswerMs;
    result.startup.firstStartLine = first.line.trim();
    await stop(first.child);
    // npm start, twice on a new folder: the second start is the one a newcomer repeats all day (nothing to build).
    log('server bench: npm start (scripts/start.mjs), twice…');
    const npmData = join(work, 'npm-start-data');
    for (const key of ['npmStartFirst', 'npmStartSecond']) {
      const run = await npmStart(npmData);
      result.startup[`${key}ToPageMs`] = run.toPageMs;
      result.startup[`${key}Builds`] = run.builds;
      result.startup[`${key}Line`] = run.served ? run.line : `${run.line} (no page served)`;
      await stop(run.child);
    }
    // Two identical copies of the freshly seeded folder for the limit-cost comparison at the end (so that neither side
    // carries what the read and rating runs below leave in the folder).
    const limitedDir = join(work, 'data-limits');
    const unlimitedDir = join(work, 'data-nolimits');
    cpSync(dataDir, limitedDir, { recursive: true });
    cpSync(dataDir, unlimitedDir, { recursive: true });
    log('server bench: reopen…');
    // One demo kiosk sends every rating of the ingest run: lift its per-device limit (it is measured, not tripped).
    // Every dossier look-up counts into the client's budget (60 per 10 minutes): autocannon is one client, so the read
    // figures are taken with budgets too large to be reached (the limit path runs, nobody is refused).
    const server = await startServer(dataDir, {
      ...UNREACHABLE_BUDGETS,
      MOTCUA_DEVICE_BURST: '100000000',
      MOTCUA_TRUSTED_PROXIES: '127.0.0.1/32',
    });
    result.startup.reopenToFirstAnswerMs = server.firstAnswerMs;
    result.startup.reopenLine = server.line.trim();

    const demo = (await import('../../../packages/server/src/demo-dossiers.ts')).demoDossiers()[3];
    // Each read as a browser (and the SDK on Node's fetch) asks for it, with Accept-Encoding; bare http serves the very
    // bytes our server answered, with the same Content-Encoding. The catalog once more without Accept-Encoding, for the
    // record: no browser asks that way, so its row carries no goal.
    const reads = [
      { name: 'catalog', path: `/api/v1/agencies/${AGENCY}/procedures/catalog` },
      { name: 'procedure detail', path: '/api/v1/procedures/1.001193' },
      { name: 'dossier look-up', path: `/api/v1/dossiers/${demo.code}` },
      { name: 'catalog, uncompressed (no Accept-Encoding)', path: `/api/v1/agencies/${AGENCY}/procedures/catalog`, identity: true },
    ];
    const measureRead = async (read) => {
      const headers = read.identity ? {} : BROWSER_HEADERS;
      const { bytes, encoding } = await rawAnswer(server.url + read.path, headers);
      const file = join(work, `${read.name.replace(/\W/g, '-')}.json`);
      writeFileSync(file, bytes);
      const bare = await startBare(file, encoding);
      log(`server bench: ${read.name} (${bytes.length} bytes${encoding ? `, ${encoding}` : ''})…`);
      // Both warmed up (3 s: a cold server on a loaded machine answers little at first), then alternating A B B A A B B A (3 s each), so that the machine's load weighs on both alike.
      const url = { server: server.url + read.path, bareHttp: bare.url + read.path };
      const pid = { server: server.child.pid, bareHttp: bare.child.pid };
      const runs = { server: [], bareHttp: [] };
      // Many clients: each request through the trusted local proxy from an address of its own (X-Forwarded-For), so
      // each look-up is counted in budgets of its own and no place is taken ahead: the database path of every batch.
      let client = 0;
      const perRequest = read.manyClients
        ? {
            requests: [
              {
                setupRequest: (req) => {
                  client = (client + 1) % 16_000_000;
                  return {
                    ...req,
                    headers: { ...req.headers, 'x-forwarded-for': `10.${client >> 16}.${(client >> 8) & 255}.${client & 255}` },
                  };
                },
              },
            ],
          }
        : {};
      for (const name of ['server', 'bareHttp']) await cannon({ url: url[name], headers, duration: 3, ...perRequest });
      for (const name of ['server', 'bareHttp', 'bareHttp', 'server', 'server', 'bareHttp', 'bareHttp', 'server'])
        runs[name].push(await measured(pid[name], { url: url[name], headers, duration: 3, ...perRequest }));
      await stop(bare.child);
      result.reads.push({
        route: read.name,
        bytes: bytes.length,
        encoding: encoding ?? 'identity',
        ...(read.informational || read.identity ? { informational: true } : {}),
        server: median(runs.server),
        bareHttp: median(runs.bareHttp),
        ratio: Math.round((total(runs.server) / total(runs.bareHttp)) * 100) / 100,
        // CPU per answer of bare http over ours: the same ratio, as the machine's load does not move it.
        cpuMsPer1000: { server: cpuPer1000(runs.server), bareHttp: cpuPer1000(runs.bareHttp) },
        cpuRatio: ratioOf(cpuPer1000(runs.bareHttp), cpuPer1000(runs.server)),
      });
    };
    for (const read of reads) await measureRead(read);

    // Rating ingest: unique Idempotency-Key per request, then count what was stored.
    log('server bench: rating ingest…');
    // (Kiosk ratings come from an enrolled device and may be at most 72 hours old: today's, from the demo kiosk.)
    const ratedAt = new Date().toISOString();
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const statsUrl = `${server.url}/api/v1/agencies/${RATING_AGENCY}/stats?from=${today}&to=${today}`;
    const device = (await (await fetch(`${server.url}/demo-device.json?agency=${RATING_AGENCY}`)).json()).credential;
    const before = (await (await fetch(statsUrl)).json()).satisfaction.total;
    const body = JSON.stringify({ agency: RATING_AGENCY, channel: 'kiosk', overall: 'very_satisfied', ratedAt });
    const ingest = await cannon({
      url: `${server.url}/api/v1/ratings`,
      connections: 50,
      duration: 8,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => ({
            ...req,
            headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'motcua-device': device },
            body,
          }),
        },
      ],
    });
    const created = ingest['2xx'];
    const after = (await (await fetch(statsUrl)).json()).satisfaction.total;
    result.ratings = {
      ...figures(ingest),
      accepted2xx: created,
      storedAfter: after - before,
      // Requests still in flight when autocannon stops are stored too (stored ≥ accepted); loss is a 2xx not stored.
      lost: Math.max(0, created - (after - before)),
    };
    // Last (it leaves two counter rows per client in the database): the dossier look-up as many citizens send it, each
    // once, for the record (the row above is one client asking again and again).
    await measureRead({
      name: 'dossier look-up, a new client per request',
      path: `/api/v1/dossiers/${demo.code}`,
      manyClients: true,
      informational: true,
    });
    await stop(server.child);

    // The cost of the limits to an honest read: the same dossier look-up (same path, same connections, same bytes
    // answered) on two servers from two copies of the freshly seeded data folder, one counting every look-up (budgets
    // never reached), one with the look-up budgets off, both warmed up, in one run: eight short runs alternating
    // A B B A A B B A, so a change of machine load in the middle weighs on both sides alike; the ratio is of their total
    // requests per second.
    log('server bench: dossier look-up with and without the limit path…');
    const limited = await startServer(limitedDir, UNREACHABLE_BUDGETS);
    const unlimited = await startServer(unlimitedDir, { MOTCUA_RATE_LIMIT_LOOKUPS: '0', MOTCUA_RATE_LIMIT_LOOKUPS_DAY: '0' });
    const path = `/api/v1/dossiers/${demo.code}`;
    const runs = { withLimits: [], withoutLimits: [] };
    const side = { withLimits: limited, withoutLimits: unlimited };
    for (const name of ['withLimits', 'withoutLimits']) await cannon({ url: side[name].url + path, duration: 3 });
    for (const name of [
      'withLimits',
      'withoutLimits',
      'withoutLimits',
      'withLimits',
      'withLimits',
      'withoutLimits',
      'withoutLimits',
      'withLimits',
    ])
      runs[name].push(await measured(side[name].child.pid, { url: side[name].url + path, duration: 3 }));
    await Promise.all([stop(limited.child), stop(unlimited.child)]);
    result.limitCost = {
      route: 'dossier look-up',
      withLimits: median(runs.withLimits),
      withoutLimits: median(runs.withoutLimits),
      ratio: Math.round((total(runs.withLimits) / total(runs.withoutLimits)) * 100) / 100,
      runs: 'ABBAABBA, 4 × 3 s each side after 3 s warm-up; ratio of the sums, medians shown',
      // CPU per look-up without the limits over with them: what counting costs each look-up, whatever the load.
      cpuMsPer1000: { withLimits: cpuPer1000(runs.withLimits), withoutLimits: cpuPer1000(runs.withoutLimits) },
      cpuRatio: ratioOf(cpuPer1000(runs.withoutLimits), cpuPer1000(runs.withLimits)),
      // Every run, in order, so that a stall of one side (a run with no answers) shows.
      reqPerSecByRun: { withLimits: runs.withLimits.map((r) => r.reqPerSec), withoutLimits: runs.withoutLimits.map((r) => r.reqPerSec) },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchServer();
  const s = r.startup;
  console.log(
    `start-up: first start to first answer ${s.firstStartToFirstAnswerMs} ms (goal ≤ 15,000); reopen ${s.reopenToFirstAnswerMs} ms (goal ≤ 2,000)`,
  );
  console.log(`  ${s.firstStartLine}\n  ${s.reopenLine}`);
  console.log('route             bytes     server req/s  p50  p99 | bare req/s  p50  p99 | ratio (goal ≥ 0.5)');
  for (const x of r.reads) {
    console.log(
      `${x.route.padEnd(17)} ${String(x.bytes).padStart(7)}  ${String(x.server.reqPerSec).padStart(11)} ${String(x.server.p50ms).padStart(4)} ${String(x.server.p99ms).padStart(4)} | ` +
        `${String(x.bareHttp.reqPerSec).padStart(10)} ${String(x.bareHttp.p50ms).padStart(4)} ${String(x.bareHttp.p99ms).padStart(4)} | ${x.ratio}`,
    );
  }
  const l = r.limitCost;
  console.log(
    `limits on an honest read (${l.route}): ${l.withLimits.reqPerSec}/s with, ${l.withoutLimits.reqPerSec}/s without (p99 ${l.withLimits.p99ms} / ${l.withoutLimits.p99ms} ms): ratio ${l.ratio} (goal ≥ 0.9)`,
  );
  const g = r.ratings;
  console.log(
    `ratings ingest: ${g.reqPerSec}/s (goal ≥ 1,000), p50 ${g.p50ms} ms, p99 ${g.p99ms} ms; accepted ${g.accepted2xx}, stored ${g.storedAfter}, lost ${g.lost}, non-2xx ${g.non2xx}, errors ${g.errors}`,
  );
}
