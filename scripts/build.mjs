#!/usr/bin/env node
// `npm run build`: npm builds of the SDK and elements plus the embed CDN build (rollup), the server (tsc),
// and the custom elements manifest. Each step prints what it does; any failure stops the build.
// `node scripts/build.mjs sdk elements embed server` builds only the packages named (each package's `prepack` runs it
// for itself). The server's build copies the demo site and the embed build into `packages/server/public/`, so the server
// installed from npm serves them at `/` and `/embed/latest/` (building the embed first when its build is missing).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const PACKAGES = ['sdk', 'elements', 'embed', 'server'];
const wanted = process.argv.slice(2);
for (const name of wanted) if (!PACKAGES.includes(name)) throw new Error(`unknown package ${name}: expected ${PACKAGES.join(', ')}`);
const targets = new Set(wanted.length ? wanted : PACKAGES);
const embedVersion = JSON.parse(readFileSync(join(root, 'packages/embed/package.json'), 'utf8')).version;
const embedBuild = join(root, 'packages/embed/dist', embedVersion);
if (targets.has('server') && !targets.has('embed') && !existsSync(join(embedBuild, 'motcua.js'))) targets.add('embed');

/** The server package's copy of the demo site and of this version's embed build (gitignored, in the npm tarball). */
function copyServerPublic() {
  const publicDir = join(root, 'packages/server/public');
  rmSync(publicDir, { recursive: true, force: true });
  cpSync(join(root, 'docs/demo'), join(publicDir, 'demo'), { recursive: true });
  cpSync(embedBuild, join(publicDir, 'embed', embedVersion), { recursive: true });
  console.log(`copied docs/demo and packages/embed/dist/${embedVersion} into packages/server/public/`);
}

const rollupParts = ['sdk', 'elements', 'embed'].filter((p) => targets.has(p));
const steps = [];
if (targets.has('elements'))
  steps.push([
    'custom elements manifest',
    'npx',
    ['custom-elements-manifest', 'analyze', '--config', 'custom-elements-manifest.config.mjs'],
  ]);
if (rollupParts.length)
  steps.push([
    `browser packages (rollup: ${rollupParts.join(', ')})`,
    'npx',
    ['rollup', '-c', 'rollup.config.mjs'],
    { MOTCUA_BUILD: rollupParts.join(',') },
  ]);
if (targets.has('elements')) steps.push(['elements theme.css', 'node', ['scripts/theme-css.mjs']]);
if (targets.has('server')) {
  steps.push(['server (tsc)', 'npx', ['tsc', '-p', 'packages/server/tsconfig.build.json']]);
  steps.push(['server public files', copyServerPublic]);
}
for (const [label, command, args, env] of steps) {
  console.log(`\n━━ build: ${label}`);
  if (typeof command === 'function') {
    command();
    continue;
  }
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`build failed at: ${label}`);
    process.exit(result.status ?? 1);
  }
}
console.log('\nbuild complete');
