/**
 * Static files: the demo commune website (`docs/demo/`) at `/` with clean URLs, and the embed build at
 * `/embed/<version>/…` (and `/embed/latest/…`) from `packages/embed/dist/<version>/`.
 * @module
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { crc32 } from 'node:zlib';
import { problemResponse } from './problem.js';
import { selectEncoding } from './routes/http.js';

export interface StaticOptions {
  /** Folder of the demo site (`docs/demo`). */
  demoDir?: string;
  /** Folder holding one sub-folder per embed version (`packages/embed/dist`). */
  embedDir?: string;
}

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml',
  '.pdf': 'application/pdf',
};

/** Strict CSP for the demo pages: only same-origin scripts, styles and connections; no inline code. */
export const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const SAFE_SEGMENT = /^[A-Za-z0-9._~@-]+$/;

function safeJoin(root: string, segments: readonly string[]): string | undefined {
  if (segments.some((s) => !SAFE_SEGMENT.test(s) || s === '.' || s === '..')) return undefined;
  const path = normalize(join(root, ...segments));
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep) ? path : undefined;
}

/** Per script: the sizes and times of it and its `.gz` when last checked, and whether the `.gz` holds the script. */
const gzipChecks = new Map<string, { key: string; matches: boolean }>();

/**
 * Whether `<path>.gz` (the build's Zopfli gzip) holds exactly the script at `path`: its gzip trailer names the script's
 * CRC-32 and size. (Copies of a build do not keep the files' order in time, so their times cannot tell.) Checked again
 * when either file changes.
 */
function hasGzip(path: string): boolean {
  try {
    const [js, gz] = [statSync(path), statSync(`${path}.gz`)];
    const key = `${js.size} ${js.mtimeMs} ${gz.size} ${gz.mtimeMs}`;
    const held = gzipChecks.get(path);
    if (held?.key === key) return held.matches;
    const packed = readFileSync(`${path}.gz`);
    const script = readFileSync(path);
    const matches =
      packed.length >= 18 &&
      packed[0] === 0x1f &&
      packed[1] === 0x8b &&
      packed.readUInt32LE(packed.length - 8) === crc32(script) &&
      packed.readUInt32LE(packed.length - 4) === script.length % 2 ** 32;
    gzipChecks.set(path, { key, matches });
    return matches;
  } catch {
    return false;
  }
}

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  const pb = b.split(/[.-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** The newest version folder of the embed build (`latest` itself when it exists). */
export function latestEmbedVersion(embedDir: string): string | undefined {
  if (!existsSync(embedDir)) return undefined;
  if (existsSync(join(embedDir, 'latest'))) return 'latest';
  const versions = readdirSync(embedDir).filter((d) => /^\d+\.\d+\.\d+/.test(d) && statSync(join(embedDir, d)).isDirectory());
  return versions.sort(compareVersions).at(-1);
}

/** Cache-Control of files whose name carries their content hash (they never change under that name). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Cache-Control of HTML pages and of the loader: revalidated with their ETag on each use. */
export const REVALIDATE = 'no-cache';

const hashes = new Map<string, { mtimeMs: number; size: number; hash: string }>();

/** First 10 hex digits of the SHA-256 of a file (cached while its mtime and size stay the same). */
export function contentHash(path: string): string {
  const { mtimeMs, size } = statSync(path);
  const cached = hashes.get(path);
  if (cached && cached.mtimeMs === mtimeMs && cached.size === size) return cached.hash;
  // Synchronous read: the demo's assets are a few KB, hashed once per change.
  const hash = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 10);
  hashes.set(path, { mtimeMs, size, hash });
  return hash;
}

/** `assets/site.css` → `assets/site.<hash>.css`. */
export const hashedName = (name: string, hash: string): string => name.replace(/(\.[a-z0-9]+)$/i, `.${hash}$1`);
/** `site.0123456789.css` → `site.css` and its hash. */
const HASHED = /^(.+)\.([0-9a-f]{10})(\.[a-z0-9]+)$/;

/** A module's static imports (`import{a}from"./x.js"`, `import"../y.js"`, `export{b}from"./z.js"`), not `import()`. */
const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{},\s]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;

const importClosures = new Map<string, { mtimeMs: number; files: string[] }>();

/**
 * The files a widget's chunk needs before it can run: `components/<name>.js` and, recursively, the chunks it imports
 * statically (paths relative to the embed version folder). Read from the build itself, so the hints follow the chunk
 * names of whatever build is served; empty when the widget has no chunk there.
 */
