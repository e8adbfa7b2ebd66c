#!/usr/bin/env node
// Browser cost of @motcua/sdk for an npm user: bundled with rollup (node-resolve, browser conditions) and minified with
// terser, then gzipped (level 9). Sources are TypeScript, stripped of types by esbuild inside rollup; rollup does the
// bundling and tree-shaking. `measureSdkSize()` returns the figures (tests/bench/run.mjs calls it); goal ≤ 15 KB.
//   node tests/bench/sdk-size.mjs
import { existsSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { rollup } from 'rollup';
import nodeResolve from '@rollup/plugin-node-resolve';
import { minify } from 'terser';
import { transform } from 'esbuild';

const sdk = fileURLToPath(new URL('../../packages/sdk/src/', import.meta.url));

/** What a page imports in each scenario. */
export const ENTRIES = {
  'everything (client + schemas + errors + dossier code + text)': `export * from '${sdk}index.ts'; export * from '${sdk}text/index.ts';`,
  'client only (createClient + errors)': `export { createClient, MotcuaError } from '${sdk}index.ts';`,
  'client + storage cache (what the embed imports)': `export { createClient, createStorageCache } from '${sdk}index.ts';`,
  'text only (foldVietnamese + createSearchIndex)': `export * from '${sdk}text/index.ts';`,
  'dossier code + schemas, no client': `export { parseDossierCode, DossierStatus, Rating } from '${sdk}index.ts';`,
  'every schema alone (zod/mini floor)': `export * from '${sdk}schemas/index.ts';`,
};

/** Rollup plugin: resolves `./x.js` to `./x.ts` in the sources and strips TypeScript types with esbuild. */
function typescript() {
  return {
    name: 'motcua-ts',
    resolveId(source, importer) {
      if (source === 'entry') return source;
      if (importer && source.startsWith('.') && source.endsWith('.js')) {
        const ts = resolvePath(dirname(importer), source.replace(/\.js$/, '.ts'));
        if (existsSync(ts)) return ts;
      }
      return null;
    },
    async transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      const result = await transform(code, { loader: 'ts', format: 'esm', target: 'es2022', sourcefile: id });
      return { code: result.code, map: null };
    },
  };
}

/**
 * Rollup output plugin: terser in this thread. (@rollup/plugin-terser minifies in worker threads that inherit the
 * process's Node flags, and the bench runner's `node --input-type=module -e` makes those workers fail to start.)
 */
function terserInline(options) {
  return {
    name: 'terser-inline',
    async renderChunk(code) {
      const result = await minify(code, options);
      return { code: result.code ?? '', map: null };
    },
  };
}

async function measure(entry) {
  const bundle = await rollup({
    input: 'entry',
    plugins: [
      { name: 'entry', resolveId: (id) => (id === 'entry' ? id : null), load: (id) => (id === 'entry' ? entry : null) },
      typescript(),
      nodeResolve({ browser: true, exportConditions: ['browser', 'import', 'default'], extensions: ['.ts', '.mjs', '.js'] }),
    ],
    treeshake: { moduleSideEffects: false },
    onwarn: () => {},
  });
  const { output } = await bundle.generate({
    format: 'esm',
    plugins: [terserInline({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } })],
  });
  await bundle.close();
  // The client loads some schemas on first use (dynamic import → separate chunks): the headline figures are what a page
  // loads up front (the entry and the chunks it imports statically); `lazy*` adds the chunks loaded on use.
  const chunks = new Map(output.filter((o) => o.type === 'chunk').map((c) => [c.fileName, c]));
  const closure = (dynamic) => {
    const seen = new Set();
    const walk = (file) => {
      if (seen.has(file) || !chunks.has(file)) return;
      seen.add(file);
      for (const f of chunks.get(file).imports) walk(f);
      if (dynamic) for (const f of chunks.get(file).dynamicImports) walk(f);
    };
    walk(output[0].fileName);
    return [...seen].map((f) => chunks.get(f).code);
  };
  const size = (codes) => ({
    minBytes: codes.reduce((n, c) => n + Buffer.byteLength(c), 0),
    gzipBytes: codes.reduce((n, c) => n + gzipSync(c, { level: 9 }).length, 0),
    brotliBytes: codes.reduce((n, c) => n + brotliCompressSync(c).length, 0),
  });
  const upFront = size(closure(false));
  const all = size(closure(true));
  return { ...upFront, lazyGzipBytes: all.gzipBytes - upFront.gzipBytes };
}

/** Returns min and min+gz sizes (bytes and KB) of the SDK in each scenario; `sdkGzipKb` is the headline figure. */
export async function measureSdkSize() {
  const scenarios = [];
  for (const [name, entry] of Object.entries(ENTRIES)) {
    const size = await measure(entry);
    scenarios.push({
      name,
      minKb: round(size.minBytes / 1024),
      gzipKb: round(size.gzipBytes / 1024),
      brotliKb: round(size.brotliBytes / 1024),
      lazyGzipKb: round(size.lazyGzipBytes / 1024),
    });
  }
  return { sdkGzipKb: scenarios[0].gzipKb, goalKb: 15, scenarios };
}

const round = (n) => Math.round(n * 100) / 100;

export default measureSdkSize;

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await measureSdkSize();
  console.log('@motcua/sdk, rollup + terser (min), gzip -9 / brotli:');
  for (const s of figures.scenarios)
    console.log(
      `  ${s.name.padEnd(62)} ${String(s.minKb).padStart(7)} KB min  ${String(s.gzipKb).padStart(6)} KB gz  ${String(s.brotliKb).padStart(6)} KB br${s.lazyGzipKb ? `  (+ ${s.lazyGzipKb} KB gz loaded on use)` : ''}`,
    );
  console.log(`SDK (everything): ${figures.sdkGzipKb} KB min+gz — goal ≤ ${figures.goalKb} KB`);
}
