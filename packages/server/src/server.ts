/**
 * Starting and stopping the server programmatically.
 * @module
 */
import { readFileSync } from 'node:fs';
import { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.js';
import { answerClientErrors } from './client-errors.js';
import { configFromEnv, type ServerConfig } from './config.js';
import type { Db } from './db.js';
import { type EarlyDatabase, openDatabase } from './open-database.js';
import { migrate, seed } from './store.js';
import { outboxOptionsFromEnv, startOutboxWorker } from './outbox.js';
import { pushConfigFromEnv, startPushWorker } from './push.js';
import { loadHolidayCalendar } from './working-hours.js';
import { startLogEnabled, startPhase } from './start-log.js';

/** This package's version, from its package.json (changesets sets it; nothing else writes a version down). */
export function packageVersion(): string {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return version;
}

export interface StartedServer {
  url: string;
  port: number;
  db: Db;
  /** Milliseconds: opening the database, migrations, seeding, total until listening. */
  timings: { open: number; migrate: number; seed: number; total: number };
  seeded: { seeded: boolean; dossiers: number; removedDemo: number };
  demo: boolean;
  close(): Promise<void>;
}

export { openDatabase } from './open-database.js';

/** How long an idle kept-alive connection stays open: longer than a reverse proxy's (nginx 60 s, cloud balancers 60 s). */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * Starts the server. `early`: the database of the same configuration, whose opening began before this module was
 * loaded (cli.ts: opening PGlite and loading the server's modules overlap); the timings then count from its start. It is
 * closed when the start fails.
 */
export async function startServer(
  overrides: Partial<ServerConfig> = {},
  env: NodeJS.ProcessEnv = process.env,
  early?: EarlyDatabase,
): Promise<StartedServer> {
  const t0 = Math.min(performance.now(), early?.startedAt ?? Infinity);
  let config: ServerConfig;
  let calendar: ReturnType<typeof loadHolidayCalendar>;
  try {
    config = { ...configFromEnv(env), ...overrides };
    calendar = loadHolidayCalendar(config.holidaysFile, config.holidaysExtraFile);
  } catch (error) {
    await early?.db.then((db) => db.close()).catch(() => undefined);
    throw error;
  }
  const fixedNow = config.now ? new Date(config.now) : undefined;
  const now = (): Date => (fixedNow ? new Date(fixedNow) : new Date());
  startPhase('config and holiday calendar');
  const db = await (early?.db ?? openDatabase(config));
  const t1 = performance.now();
  startPhase('database ready');
  try {
    await migrate(db);
    startPhase('migrations');
    const t2 = performance.now();
    const seeded = await seed(db, calendar, now(), undefined, {
      demo: config.demo,
      ...(config.demoProvince ? { demoProvince: config.demoProvince } : {}),
    });
    const t3 = performance.now();
    startPhase('seed');
    const version = packageVersion();
    // The OpenAPI document comes from the SDK, loaded on the first request for it (building its schemas costs a start
    // hundreds of ms of CPU); a build without it still serves the API (and says so).
    let openApi: Promise<string | undefined> | undefined;
    const loadOpenApi = async (): Promise<string | undefined> => {
      try {
        const { openApiJson } = await import('@motcua/sdk/openapi');
        return openApiJson({ serverUrl: '/api/v1', version });
      } catch (error) {
        process.stderr.write(`motcua-server: /openapi.json unavailable (${error instanceof Error ? error.message : String(error)})\n`);
        return undefined;
      }
    };
    const push = pushConfigFromEnv(env);
    const { app, close: closeApp } = createApp({
      push,
      db,
      calendar,
      allowedOrigins: config.allowedOrigins,
      bodyLimit: config.bodyLimit,
      rateLimit: config.rateLimit,
      trustedProxies: config.trustedProxies,
      catalogRevalidateMs: config.catalogRevalidateMs,
      dossierRevalidateMs: config.dossierRevalidateMs,
      demo: config.demo,
      deviceLimits: config.deviceLimits,
      ...(config.secret ? { secret: config.secret } : {}),
      ...(config.log ? { log: (line: string) => process.stdout.write(line + '\n') } : {}),
      // The demo commune site only in demo mode; the embed build always.
      static: config.demo ? { demoDir: config.demoDir, embedDir: config.embedDir } : { embedDir: config.embedDir },
      now,
      openApi: () => (openApi ??= loadOpenApi()),
    });
    // Webhook deliveries (signed, retried, leased: safe with several instances on one database).
    const { enabled: outboxEnabled, ...outboxOptions } = outboxOptionsFromEnv(env);
    const outbox = outboxEnabled
      ? startOutboxWorker(db, { ...outboxOptions, ...(config.log ? { log: (line: string) => process.stdout.write(line + '\n') } : {}) })
      : undefined;
    // Web Push status alerts (same outbox design; off with MOTCUA_OUTBOX=off too).
    const pushWorker = outboxEnabled
      ? startPushWorker(db, {
          ...push,
          ...(outboxOptions.intervalMs ? { intervalMs: outboxOptions.intervalMs } : {}),
          ...(config.secret ? { secret: config.secret } : {}),
          ...(config.log ? { log: (line: string) => process.stdout.write(line + '\n') } : {}),
        })
      : undefined;
    startPhase('app created');
    // With the start-up log on, the end of the first answer is a phase too.
    let answered = false;
    const fetch: typeof app.fetch = startLogEnabled()
      ? async (...args) => {
          const response = await app.fetch(...args);
          if (!answered) {
            answered = true;
            startPhase(`first answer (${new URL(args[0].url).pathname}, ${response.status})`);
          }
          return response;
        }
      : app.fetch;
    const server: ServerType = await new Promise((resolve, reject) => {
      const s = serve({ fetch, port: config.port, hostname: config.host }, () => resolve(s));
      if (s instanceof HttpServer) {
        answerClientErrors(s);
        // Node closes a kept-alive connection after 5 s idle; a reverse proxy (nginx keeps upstream connections 60 s) or
        // a client that reuses it just then has its request cut ("other side closed", seen under load in CI). Idle
        // connections stay open longer than a proxy's; the hint (`Keep-Alive: timeout=65`) tells clients when to stop.
        s.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
      }
      s.once('error', reject);
    });
    const address = server.address() as AddressInfo;
    const host =
      config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
    const t4 = performance.now();
    startPhase('listening');
    let closing: Promise<void> | undefined;
    return {
      url: `http://${host}:${address.port}`,
      port: address.port,
      db,
      timings: { open: Math.round(t1 - t0), migrate: Math.round(t2 - t1), seed: Math.round(t3 - t2), total: Math.round(t4 - t0) },
      seeded,
      demo: config.demo,
      close() {
        closing ??= (async () => {
          closeApp();
          await outbox?.stop();
          await pushWorker?.stop();
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            if ('closeAllConnections' in server && typeof server.closeAllConnections === 'function') server.closeAllConnections();
          });
          await db.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
