/**
 * The demo site's service worker (offline first): `GET /sw.js` (also `/demo/sw.js`) is `docs/demo/sw.js` with its
 * precache manifest injected at request time (Workbox's "inject manifest" done by the server, which alone knows the
 * hashed names it serves), and `GET /sw-lib/<module>.prod.js` the Workbox runtime modules it imports.
 *
 * The manifest lists the demo pages (revision: the hash of the page as served), the demo assets the pages reference and
 * the scripts those import, each once under its hashed name (the worker answers the plain name from it), and the latest embed build
 * (`/embed/latest/…`, source maps left out). A deploy that changes any of them changes the manifest, so the script's
 * bytes, so browsers install the new worker. An optional handler `assets/push-sw.js` (Web Push), when the demo folder
 * has one, is imported by the same worker: one registration for the whole site.
 * @module
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { Hono } from 'hono';
import { problemResponse } from '../problem.js';
import { REVALIDATE, contentHash, demoHtml, hashedName, latestEmbedVersion, type StaticOptions } from '../static.js';
import type { Env } from './http.js';

/** The Workbox runtime modules the worker imports, in dependency order. */
export const WORKBOX_MODULES = ['core', 'routing', 'strategies', 'expiration', 'cacheable-response', 'precaching'] as const;
/** Optional handlers other features add to the one worker (imported when the demo folder has them). */
export const OPTIONAL_HANDLERS = ['assets/push-sw.js'] as const;
/** Files of the demo folder never precached: the worker itself and the handlers it imports. */
const NOT_PRECACHED = new Set(['sw.js', ...OPTIONAL_HANDLERS]);

export interface PrecacheEntry {
  url: string;
  revision: string | null;
}

const require = createRequire(import.meta.url);
const workboxFile = (name: string): string | undefined => {
  if (!(WORKBOX_MODULES as readonly string[]).includes(name)) return undefined;
  try {
    return require.resolve(`workbox-${name}/build/workbox-${name}.prod.js`);
  } catch {
    return undefined;
  }
};

function files(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...files(path));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}

const posix = (path: string): string => path.split(sep).join('/');

/** A demo page's reference to one of its own files, as served (`src="assets/site.<hash>.js"`, `href="favicon.<hash>.svg"`). */
const PAGE_REFERENCE = /\s(?:href|src)="((?:assets\/)?[A-Za-z0-9_-]+\.[0-9a-f]{10}\.[a-z0-9]+)"/g;
/** A demo script's imports of its neighbours (`from './x.js'`, `import './x.js'`, `import('./x.js')`). */
const ASSET_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']\.\/([A-Za-z0-9_-]+\.js)["']/g;
/** `assets/site.0123456789.js` → `assets/site.js`. */
const plainName = (url: string): string => url.replace(/\.[0-9a-f]{10}(\.[a-z0-9]+)$/, '$1');

/**
 * What the worker precaches, relative to its own URL (demo files) or absolute (`/embed/latest/…`): the pages, each demo
 * file a page references (under the hashed name it references) and the scripts those import (under their hashed name
 * too: the worker answers a request for a plain name, which a module's `import './x.js'` makes, from the hashed entry),
 * once each; files no page uses (stylesheets the pages inline, the push handler) are left out.
 */
export function precacheManifest(options: StaticOptions): PrecacheEntry[] {
  const entries: PrecacheEntry[] = [];
  const { demoDir, embedDir } = options;
  if (demoDir && existsSync(demoDir)) {
    const assets = new Set<string>();
    const use = (name: string): void => {
      const path = join(demoDir, ...name.split('/'));
      if (assets.has(name) || NOT_PRECACHED.has(name) || !existsSync(path) || !statSync(path).isFile()) return;
      assets.add(name);
      if (!name.endsWith('.js')) return;
      const dir = name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '';
      for (const [, spec] of readFileSync(path, 'utf8').matchAll(ASSET_IMPORT)) use(`${dir}${spec!}`);
    };
    for (const path of files(demoDir)) {
      const name = posix(relative(demoDir, path));
      if (!name.endsWith('.html') || name.startsWith('.')) continue;
      // A page as served (hashed asset names, inlined styles): its revision changes with any asset it references.
      const page = demoHtml(readFileSync(path, 'utf8'), demoDir, embedDir).html;
      entries.push({ url: name, revision: createHash('sha256').update(page).digest('hex').slice(0, 16) });
      const dir = name.slice(0, name.lastIndexOf('/') + 1);
      for (const [, ref] of page.matchAll(PAGE_REFERENCE)) use(`${dir}${plainName(ref!)}`);
    }
    for (const name of [...assets].sort())
      entries.push({ url: hashedName(name, contentHash(join(demoDir, ...name.split('/')))), revision: null });
  }
  const version = embedDir ? latestEmbedVersion(embedDir) : undefined;
  if (embedDir && version) {
    const root = join(embedDir, version);
    for (const path of files(root)) {
      if (path.endsWith('.map') || path.endsWith('.gz')) continue; // .gz: the server's precompressed copies
      entries.push({ url: `/embed/latest/${posix(relative(root, path))}`, revision: contentHash(path) });
    }
  }
  return entries;
}

