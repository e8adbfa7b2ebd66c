// Browser builds (`npx rollup -c`):
//  1. npm ESM builds of @motcua/sdk and @motcua/elements into their dist/ folders: one file per source module
//     (preserveModules), bare imports kept external, `.d.ts` from each package's tsconfig.build.json.
//  2. The embed CDN build into packages/embed/dist/<version>/: the autoloader `motcua.js` plus one entry per component
//     (`components/<name>.js`), with lit, @lit/context, the SDK and zod bundled from source into shared chunks, minified.
// `MOTCUA_BUILD=embed` builds only the embed, `MOTCUA_BUILD=sdk,elements` only those (scripts/size.mjs uses
// `embedConfig()` directly).
import { readFileSync, readdirSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { transform } from 'esbuild';
import { gzipAsync } from '@gfx/zopfli';

const root = dirname(fileURLToPath(import.meta.url));
const at = (...parts) => join(root, ...parts);

/** Component folders of @motcua/elements that have a define file `<name>/<name>.ts`. */
export function componentNames() {
  const dir = at('packages/elements/src/components');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, `${d.name}.ts`)))
    .map((d) => d.name)
    .sort();
}

export function embedVersion() {
  return JSON.parse(readFileSync(at('packages/embed/package.json'), 'utf8')).version;
}

const isBare = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !/^[A-Za-z]:/.test(id);

/** Transpiles TypeScript with esbuild (fast, no type check: `tsc` checks types in `npm test`). */
function esbuildTs() {
  return {
    name: 'motcua-esbuild-ts',
    async resolveId(source, importer) {
      // `./x.js` specifiers point at `./x.ts` sources.
      if (importer && source.startsWith('.') && source.endsWith('.js')) {
        const candidate = join(dirname(importer), source.replace(/\.js$/, '.ts'));
        if (existsSync(candidate)) return candidate;
      }
      return null;
    },
    async transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      const result = await transform(code, {
        loader: 'ts',
        target: 'es2022',
        sourcemap: true,
        sourcefile: id,
        tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false, verbatimModuleSyntax: true } },
      });
      return { code: result.code, map: result.map };
    },
  };
}

const VLQ = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function vlq(value) {
  let v = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = '';
  do {
    const digit = v & 31;
    v >>>= 5;
    out += VLQ[v ? digit | 32 : digit];
  } while (v);
  return out;
}

/**
 * Applies `edits` (sorted, non-overlapping `[start, end, replacement]`) to `code` and returns the new code with a
 * source map back to `code`: a segment at every token outside the edits (so rollup's chain of maps stays exact there)
 * and one at the start of each replacement.
 */
export function applyEdits(code, edits, source) {
  const lineStarts = [0];
  for (let i = code.indexOf('\n'); i >= 0; i = code.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const where = (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo, offset - lineStarts[lo]];
  };
  let out = '';
  let mappings = '';
  let column = 0;
  let lineHasSegment = false;
  const last = { column: 0, line: 0, col: 0 };
  const mark = (offset) => {
    const [line, col] = where(offset);
    mappings += `${lineHasSegment ? ',' : ''}${vlq(column - last.column)}A${vlq(line - last.line)}${vlq(col - last.col)}`;
    Object.assign(last, { column, line, col });
    lineHasSegment = true;
  };
  const emit = (text, mapFrom) => {
    // mapFrom: the offset in `code` that `text` starts at when copied unchanged, else undefined (a replacement).
    const tokens = /[\w$]+|\n|[^\w$\s]|[ \t\r]+/g;
    for (let m = tokens.exec(text); m; m = tokens.exec(text)) {
      if (m[0] === '\n') {
        out += '\n';
        mappings += ';';
        column = 0;
        last.column = 0;
        lineHasSegment = false;
        continue;
      }
      if (mapFrom !== undefined && !/^\s/.test(m[0])) mark(mapFrom + m.index);
      out += m[0];
      column += m[0].length;
    }
  };
  let at = 0;
  for (const [start, end, replacement] of edits) {
    emit(code.slice(at, start), at);
    if (replacement) mark(start);
    emit(replacement, undefined);
    at = end;
  }
  emit(code.slice(at), at);
  return { code: out, map: { version: 3, sources: [source], names: [], mappings } };
}

/** Minifies the text of a `css` template: comments and whitespace that CSS does not need (never inside strings). */
export function minifyCss(text) {
  return text
    .split(/("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/)
    .map((part, i) =>
      i % 2
        ? part
        : part
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,>]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}'),
    )
    .join('');
}

