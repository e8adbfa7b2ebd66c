// API fuzzer (used by api-fuzz.test.ts and api-fuzz.slow.test.ts): generated malformed requests (wrong types, huge strings, deep JSON, invalid UTF-8, SQL and HTML
// injection, bad codes, bad headers, bad methods) against the reference server. Zero 5xx, the server keeps
// answering throughout, and the valid data reads the same afterwards. Seeded: a failure prints the request to replay.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { seededRandom } from './fault-proxy.js';
import { firstAgency, startReferenceServer, type ReferenceServer } from './helpers.js';

let agency = '000.00.00.H00';
let random = seededRandom(1);

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
const int = (n: number) => Math.floor(random() * n);

const INJECTIONS = [
  "' OR 1=1 --",
  "'; DROP TABLE ratings; --",
  '" OR ""="',
  '1; SELECT pg_sleep(5)',
  "%' AND 1=(SELECT count(*) FROM pg_catalog.pg_tables) --",
  '<script>globalThis.pwned=1</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '{{constructor.constructor("return 1")()}}',
  '${7*7}',
  '../../../../etc/passwd',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '\u0000',
  '\u202Eevil',
  '\uD800',
  '🙂'.repeat(50),
  'Đăng ký khai sinh'.repeat(200),
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  ' ',
  '',
];
const HUGE = ['x'.repeat(10_000), 'ư'.repeat(70_000), 'A'.repeat(300_000)];
const BAD_PERCENT = ['%C3%28', '%FF%FE', '%E2%82', '%00', '%ZZ', '%', '%%', '%ED%A0%80'];
const WRONG_TYPES: unknown[] = [null, true, false, 0, -1, 1.5, 1e308, '', 'x', [], [1, 2], {}, { a: 1 }, '2026-13-45', 'not-a-date'];

const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80'; // a lone surrogate, as the bytes a browser would send
  }
};
const badCode = () => (random() < 0.3 ? pick(BAD_PERCENT) : random() < 0.1 ? enc(pick(HUGE).slice(0, 3000)) : enc(pick(INJECTIONS)));

function deepJson(depth: number): string {
  const open = random() < 0.5 ? '[' : '{"a":';
  const close = open === '[' ? ']' : '}';
  return open.repeat(depth) + '1' + close.repeat(depth);
}

function validRating(): Record<string, unknown> {
  return { agency, channel: 'kiosk', overall: 'satisfied', ratedAt: new Date().toISOString() };
}

/** A rating body that is invalid in at least one way (never a valid rating, so stored data cannot change). */
function badRatingBody(): Buffer {
  const kind = int(9);
  if (kind === 0) return Buffer.from(deepJson(1000 + int(50_000)));
  if (kind === 1) return Buffer.from('{"agency": "' + pick(HUGE) + '"');
  if (kind === 2) return Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]);
  if (kind === 3) return Buffer.from(pick(['', '{', '}', '[]', 'null', '"x"', '1', '{"a":}', 'NaN', '\u0000', '{"agency":1,,}']));
  const body = validRating();
  const field = pick(['agency', 'channel', 'overall', 'ratedAt', 'comment', 'criteria', 'dossierCode', 'counter', 'officer', 'extra']);
  if (kind === 4) body[field] = pick(WRONG_TYPES);
  else if (kind === 5) body[field] = pick(INJECTIONS) + (field === 'comment' ? pick(HUGE) : '');
  else if (kind === 6) body[field] = pick(HUGE);
  else if (kind === 7) body.criteria = { totalTime: pick([3, -1, '2', null, 1.5]), unknown: 1 };
  else body[pick(['__proto__', 'constructor', 'extra', 'admin'])] = { polluted: true };
  // Make sure the body stays invalid whatever was mutated: the Rating schema is strict, an unknown field is rejected.
  body.fuzz = int(1000);
  return Buffer.from(JSON.stringify(body));
}

