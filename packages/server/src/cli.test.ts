// The motcua-server command as a user runs it: start (first start seeds, reopen is fast), SIGTERM, import-catalog,
// demo-dossiers, structured logs.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AgencyList, Procedure } from '@motcua/sdk/schemas';
import { demoDossiers } from './demo-dossiers.js';
import { LOCK_FILE, openDb } from './db.js';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const nodeArgs = ['--import', 'tsx', '--conditions=motcua-source', cli];
const dataDir = mkdtempSync(join(tmpdir(), 'motcua-cli-'));
const baseEnv = { ...process.env, MOTCUA_DATA_DIR: dataDir, DATABASE_URL: '' };

interface Running {
  child: ChildProcess;
  url: string;
  line: string;
  output: () => string;
}

const children = new Set<ChildProcess>();

function start(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, [...nodeArgs, 'start'], { env: { ...baseEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no listening line in 180 s:\n${out}`));
    }, 180_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
      const m = /^.*listening on (http:\/\/\S+).*$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] as string, line: m[0], output: () => out });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${out}`));
    });
  });
}

function stop(running: Running): Promise<number | null> {
  running.child.removeAllListeners('exit');
  return new Promise((resolve) => {
    if (running.child.exitCode !== null) return resolve(running.child.exitCode);
    running.child.once('exit', (code) => resolve(code));
    running.child.kill('SIGTERM');
  });
}

