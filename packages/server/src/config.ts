/**
 * Configuration from environment variables (listed in the package README).
 * @module
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DB_TIMEOUT_DEFAULTS } from './db.js';
import { LOOPBACK_PROXIES, trustedProxies as checkProxies } from './client-address.js';
import type { RateLimits } from './app.js';

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  dbSchema?: string;
  /** PostgreSQL timeouts in ms (see `DbOptions`). */
  dbTimeouts: { statementTimeoutMs: number; connectTimeoutMs: number; idleInTransactionTimeoutMs: number; startWaitMs: number };
  /**
   * Demo mode (`--demo` or `MOTCUA_DEMO=1`): generated dossiers (90 days of history and one per status), regenerated
   * every day, and the demo site with `/demo-dossiers.json`. Off (production): only real data, no demo site.
   */
  demo: boolean;
  /**
   * Demo mode only (`MOTCUA_DEMO_PROVINCE=48`): also generate demo agencies and dossiers for 20 communes of this province
   * (the provincial demo page `/tinh`). Remembered in the database for the daily regenerations.
   */
  demoProvince?: string;
  allowedOrigins: readonly string[] | '*';
  log: boolean;
  bodyLimit: number;
  rateLimit: Required<RateLimits>;
  /** CIDR ranges of the proxies whose `X-Forwarded-For` is believed (empty: none). */
  trustedProxies: readonly string[];
  /** Milliseconds the catalog caches trust the last catalog version read from the database (0 = read per request). */
  catalogRevalidateMs: number;
  /** Milliseconds a dossier just read may answer a client's repeated look-ups without a database read (0 = never). */
  dossierRevalidateMs: number;
  holidaysFile: string;
  /** A province's own days off / make-up working days, merged into `holidaysFile` (same format). */
  holidaysExtraFile?: string;
  demoDir: string;
  embedDir: string;
  /** Fixed clock (ISO date-time), for reproducible demos and tests. */
  now?: string;
  /** `MOTCUA_SECRET`: signs owner proofs; without it a secret is generated once and kept in the database. */
  secret?: string;
  /** Per-device rating limit of kiosks: burst and seconds per vote sustained. */
  deviceLimits: { burst: number; intervalSeconds: number };
}