/** Minifies the text of an `html` or `svg` template: the indentation after each line break (the break stays). */
export function minifyMarkup(text) {
  return text.replace(/[ \t]*\n\s*/g, '\n');
}

/**
 * Minifies the static text of Lit's `html`, `svg` and `css` templates in the components (terser keeps template text
 * as written: indentation, line breaks, CSS formatting), so the browser downloads less and parses fewer text nodes.
 */
function minifyTemplates() {
  const minifiers = { html: minifyMarkup, svg: minifyMarkup, css: minifyCss };
  return {
    name: 'motcua-minify-templates',
    transform(code, id) {
      if (!/[\\/]packages[\\/]elements[\\/]src[\\/]/.test(id) || !/\b(?:html|svg|css)`/.test(code)) return null;
      const edits = [];
      const visit = (node) => {
        if (Array.isArray(node)) return node.forEach(visit);
        if (!node || typeof node.type !== 'string') return;
        const minify = node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && minifiers[node.tag.name];
        if (minify) {
          const { quasis } = node.quasi;
          for (const quasi of quasis) {
            const raw = code.slice(quasi.start, quasi.end);
            let min = minify(raw);
            // A stylesheet's leading and trailing white space.
            if (minify === minifyCss && quasi === quasis[0]) min = min.trimStart();
            if (minify === minifyCss && quasi === quasis.at(-1)) min = min.trimEnd();
            if (min !== raw) edits.push([quasi.start, quasi.end, min]);
          }
        }
        for (const key in node) if (key !== 'type' && node[key] && typeof node[key] === 'object') visit(node[key]);
      };
      visit(this.parse(code));
      if (!edits.length) return null;
      edits.sort((a, b) => a[0] - b[0]);
      return applyEdits(code, edits, id);
    },
  };
}

/**
 * Modules that a widget imports dynamically at its first render, always: the loader fetches their chunks together with
 * the widget's (one round trip less, ≥ 400 ms on slow 3G), and `scripts/size.mjs` counts them on the widget's page.
 * The statistics widget asks for figures as soon as it connects, and the client loads the statistics schemas on demand;
 * the lookup and the QR sheet ask for the catalog, the QR card for its procedure: the client loads the procedure schemas
 * on demand (the other widgets never need them), and the catalog calls (with their caches) for a catalog.
 */
const PROCEDURE_SCHEMAS = 'packages/sdk/src/schemas/procedure-on-demand.ts';
const CATALOG_CALLS = 'packages/sdk/src/catalog-calls.ts';
export const FIRST_RENDER_IMPORTS = {
  'service-stats': ['packages/sdk/src/schemas/stats-on-demand.ts'],
  'procedure-lookup': [PROCEDURE_SCHEMAS, CATALOG_CALLS],
  'qr-card': [PROCEDURE_SCHEMAS],
  'qr-sheet': [PROCEDURE_SCHEMAS, CATALOG_CALLS],
};

/**
 * The chunk files (each with its static imports) that hold a widget's {@link FIRST_RENDER_IMPORTS}, given the chunks of
 * a build as `{ fileName: { imports, modules } }`.
 */
export function firstRenderChunks(name, chunks) {
  const files = new Set();
  const add = (file) => {
    if (files.has(file) || !chunks[file]) return;
    files.add(file);
    for (const dep of chunks[file].imports) add(dep);
  };
  for (const module of FIRST_RENDER_IMPORTS[name] ?? []) {
    const id = at(module);
    const file = Object.keys(chunks).find((f) => chunks[f].modules && id in chunks[f].modules);
    if (!file) throw new Error(`${module}, imported at the first render of <motcua-${name}>, is in no chunk`);
    add(file);
  }
  return files;
}

/**
 * Puts into the autoloader the list of components and, once the chunk graph is known, each component's shared chunks
 * (its static imports, transitively), so the loader can fetch them in parallel with the component's own chunk instead
 * of discovering them one round trip later (each round trip is ≥ 400 ms on a slow 3G link). The terms of a language
 * that load on first use (`x.strings.en.ts`, imported dynamically by those chunks) are listed as `"<file> en"`: the
 * loader fetches them up front on a page in that language. So are the chunks of {@link FIRST_RENDER_IMPORTS}.
 */
function componentList(names) {
  const loaderId = join('packages', 'embed', 'src', 'motcua.ts');
  const placeholder = '__MOTCUA_PRELOAD_DATA__';
  return {
    name: 'motcua-component-list',
    transform(code, id) {
      if (!id.endsWith(loaderId)) return null;
      const replaced = code.replace(/typeof __MOTCUA_PRELOAD__ !== 'undefined'\s*\?\s*__MOTCUA_PRELOAD__/, `true ? ${placeholder}`);
      if (replaced === code) this.error('the autoloader lost its __MOTCUA_PRELOAD__ placeholder');
      return { code: replaced, map: null };
    },
    generateBundle(_options, bundle) {
      const loader = bundle['motcua.js'];
      if (!loader || loader.type !== 'chunk') return;
      const staticDeps = (file, seen = new Set()) => {
        for (const dep of bundle[file]?.imports ?? []) if (!seen.has(dep)) staticDeps(dep, seen.add(dep));
        return seen;
      };
      const loaderDeps = staticDeps('motcua.js');
      const preload = {};
      for (const name of names) {
        const entry = `components/${name}.js`;
        if (!bundle[entry]) {
          preload[name] = [];
          continue;
        }
        const chunks = [...staticDeps(entry)].filter((dep) => !loaderDeps.has(dep));
        const terms = [entry, ...chunks]
          .flatMap((file) => bundle[file].dynamicImports)
          .map((file) => [file, /\.([a-z]{2,3})\.ts$/.exec(bundle[file]?.facadeModuleId ?? '')?.[1]])
          .filter(([, lang]) => lang)
          .map(([file, lang]) => `${file} ${lang}`);
        const firstRender = [...firstRenderChunks(name, bundle)].filter((dep) => !loaderDeps.has(dep) && !chunks.includes(dep));
        preload[name] = [...chunks, ...firstRender, ...terms];
      }
      // A JSON object is a JavaScript expression: it replaces the placeholder identifier, which terser leaves as is.
      if (loader.code.split(placeholder).length !== 2) this.error('the autoloader should name its preload placeholder once');
      loader.code = loader.code.replace(placeholder, JSON.stringify(preload));
    },
  };
}

/** Removes the previous build of this version first, so stale chunks never linger. */
function clean(dir) {
  return {
    name: 'motcua-clean',
    buildStart() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes `dist/motcua.js`, a one-line module re-exporting `dist/<version>/motcua.js`, so the package's `exports` resolve. */
function packageEntry(version) {
  return {
    name: 'motcua-embed-entry',
    writeBundle() {
      writeFileSync(
        at('packages/embed/dist/motcua.js'),
        `// @motcua/embed: the autoloader of this version (it starts on import) and its exports.\nexport * from './${version}/motcua.js';\n`,
      );
    },
  };
}