/** `docs/demo/sw.js` with the manifest and the optional handlers present in the demo folder injected. */
export function serviceWorkerScript(options: StaticOptions): string | undefined {
  const { demoDir } = options;
  if (!demoDir) return undefined;
  const source = join(demoDir, 'sw.js');
  if (!existsSync(source)) return undefined;
  const handlers = OPTIONAL_HANDLERS.filter((name) => existsSync(join(demoDir, name))).map((name) =>
    hashedName(name, contentHash(join(demoDir, name))),
  );
  // JSON is valid JavaScript; `<` escaped anyway, as the names come from the file system.
  const inject = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');
  return readFileSync(source, 'utf8')
    .replace('self.__WB_MANIFEST', () => inject(precacheManifest(options)))
    .replace('self.__MOTCUA_HANDLERS', () => inject(handlers));
}

/** What the script depends on: every file of the demo folder and of the latest embed build, with its size and time. */
function signature(options: StaticOptions): string {
  const parts: string[] = [];
  const version = options.embedDir ? latestEmbedVersion(options.embedDir) : undefined;
  for (const dir of [options.demoDir, options.embedDir && version ? join(options.embedDir, version) : undefined]) {
    if (!dir || !existsSync(dir)) continue;
    for (const path of files(dir)) {
      const { mtimeMs, size } = statSync(path);
      parts.push(`${path}\0${mtimeMs}\0${size}`);
    }
  }
  return parts.join('\n');
}

/**
 * The script and its ETag, built again only when a file it depends on changed (building reads and hashes every page,
 * ~20 ms, while each page load asks for the script: its offline probe, the browser's update check).
 */
function memoized(options: StaticOptions, recheckMs: number): () => { script: string; etag: string } | undefined {
  let held: { signature: string; value: { script: string; etag: string } | undefined; checkedAt: number } | undefined;
  return () => {
    if (held && Date.now() - held.checkedAt < recheckMs) return held.value;
    const current = signature(options);
    if (held?.signature !== current) {
      const script = serviceWorkerScript(options);
      const etag = script === undefined ? '' : `"${createHash('sha256').update(script).digest('base64url').slice(0, 22)}"`;
      held = { signature: current, value: script === undefined ? undefined : { script, etag }, checkedAt: 0 };
    }
    held.checkedAt = Date.now();
    return held.value;
  };
}

/** The worker's own Content-Security-Policy: it imports same-origin scripts only and fetches same-origin only. */
export const WORKER_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'";

/**
 * @param options - The demo folder and the embed build folder, as for the static files.
 * @param recheckMs - How long the script is served without looking at the files again (a deploy shows within this time).
 */
export function offlineRoutes(options: StaticOptions, recheckMs = 5000): Hono<Env> {
  const app = new Hono<Env>();
  const headers = {
    'content-type': 'text/javascript; charset=utf-8',
    'x-content-type-options': 'nosniff',
    'content-security-policy': WORKER_CSP,
  };

  const current = memoized(options, recheckMs);
  const worker = (c: { req: { raw: Request } }): Response => {
    const held = current();
    if (!held) return problemResponse({ status: 404, code: 'not_found', detail: 'Không có service worker trên máy chủ này.' });
    const { script, etag } = held;
    // Revalidated on every update check (the browser also bypasses its cache for the worker script by default).
    const all = { ...headers, 'cache-control': REVALIDATE, etag };
    const match = c.req.raw.headers.get('if-none-match');
    if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))
      return new Response(null, { status: 304, headers: all });
    return new Response(c.req.raw.method === 'HEAD' ? null : script, { status: 200, headers: all });
  };
  app.get('/sw.js', worker);
  app.get('/demo/sw.js', worker);

  const library = (c: { req: { param: (name: string) => string | undefined } }): Response => {
    const name = /^workbox-([a-z-]+)\.prod\.js$/.exec(c.req.param('file') ?? '')?.[1];
    const path = name ? workboxFile(name) : undefined;
    if (!path || !statSync(path).isFile())
      return problemResponse({ status: 404, code: 'not_found', detail: 'Không có tệp thư viện service worker này.' });
    const body = readFileSync(path, 'utf8').replace(/\n\/\/# sourceMappingURL=.*$/, '\n');
    return new Response(body, { status: 200, headers: { ...headers, 'cache-control': REVALIDATE, etag: `"${contentHash(path)}"` } });
  };
  app.get('/sw-lib/:file', library);
  app.get('/demo/sw-lib/:file', library);
  return app;
}
