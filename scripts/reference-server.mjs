// Starts the reference server (from TypeScript sources, through tsx) in a child process, for tests and benchmarks.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Starts `motcua-server start` on a free loopback port with its own data folder.
 * @param {{ dataDir?: string, env?: Record<string,string>, port?: number, quiet?: boolean }} [options]
 * @returns {Promise<{ url: string, api: string, dataDir: string, child: import('node:child_process').ChildProcess, stop: () => Promise<void> }>}
 */
export async function startReferenceServer(options = {}) {
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'motcua-test-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=motcua-source', join(root, 'packages/server/src/cli.ts'), 'start'],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(options.port ?? 0),
        HOST: '127.0.0.1',
        MOTCUA_DATA_DIR: dataDir,
        MOTCUA_LOG: options.quiet === false ? 'info' : 'silent',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`reference server did not start in 60 s:\n${output}`)), 60_000);
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
