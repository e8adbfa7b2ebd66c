// The real server process (`motcua-server start`, production mode) on PostgreSQL, reached through a TCP proxy: when
// the proxy is killed (the database is gone) every request answers 503 with Retry-After, /healthz too; when it is back
// the same process serves again. Runs when DATABASE_URL is set (CI's PostgreSQL).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';
import { after, test } from 'node:test';
import { openDb } from '../../packages/server/src/db.js';
import { startReferenceServer, type ReferenceServer } from './helpers.js';

const databaseUrl = process.env.DATABASE_URL;
const schema = `motcua_down_${randomBytes(5).toString('hex')}`;
let server: ReferenceServer | undefined;
let proxy: Server | undefined;
const sockets = new Set<Socket>();

after(async () => {
  await server?.stop();
  for (const s of sockets) s.destroy();
  proxy?.close();
  if (databaseUrl) {
    const db = await openDb({ databaseUrl });
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  }
});

function listen(port: number, target: URL): Promise<Server> {
  const s = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return new Promise((resolve) => s.listen(port, '127.0.0.1', () => resolve(s)));
}

async function kill(): Promise<void> {
  await new Promise<void>((resolve) => {
    proxy?.close(() => resolve());
    for (const s of sockets) s.destroy();
  });
}

test('database gone under a running server: 503 + Retry-After, then served again', { skip: !databaseUrl, timeout: 240_000 }, async () => {
  const target = new URL(databaseUrl as string);
  proxy = await listen(0, target);
  const port = (proxy.address() as AddressInfo).port;
  const viaProxy = new URL(target.href);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(port);
  server = await startReferenceServer({
    demo: false,
    env: {
      DATABASE_URL: viaProxy.href,
      MOTCUA_DB_SCHEMA: schema,
      MOTCUA_DB_CONNECT_TIMEOUT_MS: '1000',
      MOTCUA_DB_STATEMENT_TIMEOUT_MS: '2000',
    },
  });
  const lookup = `${server.api}/dossiers/000.30.01.H17-261015-0042`;
  assert.equal((await fetch(lookup)).status, 404);
  assert.equal((await fetch(`${server.url}/healthz`)).status, 200);

  await kill();
  // (Catalog answers may still come from the in-memory cache: serving them is fine.)
  for (const url of [lookup, `${server.api}/dossiers/000.30.01.H17-261015-0043`, `${server.url}/healthz`]) {
    const res = await fetch(url);
    assert.equal(res.status, 503, url);
    assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.ok(Number(res.headers.get('retry-after')) > 0, `Retry-After on ${url}`);
    const body = (await res.json()) as { code: string; detail: string };
    assert.equal(body.code, 'unavailable');
    assert.match(body.detail, /thử lại sau/);
  }

  proxy = await listen(port, target);
  assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  assert.equal((await fetch(lookup)).status, 404);
  const catalog = await fetch(`${server.api}/agencies/000.30.01.H17/procedures?q=khai%20sinh`);
  assert.equal(catalog.status, 200);
  await catalog.arrayBuffer();
});
