// A small real HTTP server for the client tests: canned responses per "METHOD /path", with a request log.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import assert from 'node:assert/strict';

export interface Seen {
  method: string;
  path: string;
  search: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, seen: Seen, attempt: number) => void;

export interface TestServer {
  /** Base URL including `/api/v1`. */
  api: string;
  seen: Seen[];
  /** Requests so far to `METHOD /path` (path without query). */
  count(key: string): number;
  on(key: string, handler: Handler): void;
  close(): Promise<void>;
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

export function problem(
  res: ServerResponse,
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
  res.end(JSON.stringify({ type: `https://motcua.dev/problems/${code}`, title: code.replace(/_/g, ' '), status, code, ...extra }));
}

export async function startTestServer(): Promise<TestServer> {
  const handlers = new Map<string, Handler>();
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = url.pathname.replace(/^\/api\/v1/, '');
      const entry: Seen = {
        method: req.method ?? 'GET',
        path,
        search: url.search,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      seen.push(entry);
      const key = `${entry.method} ${path}`;
      const handler = handlers.get(key);
      if (!handler) return problem(res, 404, 'not_found', { detail: `no handler for ${key}` });
      handler(req, res, entry, seen.filter((s) => `${s.method} ${s.path}` === key).length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    api: `http://127.0.0.1:${port}/api/v1`,
    seen,
    count: (key) => seen.filter((s) => `${s.method} ${s.path}` === key).length,
    on: (key, handler) => void handlers.set(key, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Resolves with the error a promise rejects with; fails the test if it resolves. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected the call to fail');
}
