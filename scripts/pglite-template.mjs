#!/usr/bin/env node
// Writes the PGlite template the server starts new data folders from (packages/server/src/pglite-template.ts: same
// file name, same content: a fresh database with the unaccent and pg_trgm extensions, nothing else). `npm start` runs
// it beside the builds on a first start, so that the server's first database open does not run initdb.
//   node scripts/pglite-template.mjs          (does nothing when the template exists)
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The same path as templatePath() in packages/server/src/pglite-template.ts, resolved from the server package. */
export function templateFile(env = process.env) {
  const configured = env.MOTCUA_PGLITE_TEMPLATE?.trim();
  if (configured === 'off' || configured === '0') return undefined;
  if (configured) return configured;
  let dir = dirname(createRequire(join(root, 'packages/server/package.json')).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return join(dirname(dirname(dir)), '.cache', 'motcua-server', `pglite-${version}-unaccent-pg_trgm.tar.gz`);
}

export async function writeTemplateFile(file = templateFile()) {
  if (!file || existsSync(file)) return false;
  const require = createRequire(join(root, 'packages/server/package.json'));
  const load = (id) => import(require.resolve(id));
  const [{ PGlite }, { unaccent }, { pg_trgm }] = await Promise.all([
    load('@electric-sql/pglite'),
    load('@electric-sql/pglite/contrib/unaccent'),
    load('@electric-sql/pglite/contrib/pg_trgm'),
  ]);
  const pg = await PGlite.create('memory://', { extensions: { unaccent, pg_trgm } });
  await pg.exec('CREATE EXTENSION IF NOT EXISTS unaccent; CREATE EXTENSION IF NOT EXISTS pg_trgm;');
  const blob = await pg.dumpDataDir('gzip');
  await pg.close();
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, new Uint8Array(await blob.arrayBuffer()));
  renameSync(partial, file);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = templateFile();
  const written = await writeTemplateFile(file);
  console.log(written ? `wrote the PGlite template ${file}` : `PGlite template: ${file ?? 'turned off'} (already there)`);
}