function widgetModules(versionDir: string, name: string): string[] {
  const entry = join(versionDir, 'components', `${name}.js`);
  if (!isFile(entry)) return [];
  const { mtimeMs } = statSync(entry);
  const cached = importClosures.get(entry);
  if (cached && cached.mtimeMs === mtimeMs) return cached.files;
  const files: string[] = [];
  const visit = (relative: string): void => {
    if (files.includes(relative) || files.length > 64) return;
    const path = safeJoin(versionDir, relative.split('/'));
    if (!path || !isFile(path)) return;
    files.push(relative);
    const dir = relative.split('/').slice(0, -1);
    for (const [, spec] of readFileSync(path, 'utf8').matchAll(STATIC_IMPORT)) {
      const parts = [...dir];
      for (const segment of spec!.split('/')) {
        if (segment === '..') parts.pop();
        else if (segment !== '.') parts.push(segment);
      }
      visit(parts.join('/'));
    }
  };
  visit(`components/${name}.js`);
  // And the chunks the loader itself fetches with the widget's (its first-render imports): the list the build wrote into
  // the loader, `"<name>":["chunks/…",…]`, without the terms of other languages (`"<file> en"`).
  const loader = join(versionDir, 'motcua.js');
  const listed = isFile(loader) ? new RegExp(`"${name}":(\\[[^\\]]*\\])`).exec(readFileSync(loader, 'utf8')) : null;
  try {
    for (const file of listed ? (JSON.parse(listed[1]!) as unknown[]) : [])
      if (typeof file === 'string' && !file.includes(' ') && !files.includes(file) && isFile(join(versionDir, file))) files.push(file);
  } catch {
    // Not the list: the static imports alone.
  }
  importClosures.set(entry, { mtimeMs, files });
  return files;
}

/**
 * `<link rel="modulepreload">` for every chunk the page's widgets need, placed right after the loader's script tag: the
 * browser fetches them while the loader itself downloads, instead of one round trip later (on slow 3G, 400 ms and more).
 * After the loader, not before: over HTTP/1.1 (six connections) the requests start in document order. At low priority:
 * Chromium still starts them at once (nothing else is waiting), and Lighthouse does not count them as render-blocking
 * scripts (with the default High priority its simulated first paint of the landing page went from 0.9 s to 3.2 s).
 */
function widgetPreloads(html: string, embedDir: string | undefined): string {
  const loader = /<script type="module" src="(\/embed\/([A-Za-z0-9.-]+)\/)motcua\.js"><\/script>/.exec(html);
  if (!loader || !embedDir) return html;
  const version = loader[2] === 'latest' ? latestEmbedVersion(embedDir) : loader[2];
  const versionDir = version && SAFE_SEGMENT.test(version) ? join(embedDir, version) : undefined;
  if (!versionDir || !existsSync(versionDir)) return html;
  // Widgets marked `loading="lazy"` load when scrolled near (the loader decides): no hints for them, unless the same widget
  // also appears without it.
  const names = new Set(
    [...html.matchAll(/<motcua-([a-z-]+)(\s[^>]*)?>/g)].filter((m) => !/\sloading="lazy"/.test(m[2] ?? '')).map((m) => m[1]!),
  );
  const files = new Set([...names].flatMap((name) => widgetModules(versionDir, name)));
  if (!files.size) return html;
  const links = [...files].map((file) => `<link rel="modulepreload" href="${loader[1]}${file}" fetchpriority="low" />`).join('\n    ');
  return html.replace(loader[0], `${loader[0]}\n    ${links}`);
}

/**
 * A demo page as served: each local asset (`assets/…`, `favicon.svg`) is referenced by its hashed name so it can be
 * cached for a year, and small stylesheets are inlined (allowed by a hash in the CSP), so no stylesheet blocks the
 * first paint. The chunks of the page's widgets are announced with `modulepreload` (see {@link widgetPreloads}).
 */