/**
 * Writes `<file>.gz` beside each script: gzip made with Zopfli, ~3% smaller than zlib's best level (the page with one
 * widget: ~1 KB less on the wire; the server sends this file to a client that accepts gzip, `packages/server/src/static.ts`).
 * Zopfli is slow (~40 s for the whole build), so only for the minified build.
 */
function precompress(dir) {
  return {
    name: 'motcua-precompress',
    async writeBundle(_options, bundle) {
      // `npm start` builds without it (MOTCUA_PRECOMPRESS=0): a newcomer's first start is not kept waiting, and the
      // server compresses on the fly where no `.gz` is.
      if (process.env.MOTCUA_PRECOMPRESS === '0') return;
      // The files as written (with their source-map comment), so each `.gz` holds exactly the bytes of its script.
      for (const file of Object.keys(bundle).filter((name) => name.endsWith('.js')))
        writeFileSync(join(dir, `${file}.gz`), await gzipAsync(readFileSync(join(dir, file)), { numiterations: 15 }));
    },
  };
}

/** The embed CDN build. */
export function embedConfig({ minify = true } = {}) {
  const names = componentNames();
  const outDir = at('packages/embed/dist', embedVersion());
  const input = { motcua: at('packages/embed/src/motcua.ts') };
  for (const name of names) {
    input[`components/${name}`] = at('packages/elements/src/components', name, `${name}.ts`);
    // A component's terms in a language that loads on first use keep a fixed name, like the component's own file
    // (the version folder is what caches them), so the loader's table names them in few bytes.
    const en = at('packages/elements/src/components', name, `${name}.strings.en.ts`);
    if (existsSync(en)) input[`components/${name}.en`] = en;
  }
  return {
    input,
    // A component's lazy chunks may import what its entry chunk already holds (e.g. the lookup's server-side search
    // uses the lookup's search index) instead of rollup splitting the entry into a facade and one more chunk.
    preserveEntrySignatures: 'allow-extension',
    // The SDK's schema modules only define schemas: importing one for a constant (the kiosk imports `CRITERIA` through
    // `@motcua/sdk/schemas`) must not tie every schema module to that chunk, which split the on-demand schema chunks
    // into more, smaller files, differently from one build to the next.
    treeshake: { moduleSideEffects: (id) => !/[\\/]packages[\\/]sdk[\\/]src[\\/]schemas[\\/]/.test(id) },
    plugins: [
      clean(outDir),
      packageEntry(embedVersion()),
      componentList(names),
      esbuildTs(),
      minifyTemplates(),
      nodeResolve({ exportConditions: ['motcua-source', 'browser', 'module', 'import', 'default'], extensions: ['.ts', '.mjs', '.js'] }),
      minify && terser({ ecma: 2022, module: true, compress: { passes: 1 }, format: { comments: false } }),
      minify && precompress(outDir),
    ].filter(Boolean),
    onwarn(warning, warn) {
      if (['THIS_IS_UNDEFINED', 'CIRCULAR_DEPENDENCY', 'INVALID_ANNOTATION'].includes(warning.code)) return;
      warn(warning);
    },
    output: {
      dir: outDir,
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
      generatedCode: 'es2015',
    },
  };
}

