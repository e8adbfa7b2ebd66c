// The integration commands as an administrator runs them: keys create (printed once, only a hash stored) / list /
// revoke, webhooks add (SSRF refused) / list / remove, outbox list --dead / retry.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { authenticate } from './auth.js';
import { openDb } from './db.js';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'motcua-cli-int-'));
const env = { ...process.env, MOTCUA_DATA_DIR: dataDir, DATABASE_URL: '', MOTCUA_LOG: 'silent' };

const run = (args: string[], extra: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=motcua-source', cli, ...args], {
    env: { ...env, ...extra },
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('motcua-server keys / webhooks / outbox', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keys create prints the key once; the database holds only its hash; list and revoke', async () => {
    const created = run([
      'keys',
      'create',
      '--agency',
      '000.30.01.H17,000.30.02.H17',
      '--scope',
      'dossiers:write,ratings:read',
      '--name',
      'Một cửa tỉnh',
    ]);
    assert.equal(created.code, 0, created.err);
    const key = created.out.trim();
    assert.match(key, /^mck_[a-f0-9]{16}_[A-Za-z0-9_-]{43}$/);
    const id = key.split('_')[1] as string;
    const db = await openDb({ dataDir });
    try {
      const rows = await db.query<{ secret_hash: string }>('SELECT secret_hash FROM api_keys WHERE id = $1', [id]);
      assert.equal(rows.length, 1);
      assert.ok(!JSON.stringify(rows).includes(key.split('_')[2] as string), 'the secret is not stored');
      assert.deepEqual((await authenticate(db, key))?.agencies, ['000.30.01.H17', '000.30.02.H17']);
    } finally {
      await db.close();
    }
    const listed = run(['keys', 'list']);
    assert.match(listed.out, new RegExp(`${id}\\s+active\\s+000\\.30\\.01\\.H17,000\\.30\\.02\\.H17\\s+dossiers:write,ratings:read`));
    assert.doesNotMatch(listed.out, /mck_/);
    assert.equal(run(['keys', 'revoke', id]).code, 0);
    assert.match(run(['keys', 'list']).out, new RegExp(`${id}\\s+revoked`));
    assert.equal(run(['keys', 'revoke', id]).code, 1);
    const db2 = await openDb({ dataDir });
    try {
      assert.equal(await authenticate(db2, key), undefined);
    } finally {
      await db2.close();
    }
    const bad = run(['keys', 'create', '--agency', '000.30.01.H17', '--scope', 'admin', '--name', 'x']);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /unknown scope admin/);
    assert.match(run(['keys', 'create', '--agency', '999.99.99.H99', '--scope', 'ratings:read', '--name', 'x']).err, /no such agency/);
  });

  it('webhooks add refuses private addresses unless allowed, prints the secret once; list, remove; outbox views', () => {
    const refused = run(['webhooks', 'add', '--agency', '000.30.01.H17', '--url', 'http://127.0.0.1:9/x', '--events', 'rating.created']);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /private/);
    const added = run(['webhooks', 'add', '--agency', '000.30.01.H17', '--url', 'http://127.0.0.1:9/x', '--events', 'rating.created'], {
      MOTCUA_WEBHOOK_ALLOW_PRIVATE: '1',
    });
    assert.equal(added.code, 0, added.err);
    assert.match(added.out.trim(), /^whsec_[A-Za-z0-9_-]{43}$/);
    const id = /added webhook (wh_[a-f0-9]+)/.exec(added.err)?.[1] as string;
    assert.match(
      run(['webhooks', 'list']).out,
      new RegExp(`${id}\\s+000\\.30\\.01\\.H17\\s+http://127\\.0\\.0\\.1:9/x\\s+rating\\.created`),
    );
    assert.doesNotMatch(run(['webhooks', 'list']).out, /whsec_/);
    assert.match(run(['outbox', 'list', '--dead']).out, /no dead deliveries/);
    assert.equal(run(['outbox', 'retry', '12345']).code, 1);
    assert.equal(run(['webhooks', 'remove', id]).code, 0);
    assert.equal(run(['webhooks', 'list']).out.trim(), '');
    assert.match(run(['help']).out, /keys create --agency/);
  });
});
