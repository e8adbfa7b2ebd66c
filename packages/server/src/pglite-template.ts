/**
 * A fresh PGlite data folder is made by `initdb`, which costs seconds of CPU (it measured 4–5× the CPU of opening an
 * existing folder on the project machine), and every new folder (the first start, each test database) paid it again.
 * The first fresh database of a PGlite version is therefore kept as a gzipped tarball (its `dumpDataDir()`, taken right
 * after initdb and the extensions, before any schema or data) in `node_modules/.cache/motcua-server/`, and later fresh
 * folders are loaded from it (`loadDataDir`) instead of running initdb again. `MOTCUA_PGLITE_TEMPLATE` names another
 * file; `MOTCUA_PGLITE_TEMPLATE=off` turns this off.
 *
 * The tarball only ever holds what initdb made plus the two extensions: a damaged or foreign one is ignored (the
 * folder is then made by initdb as before, and the tarball replaced).
 * @module
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** What the template holds besides initdb's output: it is part of the file name, so another set gets another file. */
export const TEMPLATE_EXTENSIONS = ['unaccent', 'pg_trgm'] as const;

/** The template file for the installed PGlite, or undefined when turned off or PGlite cannot be found. */
export function templatePath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.MOTCUA_PGLITE_TEMPLATE?.trim();
  if (configured === 'off' || configured === '0') return undefined;
  if (configured) return configured;
  try {
    // PGlite exports no package.json: find its folder from its entry point, then read its version.
    let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
    const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
    // <node_modules>/@electric-sql/pglite → <node_modules>/.cache/motcua-server/
    const nodeModules = dirname(dirname(dir));
    return join(nodeModules, '.cache', 'motcua-server', `pglite-${version}-${TEMPLATE_EXTENSIONS.join('-')}.tar.gz`);
  } catch {
    return undefined;
  }
}

/** The template's bytes as a Blob for `loadDataDir`, or undefined when there is none. */
export function readTemplate(path: string | undefined): Blob | undefined {
  if (!path || !existsSync(path)) return undefined;
  try {
    return new Blob([readFileSync(path)]);
  } catch {
    return undefined;
  }
}

/** Writes the template atomically (a reader never sees half a file); failures are ignored (it is only a cache). */
export function writeTemplate(path: string | undefined, bytes: ArrayBuffer): void {
  if (!path) return;
  const partial = `${path}.${process.pid}.partial`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(partial, new Uint8Array(bytes));
    renameSync(partial, path);
  } catch {
    rmSync(partial, { force: true });
  }
}

/** Removes a template that could not be loaded, so that the next fresh folder makes a new one. */
export function dropTemplate(path: string | undefined): void {
  if (path) rmSync(path, { force: true });
}

/** A NUL-terminated field of a tar header. */
const field = (header: Buffer, at: number, length: number): string => {
  const bytes = header.subarray(at, at + length);
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? length : end).toString('utf8');
};

/**
 * Writes the template's files into the new data folder `folder` with Node's own gunzip and file writes. PGlite's
 * `loadDataDir` does the same through its WebAssembly file system, which cost about a second of CPU more than opening
 * the folder afterwards. The tarball is the ustar `dumpDataDir()` writes (files and folders, paths from the data
 * folder's root); anything else in it (a link, a path leaving the folder, a size past its end) throws, and nothing
 * of the lock file it may carry is written. Returns the number of files written.
 */
export function extractTemplate(path: string, folder: string, skip: readonly string[] = []): number {
  const tar = gunzipSync(readFileSync(path));
  let files = 0;
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    if (field(header, 257, 6) !== 'ustar') throw new Error('not a ustar tarball');
    const prefix = field(header, 345, 155);
    const name = `${prefix ? `${prefix}/` : ''}${field(header, 0, 100)}`.replace(/^\/+/, '').replace(/\/+$/, '');
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const start = at + 512;
    if (!Number.isSafeInteger(size) || size < 0 || start + size > tar.length) throw new Error(`bad size for ${name}`);
    if (name.split('/').some((part) => part === '..' || part === '')) {
      if (name !== '') throw new Error(`path outside the data folder: ${name}`);
    } else if (type === '5') mkdirSync(join(folder, name), { recursive: true });
    else if (type === '0' || type === '\0') {
      if (!skip.includes(name)) {
        mkdirSync(dirname(join(folder, name)), { recursive: true });
        writeFileSync(join(folder, name), tar.subarray(start, start + size));
        files++;
      }
    } else throw new Error(`unexpected entry type ${JSON.stringify(type)} for ${name}`);
    at = start + Math.ceil(size / 512) * 512;
  }
  if (files === 0) throw new Error('empty tarball');
  return files;
}
