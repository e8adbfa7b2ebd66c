// The demo site's static responses: hashed asset names cached for a year, pages and the loader revalidated by ETag,
// inlined stylesheets allowed by hash in the CSP, a favicon and a meta description on every page.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { IMMUTABLE, demoHtml, serveStatic } from './static.js';

const demoDir = fileURLToPath(new URL('../../../docs/demo/', import.meta.url)).replace(/\/$/, '');
const embedDir = mkdtempSync(join(tmpdir(), 'motcua-embed-'));
mkdirSync(join(embedDir, '0.1.0', 'chunks'), { recursive: true });
writeFileSync(join(embedDir, '0.1.0', 'motcua.js'), 'export const v = "0.1.0";');
writeFileSync(join(embedDir, '0.1.0', 'chunks', 'format-DVcQazJc.js'), 'export const f = 1;');
// A build as rollup writes it: the loader lists each widget's chunks; the widget chunks import shared ones statically
// and load others on demand (those are not announced: the page may never need them).
mkdirSync(join(embedDir, '0.1.0', 'components'));
writeFileSync(
  join(embedDir, '0.1.0', 'motcua.js'),
  'const v="0.1.0";const P=true?{"qr-sheet":["chunks/lit-Ab12Cd34.js","chunks/on-demand-Xy98Zw76.js","components/qr-sheet.en.js en"],"satisfaction":[]}:0;export{v};',
);
writeFileSync(
  join(embedDir, '0.1.0', 'components', 'qr-sheet.js'),
  'import{a as b}from"../chunks/lit-Ab12Cd34.js";import"../chunks/qr-Qq11Rr22.js";const l=()=>import("../chunks/detail-Dd00Ee11.js");export{l};',
);
writeFileSync(join(embedDir, '0.1.0', 'components', 'qr-sheet.en.js'), 'export const en = {};');
writeFileSync(join(embedDir, '0.1.0', 'components', 'satisfaction.js'), 'import{a}from"../chunks/lit-Ab12Cd34.js";export{a};');
for (const chunk of ['lit-Ab12Cd34', 'qr-Qq11Rr22', 'detail-Dd00Ee11', 'on-demand-Xy98Zw76'])
  writeFileSync(join(embedDir, '0.1.0', 'chunks', `${chunk}.js`), 'export const a = 1;');

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
  serveStatic(new Request(`http://localhost${path}`, { headers }), { demoDir, embedDir });

const pages = readdirSync(demoDir).filter((f) => f.endsWith('.html'));

