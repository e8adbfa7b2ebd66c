// `catalogReuseMs`: a catalog just received answers the next calls for it without a request (the widgets of one page
// asking one after another download it once), and only what a careful cache may reuse is reused.
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, createStorageCache, type ClientOptions } from './client.js';
import { MotcuaAbortError, MotcuaHttpError, MotcuaResponseError } from './errors.js';
import { AGENCY_CODE, catalog, summary } from './test-fixtures.js';
import { failure, json, startTestServer, type TestServer } from './test-server.js';

const OTHER_AGENCY = '000.00.07.H56';
const path = (agency: string) => `/agencies/${agency}/procedures/catalog`;
const otherCatalog = { ...catalog, agency: OTHER_AGENCY, items: [summary(7, 'Đăng ký thường trú')] };
const changed = { ...catalog, items: [summary(9, 'Đăng ký khai tử')] };

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  mock.timers.reset();
  await server.close();
});

const client = (options: Partial<ClientOptions> = {}) =>
  createClient({ baseUrl: server.api, retry: { limit: 0 }, catalogReuseMs: 60_000, ...options });

/** Serves `body` with `etag`, answering 304 to a request that holds that ETag already. */
function serve(agency: string, body: unknown, etag: string) {
  server.on(`GET ${path(agency)}`, (req, res) => {
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      res.end();
    } else json(res, 200, body, { etag });
  });
}

const requests = (agency = AGENCY_CODE) => server.count(`GET ${path(agency)}`);

describe('a catalog just received is reused (catalogReuseMs)', () => {
  test('a second call after the first one resolved makes no request: one download for both widgets', async () => {
    serve(AGENCY_CODE, catalog, '"v1"');
    const api = client();
    assert.deepEqual(await api.getCatalog(AGENCY_CODE), catalog);
    assert.deepEqual(await api.getCatalog(AGENCY_CODE), catalog);
    assert.equal(requests(), 1);
  });

  test('another agency, another API or another client asks the server itself', async () => {
    serve(AGENCY_CODE, catalog, '"v1"');
    serve(OTHER_AGENCY, otherCatalog, '"o1"');
    const api = client();
    await api.getCatalog(AGENCY_CODE);
    assert.deepEqual(await api.getCatalog(OTHER_AGENCY), otherCatalog, 'not the first agency’s catalog');
    assert.deepEqual([requests(), requests(OTHER_AGENCY)], [1, 1]);
    assert.deepEqual(await api.getCatalog(AGENCY_CODE), catalog);
    assert.deepEqual(await api.getCatalog(OTHER_AGENCY), otherCatalog);
    assert.deepEqual([requests(), requests(OTHER_AGENCY)], [1, 1], 'each agency reuses its own answer');
    // The same server under another base URL is another API; another client may send other headers or language.
    await client({ baseUrl: server.api.replace('127.0.0.1', 'localhost') }).getCatalog(AGENCY_CODE);
    assert.equal(requests(), 2);
    await client({ locale: 'en' }).getCatalog(AGENCY_CODE);
    assert.equal(requests(), 3);
    assert.equal(server.seen.at(-1)?.headers['accept-language'], 'en');
  });

  test('an error is not kept: the next call asks again and gets the catalog', async () => {
    let fail = true;
    server.on(`GET ${path(AGENCY_CODE)}`, (_q, res) =>
      fail ? json(res, 503, { title: 'down' }) : json(res, 200, catalog, { etag: '"v1"' }),
    );
    const api = client();
    assert.ok((await failure(api.getCatalog(AGENCY_CODE))) instanceof MotcuaHttpError);
    fail = false;
    assert.deepEqual(await api.getCatalog(AGENCY_CODE), catalog);
    assert.equal(requests(), 2);
  });

  test('an answer that failed validation is not served: the next call asks again', async () => {
    let body: unknown = { ...catalog, items: [{ ...summary(1), code: '<script>' }] };
    server.on(`GET ${path(AGENCY_CODE)}`, (_q, res) => json(res, 200, body, { etag: '"bad"' }));
    const api = client();
    assert.ok((await failure(api.getCatalog(AGENCY_CODE))) instanceof MotcuaResponseError);
    assert.equal(await api.peekCatalog(AGENCY_CODE), undefined, 'nothing of it was kept');
    body = catalog;
    assert.deepEqual(await api.getCatalog(AGENCY_CODE), catalog);
    assert.equal(requests(), 2);
    assert.equal(server.seen.at(-1)?.headers['if-none-match'], undefined, 'the bad answer’s ETag was not used');
  });

  test('a 304 confirming the persisted copy is reused too; a reload revalidates at once and picks up a new version', async () => {
    serve(AGENCY_CODE, catalog, '"v1"');
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    await client({ cache: createStorageCache(storage) }).getCatalog(AGENCY_CODE);
    // A second visit: its copy is revalidated (304), and that confirmation serves the page's next widget.
    const visit = client({ cache: createStorageCache(storage) });
    assert.deepEqual(await visit.getCatalog(AGENCY_CODE), catalog);
    assert.equal(server.seen.at(-1)?.headers['if-none-match'], '"v1"');
    assert.deepEqual(await visit.getCatalog(AGENCY_CODE), catalog);
    assert.equal(requests(), 2);
    // A new catalog version is published: a reload within the window still asks, and gets it.
    serve(AGENCY_CODE, changed, '"v2"');
    const reload = client({ cache: createStorageCache(storage) });
    assert.deepEqual(await reload.getCatalog(AGENCY_CODE), changed);
    assert.equal(server.seen.at(-1)?.headers['if-none-match'], '"v1"');
    assert.equal(requests(), 3);
  });

  test('after catalogReuseMs the next call revalidates and sees a new version; a clock set back revalidates too', async () => {
    mock.timers.enable({ apis: ['Date'], now: Date.parse('2026-12-05T08:00:00Z') });
    serve(AGENCY_CODE, catalog, '"v1"');
    const api = client();
    await api.getCatalog(AGENCY_CODE);
    mock.timers.tick(59_999);
    await api.getCatalog(AGENCY_CODE);
    assert.equal(requests(), 1);
    mock.timers.tick(1);
    serve(AGENCY_CODE, changed, '"v2"');
    assert.deepEqual(await api.getCatalog(AGENCY_CODE), changed);
    assert.equal(server.seen.at(-1)?.headers['if-none-match'], '"v1"');
    assert.equal(requests(), 2);
    mock.timers.setTime(Date.parse('2026-12-05T07:00:00Z'));
    assert.deepEqual(await api.getCatalog(AGENCY_CODE), changed);
    assert.equal(requests(), 3);
  });

  test('without catalogReuseMs (or with 0, a negative number, NaN) every call revalidates; a cancelled call is not answered from the copy', async () => {
    serve(AGENCY_CODE, catalog, '"v1"');
    const plain = createClient({ baseUrl: server.api, retry: { limit: 0 } });
    await plain.getCatalog(AGENCY_CODE);
    await plain.getCatalog(AGENCY_CODE);
    assert.equal(requests(), 2);
    for (const catalogReuseMs of [0, -1, NaN]) await client({ catalogReuseMs }).getCatalog(AGENCY_CODE);
    assert.equal(requests(), 5);
    const api = client();
    await api.getCatalog(AGENCY_CODE);
    const cancelled = AbortSignal.abort();
    assert.ok((await failure(api.getCatalog(AGENCY_CODE, { signal: cancelled }))) instanceof MotcuaAbortError);
    assert.equal(requests(), 6);
  });
});
