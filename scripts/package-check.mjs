#!/usr/bin/env node
// Package checks (a step of `npm test`): the four packages as a developer installs them from npm.
//  1. Build, and `npm pack` each package into a temporary folder (each package's `prepack` builds that package).
//  2. publint on each tarball: 0 errors, 0 warnings (suggestions are printed).
//  3. @arethetypeswrong/cli on each tarball, profile `esm-only`: the packages are ESM only (`"type": "module"`, no
//     `require` condition), so a CommonJS `require()` of them is not a supported use; every ESM resolution
//     (node16-ESM and bundler) must find the types.
//  4. A consumer project (tests/consumer, copied to the temporary folder) installs the four tarballs and:
//     loads every import statement of README.md, docs/*.md and packages/*/README.md in Node, starts the server from its
//     tarball (demo site at `/`, embed build at `/embed/latest/`), builds a Vite app importing the widgets, bundles a
//     root-only import to prove the root registers nothing, and type-checks with `moduleResolution` bundler and node16;
//     then a React app (tests/consumer/react, with every React snippet of the docs as written) is type-checked,
//     built with Vite and @vitejs/plugin-react, rendered with react-dom/server in Node and hydrated in Chromium.
// Prints one line per check and "N passed, N failed"; exits 1 when a check fails.
// `--keep` leaves the temporary folder for inspection; `--no-build` packs the current builds (while developing).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const PACKAGES = ['sdk', 'elements', 'embed', 'server'];
const keep = process.argv.includes('--keep');
const work = mkdtempSync(join(tmpdir(), 'motcua-package-check-'));
const tarballs = join(work, 'tarballs');
const consumer = join(work, 'consumer');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const started = performance.now();

const results = { passed: 0, failed: 0 };
let last = performance.now();
function check(label, ok, detail = '') {
  if (ok) results.passed++;
  else results.failed++;
  const seconds = ((performance.now() - last) / 1000).toFixed(1);
  last = performance.now();
  console.log(
    `${ok ? '  ok  ' : '  FAIL'} ${label} (${seconds} s)${!ok && detail ? `\n${detail.trimEnd().replace(/^/gm, '       ')}` : ''}`,
  );
  return ok;
}

function sh(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...options,
    env: { ...process.env, ...options.env },
  });
  return { ok: result.status === 0, out: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/** The READMEs and docs a developer reads. */
function docFiles() {
  const files = [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((n) => n.endsWith('.md'))
      .map((n) => `docs/${n}`),
  ];
  for (const p of PACKAGES) if (existsSync(join(root, 'packages', p, 'README.md'))) files.push(`packages/${p}/README.md`);
  return files;
}

/** Every ```tsx block of the READMEs and docs (the React snippets), with where it is. */
function tsxSnippets() {
  const found = [];
  for (const file of docFiles()) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const m of text.matchAll(/^```tsx\n([\s\S]*?)^```/gm))
      found.push({ code: m[1], where: `${file}:${text.slice(0, m.index).split('\n').length + 1}` });
  }
  return found;
}

/** Every `import … from '@motcua/…'` / `import '@motcua/…'` in the docs' code, with the names it imports. */
function documentedImports() {
  const found = [];
  for (const file of docFiles()) {
    const text = readFileSync(join(root, file), 'utf8');
    const statement = /^\s*import\s+(?:(type\s+)?(?:\{([^}]*)\}|\*\s+as\s+\w+|\w+)\s+from\s+)?'(@motcua\/[^']+)';?/gm;
    for (const m of text.matchAll(statement)) {
      const names = (m[2] ?? '')
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n && !n.startsWith('type '))
        .map((n) => n.split(/\s+as\s+/)[0]);
      const line = text.slice(0, m.index).split('\n').length + (m[0].startsWith('\n') ? 1 : 0);
      found.push({ spec: m[3], names: m[1] ? [] : names, where: `${file}:${line}` });
    }
  }
  return found;
}

console.log(`package checks in ${work}`);

// 1. Build once (what each package's `prepack` runs for that package alone: four separate builds would take twice as
// long), then pack.
mkdirSync(tarballs);
const build = process.argv.includes('--no-build') ? { ok: true, out: '' } : sh(process.execPath, ['scripts/build.mjs']);
check(process.argv.includes('--no-build') ? 'build skipped (--no-build)' : 'build (scripts/build.mjs)', build.ok, build.out.slice(-3000));
const packed = {};
for (const name of PACKAGES) {
  const { scripts = {} } = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));
  const prepack = `node ../../scripts/build.mjs ${name}`;
  const r = sh('npm', ['pack', '--ignore-scripts', '--workspace', `packages/${name}`, '--pack-destination', tarballs, '--loglevel=error']);
  const file = readdirSync(tarballs).find((f) => f.startsWith(`motcua-${name}-`) && f.endsWith('.tgz'));
  const ok = check(
    `npm pack @motcua/${name} (its prepack runs \`${prepack}\`)`,
    build.ok && r.ok && file !== undefined && scripts.prepack === prepack,
    `${r.out.slice(-3000)}\nprepack: ${JSON.stringify(scripts.prepack)}`,
  );
  if (ok) packed[name] = join(tarballs, file);
}

