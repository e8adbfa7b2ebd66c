#!/usr/bin/env node
// `npm run build`: npm builds of the SDK and elements plus the embed CDN build (rollup), the server (tsc),
// and the custom elements manifest. Each step prints what it does; any failure stops the build.
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const steps = [
  ['custom elements manifest', 'npx', ['custom-elements-manifest', 'analyze', '--config', 'custom-elements-manifest.config.mjs']],
  ['browser packages (rollup)', 'npx', ['rollup', '-c', 'rollup.config.mjs']],
  ['server (tsc)', 'npx', ['tsc', '-p', 'packages/server/tsconfig.build.json']],
];
for (const [label, command, args] of steps) {
  console.log(`\n━━ build: ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build failed at: ${label}`);
    process.exit(result.status ?? 1);
  }
}
console.log('\nbuild complete');