function generate(): FuzzRequest {
  const headers: Record<string, string> = {};
  const kind = int(12);
  // Bad headers on any request.
  if (random() < 0.2) headers['accept'] = pick(['*/*', 'text/html', 'application/xml', '', 'garbage/;;;', 'x'.repeat(2000)]);
  if (random() < 0.1) headers['accept-language'] = pick(['vi', 'en', 'zz', '*', ';q=x', 'x'.repeat(5000)]);
  if (random() < 0.1) headers['if-none-match'] = pick(['*', '"x"', 'W/"', 'x'.repeat(4000), '""']);
  if (random() < 0.05) headers['origin'] = pick(['http://evil.example', 'null', '']);
  if (random() < 0.05) headers['x-forwarded-for'] = pick(['1.2.3.4', 'garbage', '::1, 999.1.1.1']);

  switch (kind) {
    case 0:
      return { method: 'GET', path: `/api/v1/agencies/${badCode()}`, headers };
    case 1:
      return { method: 'GET', path: `/api/v1/procedures/${badCode()}`, headers };
    case 2:
      return { method: 'GET', path: `/api/v1/dossiers/${badCode()}`, headers };
    case 3: {
      const params = [
        `q=${random() < 0.3 ? enc(pick(HUGE).slice(0, 5000)) : random() < 0.5 ? pick(BAD_PERCENT) : enc(pick(INJECTIONS))}`,
        `page=${pick(['-1', '0', 'abc', '1e9', '99999999999', '1.5', '', '%00'])}`,
        `pageSize=${pick(['0', '101', '-5', 'x', '1e3', '100000'])}`,
        `online=${pick(['maybe', '', 'FULL', '1', enc(pick(INJECTIONS))])}`,
        `sector=${enc(pick(INJECTIONS))}`,
        'q=a&q=b&q=c',
      ];
      const query = params.filter(() => random() < 0.5).join('&') || params[0];
      const where = random() < 0.7 ? agency : badCode();
      return { method: 'GET', path: `/api/v1/agencies/${where}/procedures?${query}`, headers };
    }
    case 4: {
      const from = pick([
        '2026-13-01',
        '2026-02-30',
        'yesterday',
        '',
        '0000-00-00',
        '1900-01-01',
        '2026-01-01T00:00',
        enc(pick(INJECTIONS)),
      ]);
      const to = pick(['2020-01-01', '9999-12-31', 'x', '', '2026-1-1']);
      return { method: 'GET', path: `/api/v1/agencies/${random() < 0.7 ? agency : badCode()}/stats?from=${from}&to=${to}`, headers };
    }
    case 5: {
      const body =
        random() < 0.5 ? Buffer.from(JSON.stringify({ phoneLast4: pick(WRONG_TYPES.concat(['12345', 'abcd', '12 4'])) })) : badRatingBody();
      return {
        method: 'POST',
        path: `/api/v1/dossiers/${random() < 0.5 ? `${agency}-260101-0001` : badCode()}/verify`,
        headers: { ...headers, 'content-type': 'application/json' },
        body,
      };
    }
    case 6:
    case 7:
    case 8: {
      const h: Record<string, string> = { ...headers };
      h['content-type'] = pick([
        'application/json',
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=latin1',
      ]);
      const key = pick([
        'valid-key-' + int(1e9),
        '',
        'short',
        'bad key with spaces',
        'x'.repeat(200),
        '<script>',
        "'; DROP TABLE ratings; --",
        'ключ-1234567',
      ]);
      if (random() < 0.9) h['idempotency-key'] = key;
      return { method: 'POST', path: '/api/v1/ratings', headers: h, body: badRatingBody() };
    }
    case 9:
      return {
        method: pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'POST']),
        path: pick([
          '/api/v1/agencies',
          `/api/v1/agencies/${agency}`,
          '/api/v1/ratings',
          '/api/v1/sectors',
          '/api/v1/openapi.json',
          '/healthz',
        ]),
        headers,
        body: random() < 0.5 ? Buffer.from('{}') : undefined,
      };
    case 10:
      return {
        method: 'GET',
        path: pick([
          '/api/v1/',
          '/api/v2/agencies',
          '/api/v1/agencies/',
          '//api/v1/agencies',
          '/api/v1/agencies/../../etc/passwd',
          `/api/v1/agencies/${agency}/procedures/catalog/extra`,
          '/api/v1/' + 'a/'.repeat(500),
          '/api/v1/agencies?' + 'x=1&'.repeat(2000),
          '/%00',
          '/api/v1/dossiers/' + enc('000.30.01.H17-991399-0001'),
        ]),
        headers,
      };
    default:
      return {
        method: 'GET',
        path: `/api/v1/agencies/${random() < 0.5 ? agency : badCode()}/procedures/catalog`,
        headers: { ...headers, 'if-none-match': pick(['"' + 'x'.repeat(int(3000)) + '"', '*', '', 'W/"abc"']) },
      };
  }
}