// 2. publint and 3. attw on each tarball.
const { publint } = await import('publint');
const { formatMessage } = await import('publint/utils');
for (const [name, tarball] of Object.entries(packed)) {
  const data = readFileSync(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
    level: 'suggestion',
  });
  const serious = messages.filter((m) => m.type !== 'suggestion');
  for (const m of messages.filter((m) => m.type === 'suggestion'))
    console.log(`       publint suggestion (@motcua/${name}): ${formatMessage(m, pkg, { color: false })}`);
  check(
    `publint @motcua/${name}: 0 errors, 0 warnings`,
    serious.length === 0,
    serious.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false })}`).join('\n'),
  );
  // A stylesheet has no types: TypeScript never resolves `import '@motcua/elements/theme.css'` (a side-effect import).
  const exclude = name === 'elements' ? ['--exclude-entrypoints', './theme.css'] : [];
  const attw = sh(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-emoji', '--no-color', ...exclude]);
  check(`attw @motcua/${name} (esm-only profile)`, attw.ok, attw.out.slice(-4000));
}

// 4. The consumer project.
if (Object.keys(packed).length === PACKAGES.length) {
  cpSync(join(root, 'tests/consumer'), consumer, {
    recursive: true,
    filter: (src) => !/[\\/](node_modules|dist|ssr)$/.test(src),
  });
  // The consumer installs the Vite this repository builds with (and its pinned rollup), for @vitejs/plugin-react's peer.
  const consumerPackage = JSON.parse(readFileSync(join(consumer, 'package.json'), 'utf8'));
  const versionOf = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  consumerPackage.devDependencies.vite = versionOf('vite');
  consumerPackage.overrides = { ...consumerPackage.overrides, rollup: versionOf('rollup') };
  writeFileSync(join(consumer, 'package.json'), JSON.stringify(consumerPackage, null, 2));
  // The docs' React snippets (```tsx blocks), as written, are modules of the React app: react/src/ssr.tsx renders every
  // component they export.
  const snippets = tsxSnippets();
  snippets.forEach(({ code, where }, i) =>
    writeFileSync(
      join(consumer, 'react', 'src', `snippet-${i}.tsx`),
      `// Copied by scripts/package-check.mjs from ${where}, as written.\n${code}`,
    ),
  );
  writeFileSync(
    join(consumer, 'react', 'src', 'snippets.ts'),
    [
      '// Generated by scripts/package-check.mjs: the React snippets of the docs.',
      ...snippets.map((_, i) => `import * as snippet${i} from './snippet-${i}.js';`),
      `export const snippets = [${snippets.map(({ where }, i) => `{ where: ${JSON.stringify(where)}, module: snippet${i} }`).join(', ')}];`,
      '',
    ].join('\n'),
  );
  const documented = documentedImports();
  writeFileSync(join(consumer, 'documented.json'), JSON.stringify(documented, null, 2));
  // The statements as a module: each name under its own alias (two docs may import the same name), all of them used.
  const asModule = (entries) => {
    const lines = ['// Generated by scripts/package-check.mjs: every import statement of the docs.'];
    const used = [];
    entries.forEach(({ spec, names, where }, i) => {
      lines.push(`// ${where}`);
      if (!names.length) lines.push(`import '${spec}';`);
      else {
        lines.push(`import { ${names.map((n) => `${n} as d${i}_${n}`).join(', ')} } from '${spec}';`);
        used.push(...names.map((n) => `d${i}_${n}`));
      }
    });
    lines.push(`export const documented = [${used.join(', ')}];`, '');
    return lines.join('\n');
  };
  writeFileSync(join(consumer, 'documented.ts'), asModule(documented));
  writeFileSync(join(consumer, 'vite', 'documented.js'), asModule(documented.filter((d) => !d.spec.startsWith('@motcua/server'))));

  const install = sh(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...PACKAGES.map((name) => packed[name])],
    { cwd: consumer },
  );
  if (check('consumer: npm install of the four tarballs', install.ok, install.out.slice(-3000))) {
    const node = sh(process.execPath, ['node-imports.mjs'], { cwd: consumer });
    const counts = /node imports: (\d+) passed, (\d+) failed/.exec(node.out);
    console.log(node.out.trimEnd().replace(/^/gm, '     '));
    check(
      `consumer: Node imports every documented path and serves the demo from the server tarball (${counts ? `${counts[1]} checks` : 'no summary'})`,
      node.ok && counts !== null && counts[2] === '0',
    );

    const viteBin = join(consumer, 'node_modules/vite/bin/vite.js');
    const vite = sh(process.execPath, [viteBin, 'build', '--config', 'vite.config.mjs'], {
      cwd: join(consumer, 'vite'),
    });
    const assets = join(consumer, 'vite', 'dist', 'assets');
    const built = existsSync(assets) ? readdirSync(assets).map((f) => readFileSync(join(assets, f), 'utf8')) : [];
    check(
      'consumer: Vite builds an app importing the widgets, the theme and the embed',
      vite.ok && built.some((t) => t.includes('motcua-procedure-lookup')) && built.some((t) => /--motcua-color-primary:/.test(t)),
      vite.out.slice(-3000),
    );

    // Tree-shaking of the root: a helper alone must not bring a component (esbuild honours `sideEffects`).
    const out = join(consumer, 'root-only.js');
    const esbuild = sh(
      bin('esbuild'),
      ['vite/root-only.js', '--bundle', '--format=esm', '--minify', '--platform=browser', `--outfile=${out}`, '--log-level=warning'],
      { cwd: consumer },
    );
    const bundle = esbuild.ok ? readFileSync(out) : Buffer.alloc(0);
    const text = bundle.toString('utf8');
    check(
      `consumer: \`import { registerTranslation } from '@motcua/elements'\` registers no tag and bundles no component (${(gzipSync(bundle).length / 1024).toFixed(1)} KB gz)`,
      esbuild.ok && !/customElements\.define|motcua-procedure-lookup|MotcuaDossierTracker/.test(text),
      esbuild.out,
    );

    for (const resolution of ['bundler', 'node16']) {
      const tsc = sh(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', `tsconfig.${resolution}.json`], {
        cwd: consumer,
      });
      check(`consumer: TypeScript type-checks every documented import (moduleResolution ${resolution})`, tsc.ok, tsc.out.slice(-4000));
    }

    // The React app (tests/consumer/react), written from the developer guide: type-checked (strict, jsx react-jsx, with
    // `@ts-expect-error` on wrong props so the wrappers' types must bite) and emitted for Node, built with Vite and
    // @vitejs/plugin-react, rendered with react-dom/server in Node and hydrated in Chromium (react/check.mjs).
    const reactTsc = sh(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'react/tsconfig.json'], {
      cwd: consumer,
    });
    check(
      `consumer: TypeScript type-checks the React app (jsx react-jsx, strict; wrong props rejected) and the docs' ${snippets.length} React snippets`,
      reactTsc.ok && snippets.length > 0,
      reactTsc.out.slice(-4000),
    );
    const reactVite = sh(process.execPath, [viteBin, 'build'], { cwd: join(consumer, 'react') });
    const reactAssets = join(consumer, 'react', 'dist', 'assets');
    const reactBuilt = existsSync(reactAssets) ? readdirSync(reactAssets).map((f) => readFileSync(join(reactAssets, f), 'utf8')) : [];
    check(
      'consumer: Vite (with @vitejs/plugin-react) builds the React app',
      reactVite.ok && reactBuilt.some((t) => t.includes('motcua-dossier-tracker') && t.includes('motcua-dossier-load')),
      reactVite.out.slice(-3000),
    );
    if (reactTsc.ok && reactVite.ok) {
      const { ensureChromium } = await import('./chromium.mjs');
      const app = sh(process.execPath, ['react/check.mjs'], {
        cwd: consumer,
        env: { MOTCUA_CHROMIUM: ensureChromium(), MOTCUA_PUPPETEER: import.meta.resolve('puppeteer-core') },
      });
      const counts = /react app: (\d+) passed, (\d+) failed/.exec(app.out);
      console.log(app.out.trimEnd().replace(/^/gm, '     '));
      check(
        `consumer: the React app renders with react-dom/server in Node and hydrates in Chromium (${counts ? `${counts[1]} checks` : 'no summary'})`,
        app.ok && counts !== null && counts[2] === '0',
      );
    }
  }
}

if (keep) console.log(`kept ${work}`);
else rmSync(work, { recursive: true, force: true });
console.log(
  `\npackage checks: ${results.passed} passed, ${results.failed} failed (${((performance.now() - started) / 1000).toFixed(0)} s)`,
);
process.exit(results.failed ? 1 : 0);
