// A new PGlite folder is made from the template of a fresh database (no initdb), and it behaves as one made by initdb:
// its own lock, both extensions, none of the data of the database the template came from; a damaged template is
// ignored and replaced.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { LOCK_FILE, openDb } from './db.js';
import { extractTemplate, templatePath } from './pglite-template.js';

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

/** A gzipped ustar tarball of `entries` (name, content), as a hostile or broken template could be. */
function tarball(entries: ReadonlyArray<readonly [string, string]>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, content] of entries) {
    const header = Buffer.alloc(512);
    header.write(name, 0, 100, 'utf8');
    header.write('0000644\0', 100);
    header.write(`${content.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write('0', 156);
    header.write('ustar\0', 257);
    blocks.push(header, Buffer.from(content), Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  return gzipSync(Buffer.concat([...blocks, Buffer.alloc(1024)]));
}

test('a template is written into the new folder by Node, and a path leaving the folder is refused', () => {
  const good = join(work, 'good.tar.gz');
  writeFileSync(
    good,
    tarball([
      ['/PG_VERSION', '18\n'],
      ['/base/1/112', 'trang'],
      [`/${LOCK_FILE}`, '999\n'],
    ]),
  );
  const folder = join(work, 'extracted');
  assert.equal(extractTemplate(good, folder, [LOCK_FILE]), 2);
  assert.equal(readFileSync(join(folder, 'base', '1', '112'), 'utf8'), 'trang');
  assert.equal(existsSync(join(folder, LOCK_FILE)), false, 'the lock file of the process that made the template is not copied');

  const evil = join(work, 'evil.tar.gz');
  writeFileSync(
    evil,
    tarball([
      ['/PG_VERSION', '18\n'],
      ['../escaped', 'x'],
    ]),
  );
  assert.throws(() => extractTemplate(evil, join(work, 'evil')), /outside the data folder/);
  assert.equal(existsSync(join(work, 'escaped')), false);
});
