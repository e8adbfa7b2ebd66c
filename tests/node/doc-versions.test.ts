// Versions come from changesets only: every package.json carries the one version `changeset version` wrote, the docs'
// script-tag URLs name that version (scripts/sync-version.mjs writes them), and no source file writes it down.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
// @ts-expect-error -- a plain .mjs script without declarations
import { currentVersion, staleVersions } from '../../scripts/sync-version.mjs';

const root = new URL('../../', import.meta.url).pathname;
const names = ['sdk', 'elements', 'embed', 'server'];
const manifest = (name: string) =>
  JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : /\.ts$/.test(d.name) && !/\.test\.ts$|^test-/.test(d.name) ? [join(dir, d.name)] : [],
  );
}

describe('versions come from changesets only', () => {
  const version = (currentVersion as () => string)();

  it('the four packages share one version, and depend on each other at that version', () => {
    for (const name of names) {
      const pkg = manifest(name);
      assert.equal(pkg.version, version, `${pkg.name}`);
      for (const [dep, range] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }))
        if (dep.startsWith('@motcua/')) assert.equal(range, version, `${pkg.name} → ${dep}`);
    }
  });

  it('every /embed/<version>/ URL in the READMEs and docs names the packages’ version', () => {
    assert.deepEqual((staleVersions as (v?: string) => unknown[])(), [], 'run `node scripts/sync-version.mjs`');
  });

  it('the check notices a doc that names another version', () => {
    // The docs name the current version; against any other version every such URL is reported.
    const stale = (staleVersions as (v?: string) => Array<[string, number, string]>)('99.0.0');
    assert.ok(stale.length > 0);
    assert.ok(stale.every(([, , v]) => v === version));
  });

  it('no source file writes the version down (the server reads its package.json)', () => {
    const literal = new RegExp(`['"\`]${version.replaceAll('.', '\\.')}['"\`]`);
    const offenders = names
      .flatMap((name) => sources(join('packages', name, 'src')))
      .filter((f) => literal.test(readFileSync(join(root, f), 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
