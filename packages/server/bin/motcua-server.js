#!/usr/bin/env node
// The `motcua-server` command. A committed file (not the build output itself), so that npm links the command when the
// workspace is installed, before anything is built; it runs the built CLI, or says how to build it.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('motcua-server: the server is not built yet. Run `npm run build` in the project root first.\n');
  process.exit(1);
}
await import(cli.href);
