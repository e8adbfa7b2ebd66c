// A client whose request the HTTP parser refuses still reads the answer: a slow phone that is still uploading an
// oversized address, and reads only later, gets "431" and a problem+json body, not a reset connection.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request as httpRequest, Agent } from 'node:http';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type StartedServer, startServer } from './server.js';

/**
 * Sends `parts` on one raw connection without reading anything until all are sent (a pause between parts lets the
 * server answer first), then reads everything that arrives until the connection closes.
 */
function slowClient(port: number, parts: string[]): Promise<{ received: string; error?: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve({ received, error: error.code ?? String(error) }));
    socket.on('close', () => resolve({ received }));
    socket.on('connect', async () => {
      socket.pause();
      for (const part of parts) {
        if (socket.destroyed) return;
        socket.write(part, () => undefined);
        await sleep(150);
      }
      socket.resume();
      socket.end();
    });
  });
}

describe('requests the HTTP parser refuses', () => {
  let server: StartedServer;
  before(async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir: 'memory://', log: false }, { ...process.env, DATABASE_URL: '' });
  });
  after(() => server.close());

  it('an address over 16 KB still uploading when the server answers: the client reads 431 and a problem body', async () => {
    const { received, error } = await slowClient(server.port, [
      `GET /api/v1/procedures/${'A'.repeat(20_000)}`,
      'B'.repeat(300_000),
      `C HTTP/1.1\r\nHost: x\r\n\r\n`,
    ]);
    assert.equal(error, undefined, `the connection failed (${error}) after receiving ${JSON.stringify(received.slice(0, 40))}`);
    assert.match(received, /^HTTP\/1\.1 431 /);
    assert.match(received, /content-type: application\/problem\+json/i);
    const body = JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4)) as { status: number; code: string; title: string };
    assert.equal(body.status, 431);
    assert.equal(body.code, 'headers_too_large');
    assert.match(body.title, /quá dài/);
  });

  it('malformed HTTP: 400 with a problem body, and the server goes on answering', async () => {
    const { received } = await slowClient(server.port, ['GET /api/v1/agencies HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0000b\r\n\r\n']);
    assert.match(received, /^HTTP\/1\.1 400 /);
    assert.equal((JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4)) as { code: string }).code, 'invalid_request');
    assert.equal((await fetch(`${server.url}/api/v1/agencies`)).status, 200);
  });

  it('a HEAD request followed by stray bytes: the client still reads a whole answer (no body after a HEAD answer)', async () => {
    const { request } = await import('node:http');
    const statuses = await Promise.all(
      Array.from(
        { length: 5 },
        () =>
          new Promise<number | string>((resolve) => {
            const req = request({ host: '127.0.0.1', port: server.port, method: 'HEAD', path: '/api/v1/agencies' }, (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            });
            req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
            req.end('{}');
          }),
      ),
    );
    for (const status of statuses) assert.equal(typeof status, 'number', `the client got ${status} instead of an answer`);
  });

  it('a refused client that never stops sending is cut after the linger time, not kept open', async () => {
    const started = Date.now();
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect(server.port, '127.0.0.1');
      let received = '';
      let timer: NodeJS.Timeout | undefined;
      socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
      const done = (how: string) => {
        clearInterval(timer);
        resolve(`${how} ${received.slice(0, 12)}`);
      };
      socket.on('error', () => done('error'));
      socket.on('close', () => done('closed'));
      socket.on('connect', () => {
        socket.write(`GET /${'A'.repeat(20_000)}`);
        timer = setInterval(() => socket.write('B'.repeat(1_000), () => undefined), 50);
      });
    });
    assert.match(outcome, /HTTP\/1\.1 431/);
    assert.ok(Date.now() - started < 30_000, 'the server cut the connection (it lingers 2 s)');
  });

  it('a kept-alive connection idle longer than Node’s 5 s default is still served (a proxy reusing it is not cut)', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = (): Promise<{ status: number; socket: Socket; keepAlive: string | string[] | undefined }> =>
      new Promise((resolve, reject) => {
        const req = httpRequest(`${server.url}/api/v1/agencies`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, socket: req.socket as Socket, keepAlive: res.headers['keep-alive'] }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      const first = await get();
      assert.equal(first.status, 200);
      assert.equal(first.keepAlive, 'timeout=65', 'clients are told how long the connection stays open');
      await sleep(6_000);
      assert.equal(first.socket.destroyed, false, 'the server kept the idle connection open');
      const second = await get();
      assert.equal(second.status, 200);
      assert.equal(second.socket, first.socket, 'the same connection answered again');
    } finally {
      agent.destroy();
    }
  });
});
