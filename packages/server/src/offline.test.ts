// The demo site's service worker as the server serves it: the manifest injected (pages, hashed assets, the embed build,
// no source maps), a new manifest after a deploy changes a file, the optional push handler imported only when present,
// the Workbox modules served and nothing else from node_modules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { offlineRoutes, precacheManifest, WORKER_CSP } from './routes/offline.js';
import { serveStatic } from './static.js';

const realDemo = fileURLToPath(new URL('../../../docs/demo/', import.meta.url)).replace(/\/$/, '');

function site(): { demoDir: string; embedDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'motcua-sw-'));
  const demoDir = join(root, 'demo');
  cpSync(realDemo, demoDir, { recursive: true });
  const embedDir = join(root, 'embed');
  mkdirSync(join(embedDir, '0.1.0', 'chunks'), { recursive: true });
  mkdirSync(join(embedDir, '0.1.0', 'components'), { recursive: true });
  writeFileSync(join(embedDir, '0.1.0', 'motcua.js'), 'export const v = 1;');
  writeFileSync(join(embedDir, '0.1.0', 'motcua.js.map'), '{}');
  writeFileSync(join(embedDir, '0.1.0', 'components', 'satisfaction.js'), 'export const s = 1;');
  writeFileSync(join(embedDir, '0.1.0', 'chunks', 'lit-AbCd1234.js'), 'export const l = 1;');
  return { demoDir, embedDir };
}

const manifestOf = (script: string): { url: string; revision: string | null }[] =>
  JSON.parse(/const manifest = (\[.*?\]);/s.exec(script)![1]!) as { url: string; revision: string | null }[];

