// The conformance kit against an in-process server: with a good key every check passes; with another agency's key
// the table shows the failures (and the command would exit 1); the command itself against a listening server.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createKey } from './auth.js';
import { formatConformance, runConformance } from './conformance.js';
import { startServer, type StartedServer } from './server.js';
import { backends, REF_NOW, seededContext, type TestContext } from './test-helpers.js';

const A = '000.30.01.H17';
const B = '000.30.02.H17';

for (const backend of backends) {
  describe(`conformance kit, in process (${backend.name})`, () => {
    let ctx: TestContext;
    const fetchVia: typeof fetch = async (input, init) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return ctx.request(url.pathname + url.search, init);
    };
    before(async () => {
      ctx = await seededContext(backend);
    });
    after(() => ctx.close());

    it('passes every check with a key of the agency, and the dossiers show in the public look-up', async () => {
      const { key } = await createKey(ctx.db, { name: 'Kiểm thử', agencies: [A], scopes: ['dossiers:write'] });
      const checks = await runConformance({ url: 'http://motcua.test', key, agency: A, fetch: fetchVia, now: REF_NOW });
      const table = formatConformance(checks);
      assert.ok(
        checks.every((c) => c.ok),
        table,
      );
      assert.equal(checks.length, 14, table);
      assert.match(table, /Đạt cả 14 kiểm tra \(all 14 checks passed\)/);
      const rows = await ctx.db.query<{ status: string }>(
        "SELECT status FROM dossiers WHERE applicant_name = 'Kiểm thử tích hợp' AND code LIKE $1 ORDER BY code",
        [`${A}-261015-%`],
      );
      assert.deepEqual(
        rows.map((r) => r.status),
        ['returned', 'received', 'supplement_requested', 'processing', 'not_accepted', 'processing'],
      );
    });

    it('reports FAIL rows for a key of another agency or without the scope, and pushes nothing', async () => {
      const before = await ctx.db.query('SELECT 1 FROM dossiers');
      for (const init of [
        { name: 'Xã khác', agencies: [B], scopes: ['dossiers:write' as const] },
        { name: 'Chỉ đọc', agencies: [A], scopes: ['ratings:read' as const] },
      ]) {
        const { key } = await createKey(ctx.db, init);
        const checks = await runConformance({ url: 'http://motcua.test/api/v1/', key, agency: A, fetch: fetchVia, now: REF_NOW });
        const table = formatConformance(checks);
        const failed = checks.filter((c) => !c.ok).map((c) => c.name);
        assert.ok(failed.includes('Gửi sự kiện trong ngày (push a day of events)'), table);
        assert.ok(failed.includes('PUT hồ sơ (upsert a dossier)'), table);
        assert.ok(checks.find((c) => c.name === 'Gửi sự kiện trong ngày (push a day of events)')?.detail.startsWith('HTTP 403'), table);
        assert.ok(checks.find((c) => c.name.startsWith('Không có khóa'))?.ok, 'the 401 checks still pass');
        assert.match(table, /FAIL {2}Gửi sự kiện trong ngày/);
        assert.match(table, /checks failed\)$/);
      }
      assert.equal((await ctx.db.query('SELECT 1 FROM dossiers')).length, before.length);
    });
  });
}

describe('motcua-server conformance (the command, against a listening server)', () => {
  let server: StartedServer;
  let key: string;
  before(async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir: 'memory://', log: false }, { ...process.env, DATABASE_URL: '' });
    key = (await createKey(server.db, { name: 'Kiểm thử', agencies: [A], scopes: ['dossiers:write'] })).key;
  });
  after(() => server.close());

  const run = (args: string[]): Promise<{ code: number | null; out: string; err: string }> =>
    new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', '--conditions=motcua-source', fileURLToPath(new URL('./cli.ts', import.meta.url)), ...args],
        { env: { ...process.env, MOTCUA_LOG: 'silent' } },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('close', (code) => resolve({ code, out, err }));
    });

  it('prints the table and exits 0 when every check passes, 1 with a wrong key, 2 without one', async () => {
    const ok = await run(['conformance', server.url, '--key', key, '--agency', A]);
    assert.equal(ok.code, 0, ok.out + ok.err);
    assert.match(ok.out, /^01 {2}PASS {2}Danh mục công khai/m);
    assert.match(ok.out, /all 14 checks passed/);
    const wrong = await run(['conformance', server.url, '--key', `mck_0123456789abcdef_${'x'.repeat(43)}`, '--agency', A]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.out, /FAIL {2}Gửi sự kiện trong ngày \(push a day of events\) +HTTP 401/);
    assert.equal((await run(['conformance', server.url, '--agency', A])).code, 2);
  });
});