/** An npm ESM build of one workspace package: preserved modules, bare imports external, declarations. */
function packageConfig(pkg, inputs) {
  const dir = at('packages', pkg);
  return {
    input: inputs.map((p) => join(dir, 'src', p)),
    external: (id) => isBare(id) && id !== 'tslib',
    plugins: [
      clean(join(dir, 'dist')),
      typescript({
        tsconfig: join(dir, 'tsconfig.build.json'),
        outDir: join(dir, 'dist'),
        declarationDir: join(dir, 'dist'),
        rootDir: join(dir, 'src'),
        module: 'esnext',
        moduleResolution: 'bundler',
        declaration: true,
        declarationMap: true,
        sourceMap: true,
        noEmitOnError: false,
        outputToFilesystem: true,
      }),
    ],
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY') return;
      warn(warning);
    },
    output: {
      dir: join(dir, 'dist'),
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: join(dir, 'src'),
      // npm never packs folders named node_modules: bundled helpers (tslib) go to vendor/.
      entryFileNames: (chunk) => `${chunk.name.replace(/^(?:.*\/)?node_modules\//, 'vendor/')}.js`,
      sourcemap: true,
    },
  };
}

/** The SDK's entry points are the `motcua-source` targets of its package `exports`, so the two cannot drift apart. */
function sdkConfig() {
  const { exports } = JSON.parse(readFileSync(at('packages/sdk/package.json'), 'utf8'));
  const inputs = Object.values(exports)
    .map((target) => (typeof target === 'object' ? target['motcua-source'] : undefined))
    .filter((source) => typeof source === 'string')
    .map((source) => source.replace(/^\.\/src\//, ''));
  return packageConfig('sdk', inputs);
}

function elementsConfig() {
  const inputs = ['index.ts', 'all.ts'];
  for (const name of componentNames()) inputs.push(`components/${name}/${name}.ts`, `components/${name}/${name}.component.ts`);
  // React wrappers (src/react/, generated from the manifest by scripts/cem-plugins.mjs).
  inputs.push('react/index.ts', ...componentNames().map((name) => `react/${name}.ts`));
  // Language packs a host page registers (src/languages/).
  inputs.push('languages/hmn.ts');
  return packageConfig(
    'elements',
    inputs.filter((p) => existsSync(at('packages/elements/src', p))),
  );
}

// MOTCUA_BUILD: a comma-separated list of `sdk`, `elements`, `embed` (`npm` = sdk and elements); unset = all.
const only = process.env.MOTCUA_BUILD
  ? new Set(process.env.MOTCUA_BUILD.split(',').flatMap((p) => (p === 'npm' ? ['sdk', 'elements'] : [p])))
  : undefined;
const configs = [];
if (!only || only.has('sdk')) configs.push(sdkConfig());
if (!only || only.has('elements')) configs.push(elementsConfig());
if (!only || only.has('embed')) configs.push(embedConfig());
export default configs;
