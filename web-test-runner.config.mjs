// Browser tests: every *.test.ts of the elements and tests/browser, in headless Chromium,
// against the real reference server (proxied at /api, /embed and /demo on the test origin).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ensureChromium, CHROMIUM_ARGS } from './scripts/chromium.mjs';
import { startReferenceServer } from './scripts/reference-server.mjs';

let server;

/** `executeServerCommand('motcua-ssr', { tag, attributes })`: the component rendered by @lit-labs/ssr in Node. */
function ssrCommandPlugin() {
  return {
    name: 'motcua-ssr',
    async executeCommand({ command, payload }) {
      if (command !== 'motcua-ssr') return undefined;
      const args = ['--import', 'tsx', '--conditions=motcua-source', 'tests/browser/ssr-render.ts', JSON.stringify(payload)];
      const { stdout } = await promisify(execFile)(process.execPath, args, { encoding: 'utf8' });
      return stdout;
    },
  };
}

/** Starts the reference server with the dev server (and stops it after). */
function referenceServerPlugin() {
  return {
    name: 'motcua-reference-server',
    async serverStart() {
      // The test runner's proxy (on loopback) is a trusted proxy, so a test can act as a distinct client address through
      // X-Forwarded-For (rate-limit tests must not block the others).
      // Two integration keys (tests/browser/tracker-integration.test.ts pushes events with them).
      server = await startReferenceServer({
        env: { MOTCUA_TRUSTED_PROXIES: '127.0.0.0/8,::1', MOTCUA_DEMO_PROVINCE: '48' },
        keys: [
          { agency: '000.30.01.H17', scope: 'dossiers:write' },
          { agency: '000.30.02.H17', scope: 'dossiers:write' },
        ],
      });
    },
    // `executeServerCommand('motcua-integration-keys')` in a test: the keys created above.
    executeCommand({ command }) {
      if (command === 'motcua-integration-keys') return server?.keys ?? [];
      return undefined;
    },
    async serverStop() {
      await server?.stop();
    },
  };
}

/**
 * Forwards /api, /embed, /demo, /kiosk and /healthz to the reference server, so tests run same-origin.
 * A config `middleware` (not `app.use` in a plugin's serverStart, which runs after the static file handler
 * has already answered 404).
 */
async function referenceServerProxy(ctx, next) {
  if (!server || !/^\/(api|embed|healthz|kiosk|demo)(\/|$|\?)/.test(ctx.url)) return next();
  const cookies = ctx.headers.cookie ?? '';
  // "Network off" for one test's browser context (tests/browser/offline.test.ts): with the cookie
  // motcua-test-network=down, every request of that context to the server (pages, service worker, API) fails as a
  // dropped connection. Other test files run in other contexts (their own cookies) and keep their network.
  if (/(?:^|;\s*)motcua-test-network=down(?:;|$)/.test(cookies)) {
    ctx.respond = false;
    ctx.req.socket.destroy();
    return;
  }
  // "A new deploy" of the demo site's service worker for one context: with motcua-test-deploy=N, sw.js ends with a
  // comment naming N, so its bytes differ and the browser installs it as a new version.
  const deploy = /(?:^|;\s*)motcua-test-deploy=(\w+)(?:;|$)/.exec(cookies)?.[1];
  if (deploy && /^\/demo\/sw\.js(\?|$)/.test(ctx.url)) {
    const res = await fetch(new URL(ctx.url, server.url));
    const body = `${await res.text()}\n// test deploy ${deploy}\n`;
    ctx.status = 200;
    ctx.respond = false;
    ctx.res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
    ctx.res.end(body);
    return;
  }
  const target = new URL(server.url);
  await new Promise((resolve, reject) => {
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: ctx.url, method: ctx.method, headers: { ...ctx.headers, host: target.host } },
      (res) => {
        // Answer directly (headers sent now), so the test runner's cache middleware, which marks every path with a dot
        // in its last segment (/dossiers/000.30.01.H17-…, /procedures/1.001193) cacheable for a year, cannot rewrite
        // the server's Cache-Control and have the browser serve stale API answers.
        ctx.respond = false;
        const headers = { ...res.headers };
        delete headers['transfer-encoding'];
        ctx.res.writeHead(res.statusCode ?? 502, headers);
        res.pipe(ctx.res);
        res.on('end', resolve);
        res.on('error', reject);
      },
    );
    upstream.on('error', reject);
    ctx.req.pipe(upstream);
  });
}

/** Writes pass/fail counts for scripts/test.mjs's summary line. */
function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const walk = (suite) => {
        for (const test of suite.tests ?? []) {
          if (test.skipped) skipped++;
          else if (test.passed) passed++;
          else failed++;
        }
        for (const child of suite.suites ?? []) walk(child);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        if (!session.passed && (!session.testResults || session.errors?.length)) failed += session.errors?.length ? 1 : 0;
      }
      if (process.env.MOTCUA_WTR_COUNTS) writeFileSync(process.env.MOTCUA_WTR_COUNTS, JSON.stringify({ passed, failed, skipped }));
    },
  };
}

const groups = process.env.MOTCUA_WTR_FILES
  ? process.env.MOTCUA_WTR_FILES.split(',')
  : [
      'packages/elements/src/**/*.test.ts',
      'tests/browser/**/*.test.ts',
      'tests/hosts/**/*.test.ts',
      // Run on its own by scripts/test.mjs (SEPARATE_BROWSER_FILES there): in the full run its page stops reporting
      // (seen twice, cause not found; alone it passes), and one stalled page holds the whole run for 10 minutes.
      '!tests/browser/ssr-hydrate-all.test.ts',
    ];

export default {
  files: groups,
  nodeResolve: { exportConditions: ['motcua-source', 'browser'] },
  concurrency: 2,
  concurrentBrowsers: 1,
  testsFinishTimeout: 600_000,
  testFramework: { config: { timeout: 20_000 } },
  browserStartTimeout: 60_000,
  middleware: [referenceServerProxy],
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.base.json', target: 'es2022' }), referenceServerPlugin(), ssrCommandPlugin()],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS },
      // Each test page in its own browser context (its own window): with two pages as tabs of one window, the one in
      // the background is "hidden", so requestAnimationFrame (which fixture() awaits) and timers stall and tests time out.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
  reporters: [defaultReporter(), countingReporter()],
};