export function demoHtml(html: string, demoDir: string, embedDir?: string): { html: string; styleHashes: string[] } {
  const styleHashes: string[] = [];
  const withStyles = widgetPreloads(html, embedDir).replace(
    /<link rel="stylesheet" href="(assets\/[A-Za-z0-9_-]+\.css)" \/>/g,
    (tag, href: string) => {
      const path = safeJoin(demoDir, href.split('/'));
      if (!path || !isFile(path) || statSync(path).size > 16_384) return tag;
      const css = readFileSync(path, 'utf8');
      styleHashes.push(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
      return `<style>${css}</style>`;
    },
  );
  const hashed = withStyles.replace(
    /(href|src)="((?:assets\/)?[A-Za-z0-9_-]+\.(?:css|js|svg|png|ico|webmanifest))"/g,
    (attr, name: string, ref: string) => {
      const path = safeJoin(demoDir, ref.split('/'));
      return path && isFile(path) ? `${name}="${hashedName(ref, contentHash(path))}"` : attr;
    },
  );
  return { html: hashed, styleHashes };
}

const etagOf = (body: Uint8Array | string): string => `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;

async function fileResponse(
  request: Request,
  path: string,
  headers: Record<string, string>,
  demoDir?: string,
  embedDir?: string,
): Promise<Response> {
  const type = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  let body: Uint8Array = await readFile(path);
  let csp = DEMO_CSP;
  if (demoDir && type.startsWith('text/html')) {
    const page = demoHtml(new TextDecoder().decode(body), demoDir, embedDir);
    body = new TextEncoder().encode(page.html);
    if (page.styleHashes.length) csp = csp.replace("style-src 'self'", `style-src 'self' ${page.styleHashes.join(' ')}`);
  }
  const all: Record<string, string> = {
    'content-type': type,
    'content-length': String(body.length),
    'x-content-type-options': 'nosniff',
    ...headers,
  };
  if (type.startsWith('text/html')) {
    all['content-security-policy'] = csp;
    all['x-frame-options'] = 'SAMEORIGIN';
  }
  if (all['cache-control'] !== IMMUTABLE) {
    const etag = etagOf(body);
    all['etag'] = etag;
    const match = request.headers.get('if-none-match');
    if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      delete all['content-length'];
      return new Response(null, { status: 304, headers: all });
    }
  }
  return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers: all });
}

const notFound = (path: string): Response => problemResponse({ status: 404, code: 'not_found', detail: `Không có đường dẫn ${path}.` });

export async function serveStatic(request: Request, options: StaticOptions): Promise<Response> {
  const url = new URL(request.url);
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return notFound(url.pathname);
  }
  const segments = pathname.split('/').filter(Boolean);

  if (segments[0] === 'embed' && options.embedDir) {
    const [, version, ...rest] = segments;
    if (!version || rest.length === 0) return notFound(url.pathname);
    const folder = version === 'latest' ? latestEmbedVersion(options.embedDir) : version;
    if (!folder) return notFound(url.pathname);
    const path = safeJoin(options.embedDir, [folder, ...rest]);
    if (!path || !isFile(path)) return notFound(url.pathname);
    // A versioned folder never changes; under latest, the chunks carry their content hash in their name
    // (`chunks/format-DVcQazJc.js`), while the loader and the widget entry files keep their names and are revalidated.
    const immutable = (version !== 'latest' && /^\d+\.\d+\.\d+/.test(version)) || rest[0] === 'chunks';
    const headers = {
      'cache-control': immutable ? IMMUTABLE : rest.length === 1 ? REVALIDATE : 'public, max-age=300, must-revalidate',
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
    };
    // The build's Zopfli gzip of a script (`<file>.gz`, ~3% smaller than compressing on the fly) to a client that
    // prefers gzip, when it holds this script (a script rebuilt without it is compressed on the fly).
    if (path.endsWith('.js') && selectEncoding(request.headers.get('accept-encoding') ?? undefined) === 'gzip' && hasGzip(path))
      return fileResponse(request, `${path}.gz`, {
        ...headers,
        'content-type': CONTENT_TYPES['.js']!,
        'content-encoding': 'gzip',
        vary: 'accept-encoding',
      });
    return fileResponse(request, path, headers);
  }

  if (options.demoDir && existsSync(options.demoDir)) {
    // The demo site is also reachable under /demo/ (as the test runner's proxy and links from elsewhere use it).
    if (segments[0] === 'demo' && !isFile(join(options.demoDir, 'demo.html'))) segments.shift();
    const candidates: string[][] = [];
    if (segments.length === 0) candidates.push(['index.html']);
    else {
      candidates.push(segments);
      const last = segments[segments.length - 1] ?? '';
      if (!extname(last)) {
        candidates.push([...segments.slice(0, -1), `${last}.html`]);
        candidates.push([...segments, 'index.html']);
      }
    }
    for (const candidate of candidates) {
      const path = safeJoin(options.demoDir, candidate);
      if (path && isFile(path)) {
        const html = path.endsWith('.html');
        return fileResponse(
          request,
          path,
          { 'cache-control': html ? REVALIDATE : 'public, max-age=300' },
          options.demoDir,
          options.embedDir,
        );
      }
    }
    // A hashed asset name (`assets/site.<hash>.css`, as the pages reference them): immutable when the hash is the
    // file's; an older hash still gets today's file, revalidated.
    const last = segments[segments.length - 1] ?? '';
    const hashed = HASHED.exec(last);
    if (hashed) {
      const path = safeJoin(options.demoDir, [...segments.slice(0, -1), `${hashed[1]}${hashed[3]}`]);
      if (path && isFile(path)) {
        const fresh = contentHash(path) === hashed[2];
        return fileResponse(request, path, { 'cache-control': fresh ? IMMUTABLE : REVALIDATE });
      }
    }
  }
  return notFound(url.pathname);
}
