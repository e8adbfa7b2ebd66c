/**
 * A fault-injecting HTTP proxy for reliability tests: it forwards requests to `target` and, at a configurable rate
 * chosen by a seeded PRNG (so a failing run can be replayed), breaks some of them in one of five ways:
 *
 * - `drop`: the request gets no answer; the connection is held open for `dropMs`, then closed.
 * - `error500`: a `500` problem-details answer instead of the real one.
 * - `slow`: the real answer, after `slowMs` and sent in small pieces.
 * - `truncate`: the real status and headers, but only half of the body, then the connection is closed.
 * - `reset`: the connection is destroyed (TCP reset) without an answer.
 *
 * `drop`, `error500` and `reset` happen half of the time BEFORE the request reaches the server and half of the
 * time AFTER the server has answered (the answer is then lost), which is what makes idempotency matter: the server
 * may have stored a rating whose acknowledgement the client never saw.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createRandom } from '../../packages/server/src/generator.js';

export type FaultKind = 'drop' | 'error500' | 'slow' | 'truncate' | 'reset';
export const FAULT_KINDS: readonly FaultKind[] = ['drop', 'error500', 'slow', 'truncate', 'reset'];

export interface FaultProxyOptions {
  /** Origin of the upstream server, e.g. `http://127.0.0.1:4000`. */
  target: string;
  /** Probability in [0, 1] that a request is broken. Default 0.3. */
  rate?: number;
  /** Which faults to inject (chosen uniformly). Default: all five. */
  kinds?: readonly FaultKind[];
  /** PRNG seed; the same seed and the same request order give the same faults. Default 1. */
  seed?: number;
  /** Delay of a `slow` answer, in ms. Default 300. */
  slowMs?: number;
  /** How long a `drop` holds the connection before closing it, in ms. Default 5000. */
  dropMs?: number;
  /** Only requests for which this returns true may be broken (e.g. only `/api/`). Default: all. */
  match?: (method: string, path: string) => boolean;
}

export interface FaultProxy {
  /** Origin of the proxy, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Counts per fault kind, `pass` for untouched requests, and `afterUpstream` for faults injected after the server answered. */
  stats: Record<FaultKind | 'pass' | 'afterUpstream', number>;
  /** Changes the fault rate (e.g. 0 to "restore the network"). */
  setRate(rate: number): void;
  /** Forces the next faults, in order, regardless of the rate (for tests of one fault kind). */
  forceNext(...kinds: Array<FaultKind | 'pass'>): void;
  stop(): Promise<void>;
}

/** mulberry32: a tiny, fast, seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  return createRandom(seed).next;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = seededRandom(options.seed ?? 1);
  const kinds = options.kinds ?? FAULT_KINDS;
  const slowMs = options.slowMs ?? 300;
  const dropMs = options.dropMs ?? 5000;
  let rate = options.rate ?? 0.3;
  const forced: Array<FaultKind | 'pass'> = [];
  const stats: FaultProxy['stats'] = { drop: 0, error500: 0, slow: 0, truncate: 0, reset: 0, pass: 0, afterUpstream: 0 };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const hold = (socket: Socket) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      socket.destroy();
    }, dropMs);
    timers.add(timer);
  };

  const reset = (socket: Socket) => {
    if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    else socket.destroy();
  };

  const fail500 = (res: http.ServerResponse) => {
    const body = JSON.stringify({ type: 'about:blank', title: 'Injected fault', status: 500, code: 'injected_fault' });
    res.writeHead(500, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    let fault: FaultKind | 'pass' = 'pass';
    if (forced.length) fault = forced.shift() ?? 'pass';
    else if ((options.match?.(req.method ?? 'GET', path) ?? true) && random() < rate) {
      fault = kinds[Math.floor(random() * kinds.length)] ?? 'pass';
    }
    stats[fault]++;
    const after = (fault === 'drop' || fault === 'error500' || fault === 'reset') && random() < 0.5;
    if (after) stats.afterUpstream++;

    if (!after && fault === 'drop') {
      req.resume();
      hold(req.socket);
      return;
    }
    if (!after && fault === 'reset') {
      reset(req.socket);
      return;
    }
    if (!after && fault === 'error500') {
      req.resume();
      req.on('end', () => fail500(res));
      return;
    }

    const headers = { ...req.headers, host: target.host };
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path, headers }, (upRes) => {
      const chunks: Buffer[] = [];
      upRes.on('data', (chunk: Buffer) => chunks.push(chunk));
      upRes.on('error', () => res.destroy());
      upRes.on('end', () => {
        void (async () => {
          const body = Buffer.concat(chunks);
          const outHeaders = { ...upRes.headers };
          delete outHeaders['transfer-encoding'];
          outHeaders['content-length'] = String(body.length);
          if (fault === 'drop') return hold(req.socket);
          if (fault === 'reset') return reset(req.socket);
          if (fault === 'error500') return fail500(res);
          if (fault === 'truncate') {
            res.writeHead(upRes.statusCode ?? 502, outHeaders);
            res.write(body.subarray(0, Math.floor(body.length / 2)));
            // Let the partial body leave before the connection is cut.
            await sleep(5);
            req.socket.destroy();
            return;
          }
          if (fault === 'slow') {
            await sleep(slowMs);
            res.writeHead(upRes.statusCode ?? 502, outHeaders);
            const step = Math.max(1, Math.ceil(body.length / 4));
            for (let i = 0; i < body.length; i += step) {
              if (res.destroyed) return;
              res.write(body.subarray(i, i + step));
              await sleep(10);
            }
            res.end();
            return;
          }
          res.writeHead(upRes.statusCode ?? 502, outHeaders);
          res.end(body);
        })();
      });
    });
    upstream.on('error', () => {
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('upstream unavailable');
      } else res.destroy();
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 1000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    setRate(r: number) {
      rate = r;
    },
    forceNext(...next) {
      forced.push(...next);
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