export const DEFAULT_HOLIDAYS_FILE = fileURLToPath(new URL('../seed/holidays.json', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/**
 * In the repository (the package's `src/` is next to this file's folder) the demo site and the embed build are served
 * from where they are made, `docs/demo` and `packages/embed/dist`; the package installed from npm serves the copies its
 * build put into `public/` (see scripts/build.mjs).
 */
const IN_REPO = existsSync(fileURLToPath(new URL('../src/config.ts', import.meta.url)));
export const DEFAULT_DEMO_DIR = IN_REPO ? `${REPO_ROOT}docs/demo` : fileURLToPath(new URL('../public/demo', import.meta.url));
export const DEFAULT_EMBED_DIR = IN_REPO ? `${REPO_ROOT}packages/embed/dist` : fileURLToPath(new URL('../public/embed', import.meta.url));

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min} (got ${JSON.stringify(raw)})`);
  return value;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const databaseUrl = env.DATABASE_URL || undefined;
  const originsRaw = env.MOTCUA_ALLOWED_ORIGINS?.trim();
  const allowedOrigins: readonly string[] | '*' =
    originsRaw === '*'
      ? '*'
      : originsRaw
        ? originsRaw
            .split(',')
            .map((o) => o.trim().replace(/\/$/, ''))
            .filter(Boolean)
        : databaseUrl
          ? []
          : '*';
  if (env.MOTCUA_SECRET !== undefined && env.MOTCUA_SECRET !== '' && env.MOTCUA_SECRET.length < 32)
    throw new Error('MOTCUA_SECRET must be at least 32 characters (e.g. `openssl rand -base64 32`)');
  // MOTCUA_TRUSTED_PROXIES: a CIDR list. The old MOTCUA_TRUST_PROXY=1 (which believed the client-chosen first hop) now
  // means a proxy on this machine only (loopback).
  const proxiesRaw = env.MOTCUA_TRUSTED_PROXIES?.trim();
  const legacyTrust = env.MOTCUA_TRUST_PROXY === '1' || env.MOTCUA_TRUST_PROXY === 'true';
  const trustedProxies: readonly string[] = proxiesRaw
    ? proxiesRaw
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
    : legacyTrust
      ? LOOPBACK_PROXIES
      : [];
  try {
    checkProxies(trustedProxies);
  } catch (error) {
    throw new Error(`MOTCUA_TRUSTED_PROXIES: ${(error as Error).message}`);
  }
  if (env.MOTCUA_NOW && Number.isNaN(Date.parse(env.MOTCUA_NOW))) throw new Error('MOTCUA_NOW must be an ISO date-time');
  return {
    port: int(env, 'PORT', 8080),
    host: env.HOST || '0.0.0.0',
    ...(databaseUrl ? { databaseUrl } : {}),
    dataDir: env.MOTCUA_DATA_DIR || '.motcua-data',
    ...(env.MOTCUA_DB_SCHEMA ? { dbSchema: env.MOTCUA_DB_SCHEMA } : {}),
    dbTimeouts: {
      statementTimeoutMs: int(env, 'MOTCUA_DB_STATEMENT_TIMEOUT_MS', DB_TIMEOUT_DEFAULTS.statementTimeoutMs, 0),
      connectTimeoutMs: int(env, 'MOTCUA_DB_CONNECT_TIMEOUT_MS', DB_TIMEOUT_DEFAULTS.connectTimeoutMs, 0),
      idleInTransactionTimeoutMs: int(env, 'MOTCUA_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', DB_TIMEOUT_DEFAULTS.idleInTransactionTimeoutMs, 0),
      startWaitMs: int(env, 'MOTCUA_DB_START_WAIT_MS', DB_TIMEOUT_DEFAULTS.startWaitMs, 0),
    },
    demo: env.MOTCUA_DEMO === '1' || env.MOTCUA_DEMO === 'true',
    ...(/^\d{2}$/.test(env.MOTCUA_DEMO_PROVINCE ?? '') ? { demoProvince: env.MOTCUA_DEMO_PROVINCE } : {}),
    allowedOrigins,
    log: (env.MOTCUA_LOG ?? 'info') !== 'silent',
    bodyLimit: int(env, 'MOTCUA_BODY_LIMIT', 16 * 1024, 256),
    rateLimit: {
      lookups: int(env, 'MOTCUA_RATE_LIMIT_LOOKUPS', 60, 0),
      verifications: int(env, 'MOTCUA_RATE_LIMIT_VERIFICATIONS', 20, 1),
      windowSeconds: int(env, 'MOTCUA_RATE_LIMIT_WINDOW', 600, 1),
      lookupsPerDay: int(env, 'MOTCUA_RATE_LIMIT_LOOKUPS_DAY', 500, 0),
      codeFailures: int(env, 'MOTCUA_VERIFY_CODE_FAILURES', 5, 1),
      codeLockSeconds: int(env, 'MOTCUA_VERIFY_CODE_LOCK', 900, 1),
    },
    trustedProxies,
    catalogRevalidateMs: int(env, 'MOTCUA_CATALOG_REVALIDATE_MS', 5000, 0),
    dossierRevalidateMs: int(env, 'MOTCUA_DOSSIER_REVALIDATE_MS', 1000, 0),
    holidaysFile: env.MOTCUA_HOLIDAYS_FILE || DEFAULT_HOLIDAYS_FILE,
    ...(env.MOTCUA_HOLIDAYS_EXTRA_FILE ? { holidaysExtraFile: env.MOTCUA_HOLIDAYS_EXTRA_FILE } : {}),
    demoDir: env.MOTCUA_DEMO_DIR || DEFAULT_DEMO_DIR,
    embedDir: env.MOTCUA_EMBED_DIR || DEFAULT_EMBED_DIR,
    ...(env.MOTCUA_NOW ? { now: env.MOTCUA_NOW } : {}),
    ...(env.MOTCUA_SECRET ? { secret: env.MOTCUA_SECRET } : {}),
    deviceLimits: { burst: int(env, 'MOTCUA_DEVICE_BURST', 200, 1), intervalSeconds: int(env, 'MOTCUA_DEVICE_INTERVAL', 10, 1) },
  };
}