const agentOptions = { keepAlive: true, maxSockets: 16 };

/**
 * Sends one request on the keep-alive pool; when the pooled connection was closed under it (the server may close a
 * connection after answering early, e.g. 413 before reading a huge body), sends it once more on a fresh connection.
 * -1 = no answer on a fresh connection either.
 */
async function send(agent: http.Agent, origin: URL, req: FuzzRequest): Promise<number> {
  const status = await sendOnce(agent, origin, req);
  return status === -1 ? sendOnce(false, origin, req) : status;
}

function sendOnce(agent: http.Agent | false, origin: URL, req: FuzzRequest): Promise<number> {
  return new Promise((resolve) => {
    let r: http.ClientRequest;
    try {
      r = http.request(
        { host: origin.hostname, port: origin.port, method: req.method, path: req.path, headers: req.headers, agent },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', () => resolve(-1));
        },
      );
    } catch {
      // Node refused to send it (e.g. invalid characters in a header): not a server outcome.
      return resolve(-2);
    }
    r.on('error', () => resolve(-1));
    r.setTimeout(30_000, () => r.destroy());
    r.end(req.body);
  });
}

/** Requests Node's own client refuses to send: raw bytes on a socket. Returns the status line's code (0 if closed). */
function sendRaw(origin: URL, bytes: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(origin.port), origin.hostname, () => socket.end(bytes));
    let data = '';
    socket.on('data', (c) => (data += c.toString('latin1')));
    socket.on('close', () => resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(data)?.[1] ?? 0)));
    socket.on('error', () => resolve(0));
    socket.setTimeout(10_000, () => socket.destroy());
  });
}

async function snapshot(api: string): Promise<string> {
  const read = async (path: string) => {
    const res = await fetch(api + path);
    return `${res.status} ${res.headers.get('etag') ?? ''} ${await res.text()}`;
  };
  const stats = `/agencies/${agency}/stats?from=2026-01-01&to=${new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10)}`;
  return (
    await Promise.all([
      read('/agencies'),
      read('/sectors'),
      read(`/agencies/${agency}`),
      read(`/agencies/${agency}/procedures/catalog`),
      read(`/agencies/${agency}/procedures?q=khai%20sinh`),
      read('/procedures/1.001193'),
      read(stats),
    ])
  ).join('\n');
}

