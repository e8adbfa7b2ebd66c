// `npm start` rebuilds a package only when its build is missing or older than one of its sources (scripts/start.mjs):
// a second start with nothing changed builds nothing, an edited source rebuilds, a test file does not.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
// @ts-expect-error -- a plain ESM script without type declarations
import { BUILDS, staleBuilds } from '../../scripts/start.mjs';

type Build = { name: string; inputs: string[]; output: string };
const stale = staleBuilds as (builds: Build[], force?: boolean) => Build[];
const work = mkdtempSync(join(tmpdir(), 'motcua-start-'));
after(() => rmSync(work, { recursive: true, force: true }));

const at = (path: string, seconds: number): void => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, 'x');
  utimesSync(path, seconds, seconds);
};

test('a build is redone when its output is missing or older than a source, and not when it is up to date', () => {
  const build: Build = { name: 'pkg', inputs: [join(work, 'src')], output: join(work, 'dist', 'index.js') };
  at(join(work, 'src', 'a.ts'), 1_000);
  assert.deepEqual(stale([build], false), [build], 'no output yet');
  at(join(work, 'dist', 'index.js'), 2_000);
  assert.deepEqual(stale([build], false), [], 'output newer than every source');
  at(join(work, 'src', 'a.test.ts'), 3_000);
  at(join(work, 'src', 'b.stories.ts'), 3_000);
  assert.deepEqual(stale([build], false), [], 'tests and stories are not built');
  at(join(work, 'src', 'deep', 'b.ts'), 3_000);
  assert.deepEqual(stale([build], false), [build], 'an edited source');
  at(join(work, 'dist', 'index.js'), 4_000);
  assert.deepEqual(stale([build], true), [build], 'forced');
});

test('npm start builds what the server needs: the SDK, the embed and the server', () => {
  assert.deepEqual(
    (BUILDS as Build[]).map((b) => b.name),
    ['sdk', 'embed', 'server'],
  );
});