describe('demo site service worker', () => {
  it('serves sw.js with the precache manifest of the pages, the hashed assets and the latest embed build', async () => {
    const options = site();
    const app = offlineRoutes(options);
    for (const path of ['/sw.js', '/demo/sw.js']) {
      const res = await app.request(path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/javascript/);
      assert.equal(res.headers.get('cache-control'), 'no-cache');
      assert.equal(res.headers.get('content-security-policy'), WORKER_CSP);
      const script = await res.text();
      assert.doesNotMatch(script, /self\.__WB_MANIFEST|self\.__MOTCUA_HANDLERS/, 'placeholders replaced');
      const urls = manifestOf(script).map((e) => e.url);
      for (const page of ['index.html', 'kiosk.html', 'ho-so.html']) assert.ok(urls.includes(page), page);
      assert.ok(
        urls.some((u) => /^assets\/kiosk\.[0-9a-f]{10}\.js$/.test(u)),
        'hashed kiosk script',
      );
      assert.ok(
        urls.some((u) => /^assets\/offline\.[0-9a-f]{10}\.js$/.test(u)) && !urls.includes('assets/offline.js'),
        'a module once, under its hashed name',
      );
      assert.ok(urls.includes('/embed/latest/motcua.js'));
      assert.ok(urls.includes('/embed/latest/components/satisfaction.js'));
      assert.ok(urls.includes('/embed/latest/chunks/lit-AbCd1234.js'));
      assert.ok(!urls.some((u) => u.endsWith('.map') || u === 'sw.js'), 'no source maps, not itself');
      const etag = res.headers.get('etag')!;
      assert.equal((await app.request(path, { headers: { 'if-none-match': etag } })).status, 304);
    }
  });

  it('precaches each demo file once, and only the files a page references or a referenced script imports', async () => {
    const options = site();
    const manifest = precacheManifest(options);
    const demo = manifest.filter((e) => !e.url.startsWith('/embed/'));
    const files = demo.map((e) => e.url.replace(/\.[0-9a-f]{10}(\.[a-z0-9]+)$/, '$1'));
    assert.deepEqual(
      files.filter((file, i) => files.indexOf(file) !== i),
      [],
      'a file under two names is downloaded twice by the install',
    );
    const pages = await Promise.all(
      demo.filter((e) => e.url.endsWith('.html')).map(async (e) => (await serveStatic(new Request(`http://x/${e.url}`), options)).text()),
    );
    const scripts = await Promise.all(
      demo.filter((e) => e.url.endsWith('.js')).map(async (e) => (await serveStatic(new Request(`http://x/${e.url}`), options)).text()),
    );
    for (const { url } of demo.filter((e) => !e.url.endsWith('.html'))) {
      const plain = url.replace(/\.[0-9a-f]{10}(\.[a-z0-9]+)$/, '$1');
      const used = pages.some((page) => page.includes(`"${url}"`)) || scripts.some((s) => s.includes(`'./${plain.split('/').pop()!}'`));
      assert.ok(used, `${url} is precached but no page uses it`);
    }
    assert.ok(files.includes('assets/nhung-widgets.js'), 'a module imported by a page script (nhung.js)');
    assert.ok(!files.includes('assets/site.css'), 'a stylesheet every page inlines');
    // Every entry answers (the install fails on one 404).
    for (const { url } of manifest) {
      const res = await serveStatic(new Request(new URL(url, 'http://x/sw.js')), options);
      assert.equal(res.status, 200, url);
    }
  });

  it('a deploy that changes a page, an asset or the embed build changes the script (so browsers update)', async () => {
    const options = site();
    const app = offlineRoutes(options, 0);
    const script = async (): Promise<string> => (await app.request('/sw.js')).text();
    const first = await script();
    assert.equal(await script(), first, 'stable while nothing changes');
    writeFileSync(join(options.demoDir, 'assets', 'kiosk.css'), 'body { color: #000; }');
    const second = await script();
    assert.notEqual(second, first, 'an asset inlined in kiosk.html changed');
    const kiosk = (s: string): string | null | undefined => manifestOf(s).find((e) => e.url === 'kiosk.html')?.revision;
    assert.notEqual(kiosk(second), kiosk(first), 'the page revision follows what it inlines');
    writeFileSync(join(options.embedDir, '0.1.0', 'motcua.js'), 'export const v = 2;');
    assert.notEqual(await script(), second, 'a new embed build');
  });

  it('imports the optional Web Push handler only when the site has one', async () => {
    // The demo site's own worker imports its status-alert handler: one registration serves both.
    const demo = await (await offlineRoutes(site(), 0).request('/sw.js')).text();
    assert.match(demo, /const handlers = \["assets\/push-sw\.[0-9a-f]{10}\.js"\];/);
    const options = site();
    // The demo site ships the handler (status alerts): a site without one is the copy without that file.
    rmSync(join(options.demoDir, 'assets', 'push-sw.js'), { force: true });
    const app = offlineRoutes(options, 0);
    assert.match(await (await app.request('/sw.js')).text(), /const handlers = \[\];/);
    writeFileSync(join(options.demoDir, 'assets', 'push-sw.js'), "self.addEventListener('push', () => {});");
    const script = await (await app.request('/sw.js')).text();
    assert.match(script, /const handlers = \["assets\/push-sw\.[0-9a-f]{10}\.js"\];/);
    assert.ok(!manifestOf(script).some((e) => e.url.includes('push-sw')), 'the handler is imported, not precached');
  });

  it('serves the Workbox modules it imports, and nothing else', async () => {
    const app = offlineRoutes(site());
    const core = await app.request('/sw-lib/workbox-core.prod.js');
    assert.equal(core.status, 200);
    assert.match(await core.text(), /this\.workbox\.core=/);
    for (const path of [
      '/sw-lib/workbox-window.prod.js',
      '/sw-lib/workbox-core.dev.js',
      '/demo/sw-lib/workbox-..%2F..%2Fpackage.json',
      '/sw-lib/%2e%2e%2fpackage.json',
    ]) {
      const res = await app.request(path);
      assert.equal(res.status, 404, path);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
    }
  });

  it('has no worker without a demo site', async () => {
    const res = await offlineRoutes({ embedDir: site().embedDir }).request('/sw.js');
    assert.equal(res.status, 404);
    assert.deepEqual(precacheManifest({}), []);
  });
});