/** A request Node's client can send (header values it accepts); the rest go through {@link sendRaw}. */
function sendable(req: FuzzRequest): boolean {
  try {
    for (const [name, value] of Object.entries(req.headers)) http.validateHeaderValue(name, value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The same few nasty values (NUL, lone surrogate, invalid UTF-8, huge number, injection) in every query parameter
 * and path parameter of every GET route, deterministically, whatever the seed.
 */
export function targetedRequests(): FuzzRequest[] {
  const values = ['%00', 'a%00b', '%ED%A0%80', '%C3%28', '1e309', '-0', enc("' OR 1=1 --"), enc('<script>x</script>')];
  const out: FuzzRequest[] = [];
  for (const v of values) {
    for (const param of ['q', 'sector', 'online', 'page', 'pageSize'])
      out.push({ method: 'GET', path: `/api/v1/agencies/${agency}/procedures?${param}=${v}`, headers: {} });
    for (const param of ['from', 'to'])
      out.push({ method: 'GET', path: `/api/v1/agencies/${agency}/stats?from=2026-01-01&to=2026-01-31&${param}=${v}`, headers: {} });
    for (const path of [
      `/api/v1/agencies/${v}`,
      `/api/v1/agencies/${v}/procedures`,
      `/api/v1/agencies/${v}/procedures/catalog`,
      `/api/v1/agencies/${v}/stats`,
      `/api/v1/procedures/${v}`,
      `/api/v1/dossiers/${v}`,
    ])
      out.push({ method: 'GET', path, headers: {} });
  }
  return out;
}

/** Generates `count` malformed requests from `seed` for `agencyCode`. */
export function generateRequests(count: number, seed: number, agencyCode: string): FuzzRequest[] {
  agency = agencyCode;
  random = seededRandom(seed);
  const out: FuzzRequest[] = [];
  while (out.length < count) {
    const req = generate();
    if (sendable(req)) out.push(req);
  }
  return out;
}

/**
 * Sends `count` generated malformed requests (plus a few raw malformed HTTP messages) to `server`, 16 at a time,
 * checking health every 500; asserts zero 5xx, no connection left unanswered, and unchanged valid data.
 */
export async function fuzz(server: ReferenceServer, agencyCode: string, count: number, seed: number): Promise<void> {
  agency = agencyCode;
  const COUNT = count;
  const SEED = seed;
  const origin = new URL(server.url);
  const before = await snapshot(server.api);
  const agent = new http.Agent(agentOptions);
  const statuses = new Map<number, number>();
  const fivexx: string[] = [];
  let sent = 0;
  const requests = [...targetedRequests(), ...generateRequests(COUNT, SEED, agencyCode)];
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < requests.length) {
        const req = requests[next++] as FuzzRequest;
        const status = await send(agent, origin, req);
        sent++;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === -1 && process.env.FUZZ_DEBUG) console.log('dropped', req.method, req.path.slice(0, 100), req.body?.length);
        if (status >= 500 && fivexx.length < 10)
          fivexx.push(`${status} ${req.method} ${req.path.slice(0, 200)} ${req.body?.subarray(0, 200).toString() ?? ''}`);
        // Every 500 requests: the server still answers its health check.
        if (sent % 500 === 0) {
          const health = await fetch(`${server.url}/healthz`);
          assert.equal(health.status, 200, `health after ${sent} requests`);
          await health.arrayBuffer();
        }
      }
    }),
  );
  agent.destroy();

  // Malformed HTTP that Node's client refuses to produce.
  const raw = [
    'GET /api/v1/agencies HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0000b\r\n\r\n',
    'POST /api/v1/ratings HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nContent-Type: application/json\r\n\r\n{"a":',
    'POST /api/v1/ratings HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n',
    'POST /api/v1/ratings HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nzz\r\n',
    'GET /api/v1/agencies HTTP/9.9\r\nHost: x\r\n\r\n',
    'GET /api/v1/ag\u00e9ncies HTTP/1.1\r\nHost: x\r\n\r\n',
    `GET /api/v1/agencies HTTP/1.1\r\nHost: x\r\nX-Huge: ${'x'.repeat(20_000)}\r\n\r\n`,
    'BREW /api/v1/agencies HTTP/1.1\r\nHost: x\r\n\r\n',
  ];
  for (const text of raw) {
    const status = await sendRaw(origin, Buffer.from(text, 'latin1'));
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status >= 500) fivexx.push(`${status} raw ${JSON.stringify(text.slice(0, 80))}`);
    sent++;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `fuzz: ${sent} requests in ${seconds.toFixed(1)} s (seed ${SEED}); statuses:`,
    Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])),
  );
  assert.ok(sent >= COUNT);
  assert.deepEqual(fivexx, [], 'no 5xx answers');
  assert.equal(statuses.get(-1) ?? 0, 0, 'no connection dropped without an answer');
  assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  assert.equal(await snapshot(server.api), before, 'valid data reads the same after fuzzing');
}

/**
 * Registers one fuzz run as a test file's only test, against its own reference server. `MOTCUA_FUZZ_COUNT` and
 * `MOTCUA_FUZZ_SEED` override the file's count and seed (to replay a failure or run longer).
 */
export function fuzzTest(defaults: { count: number; seed: number; timeout: number }): void {
  const COUNT = Number(process.env.MOTCUA_FUZZ_COUNT ?? defaults.count);
  const SEED = Number(process.env.MOTCUA_FUZZ_SEED ?? defaults.seed);

  let server: ReferenceServer;
  before(async () => {
    server = await startReferenceServer();
  });
  after(() => server?.stop());

  test(
    `${COUNT.toLocaleString('en')} malformed requests (seed ${SEED}): zero 5xx, server keeps answering, data unchanged`,
    { timeout: defaults.timeout },
    async () => {
      await fuzz(server, await firstAgency(server.api), COUNT, SEED);
    },
  );
}
