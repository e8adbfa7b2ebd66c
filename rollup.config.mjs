// Browser builds (`npx rollup -c`):
//  1. npm ESM builds of @motcua/sdk and @motcua/elements into their dist/ folders: one file per source module
//     (preserveModules), bare imports kept external, `.d.ts` from each package's tsconfig.build.json.
//  2. The embed CDN build into packages/embed/dist/<version>/: the autoloader `motcua.js` plus one entry per component
//     (`components/<name>.js`), with lit, @lit/context, the SDK and zod bundled from source into shared chunks, minified.
// `MOTCUA_BUILD=embed` builds only the embed (scripts/size.mjs uses `embedConfig()` directly).
import { readFileSync, readdirSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { transform } from 'esbuild';

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

/**
 * Puts the list of components into the autoloader and, once the chunk graph is known, each component's shared chunks
 * (its static imports, transitively), so the loader can fetch them in parallel with the component's own chunk instead
 * of discovering them one round trip later (each round trip is ≥ 400 ms on a slow 3G link).
 */
function componentList(names) {
  const loaderId = join('packages', 'embed', 'src', 'motcua.ts');
  return {
    name: 'motcua-component-list',
    transform(code, id) {
      if (!id.endsWith(loaderId)) return null;
      return {
        code: code
          .replace(/typeof __MOTCUA_COMPONENTS__ !== 'undefined'\s*\?\s*__MOTCUA_COMPONENTS__/, `true ? ${JSON.stringify(names)}`)
          .replace(/typeof __MOTCUA_PRELOAD__ !== 'undefined'\s*\?\s*__MOTCUA_PRELOAD__/, `true ? JSON.parse('__MOTCUA_PRELOAD_JSON__')`),
        map: null,
      };
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
        if (bundle[entry]) preload[name] = [...staticDeps(entry)].filter((dep) => !loaderDeps.has(dep));
      }
      const text = JSON.stringify(JSON.stringify(preload)).slice(1, -1).replace(/'/g, "\\'");
      if (!loader.code.includes('__MOTCUA_PRELOAD_JSON__')) this.error('the autoloader lost its preload placeholder');
      loader.code = loader.code.replace('__MOTCUA_PRELOAD_JSON__', text);
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

/** Writes `dist/motcua.js`, a one-line module importing `dist/<version>/motcua.js`, so the package's `exports` resolve. */
function packageEntry(version) {
  return {
    name: 'motcua-embed-entry',
    writeBundle() {
      writeFileSync(
        at('packages/embed/dist/motcua.js'),
        `// @motcua/embed: the autoloader of this version.\nimport './${version}/motcua.js';\n`,
      );
    },
  };
}

/** The embed CDN build. */
export function embedConfig({ minify = true } = {}) {
  const names = componentNames();
  const outDir = at('packages/embed/dist', embedVersion());
  const input = { motcua: at('packages/embed/src/motcua.ts') };
  for (const name of names) input[`components/${name}`] = at('packages/elements/src/components', name, `${name}.ts`);
  return {
    input,
    preserveEntrySignatures: 'exports-only',
    plugins: [
      clean(outDir),
      packageEntry(embedVersion()),
      componentList(names),
      esbuildTs(),
      nodeResolve({ exportConditions: ['motcua-source', 'browser', 'module', 'import', 'default'], extensions: ['.ts', '.mjs', '.js'] }),
      minify && terser({ ecma: 2022, module: true, compress: { passes: 1 }, format: { comments: false } }),
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
  const inputs = ['index.ts'];
  for (const name of componentNames()) inputs.push(`components/${name}/${name}.ts`, `components/${name}/${name}.component.ts`);
  return packageConfig(
    'elements',
    inputs.filter((p) => existsSync(at('packages/elements/src', p))),
  );
}

const only = process.env.MOTCUA_BUILD;
const configs = [];
if (!only || only === 'npm') configs.push(sdkConfig(), elementsConfig());
if (!only || only === 'embed') configs.push(embedConfig());
export default configs;
