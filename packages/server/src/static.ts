/**
 * Static files: the demo commune website (`docs/demo/`) at `/` with clean URLs, and the embed build at
 * `/embed/<version>/…` (and `/embed/latest/…`) from `packages/embed/dist/<version>/`.
 * @module
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { problemResponse } from './problem.js';

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

async function fileResponse(request: Request, path: string, headers: Record<string, string>): Promise<Response> {
  const body = await readFile(path);
  const type = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  const all: Record<string, string> = {
    'content-type': type,
    'content-length': String(body.length),
    'x-content-type-options': 'nosniff',
    ...headers,
  };
  if (type.startsWith('text/html')) {
    all['content-security-policy'] = DEMO_CSP;
    all['x-frame-options'] = 'SAMEORIGIN';
  }
  return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: all });
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
    const immutable = version !== 'latest' && /^\d+\.\d+\.\d+/.test(version);
    return fileResponse(request, path, {
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300, must-revalidate',
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
    });
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
        return fileResponse(request, path, { 'cache-control': html ? 'no-cache' : 'public, max-age=300' });
      }
    }
  }
  return notFound(url.pathname);
}
