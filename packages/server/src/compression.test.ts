// What a slow rural link receives for the widgets' script chunks: compressed from 256 bytes (a page loads several small
// on-demand chunks), while tiny files stay as they are.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createApp } from './app.js';
import type { Db } from './db.js';
import { calendar, REF_NOW } from './test-helpers.js';

// Static files read no database: a database that fails proves it.
const noDb: Db = {
  kind: 'pglite',
  query: () => Promise.reject(new Error('no database')),
  exec: () => Promise.reject(new Error('no database')),
  transaction: () => Promise.reject(new Error('no database')),
  close: () => Promise.resolve(),
};

describe('compression of the embed build', () => {
  const root = mkdtempSync(join(tmpdir(), 'motcua-gz-'));
  const embedDir = join(root, 'embed');
  mkdirSync(join(embedDir, '0.1.0', 'chunks'), { recursive: true });
  // ~800 bytes of realistic minified code (a small on-demand chunk such as the calendar's).
  const chunk = `export const h=${JSON.stringify(Array.from({ length: 40 }, (_, i) => `2026-${String((i % 12) + 1).padStart(2, '0')}-0${i % 9}`))};export function w(d){return!h.includes(d)}`;
  writeFileSync(join(embedDir, '0.1.0', 'chunks', 'calendar-AbCd1234.js'), chunk);
  writeFileSync(join(embedDir, '0.1.0', 'chunks', 'tiny-AbCd1234.js'), 'export const t=1;');
  const { app, close } = createApp({ db: noDb, calendar, allowedOrigins: '*', now: () => REF_NOW, static: { embedDir } });

  it('sends a chunk of 256 bytes to 1 KB gzipped to a browser that accepts it, the same code once decoded', async () => {
    assert.ok(chunk.length > 256 && chunk.length < 1024, `${chunk.length} B`);
    const res = await app.request('/embed/0.1.0/chunks/calendar-AbCd1234.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-encoding'), 'gzip');
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.ok(bytes.length < chunk.length, `${bytes.length} B gzipped vs ${chunk.length} B`);
    assert.equal(gunzipSync(bytes).toString('utf8'), chunk);
  });

  it('sends tiny files and clients that do not accept gzip the plain code', async () => {
    const tiny = await app.request('/embed/0.1.0/chunks/tiny-AbCd1234.js', { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(tiny.headers.get('content-encoding'), null);
    assert.equal(await tiny.text(), 'export const t=1;');
    const plain = await app.request('/embed/0.1.0/chunks/calendar-AbCd1234.js');
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal(await plain.text(), chunk);
    close();
  });
});