describe('demo site static responses', () => {
  it('every page has a meta description, a favicon that answers, and no render-blocking stylesheet', async () => {
    assert.ok(pages.length >= 4);
    for (const page of pages) {
      const res = await get(`/${page.replace(/\.html$/, '')}`);
      assert.equal(res.status, 200, page);
      const html = await res.text();
      assert.match(html, /<meta\s+name="description"\s+content="[^"]{50,}"/, `${page}: meta description`);
      const icon = /<link rel="icon" href="([^"]+)"/.exec(html);
      assert.ok(icon, `${page}: favicon link`);
      const favicon = await get(`/${icon[1]}`);
      assert.equal(favicon.status, 200, `${page}: favicon answers`);
      assert.match(favicon.headers.get('content-type') ?? '', /^image\/svg\+xml/);
      assert.doesNotMatch(html, /<link rel="stylesheet"/, `${page}: stylesheet still blocks rendering`);
      // The inlined stylesheet is allowed by its hash, and nothing else inline is.
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /style-src 'self' 'sha256-[A-Za-z0-9+/=]+'/, page);
      assert.doesNotMatch(csp, /unsafe-inline/);
    }
  });

  it('pages reference their assets by hashed names, cached for a year; a page is revalidated by its ETag', async () => {
    const res = await get('/');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    const etag = res.headers.get('etag');
    assert.ok(etag);
    assert.equal((await get('/', { 'if-none-match': etag })).status, 304);
    const html = await res.text();
    const assets = [...html.matchAll(/src="(assets\/[^"]+)"/g)].map((m) => m[1]!);
    assert.ok(assets.length >= 2);
    for (const asset of assets) {
      assert.match(asset, /\.[0-9a-f]{10}\.js$/, asset);
      const file = await get(`/${asset}`);
      assert.equal(file.status, 200, asset);
      assert.equal(file.headers.get('cache-control'), IMMUTABLE, asset);
      assert.equal(file.headers.get('etag'), null);
    }
    // An outdated hash still answers with today's file, but is not cached as immutable.
    const stale = await get('/assets/site.0000000000.js');
    assert.equal(stale.status, 200);
    assert.equal(stale.headers.get('cache-control'), 'no-cache');
    assert.equal((await get('/assets/nothing.0123456789.js')).status, 404);
    assert.equal((await get('/assets/..%2f..%2fpackage.0123456789.json')).status, 404);
  });

  it("announces the chunks of the page's widgets with modulepreload, after the loader, so they need no extra round trip", async () => {
    const html = await (await get('/in-the-qr')).text();
    const loader = html.indexOf('<script type="module" src="/embed/latest/motcua.js"></script>');
    assert.ok(loader > 0);
    const preloads = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(preloads, [
      '/embed/latest/components/qr-sheet.js',
      '/embed/latest/chunks/lit-Ab12Cd34.js',
      '/embed/latest/chunks/qr-Qq11Rr22.js',
      '/embed/latest/chunks/on-demand-Xy98Zw76.js',
    ]);
    assert.ok(html.indexOf('rel="modulepreload"') > loader, 'the loader is requested first');
    // Not render-blocking: the page's own text paints first.
    assert.equal([...html.matchAll(/<link rel="modulepreload" href="[^"]+" fetchpriority="low" \/>/g)].length, preloads.length);
    // Every announced file answers (a wrong name would cost a wasted download and a console warning).
    for (const href of preloads) assert.equal((await get(href!)).status, 200, href);
    // Nothing is announced for widgets the page does not use, nor when the embed build has no chunk for them.
    assert.doesNotMatch(html, /satisfaction|detail-Dd00Ee11|qr-sheet\.en\.js/);
    const kiosk = await (await get('/kiosk')).text();
    assert.deepEqual(
      [...kiosk.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]),
      ['/embed/latest/components/satisfaction.js', '/embed/latest/chunks/lit-Ab12Cd34.js'],
    );
    const noEmbed = await serveStatic(new Request('http://localhost/in-the-qr'), { demoDir }).then((r) => r.text());
    assert.doesNotMatch(noEmbed, /modulepreload/);
  });

  it('announces nothing for a widget that only appears with loading="lazy" (it loads when scrolled near)', () => {
    const page = (body: string) =>
      demoHtml(`<head><script type="module" src="/embed/latest/motcua.js"></script></head><body>${body}</body>`, demoDir, embedDir).html;
    const hints = (html: string) => [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(hints(page('<motcua-qr-sheet loading="lazy" agency="x"></motcua-qr-sheet>')), []);
    assert.deepEqual(hints(page('<motcua-satisfaction></motcua-satisfaction><motcua-qr-sheet loading="lazy"></motcua-qr-sheet>')), [
      '/embed/latest/components/satisfaction.js',
      '/embed/latest/chunks/lit-Ab12Cd34.js',
    ]);
    // The same widget also placed without it: announced.
    assert.ok(
      hints(page('<motcua-qr-sheet loading="lazy"></motcua-qr-sheet><motcua-qr-sheet></motcua-qr-sheet>')).includes(
        '/embed/latest/components/qr-sheet.js',
      ),
    );
  });

  it('embed chunks (hashed names) are immutable; the loader is revalidated by ETag', async () => {
    const chunk = await get('/embed/latest/chunks/format-DVcQazJc.js');
    assert.equal(chunk.headers.get('cache-control'), IMMUTABLE);
    const loader = await get('/embed/latest/motcua.js');
    assert.equal(loader.headers.get('cache-control'), 'no-cache');
    const etag = loader.headers.get('etag')!;
    assert.ok(etag);
    const again = await get('/embed/latest/motcua.js', { 'if-none-match': etag });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    assert.equal((await get('/embed/0.1.0/motcua.js')).headers.get('cache-control'), IMMUTABLE);
  });

  it("sends the build's precompressed gzip of a script to a client that accepts gzip, never one of another script", async () => {
    const dir = join(embedDir, '0.1.0', 'chunks');
    const script = join(dir, 'qr-Qq11Rr22.js');
    // The build writes `<file>.gz` (Zopfli) after the script; this one is told apart from an on-the-fly gzip by its level.
    const precompressed = gzipSync(readFileSync(script), { level: 1 });
    writeFileSync(`${script}.gz`, precompressed);
    const gz = await get('/embed/0.1.0/chunks/qr-Qq11Rr22.js', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    assert.equal(gz.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(gz.headers.get('vary'), 'accept-encoding');
    assert.equal(gz.headers.get('cache-control'), IMMUTABLE);
    const body = Buffer.from(await gz.arrayBuffer());
    assert.deepEqual(body, precompressed);
    assert.equal(gunzipSync(body).toString(), readFileSync(script, 'utf8'));
    // A client without gzip gets the script itself.
    const plain = await get('/embed/0.1.0/chunks/qr-Qq11Rr22.js', { 'accept-encoding': 'identity' });
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal(await plain.text(), readFileSync(script, 'utf8'));
    // A copy of the build that wrote the .gz before its script (copies keep no order in time): still the .gz.
    utimesSync(`${script}.gz`, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const copied = await get('/embed/0.1.0/chunks/qr-Qq11Rr22.js', { 'accept-encoding': 'gzip' });
    assert.deepEqual(Buffer.from(await copied.arrayBuffer()), precompressed);
    // A script rebuilt without its .gz (the .gz holds the old script): the script, compressed on the fly by the app.
    writeFileSync(script, 'export const a = 2;');
    const stale = await get('/embed/0.1.0/chunks/qr-Qq11Rr22.js', { 'accept-encoding': 'gzip' });
    assert.equal(stale.headers.get('content-encoding'), null);
    assert.equal(await stale.text(), 'export const a = 2;');
    writeFileSync(script, 'export const a = 1;');
  });
});
