// Starts the reference server (from TypeScript sources, through tsx) in a child process, for tests and benchmarks.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const serverArgs = ['--import', 'tsx', '--conditions=motcua-source', join(root, 'packages/server/src/cli.ts')];

/**
 * Hash of everything that decides what a seeded database holds, plus today's date in Vietnam: the server generates its
 * dossiers up to that date and regenerates them when it changes (at 17:00 UTC), so a template of the UTC date would be
 * a day old from 17:00 to 24:00 UTC and every test server copied from it would regenerate its history on its first
 * request (seconds to tens of seconds on a busy machine, longer than the tests' first waits).
 */
function seedFingerprint() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.endsWith('.test.ts')) hash.update(name).update(readFileSync(path));
    }
  };
  for (const dir of ['packages/server/src', 'packages/server/migrations', 'packages/server/seed', 'packages/sdk/src/schemas'])
    walk(join(root, dir));
  hash.update(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10));
  return hash.digest('hex').slice(0, 16);
}

/**
 * A seeded data folder shared by the test servers of one machine and day: seeding takes 15–40 s on two busy cores,
 * copying the seeded folder about one. Built once (under a lock, so parallel test processes wait for one builder).
 */
async function seededTemplate() {
  const template = join(tmpdir(), `motcua-seeded-${seedFingerprint()}`);
  if (existsSync(join(template, '.complete'))) return template;
  const lock = `${template}.lock`;
  for (let waited = 0; ; waited += 500) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(join(template, '.complete'))) return template;
      // A builder that died leaves its lock behind: take over after two minutes.
      if (waited > 120_000) {
        rmSync(lock, { recursive: true, force: true });
        waited = 0;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    if (existsSync(join(template, '.complete'))) return template;
    const building = `${template}.building-${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    await promisify(execFile)(process.execPath, [...serverArgs, 'seed', '--demo'], {
      cwd: root,
      // With the demo province (20 communes of Đà Nẵng, the provincial page /tinh), so no server regenerates at start.
      env: { ...process.env, MOTCUA_DATA_DIR: building, MOTCUA_LOG: 'silent', MOTCUA_DEMO_PROVINCE: '48', DATABASE_URL: '' },
      maxBuffer: 16 * 1024 * 1024,
    });
    mkdirSync(building, { recursive: true });
    cpSync(join(root, 'package.json'), join(building, '.complete'));
    rmSync(template, { recursive: true, force: true });
    renameSync(building, template);
    return template;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Starts `motcua-server start` on a free loopback port with its own data folder.
 * A fresh data folder is a copy of a seeded template (see `seededTemplate`); pass `seeded: false` to start from empty.
 * Demo mode (generated dossiers, demo site) unless `demo: false` (production mode).
 * `keys` creates integration API keys first (`motcua-server keys create`), returned as `keys: [{ agency, scope, key }]`;
 * `devices` enrols counter kiosks first (`motcua-server devices enrol`), returned as `devices: [{ agency, name, credential }]`.
 * @param {{ dataDir?: string, env?: Record<string,string>, port?: number, quiet?: boolean, seeded?: boolean, demo?: boolean, keys?: Array<{ agency: string, scope: string }>, devices?: Array<{ agency: string, name?: string }> }} [options]
 * @returns {Promise<{ url: string, api: string, dataDir: string, child: import('node:child_process').ChildProcess, stop: () => Promise<void> }>}
 */
export async function startReferenceServer(options = {}) {
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'motcua-test-'));
  // The server uses PGlite in its own folder unless the caller passes DATABASE_URL itself (CI exports one for the
  // PostgreSQL suites; the other suites must not share that database). An empty folder starts as a copy of the seeded template.
  const databaseUrl = options.env?.DATABASE_URL ?? '';
  const empty = !existsSync(dataDir) || readdirSync(dataDir).length === 0;
  if (!databaseUrl && empty && options.seeded !== false) cpSync(await seededTemplate(), dataDir, { recursive: true });
  // API keys for the integration API, created before the server opens the data folder (PGlite has one owner).
  const keys = [];
  for (const { agency, scope } of options.keys ?? []) {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [...serverArgs, 'keys', 'create', '--agency', agency, '--scope', scope, '--name', 'test'],
      {
        cwd: root,
        env: { ...process.env, MOTCUA_DATA_DIR: dataDir, MOTCUA_LOG: 'silent', ...options.env, DATABASE_URL: databaseUrl },
      },
    );
    keys.push({ agency, scope, key: stdout.trim() });
  }
  // Counter kiosks enrolled as an officer does (`motcua-server devices enrol`), before the server opens the data folder.
  const devices = [];
  for (const { agency, name } of options.devices ?? []) {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [...serverArgs, 'devices', 'enrol', '--agency', agency, '--name', name ?? 'Quầy 1'],
      {
        cwd: root,
        env: { ...process.env, MOTCUA_DATA_DIR: dataDir, MOTCUA_LOG: 'silent', ...options.env, DATABASE_URL: databaseUrl },
      },
    );
    const credential = /MCD(?:-[0-9A-Z]{5}){5}/.exec(stdout)?.[0];
    if (!credential) throw new Error(`devices enrol printed no credential:\n${stdout}`);
    devices.push({ agency, name, credential });
  }
  const child = spawn(process.execPath, [...serverArgs, 'start', ...(options.demo === false ? [] : ['--demo'])], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      MOTCUA_DATA_DIR: dataDir,
      MOTCUA_LOG: options.quiet === false ? 'info' : 'silent',
      // Test and benchmark servers take thousands of kiosk votes from one demo device in a minute; a real kiosk does not.
      MOTCUA_DEVICE_BURST: '1000000',
      ...options.env,
      DATABASE_URL: databaseUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    // Three minutes: starting through tsx took more than 60 s twice at load 22–30 (two cores shared by several runs),
    // which failed every browser test of the run before one had started.
    const timer = setTimeout(() => reject(new Error(`reference server did not start in 180 s:\n${output}`)), 180_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`reference server exited with ${code}:\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    url,
    api: `${url}/api/v1`,
    dataDir,
    keys,
    devices,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise((resolve) => {
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        });
      }
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
