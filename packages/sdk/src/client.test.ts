// The client against a real HTTP server (node:http on 127.0.0.1:0), not a mocked fetch.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, createStorageCache, type ClientOptions } from './client.js';
import {
  MotcuaAbortError,
  MotcuaHttpError,
  MotcuaInputError,
  MotcuaNetworkError,
  MotcuaResponseError,
  MotcuaTimeoutError,
} from './errors.js';
import { AGENCY_CODE, DOSSIER, agency, catalog, dossier, procedure, receipt, stats, summary } from './test-fixtures.js';
import { failure, json, problem, startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

const client = (options: Partial<ClientOptions> = {}) => createClient({ baseUrl: server.api, retry: { backoffMs: 5 }, ...options });

const rating = {
  agency: AGENCY_CODE,
  channel: 'kiosk',
  overall: 'very_satisfied',
  ratedAt: '2026-11-21T09:00:00+07:00',
} as const;

describe('each call returns validated data from the contract routes', () => {
  test('agencies, agency, sectors', async () => {
    server.on('GET /agencies', (_q, res) => json(res, 200, { items: [agency] }));
    server.on(`GET /agencies/${AGENCY_CODE}`, (_q, res) => json(res, 200, agency));
    server.on('GET /sectors', (_q, res) => json(res, 200, { items: [{ code: 'G15-TP07', name: 'Hộ tịch' }] }));
    const api = client({ locale: 'en' });
    assert.deepEqual(await api.getAgencies(), [agency]);
    assert.deepEqual(await api.getAgency(AGENCY_CODE), agency);
    assert.deepEqual(await api.getSectors(), [{ code: 'G15-TP07', name: 'Hộ tịch' }]);
    assert.equal(server.seen[0]?.headers['accept-language'], 'en');
  });

  test('searchProcedures sends the query; getProcedure; getStats sends the period', async () => {
    server.on(`GET /agencies/${AGENCY_CODE}/procedures`, (_q, res) =>
      json(res, 200, { items: catalog.items, page: 2, pageSize: 3, total: 9 }),
    );
    server.on('GET /procedures/1.001193', (_q, res) => json(res, 200, procedure));
    server.on(`GET /agencies/${AGENCY_CODE}/stats`, (_q, res) => json(res, 200, stats));
    const api = client();
    const page = await api.searchProcedures(AGENCY_CODE, { q: 'khai sinh', online: 'full', page: 2, pageSize: 3 });
    assert.equal(page.items[0]?.name, 'Đăng ký khai sinh');
    assert.equal(server.seen[0]?.search, '?q=khai+sinh&online=full&page=2&pageSize=3');
    assert.equal((await api.getProcedure('1.001193')).results[0]?.name, 'Giấy khai sinh');
    assert.equal((await api.getStats(AGENCY_CODE, { from: '2026-01-01', to: '2026-06-30' })).onTimeRate, 0.9778);
    assert.equal(server.seen[2]?.search, '?from=2026-01-01&to=2026-06-30');
  });

  test('getDossier normalises the code; verifyDossier posts the digits and returns the owner view', async () => {
    server.on(`GET /dossiers/${DOSSIER}`, (_q, res) => json(res, 200, dossier));
    server.on(`POST /dossiers/${DOSSIER}/verify`, (_q, res) =>
      json(res, 200, { ...dossier, view: 'owner', applicantName: 'Nguyễn V** A**' }),
    );
    const api = client();
    assert.equal((await api.getDossier(' 000.00.06.h56-231027-0361 ')).status, 'processing');
    const owner = await api.verifyDossier(DOSSIER, '6789');
    assert.equal(owner.applicantName, 'Nguyễn V** A**');
    assert.deepEqual(JSON.parse(server.seen[1]?.body ?? ''), { phoneLast4: '6789' });
    assert.match(String(server.seen[1]?.headers['content-type']), /application\/json/);
  });

  test('submitRating sends the Idempotency-Key; 201 is a new receipt, 200 a replay', async () => {
    server.on('POST /ratings', (_q, res, _s, attempt) => json(res, attempt === 1 ? 201 : 200, receipt));
    const api = client();
    const first = await api.submitRating(rating, { idempotencyKey: 'key-0000001' });
    const again = await api.submitRating(rating, { idempotencyKey: 'key-0000001' });
    assert.deepEqual(first, { receipt, replayed: false });
    assert.deepEqual(again, { receipt, replayed: true });
    assert.equal(server.seen[0]?.headers['idempotency-key'], 'key-0000001');
    assert.deepEqual(JSON.parse(server.seen[0]?.body ?? ''), rating);
  });
});

describe('error paths', () => {
  test('a response that breaks the schema throws MotcuaResponseError naming the URL path and the field path', async () => {
    server.on('GET /agencies', (_q, res) => json(res, 200, { items: [agency, { ...agency, code: 'H56', openingHours: 'all day' }] }));
    const error = await failure(client().getAgencies());
    assert.ok(error instanceof MotcuaResponseError);
    assert.equal(error.path, '/api/v1/agencies');
    assert.match(error.message, /\/api\/v1\/agencies/);
    assert.match(error.message, /items\[1\]\.code/);
    assert.match(error.message, /items\[1\]\.openingHours: expected array/);
    assert.deepEqual(
      error.issues.map((i) => i.path),
      ['items[1].code', 'items[1].openingHours'],
    );
  });

  test('a large catalog (validated a slice at a time) comes back whole and in order, or fails naming the bad item', async () => {
    const path = `/agencies/${AGENCY_CODE}/procedures/catalog`;
    const items = Array.from({ length: 130 }, (_, i) => summary(i + 1));
    server.on(`GET ${path}`, (_q, res) => json(res, 200, { ...catalog, items }));
    assert.deepEqual(await client().getCatalog(AGENCY_CODE), { ...catalog, items });
    // One bad procedure in the fourth slice, another in the first: both named, with their place in the whole list.
    const bad = items.map((item, i) => (i === 97 ? { ...item, sector: 'none' } : i === 3 ? { ...item, name: 7 } : item));
    server.on(`GET ${path}`, (_q, res) => json(res, 200, { ...catalog, items: bad }));
    const error = await failure(client().getCatalog(AGENCY_CODE));
    assert.ok(error instanceof MotcuaResponseError);
    assert.deepEqual(
      error.issues.map((i) => i.path),
      ['items[3].name', 'items[97].sector'],
    );
    // A bad field outside the items is named too (and so is one in both places).
    server.on(`GET ${path}`, (_q, res) => json(res, 200, { ...catalog, updatedAt: 'yesterday', items: bad }));
    const both = await failure(client().getCatalog(AGENCY_CODE));
    assert.ok(both instanceof MotcuaResponseError);
    assert.deepEqual(both.issues.map((i) => i.path).sort(), ['items[3].name', 'items[97].sector', 'updatedAt']);
  });

  test('a missing nested field and a wrong enum value are named precisely', async () => {
    const { status: _status, ...noStatus } = dossier;
    server.on(`GET /dossiers/${DOSSIER}`, (_q, res) => json(res, 200, { ...noStatus, timing: 'soon', steps: [{ name: 'x', unit: 'y' }] }));
    const error = await failure(client().getDossier(DOSSIER));
    assert.ok(error instanceof MotcuaResponseError);
    assert.deepEqual(error.issues.map((i) => i.path).sort(), ['status', 'steps[0].startedAt', 'timing']);
    assert.match(error.message, /timing: expected one of "early"/);
  });

  test('a body that is not JSON throws MotcuaResponseError', async () => {
    server.on('GET /sectors', (_q, res) => json(res, 200, '<html>maintenance</html>'));
    const error = await failure(client().getSectors());
    assert.ok(error instanceof MotcuaResponseError);
    assert.match(error.message, /not valid JSON/);
  });

  test('an HTTP error with problem+json throws MotcuaHttpError carrying the problem', async () => {
    server.on(`GET /dossiers/${DOSSIER}`, (_q, res) => problem(res, 404, 'dossier_not_found', { detail: 'Không tìm thấy hồ sơ' }));
    const error = await failure(client().getDossier(DOSSIER));
    assert.ok(error instanceof MotcuaHttpError);
    assert.equal(error.status, 404);
    assert.equal(error.problem?.code, 'dossier_not_found');
    assert.equal(error.problem?.detail, 'Không tìm thấy hồ sơ');
    assert.equal(server.count(`GET /dossiers/${DOSSIER}`), 1, '4xx is not retried');
  });

  test('an HTTP error with an HTML body throws MotcuaHttpError without problem', async () => {
    server.on('GET /sectors', (_q, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<h1>Bad gateway</h1>');
    });
    const error = await failure(client({ retry: { limit: 0 } }).getSectors());
    assert.ok(error instanceof MotcuaHttpError);
    assert.equal(error.status, 502);
    assert.equal(error.problem, undefined);
  });

  test('an error status whose body stalls still gives MotcuaHttpError within the timeout', { timeout: 10_000 }, async () => {
    server.on('GET /sectors', (_q, res) => {
      res.writeHead(404, { 'content-type': 'application/problem+json' });
      res.write('{"type":"about:blank",');
    });
    const error = await failure(client({ timeout: 150 }).getSectors());
    assert.ok(error instanceof MotcuaHttpError);
    assert.equal(error.status, 404);
    assert.equal(error.problem, undefined);
  });

  test('a connection reset throws MotcuaNetworkError after retrying the GET', async () => {
    server.on('GET /sectors', (req) => req.socket.destroy());
    const error = await failure(client({ retry: { limit: 2, backoffMs: 5 } }).getSectors());
    assert.ok(error instanceof MotcuaNetworkError);
    assert.equal(error.path, '/api/v1/sectors');
    assert.equal(server.count('GET /sectors'), 3);
  });

  test('a server that does not answer in time throws MotcuaTimeoutError', { timeout: 10_000 }, async () => {
    server.on('GET /sectors', () => undefined);
    const error = await failure(client({ timeout: 150 }).getSectors());
    assert.ok(error instanceof MotcuaTimeoutError);
    assert.equal(error.timeoutMs, 150);
  });

  test(
    'a read that timed out is tried again (a dropped request on a rural link), a rating without a key is not',
    { timeout: 10_000 },
    async () => {
      server.on('GET /agencies', (_q, res, _s, attempt) => (attempt === 1 ? undefined : json(res, 200, { items: [] })));
      assert.deepEqual(await client({ timeout: 150 }).getAgencies(), []);
      assert.equal(server.count('GET /agencies'), 2);
      server.on('GET /sectors', () => undefined);
      assert.ok((await failure(client({ timeout: 150, retry: { limit: 2, backoffMs: 5 } }).getSectors())) instanceof MotcuaTimeoutError);
      assert.equal(server.count('GET /sectors'), 2, 'the first try and one retry, though the limit allows two');
    },
  );

  test('a body that stalls after the headers throws MotcuaTimeoutError', { timeout: 10_000 }, async () => {
    server.on('GET /sectors', (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"items":[');
    });
    const error = await failure(client({ timeout: 150 }).getSectors());
    assert.ok(error instanceof MotcuaTimeoutError);
  });

  test('aborting a pending call throws MotcuaAbortError; an aborted signal sends nothing', async () => {
    server.on('GET /sectors', () => undefined);
    const controller = new AbortController();
    const pending = client().getSectors({ signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const error = await failure(pending);
    assert.ok(error instanceof MotcuaAbortError);
    const before = server.seen.length;
    const again = await failure(client().getSectors({ signal: controller.signal }));
    assert.ok(again instanceof MotcuaAbortError);
    assert.equal(server.seen.length, before);
  });

  test('aborting during a retry wait stops retrying', async () => {
    server.on('GET /sectors', (_q, res) => problem(res, 503, 'unavailable'));
    const controller = new AbortController();
    const pending = client({ retry: { limit: 5, backoffMs: 10_000 } }).getSectors({ signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    assert.ok((await failure(pending)) instanceof MotcuaAbortError);
    assert.equal(server.count('GET /sectors'), 1);
  });

  test('invalid input throws MotcuaInputError before any request, in the client locale', async () => {
    const vi = await failure(client().getDossier('000.00.06.H56-231327-0361'));
    assert.ok(vi instanceof MotcuaInputError);
    assert.equal(vi.reason, 'invalid_date');
    assert.match(vi.message, /ngày/);
    const en = await failure(client({ locale: 'en' }).getDossier('abc'));
    assert.ok(en instanceof MotcuaInputError);
    assert.equal(en.reason, 'wrong_shape');
    assert.match(en.message, /three parts/);
    const phone = await failure(client().verifyDossier(DOSSIER, '12a4'));
    assert.ok(phone instanceof MotcuaInputError);
    assert.equal(phone.issues[0]?.path, 'phoneLast4');
    const long = await failure(client().submitRating({ ...rating, comment: 'x'.repeat(1001) }, { idempotencyKey: 'key-0000001' }));
    assert.ok(long instanceof MotcuaInputError);
    assert.match(long.message, /comment/);
    const extra = await failure(client().submitRating({ ...rating, extra: 1 } as typeof rating, { idempotencyKey: 'key-0000001' }));
    assert.ok(extra instanceof MotcuaInputError);
    const key = await failure(client().submitRating(rating, { idempotencyKey: 'short' }));
    assert.ok(key instanceof MotcuaInputError);
    const period = await failure(client().getStats(AGENCY_CODE, { from: '2026-07-01', to: '2026-06-30' }));
    assert.ok(period instanceof MotcuaInputError);
    const agencyCode = await failure(client().getAgency('H56'));
    assert.ok(agencyCode instanceof MotcuaInputError);
    assert.equal(server.seen.length, 0);
  });
});

describe('retries', () => {
  test('a GET is retried on 503 and succeeds', async () => {
    server.on('GET /sectors', (_q, res, _s, attempt) => (attempt < 3 ? problem(res, 503, 'unavailable') : json(res, 200, { items: [] })));
    assert.deepEqual(await client({ retry: { limit: 2, backoffMs: 5 } }).getSectors(), []);
    assert.equal(server.count('GET /sectors'), 3);
  });

  test('a GET gives up after the retry limit with the last HTTP error', async () => {
    server.on('GET /sectors', (_q, res) => problem(res, 500, 'internal'));
    const error = await failure(client({ retry: { limit: 1, backoffMs: 5 } }).getSectors());
    assert.ok(error instanceof MotcuaHttpError);
    assert.equal(error.status, 500);
    assert.equal(server.count('GET /sectors'), 2);
  });

  test('a POST without an Idempotency-Key is not retried', async () => {
    server.on(`POST /dossiers/${DOSSIER}/verify`, (_q, res) => problem(res, 503, 'unavailable'));
    const error = await failure(client({ retry: { limit: 3, backoffMs: 5 } }).verifyDossier(DOSSIER, '6789'));
    assert.ok(error instanceof MotcuaHttpError);
    assert.equal(server.count(`POST /dossiers/${DOSSIER}/verify`), 1);
  });

  test('a POST with an Idempotency-Key is retried with the same key', async () => {
    server.on('POST /ratings', (req, res, _s, attempt) => (attempt === 1 ? req.socket.destroy() : json(res, 201, receipt)));
    const result = await client({ retry: { limit: 2, backoffMs: 5 } }).submitRating(rating, { idempotencyKey: 'key-0000042' });
    assert.equal(result.replayed, false);
    assert.equal(server.count('POST /ratings'), 2);
    assert.deepEqual(
      server.seen.map((s) => s.headers['idempotency-key']),
      ['key-0000042', 'key-0000042'],
    );
  });

  test('400 is not retried; 408 is', async () => {
    server.on('GET /sectors', (_q, res) => problem(res, 400, 'invalid_request'));
    assert.ok((await failure(client({ retry: { limit: 3, backoffMs: 5 } }).getSectors())) instanceof MotcuaHttpError);
    assert.equal(server.count('GET /sectors'), 1);
    server.on('GET /agencies', (_q, res, _s, attempt) => (attempt === 1 ? problem(res, 408, 'timeout') : json(res, 200, { items: [] })));
    assert.deepEqual(await client({ retry: { limit: 3, backoffMs: 5 } }).getAgencies(), []);
    assert.equal(server.count('GET /agencies'), 2);
  });

  test('429 waits for Retry-After before retrying', async () => {
    server.on('GET /sectors', (_q, res, _s, attempt) =>
      attempt === 1 ? problem(res, 429, 'rate_limited', { retryAfter: 1 }, { 'retry-after': '1' }) : json(res, 200, { items: [] }),
    );
    assert.deepEqual(await client({ retry: { limit: 2, backoffMs: 5 } }).getSectors(), []);
    const [first, second] = server.seen;
    assert.equal(server.count('GET /sectors'), 2);
    assert.ok(first && second && second.at - first.at >= 950, 'the second request came after the Retry-After delay');
  });

  test('a Retry-After longer than the client accepts is not waited for: MotcuaHttpError with retryAfter', async () => {
    server.on('GET /sectors', (_q, res) => problem(res, 429, 'rate_limited', { retryAfter: 120 }, { 'retry-after': '120' }));
    const error = await failure(client({ retry: { limit: 2, backoffMs: 5 } }).getSectors());
    assert.ok(error instanceof MotcuaHttpError);
    assert.equal(error.status, 429);
    assert.equal(error.retryAfter, 120);
    assert.equal(error.problem?.code, 'rate_limited');
    assert.equal(server.count('GET /sectors'), 1);
  });
});

describe('requests, retries and released connections', () => {
  test('a request accepts JSON in the client locale, carries the extra headers and leaves out undefined query values', async () => {
    server.on(`GET /agencies/${AGENCY_CODE}/procedures`, (_q, res) => json(res, 200, { items: [], page: 2, pageSize: 20, total: 0 }));
    const api = client({ headers: { 'x-commune': 'hoa-vang' } });
    await api.searchProcedures(AGENCY_CODE, { q: undefined, page: 2 });
    const seen = server.seen[0];
    assert.equal(seen?.search, '?page=2');
    assert.equal(seen?.headers.accept, 'application/json');
    assert.equal(seen?.headers['accept-language'], 'vi');
    assert.equal(seen?.headers['x-commune'], 'hoa-vang');
    assert.equal(seen?.headers['content-type'], undefined, 'a GET has no body and no content-type');
  });

  test('the fetch option is called as fetch(input, init) for every attempt', async () => {
    server.on('GET /sectors', (_q, res, _s, attempt) => (attempt === 1 ? problem(res, 502, 'bad_gateway') : json(res, 200, { items: [] })));
    const calls: string[] = [];
    const api = client({
      fetch: (input, init) => {
        const request = new Request(input, init);
        calls.push(`${request.method} ${request.url}`);
        return fetch(input, init);
      },
    });
    assert.deepEqual(await api.getSectors(), []);
    assert.deepEqual(calls, [`GET ${server.api}/sectors`, `GET ${server.api}/sectors`]);
  });

  test('a 503 with Retry-After as an HTTP date waits until that date; a date beyond maxRetryAfterMs throws at once', async () => {
    // A whole second at least 1.5 s ahead (HTTP dates have no milliseconds), far longer than the 5 ms backoff.
    const until = Math.ceil((Date.now() + 1500) / 1000) * 1000;
    server.on('GET /sectors', (_q, res, _s, attempt) =>
      attempt === 1
        ? problem(res, 503, 'unavailable', {}, { 'retry-after': new Date(until).toUTCString() })
        : json(res, 200, { items: [] }),
    );
    assert.deepEqual(await client({ retry: { limit: 2, backoffMs: 5 } }).getSectors(), []);
    assert.equal(server.count('GET /sectors'), 2);
    assert.ok((server.seen[1]?.at ?? 0) >= until - 50, 'the retry came at the Retry-After date, not after the backoff');

    const later = new Date(Date.now() + 3_600_000).toUTCString();
    server.on('GET /agencies', (_q, res) => problem(res, 503, 'unavailable', {}, { 'retry-after': later }));
    const error = await failure(client({ retry: { limit: 2, backoffMs: 5, maxRetryAfterMs: 60_000 } }).getAgencies());
    assert.ok(error instanceof MotcuaHttpError);
    assert.ok(error.retryAfter !== undefined && error.retryAfter > 3500 && error.retryAfter <= 3600, String(error.retryAfter));
    assert.equal(server.count('GET /agencies'), 1);
  });

  test('a Retry-After that is neither seconds nor a date falls back to the backoff', { timeout: 10_000 }, async () => {
    server.on('GET /sectors', (_q, res, _s, attempt) =>
      attempt === 1 ? problem(res, 429, 'rate_limited', {}, { 'retry-after': 'soon' }) : json(res, 200, { items: [] }),
    );
    assert.deepEqual(await client({ retry: { limit: 2, backoffMs: 5 } }).getSectors(), []);
    assert.equal(server.count('GET /sectors'), 2);
  });

  test('without Retry-After, a 429 with RateLimit-Reset waits that long; the final error carries the HTTP error as cause', async () => {
    server.on('GET /sectors', (_q, res, _s, attempt) =>
      attempt === 1 ? problem(res, 429, 'rate_limited', {}, { 'ratelimit-reset': '1' }) : json(res, 200, { items: [] }),
    );
    assert.deepEqual(await client({ retry: { limit: 2, backoffMs: 5 } }).getSectors(), []);
    const [first, second] = server.seen;
    assert.ok(first && second && second.at - first.at >= 950, 'the second request came after the RateLimit-Reset delay');

    server.on('GET /agencies', (_q, res) => problem(res, 500, 'internal'));
    const error = await failure(client({ retry: { limit: 0 } }).getAgencies());
    assert.ok(error instanceof MotcuaHttpError);
    assert.ok(error.cause instanceof Error && error.cause.name === 'HTTPError', String(error.cause));
  });

  test('a POST without an Idempotency-Key is not retried after a connection reset nor after a timeout', { timeout: 10_000 }, async () => {
    const path = `POST /dossiers/${DOSSIER}/verify`;
    server.on(path, (req) => req.socket.destroy());
    const reset = await failure(client({ retry: { limit: 3, backoffMs: 5 } }).verifyDossier(DOSSIER, '6789'));
    assert.ok(reset instanceof MotcuaNetworkError);
    assert.equal(server.count(path), 1);
    server.on(path, () => undefined);
    const late = await failure(client({ timeout: 150, retry: { limit: 3, backoffMs: 5 } }).verifyDossier(DOSSIER, '6789'));
    assert.ok(late instanceof MotcuaTimeoutError);
    assert.equal(server.count(path), 2);
  });

  test('the body of an error response that is retried is released before the retry', async () => {
    let released = false;
    let releasedBeforeRetry = false;
    server.on('GET /sectors', (_q, res, _s, attempt) => {
      if (attempt > 1) {
        releasedBeforeRetry = released;
        return json(res, 200, { items: [] });
      }
      // A 503 whose body never ends: its connection closes only when the client cancels the body.
      res.on('close', () => (released = true));
      res.writeHead(503, { 'content-type': 'application/problem+json' });
      res.write('{"type":"about:blank",');
    });
    // The backoff (150–300 ms) leaves the cancelled connection ample time to close before the retry is sent.
    assert.deepEqual(await client({ retry: { limit: 1, backoffMs: 300 } }).getSectors(), []);
    assert.ok(releasedBeforeRetry, 'the first response was still open when the retry arrived');
  });

  test('a fetch that ignores its signal is still cut short by an abort, and by the timeout', { timeout: 10_000 }, async () => {
    server.on('GET /sectors', () => undefined);
    const deaf: typeof fetch = (input, init) => fetch(input, { ...init, signal: null });
    const controller = new AbortController();
    const pending = client({ fetch: deaf, timeout: 60_000 }).getSectors({ signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    assert.ok((await failure(pending)) instanceof MotcuaAbortError);
    const late = await failure(client({ fetch: deaf, timeout: 150, retry: { limit: 0 } }).getSectors());
    assert.ok(late instanceof MotcuaTimeoutError);
  });
});

describe('catalog caching', () => {
  const path = `/agencies/${AGENCY_CODE}/procedures/catalog`;
  function serveCatalog(etag = '"v1"') {
    server.on(`GET ${path}`, (req, res) => {
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
      } else json(res, 200, catalog, { etag });
    });
  }

  test('the second call sends If-None-Match and uses the 304', async () => {
    serveCatalog();
    const api = client();
    assert.deepEqual(await api.getCatalog(AGENCY_CODE), catalog);
    assert.deepEqual(await api.getCatalog(AGENCY_CODE), catalog);
    assert.equal(server.seen[0]?.headers['if-none-match'], undefined);
    assert.equal(server.seen[1]?.headers['if-none-match'], '"v1"');
    assert.deepEqual(await api.peekCatalog(AGENCY_CODE), catalog);
  });

  test('widgets asking for one catalog at once share one request (the page downloads it once)', async () => {
    serveCatalog();
    const api = client();
    const [a, b, c] = await Promise.all([api.getCatalog(AGENCY_CODE), api.getCatalog(AGENCY_CODE), api.getCatalog(AGENCY_CODE)]);
    assert.deepEqual([a, b, c], [catalog, catalog, catalog]);
    assert.equal(server.seen.length, 1);
  });

  test('one widget cancelling its catalog call does not cancel the request another widget waits for', async () => {
    server.on(`GET ${path}`, (_q, res) => setTimeout(() => json(res, 200, catalog, { etag: '"v1"' }), 100));
    const api = client();
    const leaving = new AbortController();
    const first = api.getCatalog(AGENCY_CODE, { signal: leaving.signal });
    const second = api.getCatalog(AGENCY_CODE, { signal: new AbortController().signal });
    leaving.abort();
    assert.ok((await failure(first)) instanceof MotcuaAbortError);
    assert.deepEqual(await second, catalog);
    assert.equal(server.seen.length, 1);
  });

  test('when every caller cancels, the shared catalog request is cancelled and the next call starts a new one', async () => {
    server.on(`GET ${path}`, (_q, res) => setTimeout(() => json(res, 200, catalog, { etag: '"v1"' }), 100));
    const api = client();
    const only = new AbortController();
    const call = api.getCatalog(AGENCY_CODE, { signal: only.signal });
    only.abort();
    assert.ok((await failure(call)) instanceof MotcuaAbortError);
    assert.deepEqual(await api.getCatalog(AGENCY_CODE), catalog);
  });

  test('a changed catalog (new ETag) replaces the held one', async () => {
    serveCatalog('"v1"');
    const api = client();
    await api.getCatalog(AGENCY_CODE);
    const changed = { ...catalog, items: [summary(9, 'Đăng ký khai tử')] };
    server.on(`GET ${path}`, (_q, res) => json(res, 200, changed, { etag: '"v2"' }));
    assert.deepEqual(await api.getCatalog(AGENCY_CODE), changed);
    assert.deepEqual(await api.peekCatalog(AGENCY_CODE), changed);
  });

  test('a persistent cache gives the next client the catalog without network, then revalidates it', async () => {
    serveCatalog();
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    await client({ cache: createStorageCache(storage) }).getCatalog(AGENCY_CODE);
    assert.equal(store.size, 1);

    const next = client({ cache: createStorageCache(storage) });
    const requests = server.seen.length;
    assert.deepEqual(await next.peekCatalog(AGENCY_CODE), catalog);
    assert.equal(server.seen.length, requests, 'peekCatalog made no request');
    assert.deepEqual(await next.getCatalog(AGENCY_CODE), catalog);
    assert.equal(server.seen.at(-1)?.headers['if-none-match'], '"v1"');
  });

  test('a corrupt or foreign cache entry is ignored; a full storage does not break getCatalog', async () => {
    serveCatalog();
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const api = client({ cache: createStorageCache(storage) });
    store.set(`motcua:catalog:${server.api}:${AGENCY_CODE}`, '{"etag":"\\"v1\\"","catalog":{"items":"oops"}}');
    assert.equal(await api.peekCatalog(AGENCY_CODE), undefined);
    assert.deepEqual(await api.getCatalog(AGENCY_CODE), catalog);
    assert.equal(server.seen[0]?.headers['if-none-match'], undefined, 'the corrupt entry was not used to revalidate');
    store.set(`motcua:catalog:${server.api}:${AGENCY_CODE}`, 'not json');
    assert.equal(await client({ cache: createStorageCache(storage) }).peekCatalog(AGENCY_CODE), undefined);
  });

  test('a large saved catalog (validated a slice at a time) comes back whole and in order; one bad procedure drops it', async () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const key = `motcua:catalog:${server.api}:${AGENCY_CODE}`;
    const items = Array.from({ length: 130 }, (_, i) => summary(i + 1));
    const saved = { etag: '"v9"', catalog: { ...catalog, items }, savedAt: '2026-12-01T00:00:00Z' };
    store.set(key, JSON.stringify(saved));
    assert.deepEqual(await client({ cache: createStorageCache(storage) }).peekCatalog(AGENCY_CODE), { ...catalog, items });
    // A bad procedure in the last slice, or a bad field beside the catalog: the entry is ignored, as before.
    store.set(
      key,
      JSON.stringify({ ...saved, catalog: { ...catalog, items: items.map((item, i) => (i === 125 ? { ...item, code: 5 } : item)) } }),
    );
    assert.equal(await client({ cache: createStorageCache(storage) }).peekCatalog(AGENCY_CODE), undefined);
    store.set(key, JSON.stringify({ ...saved, savedAt: 7 }));
    assert.equal(await client({ cache: createStorageCache(storage) }).peekCatalog(AGENCY_CODE), undefined);
  });

  test('peekCatalog is undefined before any catalog', async () => {
    assert.equal(await client().peekCatalog(AGENCY_CODE), undefined);
  });
});

describe('paging', () => {
  const all = Array.from({ length: 45 }, (_, i) => summary(i));
  function servePages() {
    server.on(`GET /agencies/${AGENCY_CODE}/procedures`, (_q, res, seen) => {
      const params = new URLSearchParams(seen.search);
      const page = Number(params.get('page') ?? 1);
      const pageSize = Number(params.get('pageSize') ?? 20);
      json(res, 200, { items: all.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: all.length });
    });
  }

  test('iterateProcedures yields every item across pages', async () => {
    servePages();
    const codes: string[] = [];
    for await (const item of client().iterateProcedures(AGENCY_CODE, { pageSize: 20 })) codes.push(item.code);
    assert.deepEqual(
      codes,
      all.map((p) => p.code),
    );
    assert.equal(server.count(`GET /agencies/${AGENCY_CODE}/procedures`), 3);
  });

  test('breaking out of the loop stops fetching pages', async () => {
    servePages();
    let n = 0;
    for await (const _ of client().iterateProcedures(AGENCY_CODE, { pageSize: 20 })) if (++n === 5) break;
    assert.equal(server.count(`GET /agencies/${AGENCY_CODE}/procedures`), 1);
  });
});
