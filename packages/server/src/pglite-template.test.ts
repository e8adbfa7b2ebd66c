// A new PGlite folder is made from the template of a fresh database (no initdb), and it behaves as one made by initdb:
// its own lock, both extensions, none of the data of the database the template came from; a damaged template is
// ignored and replaced.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { LOCK_FILE, openDb } from './db.js';
import { templatePath } from './pglite-template.js';

let work: string;
let template: string;
const saved = process.env.MOTCUA_PGLITE_TEMPLATE;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'motcua-template-'));
  template = join(work, 'cache', 'template.tar.gz');
  process.env.MOTCUA_PGLITE_TEMPLATE = template;
});
after(() => {
  if (saved === undefined) delete process.env.MOTCUA_PGLITE_TEMPLATE;
  else process.env.MOTCUA_PGLITE_TEMPLATE = saved;
  rmSync(work, { recursive: true, force: true });
});

test('the first new folder leaves a template; the next new folder starts from it as a clean, locked database', async () => {
  const first = await openDb({ dataDir: join(work, 'one') });
  await first.exec("CREATE TABLE private (v text); INSERT INTO private VALUES ('của thư mục một')");
  await first.close();
  assert.ok(existsSync(template), 'a template was written');
  const written = statSync(template).mtimeMs;

  const second = await openDb({ dataDir: join(work, 'two') });
  try {
    assert.equal(readFileSync(join(work, 'two', LOCK_FILE), 'utf8').trim(), String(process.pid), 'the folder is locked by this process');
    const tables = await second.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'private'");
    assert.equal(tables[0]?.n, 0, 'nothing of the first database is in the second');
    const [row] = await second.query<{ plain: string; sim: number }>(
      "SELECT unaccent('Hòa Vang') AS plain, similarity('khai sinh', 'khai sinh') AS sim",
    );
    assert.deepEqual(row, { plain: 'Hoa Vang', sim: 1 });
    await second.exec("CREATE TABLE t (v text); INSERT INTO t VALUES ('giữ lại')");
  } finally {
    await second.close();
  }
  assert.equal(statSync(template).mtimeMs, written, 'the template was used, not made again');
  const reopened = await openDb({ dataDir: join(work, 'two') });
  try {
    assert.deepEqual(await reopened.query('SELECT v FROM t'), [{ v: 'giữ lại' }]);
  } finally {
    await reopened.close();
  }
});

test('a damaged template is ignored: the folder is made by initdb and the template replaced', async () => {
  writeFileSync(template, 'not a tarball');
  const db = await openDb({ dataDir: join(work, 'three') });
  try {
    assert.deepEqual(await db.query("SELECT unaccent('Ủy ban') AS v"), [{ v: 'Uy ban' }]);
  } finally {
    await db.close();
  }
  assert.ok(statSync(template).size > 100_000, 'a working template replaced the damaged one');
});

test('by default the template lives in node_modules/.cache, named by the installed PGlite version; off turns it off', () => {
  assert.match(templatePath({}) ?? '', /node_modules\/\.cache\/motcua-server\/pglite-\d+\.\d+\.\d+-unaccent-pg_trgm\.tar\.gz$/);
  assert.equal(templatePath({ MOTCUA_PGLITE_TEMPLATE: 'off' }), undefined);
});
