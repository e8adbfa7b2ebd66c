#!/usr/bin/env node
// `npm start`: the reference server in demo mode, built first only where a build is missing or older than its sources.
// The server needs three builds: the SDK (the server imports @motcua/sdk), the embed (the demo site loads it) and the
// server itself (tsc). Each is rebuilt when a file it is built from is newer than its output; a second start with
// nothing changed builds nothing. `npm run build` still builds everything (npm packages, manifest, theme).
//   node scripts/start.mjs [--build-only]     (MOTCUA_START_FORCE_BUILD=1 rebuilds all three)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { templateFile, writeTemplateFile } from './pglite-template.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const embedVersion = JSON.parse(readFileSync(join(root, 'packages/embed/package.json'), 'utf8')).version;

/** Newest modification time (ms) of the files under `paths` that a build reads (tests and stories are not built). */
export function newestInput(paths) {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) if (name !== 'node_modules' && name !== 'dist') visit(join(path, name));
    } else if (!/\.(test|stories)\.[cm]?[jt]sx?$/.test(path)) newest = Math.max(newest, stat.mtimeMs);
  };
  for (const p of paths) visit(resolve(root, p));
  return newest;
}

/** The builds `npm start` needs, each with what it is built from and the file that shows it was built. */
export const BUILDS = [
  {
    name: 'sdk',
    inputs: ['packages/sdk/src', 'packages/sdk/package.json', 'rollup.config.mjs', 'tsconfig.base.json'],
    output: 'packages/sdk/dist/index.js',
    command: ['npx', ['rollup', '-c', 'rollup.config.mjs'], { MOTCUA_BUILD: 'sdk' }],
  },
  {
    name: 'embed',
    inputs: ['packages/embed/src', 'packages/embed/package.json', 'packages/elements/src', 'packages/sdk/src', 'rollup.config.mjs'],
    output: `packages/embed/dist/${embedVersion}/motcua.js`,
    // Without the Zopfli `.gz` copies (slow to make; the server compresses on the fly where there is none).
    command: ['npx', ['rollup', '-c', 'rollup.config.mjs'], { MOTCUA_BUILD: 'embed', MOTCUA_PRECOMPRESS: '0' }],
  },
  {
    name: 'server',
    inputs: [
      'packages/server/src',
      'packages/server/tsconfig.build.json',
      'packages/server/package.json',
      'tsconfig.base.json',
      'packages/sdk/src',
    ],
    output: 'packages/server/dist/cli.js',
    command: ['npx', ['tsc', '-p', 'packages/server/tsconfig.build.json'], {}],
  },
];

/** The builds whose output is missing or older than one of their inputs. */
export function staleBuilds(builds = BUILDS, force = process.env.MOTCUA_START_FORCE_BUILD === '1') {
  return builds.filter((b) => {
    if (force) return true;
    const out = resolve(root, b.output);
    return !existsSync(out) || newestInput(b.inputs) > statSync(out).mtimeMs;
  });
}

/** Runs a command (inheriting the terminal) and resolves with its exit code. */
function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function main() {
  const started = performance.now();
  const stale = staleBuilds();
  // On a first start (no PGlite template yet: after `npm ci`), make the template of a fresh database beside the builds,
  // so that the server's first open loads it instead of running initdb (packages/server/src/pglite-template.ts).
  const template = process.env.DATABASE_URL || existsSync(templateFile() ?? '') ? undefined : templateFile();
  const templateJob = template
    ? writeTemplateFile(template).then(
        () => console.log(`PGlite template written in ${((performance.now() - started) / 1000).toFixed(1)} s`),
        (error) => console.error(`PGlite template not written (${error.message}): the server runs initdb`),
      )
    : Promise.resolve();
  for (const build of BUILDS) {
    if (!stale.includes(build)) {
      console.log(`build ${build.name}: up to date`);
      continue;
    }
    const t = performance.now();
    const [command, args, env] = build.command;
    console.log(`build ${build.name}: ${command} ${args.join(' ')}`);
    const code = await run(command, args, env);
    if (code !== 0) {
      console.error(`build ${build.name} failed`);
      process.exit(code);
    }
    console.log(`build ${build.name}: done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  await templateJob;
  if (stale.length) console.log(`builds done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (process.argv.includes('--build-only')) return;
  // The server runs in this process (one process to stop with Ctrl+C).
  process.argv = [process.argv[0], join(root, 'packages/server/dist/cli.js'), 'start', '--demo'];
  await import(pathToFileURL(join(root, 'packages/server/dist/cli.js')).href);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
