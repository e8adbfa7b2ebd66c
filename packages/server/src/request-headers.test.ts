// The headers the public API decides on (the client's address through a proxy, the Origin for CORS, the content coding)
// are read from Node's parsed request on a real server (routes/http.ts requestHeader), not from the Fetch request that
// tests build with app.request(). These requests go through a real socket, with what real clients and proxies send:
// one field split over several lines, lists with spaces, q-values.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request as httpRequest } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import { type StartedServer, startServer } from './server.js';

/** One GET with raw header lines (a header named twice is sent on two lines, as a chain of proxies may send it). */
function get(
  port: number,
  path: string,
  lines: Array<[string, string]>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: 'GET', headers: [['host', `127.0.0.1:${port}`], ...lines].flat(), agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

// A code of the right shape that no dossier has: every look-up counts into the client's budget, found or not.
const UNKNOWN = '/api/v1/dossiers/000.00.06.H56-231027-0361';
const ORIGIN = 'https://xaphuoclong.example.vn';

describe('request headers on a real server', () => {
  let server: StartedServer;
  before(async () => {
    server = await startServer(
      {
        port: 0,
        host: '127.0.0.1',
        dataDir: 'memory://',
        log: false,
        trustedProxies: ['127.0.0.1/32'],
        allowedOrigins: [ORIGIN],
        rateLimit: { lookups: 3, verifications: 20, windowSeconds: 600, lookupsPerDay: 500, codeFailures: 5, codeLockSeconds: 900 },
      },
      { ...process.env, DATABASE_URL: '' },
    );
  });
  after(() => server.close());

  it('X-Forwarded-For on two lines is one list: the right-most address is the client counted, whatever the first line says', async () => {
    // Through the trusted proxy (loopback), the client is the right-most hop: 198.51.100.20 on the second line.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (
          await get(server.port, UNKNOWN, [
            ['x-forwarded-for', `203.0.113.${i + 1}`],
            ['x-forwarded-for', '198.51.100.20'],
          ])
        ).status,
      );
    assert.deepEqual(statuses, [404, 404, 404, 429], 'the budget of 3 counted against one client, not four first-line addresses');
    assert.equal((await get(server.port, UNKNOWN, [['x-forwarded-for', '198.51.100.20']])).status, 429, 'the same client on one line');
    assert.equal(
      (await get(server.port, UNKNOWN, [['x-forwarded-for', '203.0.113.1']])).status,
      404,
      'a first-line address was never counted',
    );
  });

  it('CORS: the allowed Origin is answered on API responses and problems alike; another origin is not', async () => {
    const ok = await get(server.port, '/api/v1/agencies', [['origin', ORIGIN]]);
    assert.equal(ok.status, 200);
    assert.equal(ok.headers['access-control-allow-origin'], ORIGIN);
    const problem = await get(server.port, '/api/v1/procedures/khong-co', [['origin', ORIGIN]]);
    assert.equal(problem.headers['access-control-allow-origin'], ORIGIN, `problem ${problem.status} without CORS`);
    const other = await get(server.port, '/api/v1/agencies', [['origin', 'https://evil.example']]);
    assert.equal(other.headers['access-control-allow-origin'], undefined);
    assert.match(String(other.headers.vary), /^Origin(, |$)/);
  });

  it('Accept-Encoding with q-values and on two lines picks the coding a browser asked for, the same every time', async () => {
    const path = '/api/v1/agencies';
    for (let round = 0; round < 2; round++) {
      const deflate = await get(server.port, path, [['accept-encoding', 'gzip;q=0, deflate']]);
      assert.equal(deflate.headers['content-encoding'], 'deflate', `round ${round}`);
      assert.ok(JSON.parse(inflateSync(deflate.body).toString('utf8')));
      const split = await get(server.port, path, [
        ['accept-encoding', 'br;q=1'],
        ['accept-encoding', 'gzip;q=0.5'],
      ]);
      assert.equal(split.headers['content-encoding'], 'gzip', `round ${round}: the second line is part of the list`);
      assert.ok(JSON.parse(gunzipSync(split.body).toString('utf8')));
      const none = await get(server.port, path, [['accept-encoding', 'gzip;q=0, deflate;q=0']]);
      assert.equal(none.headers['content-encoding'], undefined, `round ${round}`);
      assert.ok(JSON.parse(none.body.toString('utf8')));
    }
  });
});
