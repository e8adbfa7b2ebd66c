#!/usr/bin/env node
// Writes the packages' version (set by `changeset version`, the only place a version is decided) into the docs'
// script-tag URLs, `/embed/<version>/motcua.js`. `npm run version-packages` runs it after `changeset version`;
// `--check` exits 1 when a doc names another version (tests/node/doc-versions.test.ts runs the same check).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** The version of the embed build the docs point at (all four packages share one version: changesets `fixed`). */
export function currentVersion() {
  return JSON.parse(readFileSync(join(root, 'packages/embed/package.json'), 'utf8')).version;
}

/** Every file whose text shows a user a version: the READMEs, docs/*.md and the autoloader's own comment. */
export function versionedDocs() {
  const md = (dir) =>
    readdirSync(join(root, dir))
      .filter((n) => n.endsWith('.md'))
      .map((n) => join(dir, n));
  const packages = readdirSync(join(root, 'packages')).map((p) => join('packages', p, 'README.md'));
  return [
    'README.md',
    ...md('docs'),
    ...packages.filter((p) => existsSync(join(root, p))),
    'packages/embed/src/motcua.ts',
    'docs/demo/assets/nhung.js',
  ];
}

const EMBED_URL = /\/embed\/(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\//g;

/** `[file, line, version]` for each script-tag URL that names a version other than `version`. */
export function staleVersions(version = currentVersion()) {
  const stale = [];
  for (const file of versionedDocs()) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      for (const m of line.matchAll(EMBED_URL)) if (m[1] !== version) stale.push([file, i + 1, m[1]]);
    });
  }
  return stale;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const version = currentVersion();
  if (process.argv.includes('--check')) {
    const stale = staleVersions(version);
    for (const [file, line, v] of stale) console.error(`${file}:${line}: /embed/${v}/ but the packages are at ${version}`);
    if (stale.length) process.exit(1);
    console.log(`every /embed/<version>/ URL in the docs is ${version}`);
  } else {
    for (const file of versionedDocs()) {
      const text = readFileSync(join(root, file), 'utf8');
      const next = text.replace(EMBED_URL, `/embed/${version}/`);
      if (next !== text) {
        writeFileSync(join(root, file), next);
        console.log(`${relative(root, join(root, file))}: /embed/${version}/`);
      }
    }
  }
}
