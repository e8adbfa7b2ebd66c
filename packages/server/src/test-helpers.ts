// Shared set-up for the server's tests: a seeded database (PGlite in memory, or a fresh schema on the PostgreSQL server
// of DATABASE_URL) and an app with a fixed clock.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApiJson } from '@motcua/sdk/openapi';
import { createApp, type AppOptions } from './app.js';
import { DEFAULT_HOLIDAYS_FILE } from './config.js';
import { createRandom } from './generator.js';
import { type Db, openDb } from './db.js';
import { migrate, seed } from './store.js';
import { loadHolidayCalendar } from './working-hours.js';

/** The fixed reference time of the tests: Thursday 15 October 2026, 10:00 in Vietnam. */
export const REF_NOW = new Date('2026-10-15T10:00:00+07:00');
export const calendar = loadHolidayCalendar(DEFAULT_HOLIDAYS_FILE);
/**
 * A dossier as a provincial one-stop system pushes it (`PUT /agencies/{agency}/dossiers/{code}`, national codes: status
 * 2 = received, channel 1 = at the counter), received on 15 Oct 2026 at 08:30.
 */
export const PUSHED_DOSSIER = {
  procedure: { code: '1.004873' },
  status: 2,
  channel: 1,
  applicant: { name: 'Nguyễn Văn An', phone: '0905123456' },
  submittedAt: '20261015083000',
  receivedAt: '20261015083000',
};

export interface Backend {
  name: 'pglite' | 'postgres';
  open(): Promise<{ db: Db; drop: () => Promise<void> }>;
}

export const backends: Backend[] = [
  {
    name: 'pglite',
    async open() {
      const db = await openDb({ dataDir: 'memory://' });
      return { db, drop: () => db.close() };
    },
  },
  ...(process.env.DATABASE_URL
    ? [
        {
          name: 'postgres' as const,
          async open() {
            const schema = `motcua_test_${randomBytes(6).toString('hex')}`;
            const url = process.env.DATABASE_URL as string;
            const db = await openDb({ databaseUrl: url, schema });
            return {
              db,
              drop: async () => {
                await db.exec(`DROP SCHEMA ${schema} CASCADE`);
                await db.close();
              },
            };
          },
        },
      ]
    : []),
];

export interface TestContext {
  db: Db;
  /**
   * Sends a request to the app. `ip`: the client address, as the trusted local proxy reports it in X-Forwarded-For
   * (default: a fresh address per request); `peer`: the connection's own address (default the proxy, 127.0.0.1).
   */
  request(path: string, init?: RequestInit & { ip?: string; peer?: string }): Promise<Response>;
  close(): Promise<void>;
  demoDir: string;
  embedDir: string;
}

let clients = 0;
/** A fresh client address (198.18.0.0/15, the benchmarking range), one per call. */
const nextClient = (): string => {
  clients = (clients + 1) % 131_072;
  return `198.${18 + (clients >> 16)}.${(clients >> 8) & 255}.${clients & 255}`;
};

export async function seededContext(backend: Backend, overrides: Partial<AppOptions> = {}): Promise<TestContext> {
  const { db, drop } = await backend.open();
  await migrate(db);
  await seed(db, calendar, REF_NOW, undefined, { demo: true });
  const root = mkdtempSync(join(tmpdir(), 'motcua-static-'));
  const demoDir = join(root, 'demo');
  const embedDir = join(root, 'embed');
  mkdirSync(demoDir);
  mkdirSync(join(embedDir, '0.1.0'), { recursive: true });
  mkdirSync(join(embedDir, '0.2.0'), { recursive: true });
  writeFileSync(join(demoDir, 'index.html'), '<!doctype html><title>Xã Hòa Vang</title>');
  writeFileSync(join(demoDir, 'kiosk.html'), '<!doctype html><title>Kiosk</title>');
  writeFileSync(join(demoDir, 'app.js'), 'console.log(1)');
  writeFileSync(join(embedDir, '0.1.0', 'motcua.js'), 'export const v = "0.1.0";');
  writeFileSync(join(embedDir, '0.2.0', 'motcua.js'), 'export const v = "0.2.0";');
  const { app, close } = createApp({
    db,
    calendar,
    allowedOrigins: ['https://xahoavang.danang.gov.vn'],
    // Requests come "through a proxy on this machine" (see request()), which says who the client is.
    trustedProxies: ['127.0.0.1'],
    now: () => REF_NOW,
    rateLimit: { lookups: 5, verifications: 3, windowSeconds: 600 },
    openApi: () => openApiJson({ serverUrl: '/api/v1' }),
    static: { demoDir, embedDir },
    demo: true,
    ...overrides,
  });
  return {
    db,
    demoDir,
    embedDir,
    request(path, init = {}) {
      const { ip, peer, ...rest } = init;
      const headers = new Headers(rest.headers);
      // Without `ip`, each request comes from a client of its own (look-ups count into per-client budgets).
      if (!headers.has('x-forwarded-for')) headers.set('x-forwarded-for', ip ?? nextClient());
      // The connection's peer, as @hono/node-server would give it: the trusted local proxy.
      const env = { incoming: { complete: true, socket: { remoteAddress: peer ?? '127.0.0.1', remoteFamily: 'IPv4' } } };
      return Promise.resolve(app.request(path, { ...rest, headers }, env));
    },
    async close() {
      close();
      await drop();
    },
  };
}

export async function problemOf(response: Response): Promise<Record<string, unknown>> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/problem+json')) throw new Error(`expected problem+json, got ${type}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** mulberry32: a seeded PRNG (floats in [0, 1)), so a random sequence of test steps can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  return createRandom(seed).next;
}