after(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('motcua-server CLI', () => {
  it('start: first start seeds, prints the real port for PORT=0, serves, and exits cleanly on SIGTERM', async () => {
    const s = await start({ PORT: '0', HOST: '127.0.0.1', MOTCUA_LOG: 'silent', MOTCUA_DEMO: '1' });
    try {
      assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.doesNotMatch(s.url, /:0$/);
      assert.match(s.line, /demo mode/);
      assert.match(s.line, /dossiers generated/);
      const agencies = AgencyList.parse(await (await fetch(`${s.url}/api/v1/agencies`)).json());
      assert.ok(agencies.items.length >= 3);
      const demo = demoDossiers()[3];
      assert.equal((await fetch(`${s.url}/api/v1/dossiers/${demo?.code}`)).status, 200);
      assert.equal((await fetch(`${s.url}/healthz`)).status, 200);
      // The API document carries the package's version (set by changesets), not a number written in the code.
      const openApi = (await (await fetch(`${s.url}/api/v1/openapi.json`)).json()) as { info: { version: string } };
      assert.equal(openApi.info.version, packageJson.version);
    } finally {
      assert.equal(await stop(s), 0);
    }
  });

  it('import-catalog: loads national-catalog JSONL, reports bad lines, links procedures to an agency', () => {
    const file = join(dataDir, 'catalog.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({
          id: '019f6f67-c3a8-7163-8167-02e782ebf1c2',
          code: '3.000616',
          name: 'Thủ tục Hỗ trợ doanh nghiệp',
          categories: ['Công nghiệp'],
          departments: ['Sở Khoa học và Công nghệ'],
          type: 'SPECIFIC',
          state: 'ACTIVE',
        }),
        '{not json',
        JSON.stringify({ id: 'x', code: 'bad-code', name: 'Sai mã' }),
        JSON.stringify({
          id: '019f6f63-3888-70ce-88a1-5995946cec30',
          code: '3.000615',
          name: 'Thủ tục thứ hai',
          categories: ['Công nghiệp'],
          departments: ['Ủy ban nhân dân cấp xã'],
          type: 'STANDARD',
        }),
        '',
      ].join('\n'),
    );
    const result = spawnSync(process.execPath, [...nodeArgs, 'import-catalog', file, '--agency', '000.30.02.H17'], {
      env: baseEnv,
      encoding: 'utf8',
    });
    assert.equal(result.status, 1, 'a refused line makes the exit code non-zero');
    assert.match(result.stdout, /imported 2 procedures, refused 2 lines \(linked to 000\.30\.02\.H17\)/);
    assert.match(result.stderr, /catalog\.jsonl:2: invalid JSON/);
    assert.match(result.stderr, /catalog\.jsonl:3: invalid procedure code/);
    const missing = spawnSync(process.execPath, [...nodeArgs, 'import-catalog'], { env: baseEnv, encoding: 'utf8' });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /missing FILE/);
  });

  it('devices enrol prints a credential once, a started server takes kiosk votes with it, revoke refuses them', async () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [...nodeArgs, 'devices', ...args], { env: baseEnv, encoding: 'utf8' });
    const enrolled = run('enrol', '--agency', '000.30.02.H17', '--name', 'Quầy 1');
    assert.equal(enrolled.status, 0, enrolled.stderr);
    const credential = /MCD(?:-[0-9A-Z]{5}){5}/.exec(enrolled.stdout)?.[0];
    const id = /kiosk (dv_[0-9a-f]+)/.exec(enrolled.stdout)?.[1];
    assert.ok(credential && id, enrolled.stdout);
    assert.equal(run('enrol', '--agency', '000.99.99.H99', '--name', 'x').status, 1);
    assert.equal(run('enrol', '--agency', '000.30.02.H17').status, 2);
    const listed = run('list', '--agency', '000.30.02.H17');
    assert.match(listed.stdout, new RegExp(`${id}  000\\.30\\.02\\.H17  "Quầy 1"`));
    assert.doesNotMatch(listed.stdout, /MCD/, 'the credential is never shown again');
    // (PGlite: one process per data folder, so the CLI runs while the server is stopped; with PostgreSQL, any time.)
    const vote = async (): Promise<number> => {
      // Demo mode, like the tests around it on this folder (production mode would remove the generated dossiers).
      const s = await start({ PORT: '0', HOST: '127.0.0.1', MOTCUA_LOG: 'silent', MOTCUA_DEMO: '1' });
      try {
        const res = await fetch(`${s.url}/api/v1/ratings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID(), 'motcua-device': credential },
          body: JSON.stringify({ agency: '000.30.02.H17', channel: 'kiosk', overall: 'satisfied', ratedAt: new Date().toISOString() }),
        });
        return res.status;
      } finally {
        await stop(s);
      }
    };
    assert.equal(await vote(), 201);
    const revoked = run('revoke', id);
    assert.equal(revoked.status, 0, revoked.stderr);
    assert.equal(await vote(), 403);
    assert.equal(run('revoke', id).status, 1);
    assert.match(run('list').stdout, /REVOKED/);
  });

  it('start on an existing folder (reopen) on HOST 0.0.0.0 prints localhost, logs one JSON line per request', async () => {
    const s = await start({ PORT: '0', HOST: '0.0.0.0', MOTCUA_LOG: 'info', MOTCUA_DEMO: '1' });
    try {
      assert.match(s.url, /^http:\/\/localhost:\d+$/);
      assert.doesNotMatch(s.line, /dossiers generated/, 'nothing to seed on reopen the same day');
      const imported = Procedure.parse(await (await fetch(`${s.url}/api/v1/procedures/3.000616`)).json());
      assert.equal(imported.detailed, false);
      assert.equal(imported.kind, 'local');
      const agency = (await (await fetch(`${s.url}/api/v1/agencies/000.30.02.H17`)).json()) as { procedureCount: number };
      assert.equal(agency.procedureCount, 395);
      await fetch(`${s.url}/api/v1/sectors`);
      await new Promise((r) => setTimeout(r, 100));
      const log = s
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const entry = log.find((l) => l.path === '/api/v1/sectors');
      assert.ok(entry, 'request logged');
      assert.equal(entry.status, 200);
      assert.equal(entry.method, 'GET');
      assert.equal(typeof entry.ms, 'number');
    } finally {
      assert.equal(await stop(s), 0);
    }
  });

  it('demo-dossiers prints one code per status; unknown commands exit 2', () => {
    const result = spawnSync(process.execPath, [...nodeArgs, 'demo-dossiers'], { env: baseEnv, encoding: 'utf8' });
    assert.equal(result.status, 0);
    assert.equal(result.stdout.trim().split('\n').length, 11);
    assert.match(result.stdout, /overdue/);
    const unknown = spawnSync(process.execPath, [...nodeArgs, 'frobnicate'], { env: baseEnv, encoding: 'utf8' });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command frobnicate/);
  });
  it('help lists every command the CLI accepts', () => {
    const help = spawnSync(process.execPath, [...nodeArgs, 'help'], { env: baseEnv, encoding: 'utf8' });
    assert.equal(help.status, 0);
    const commands = [...readFileSync(cli, 'utf8').matchAll(/case '([a-z][a-z-]*)':/g)].map((m) => m[1] as string);
    assert.ok(commands.length >= 6, commands.join());
    for (const command of commands) assert.match(help.stdout, new RegExp(`^  ${command}\\b`, 'm'), `${command} missing from help`);
    assert.match(help.stdout, /--demo/);
  });

  it('production mode (no --demo) on a folder used for the demo: demo dossiers removed, no demo files, catalog served', async () => {
    const s = await start({ PORT: '0', HOST: '127.0.0.1', MOTCUA_LOG: 'silent' });
    try {
      assert.match(s.line, /production mode/);
      assert.doesNotMatch(s.line, /dossiers generated/);
      assert.match(s.output(), /removed \d+ demo dossiers/);
      assert.equal((await fetch(`${s.url}/api/v1/dossiers/${demoDossiers()[3]?.code}`)).status, 404);
      for (const path of ['/demo-dossiers.json', '/demo/demo-dossiers.json', '/', '/kiosk']) {
        const res = await fetch(`${s.url}${path}`);
        assert.equal(res.status, 404, path);
        await res.arrayBuffer();
      }
      const day = (offset: number): string => new Date(Date.now() + 7 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
      const statsResponse = await fetch(`${s.url}/api/v1/agencies/000.30.01.H17/stats?from=${day(-80)}&to=${day(0)}`);
      assert.equal(statsResponse.status, 200);
      const stats = (await statsResponse.json()) as { received: { total: number } };
      assert.equal(stats.received.total, 0, 'no generated history in the statistics');
      const agencies = AgencyList.parse(await (await fetch(`${s.url}/api/v1/agencies`)).json());
      assert.ok(agencies.items.length >= 3);
      assert.equal(((await (await fetch(`${s.url}/healthz`)).json()) as { mode: string }).mode, 'production');
    } finally {
      assert.equal(await stop(s), 0);
    }
  });

  it('a second process on an open PGlite folder is refused (folder and pid named); demo mode is refused beside real data', async () => {
    const db = await openDb({ dataDir });
    try {
      assert.equal(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim(), String(process.pid));
      await db.query(
        `INSERT INTO dossiers (code, agency_code, procedure_code, procedure_name, status, channel, result_delivery, submitted_at,
           steps, applicant_name, phone)
         VALUES ('000.30.01.H17-261001-0001', '000.30.01.H17', '1.001193', 'Đăng ký khai sinh', 'processing', 'direct', 'direct',
           now(), '[]', 'Nguyễn Văn Thật', '0905000111')`,
      );
      const second = spawnSync(process.execPath, [...nodeArgs, 'migrate'], { env: baseEnv, encoding: 'utf8', timeout: 120_000 });
      assert.equal(second.status, 1);
      assert.ok(second.stderr.includes(dataDir), second.stderr);
      assert.match(second.stderr, new RegExp(`already in use by another process \\(pid ${process.pid}\\)`));
    } finally {
      await db.close();
    }
    assert.equal(existsSync(join(dataDir, LOCK_FILE)), false, 'lock file removed on close');
    const demo = spawnSync(process.execPath, [...nodeArgs, 'start', '--demo'], {
      env: { ...baseEnv, PORT: '0', HOST: '127.0.0.1' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(demo.status, 1, demo.stdout);
    assert.match(demo.stderr, /refusing demo mode: this database holds 1 real \(not generated\) dossier/);
  });

  it('a lock left by a process that is gone is taken over', () => {
    const gone = spawnSync(process.execPath, ['-e', '0']);
    assert.ok(gone.pid);
    writeFileSync(join(dataDir, LOCK_FILE), `${gone.pid}\n`);
    const migrate = spawnSync(process.execPath, [...nodeArgs, 'migrate'], { env: baseEnv, encoding: 'utf8', timeout: 120_000 });
    assert.equal(migrate.status, 0, migrate.stderr);
    assert.equal(existsSync(join(dataDir, LOCK_FILE)), false);
  });

  it('stats rebuild recomputes the daily statistics totals (none drifted) and refuses an unknown action', () => {
    const rebuild = spawnSync(process.execPath, [...nodeArgs, 'stats', 'rebuild'], { env: baseEnv, encoding: 'utf8', timeout: 120_000 });
    assert.equal(rebuild.status, 0, rebuild.stderr);
    assert.match(rebuild.stdout, /rebuilt the daily statistics totals: \d+ agency-day rows; none had drifted/);
    const unknown = spawnSync(process.execPath, [...nodeArgs, 'stats', 'explode'], { env: baseEnv, encoding: 'utf8', timeout: 120_000 });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /stats: unknown or incomplete command/);
  });

  it('a damaged data folder gives a readable message with the recovery steps instead of a bare "Aborted()"', () => {
    const damaged = mkdtempSync(join(tmpdir(), 'motcua-damaged-'));
    try {
      cpSync(dataDir, damaged, { recursive: true });
      truncateSync(join(damaged, 'global', 'pg_control'), 0);
      const result = spawnSync(process.execPath, [...nodeArgs, 'migrate'], {
        env: { ...baseEnv, MOTCUA_DATA_DIR: damaged },
        encoding: 'utf8',
        timeout: 120_000,
      });
      assert.equal(result.status, 1);
      assert.match(
        result.stderr,
        new RegExp(`the data folder ${damaged.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} cannot be opened: it looks damaged`),
      );
      assert.match(result.stderr, /move the folder aside/);
      assert.match(result.stderr, /restore the folder from a backup/);
      assert.equal(existsSync(join(damaged, LOCK_FILE)), false, 'no lock left behind');
    } finally {
      rmSync(damaged, { recursive: true, force: true });
    }
  });
});
