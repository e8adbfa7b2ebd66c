#!/usr/bin/env node
// Writes docs/openapi.json from the SDK's route table and zod schemas (`npm run openapi`).
// `--check` exits 1 when the committed file is stale instead of writing it.
import { readFileSync, writeFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { openApiJson } = await import('../packages/sdk/src/openapi.ts');
const { version } = JSON.parse(readFileSync(new URL('../packages/sdk/package.json', import.meta.url), 'utf8'));
const target = new URL('../docs/openapi.json', import.meta.url);
const text = openApiJson({ version });
if (process.argv.includes('--check')) {
  const current = readFileSync(target, 'utf8');
  if (current !== text) {
    console.error('docs/openapi.json is stale: run `npm run openapi`.');
    process.exit(1);
  }
  console.log('docs/openapi.json is up to date.');
} else {
  writeFileSync(target, text);
  console.log(`wrote docs/openapi.json (${text.length} bytes)`);
}
