// Bad data to the SDK: a hostile server answers 200 with wrong shapes, wrong types (every leaf of real answers, one at
// a time), huge arrays, non-JSON, prototype-pollution keys and HTML/script in string fields. The client always throws
// a typed MotcuaResponseError naming the URL path and the field, never returns a half-parsed object; script in
// free-text fields comes back as inert text.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createClient, MotcuaResponseError, type MotcuaClient } from '@motcua/sdk';
import { demoDossiers } from '../../packages/server/src/demo-dossiers.js';
import { demoDevice, firstAgency, startReferenceServer, vnDate, type ReferenceServer } from './helpers.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

let real: ReferenceServer;
let hostile: http.Server;
let hostileApi: string;
const answers = new Map<string, { status?: number; type?: string; body: string | Buffer }>();
let agency: string;

interface Call {
  name: string;
  /** Path under /api/v1 the SDK requests (without query). */
  path: string;
  method: 'GET' | 'POST';
  call: (client: MotcuaClient) => Promise<unknown>;
}
const calls: Call[] = [];
/** A valid answer of each call, taken from the real reference server. */
const valid = new Map<string, Json>();

before(async () => {
  real = await startReferenceServer();
  agency = await firstAgency(real.api);
  const dossier = demoDossiers().find((d) => d.status === 'processing');
  assert.ok(dossier);
  calls.push(
    { name: 'getAgencies', path: '/agencies', method: 'GET', call: (c) => c.getAgencies() },
    { name: 'getAgency', path: `/agencies/${agency}`, method: 'GET', call: (c) => c.getAgency(agency) },
    { name: 'getSectors', path: '/sectors', method: 'GET', call: (c) => c.getSectors() },
    {
      name: 'searchProcedures',
      path: `/agencies/${agency}/procedures`,
      method: 'GET',
      call: (c) => c.searchProcedures(agency, { q: 'khai sinh' }),
    },
    { name: 'getCatalog', path: `/agencies/${agency}/procedures/catalog`, method: 'GET', call: (c) => c.getCatalog(agency) },
    { name: 'getProcedure', path: '/procedures/1.001193', method: 'GET', call: (c) => c.getProcedure('1.001193') },
    { name: 'getDossier', path: `/dossiers/${dossier.code}`, method: 'GET', call: (c) => c.getDossier(dossier.code) },
    {
      name: 'verifyDossier',
      path: `/dossiers/${dossier.code}/verify`,
      method: 'POST',
      call: (c) => c.verifyDossier(dossier.code, dossier.phoneLast4),
    },
    {
      name: 'getStats',
      path: `/agencies/${agency}/stats`,
      method: 'GET',
      call: (c) => c.getStats(agency, { from: vnDate(-60), to: vnDate(0) }),
    },
    {
      name: 'submitRating',
      path: '/ratings',
      method: 'POST',
      call: (c) =>
        c.submitRating(
          { agency, channel: 'kiosk', overall: 'satisfied', ratedAt: new Date().toISOString() },
          { idempotencyKey: `bad-data-${Math.random().toString(36).slice(2)}` },
        ),
    },
  );
  // Record real answers through a recording fetch (kiosk votes need an enrolled device: the demo kiosk's credential).
  const device = await demoDevice(real.api, agency);
  const recorder = createClient({
    baseUrl: real.api,
    device,
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = await fetch(input, init);
      const path = new URL(typeof input === 'string' || input instanceof URL ? input : input.url).pathname.replace('/api/v1', '');
      const text = await res.clone().text();
      if (res.ok && text) valid.set(path, JSON.parse(text) as Json);
      return res;
    },
  });
  for (const c of calls) await c.call(recorder);

  hostile = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace('/api/v1', '');
    req.resume();
    const answer = answers.get(path);
    if (!answer)
      return void res
        .writeHead(404, { 'content-type': 'application/problem+json' })
        .end('{"type":"about:blank","title":"Not found","status":404}');
    res.writeHead(answer.status ?? (req.method === 'POST' && path === '/ratings' ? 201 : 200), {
      'content-type': answer.type ?? 'application/json',
    });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
  hostileApi = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}/api/v1`;
});
after(async () => {
  await new Promise<void>((resolve) => hostile?.close(() => resolve()));
  await real?.stop();
});

const client = () => createClient({ baseUrl: hostileApi, retry: { limit: 0, backoffMs: 1 }, timeout: 20_000 });

async function expectResponseError(c: Call, body: string | Buffer, field?: string): Promise<MotcuaResponseError> {
  answers.clear();
  answers.set(c.path, { body });
  let error: unknown;
  let result: unknown;
  try {
    result = await c.call(client());
  } catch (e) {
    error = e;
  }
  assert.ok(
    error instanceof MotcuaResponseError,
    `${c.name}: expected MotcuaResponseError${field ? ` for ${field}` : ''}, got ${error ? String(error) : `a result ${JSON.stringify(result)?.slice(0, 200)}`}`,
  );
  assert.equal(error.kind, 'response');
  assert.ok(error.path.endsWith(c.path), `${error.path} names ${c.path}`);
  if (field !== undefined) {
    assert.ok(
      error.issues.some(
        (i) =>
          field === i.path || i.path.startsWith(field) || field.startsWith(`${i.path}.`) || field.startsWith(`${i.path}[`) || i.path === '',
      ),
      `${c.name}: issues ${JSON.stringify(error.issues.slice(0, 3))} should name ${field}`,
    );
  }
  return error;
}

/** Every leaf of a JSON value with its path in the SDK's notation (`items[0].sector.name`). */
function leaves(value: Json, path = '', out: Array<{ path: string; value: Json }> = []): Array<{ path: string; value: Json }> {
  if (Array.isArray(value)) value.slice(0, 2).forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  else out.push({ path, value });
  return out;
}

function setAt(root: Json, path: string, next: Json): Json {
  const copy = structuredClone(root);
  const keys = path.match(/[^.[\]]+/g) ?? [];
  let node = copy as Record<string, Json>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, Json>;
  node[keys[keys.length - 1] as string] = next;
  return copy;
}

const wrongType = (v: Json): Json =>
  typeof v === 'string' ? 12345 : typeof v === 'number' ? String(v) + 'x' : typeof v === 'boolean' ? 'true' : v === null ? { x: [1] } : 'x';

describe('SDK against a hostile server', () => {
  test('wrong shapes of the whole body are MotcuaResponseError for every call', async () => {
    for (const c of calls)
      for (const body of ['{}', '[]', 'null', '"text"', '42', '{"items":"x"}', '{"items":[1,2,3]}']) await expectResponseError(c, body);
  });

  test('non-JSON bodies (HTML, truncated, invalid UTF-8) are MotcuaResponseError', async () => {
    for (const c of calls) {
      for (const body of ['<!doctype html><h1>Maintenance</h1>', '{"items": [', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), '']) {
        await expectResponseError(c, body);
      }
    }
  });

  test('a wrong type at any single field of a real answer is rejected and named', async () => {
    let checked = 0;
    for (const c of calls) {
      const base = valid.get(c.path);
      assert.ok(base !== undefined, `no real answer recorded for ${c.name}`);
      for (const leaf of leaves(base).slice(0, 80)) {
        await expectResponseError(c, JSON.stringify(setAt(base, leaf.path, wrongType(leaf.value))), leaf.path);
        checked++;
      }
    }
    console.log(`wrong-type mutations rejected: ${checked}`);
    assert.ok(checked > 200);
  });

  test('a huge array with one bad item at the end is rejected as a whole', async () => {
    const c = calls.find((x) => x.name === 'getCatalog');
    assert.ok(c);
    const base = valid.get(c.path) as { items: Json[] };
    const item = base.items[0] as Json;
    const items = Array.from({ length: 100_000 }, () => item);
    items.push({ ...(item as object), code: '<script>' });
    const error = await expectResponseError(c, JSON.stringify({ ...base, items }), `items[100000].code`);
    assert.ok(error.message.length < 2000, 'the message stays readable');
  });

  test('HTML and script in every string field: codes and dates rejected; free text returned as inert text', async () => {
    const payload = '<script>globalThis.__pwned = 1</script><img src=x onerror="globalThis.__pwned = 1">';
    const everywhere = (v: Json): Json =>
      typeof v === 'string'
        ? payload
        : Array.isArray(v)
          ? v.map(everywhere)
          : v && typeof v === 'object'
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, everywhere(x)]))
            : v;
    for (const c of calls) await expectResponseError(c, JSON.stringify(everywhere(valid.get(c.path) as Json)));

    // Only the free-text fields of a procedure: accepted, and the text is exactly what was sent (no parsing, no execution).
    const c = calls.find((x) => x.name === 'getProcedure');
    assert.ok(c);
    const base = valid.get(c.path) as Record<string, Json>;
    answers.clear();
    answers.set(c.path, { body: JSON.stringify({ ...base, name: payload, requirements: payload }) });
    const procedure = (await c.call(client())) as { name: string; requirements: string };
    assert.equal(procedure.name, payload);
    assert.equal(procedure.requirements, payload);
    assert.equal((globalThis as { __pwned?: number }).__pwned, undefined);
  });

  test('prototype-pollution keys do not pollute', async () => {
    const c = calls.find((x) => x.name === 'getAgency');
    assert.ok(c);
    const base = JSON.stringify(valid.get(c.path));
    answers.clear();
    answers.set(c.path, { body: base.replace(/^\{/, '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},') });
    await c.call(client()).catch(() => undefined);
    assert.equal(({} as { polluted?: boolean }).polluted, undefined);
  });
});
