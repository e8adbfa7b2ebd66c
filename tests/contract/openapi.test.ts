// The contract suite: every operation of the OpenAPI document (docs/openapi.json, which the server also serves) is
// driven against the real app (PGlite; PostgreSQL too when DATABASE_URL is set) in its success and error cases, and
// every answer is checked against the document with ajv: the status is documented, the content type is the
// documented one, documented headers are there and valid, the body matches the schema. Both directions: a request the
// document allows is never refused with 400/415 (unless the document states the rule in words, quoted by the case),
// and a request it forbids is never answered 2xx/3xx. Fails on any undocumented status, any operation the suite does
// not exercise, and any documented status no case produces.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openApiJson } from '@motcua/sdk/openapi';
import { createKey } from '../../packages/server/src/auth.js';
import { demoDossiers } from '../../packages/server/src/demo-dossiers.js';
import { enrolDevice, formatCredential } from '../../packages/server/src/devices.js';
import { unsubscribeTokens } from '../../packages/server/src/push.js';
import { ratingProofs } from '../../packages/server/src/rating-proof.js';
import { PUSHED_DOSSIER, REF_NOW, backends, seededContext, type TestContext } from '../../packages/server/src/test-helpers.js';

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Json;
}
interface ResponseEntry {
  headers?: Record<string, { required?: boolean; schema: Json }>;
  content?: Record<string, { schema: Json }>;
}
interface Operation {
  operationId: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, ResponseEntry & { description: string }>;
  security?: unknown[];
}
interface Doc {
  info: { description: string };
  paths: Record<string, Record<string, Operation>>;
  components: Json;
}

const docText = readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8');
const doc = JSON.parse(docText) as Doc;
const { version } = JSON.parse(readFileSync(new URL('../../packages/sdk/package.json', import.meta.url), 'utf8')) as { version: string };
const BASE = 'https://motcua.dev/openapi.json';
// ajv-formats is CommonJS with `exports.default`: under NodeNext the default import is the module object.
const addFormats = addFormatsModule.default;

/** Two validators over the document's components: bodies as they are, parameters (strings) coerced to their types. */
function makeAjv(coerce: boolean): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: coerce });
  addFormats(ajv);
  ajv.addSchema({ $id: BASE, components: doc.components });
  return ajv;
}
const ajvBody = makeAjv(false);
const ajvParam = makeAjv(true);
const compiled = new Map<string, ValidateFunction>();
const validator = (ajv: Ajv2020, schema: Json): ValidateFunction => {
  const text = JSON.stringify(schema).replaceAll('"#/components/', `"${BASE}#/components/`);
  const key = `${ajv === ajvBody ? 'b' : 'p'}${text}`;
  let fn = compiled.get(key);
  if (!fn) compiled.set(key, (fn = ajv.compile(JSON.parse(text) as Json)));
  return fn;
};
const check = (ajv: Ajv2020, schema: Json, value: unknown): string | undefined => {
  const fn = validator(ajv, schema);
  return fn(value) ? undefined : ajv.errorsText(fn.errors);
};

const operations = new Map<string, { path: string; method: string; op: Operation; pattern: RegExp; names: string[] }>();
for (const [path, item] of Object.entries(doc.paths))
  for (const [method, op] of Object.entries(item)) {
    const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    const pattern = new RegExp(`^/api/v1${path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '([^/]+)')}$`);
    operations.set(op.operationId, { path, method, op, pattern, names });
  }

interface Case {
  op: string;
  name: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  /** A JSON body (serialised with content-type application/json unless headers say otherwise) or raw text. */
  body?: unknown;
  raw?: string;
  status: number;
  /** The client address (default: a fresh one per request). */
  ip?: string;
  /** A rule the document states in words (quoted from the operation's or the answer's description, or the info). */
  because?: string;
}

/** Why the document forbids this request (undefined: it allows it). */
function forbiddenBy(
  entry: { op: Operation; pattern: RegExp; names: string[] },
  c: Case,
  headers: Headers,
  body: string | undefined,
): string | undefined {
  const { op } = entry;
  const match = entry.pattern.exec(c.path.split('?')[0] as string);
  if (!match) return `path ${c.path} does not match`;
  const query = new URLSearchParams(c.query ?? '');
  for (const p of op.parameters ?? []) {
    let value: string | undefined;
    if (p.in === 'path') value = decodeURIComponent(match[entry.names.indexOf(p.name) + 1] as string);
    if (p.in === 'query') {
      const all = query.getAll(p.name);
      if (all.length > 1) return `query ${p.name} given ${all.length} times`;
      value = all[0];
    }
    if (p.in === 'header') value = headers.get(p.name) ?? undefined;
    if (value === undefined) {
      if (p.required) return `${p.in} ${p.name} missing`;
      continue;
    }
    const holder = { v: value };
    const error = check(ajvParam, { type: 'object', properties: { v: p.schema } }, holder);
    if (error) return `${p.in} ${p.name}: ${error}`;
  }
  if (op.security && !/^Bearer \S+$/.test(headers.get('authorization') ?? '')) return 'no bearer key';
  if (op.requestBody) {
    const media = (headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const content = op.requestBody.content[media];
    if (!content) return `body type ${media || 'none'} not documented`;
    let value: unknown;
    try {
      value = JSON.parse(body ?? '');
    } catch {
      return 'body is not JSON';
    }
    const error = check(ajvBody, content.schema, value);
    if (error) return `body: ${error}`;
  }
  return undefined;
}

/** Documented statuses each operation answered, for the coverage checks. */
const seen = new Map<string, Set<number>>();

async function run(ctx: TestContext, c: Case): Promise<void> {
  const entry = operations.get(c.op);
  assert.ok(entry, `${c.op} is an operation of the document`);
  const headers = new Headers(c.headers);
  let body: string | undefined;
  if (c.raw !== undefined) body = c.raw;
  else if (c.body !== undefined) body = JSON.stringify(c.body);
  if (body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const url = `${c.path}${c.query ? `?${c.query}` : ''}`;
  const res = await ctx.request(url, {
    method: entry.method.toUpperCase(),
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(c.ip ? { ip: c.ip } : {}),
  });
  const label = `${c.op} (${c.name}): ${entry.method.toUpperCase()} ${url}`;
  const text = await res.text();
  assert.equal(res.status, c.status, `${label}: expected ${c.status}, got ${res.status} ${text.slice(0, 300)}`);

  // The answer agrees with the document.
  const documented = entry.op.responses[String(res.status)];
  assert.ok(documented, `${label}: status ${res.status} is not documented (documented: ${Object.keys(entry.op.responses).join(', ')})`);
  for (const [name, header] of Object.entries(documented.headers ?? {})) {
    const value = res.headers.get(name);
    if (value === null) {
      assert.ok(!header.required, `${label}: documented header ${name} missing`);
      continue;
    }
    const error = check(ajvParam, { type: 'object', properties: { v: header.schema } }, { v: value });
    assert.equal(error, undefined, `${label}: header ${name}: ${value} does not match (${error})`);
  }
  if (documented.content) {
    const media = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const content = documented.content[media];
    assert.ok(content, `${label}: content type ${media} not documented (${Object.keys(documented.content).join(', ')})`);
    const error = check(ajvBody, content.schema, JSON.parse(text));
    assert.equal(error, undefined, `${label}: body does not match the document: ${error}\n${text.slice(0, 500)}`);
  } else {
    assert.equal(text, '', `${label}: a ${res.status} documented without a body has one`);
  }

  // The request side agrees too.
  const forbidden = forbiddenBy(entry, c, headers, body);
  if (forbidden) {
    assert.ok(res.status >= 400, `${label}: the document forbids this request (${forbidden}) but the server answered ${res.status}`);
  } else if (res.status === 400 || res.status === 415 || res.status === 413) {
    assert.ok(c.because, `${label}: the document allows this request but the server refused it with ${res.status}: ${text.slice(0, 300)}`);
    const words = [entry.op.description ?? '', documented.description, doc.info.description].join(' ');
    assert.ok(words.includes(c.because), `${label}: the document does not say "${c.because}"`);
  }
  const statuses = seen.get(c.op) ?? new Set<number>();
  statuses.add(res.status);
  seen.set(c.op, statuses);
}

/** Runs every case (in order: some build on earlier ones) and reports every disagreement at once. */
async function runAll(ctx: TestContext, cases: Case[]): Promise<void> {
  const failures: string[] = [];
  for (const c of cases) {
    try {
      await run(ctx, c);
    } catch (error) {
      failures.push(error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));
    }
  }
  assert.deepEqual(failures, []);
}

const A = '000.30.01.H17';
const UNKNOWN_AGENCY = '000.99.99.H99';
const P = '1.001193';
const SECRET = 'the contract suite secret, at least thirty-two characters';
const demos = demoDossiers(REF_NOW);
const demo = (status: string): { code: string; phoneLast4: string } => {
  const d = demos.find((x) => x.status === status);
  assert.ok(d, status);
  return d;
};
const minutes = (n: number): string => new Date(REF_NOW.getTime() + n * 60_000).toISOString();
let keys = 0;
const idem = (): string => `contract-${Date.now()}-${++keys}`;
const json = (headers: Record<string, string> = {}) => ({ 'content-type': 'application/json', ...headers });

const upsertBody = PUSHED_DOSSIER;

for (const backend of backends) {
  describe(`the OpenAPI document and the server agree (${backend.name})`, () => {
    let ctx: TestContext;
    let down: TestContext;
    const downKeys: Record<string, string> = {};
    before(async () => {
      seen.clear(); // coverage is counted per backend
      const options = { secret: SECRET, openApi: () => openApiJson({ serverUrl: '/api/v1', version }) };
      ctx = await seededContext(backend, options);
      // A second app whose database goes away: every operation that reads it answers 503 with Retry-After.
      down = await seededContext(backend, { ...options, catalogRevalidateMs: 0 });
      downKeys.write = (await createKey(down.db, { name: 'down', agencies: [A], scopes: ['dossiers:write', 'ratings:read'] })).key;
    });
    after(async () => {
      await ctx?.close();
    });

    it('the server serves docs/openapi.json byte for byte, at /openapi.json and /api/v1/openapi.json', async () => {
      for (const path of ['/openapi.json', '/api/v1/openapi.json']) {
        const res = await ctx.request(path);
        assert.equal(res.status, 200);
        assert.equal(await res.text(), docText, `${path} is docs/openapi.json (run \`npm run openapi\`)`);
      }
    });

    it('a wrong method is 405 problem+json with Allow (the methods the document lists for the path, GET with HEAD)', async () => {
      for (const [path, item] of Object.entries(doc.paths)) {
        const concrete = `/api/v1${path.replace('{agency}', A).replace('{code}', path.startsWith('/procedures') ? P : demo('returned').code)}`;
        const methods = Object.keys(item).map((m) => m.toUpperCase());
        const expected = new Set(methods.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])));
        for (const wrong of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'].filter((m) => !expected.has(m))) {
          const res = await ctx.request(concrete, { method: wrong, headers: json(), ...(wrong === 'GET' ? {} : { body: '{}' }) });
          assert.equal(res.status, 405, `${wrong} ${concrete}`);
          assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
          assert.deepEqual(new Set(res.headers.get('allow')?.split(', ')), expected, `${wrong} ${concrete}: Allow`);
          const problem = (await res.json()) as { code: string; status: number };
          assert.equal(check(ajvBody, { $ref: '#/components/schemas/Problem' }, problem), undefined);
          assert.deepEqual([problem.status, problem.code], [405, 'method_not_allowed']);
        }
      }
      assert.ok(doc.info.description.includes('405'), 'the document says so');
    });

    it('every operation, in its success and error cases, answers as documented', async () => {
      const write = (
        await createKey(ctx.db, {
          name: 'contract',
          agencies: [A],
          scopes: ['dossiers:write', 'ratings:read', 'catalog:write', 'directory:write'],
        })
      ).key;
      const readOnly = (await createKey(ctx.db, { name: 'contract read', agencies: [A], scopes: ['ratings:read'] })).key;
      // A key whose agency has since been removed from the catalog: the integration routes answer 404 for it.
      await ctx.db.query("INSERT INTO agencies (code, data) VALUES ($1, '{}'::jsonb)", [UNKNOWN_AGENCY]);
      const ghost = (
        await createKey(ctx.db, {
          name: 'ghost',
          agencies: [UNKNOWN_AGENCY],
          scopes: ['dossiers:write', 'ratings:read', 'catalog:write', 'directory:write'],
        })
      ).key;
      await ctx.db.query('DELETE FROM agencies WHERE code = $1', [UNKNOWN_AGENCY]);
      const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
      const unitPath = (agency: string) => `/api/v1/agencies/${agency}/directory-unit`;
      const device = formatCredential((await enrolDevice(ctx.db, A, 'Quầy hợp đồng')).credential);
      const tight = formatCredential((await enrolDevice(ctx.db, A, 'Quầy giới hạn', { burst: 1, intervalSeconds: 3600 })).credential);
      const proofs = ratingProofs(SECRET);
      const proofOf = (code: string): string => proofs.issue(code, REF_NOW).token;
      const catalog = await ctx.request(`/api/v1/agencies/${A}/procedures/catalog`);
      const catalogTag = catalog.headers.get('etag') ?? '';
      const procedureTag = (await ctx.request(`/api/v1/procedures/${P}`)).headers.get('etag') ?? '';
      const holidayTag = (await ctx.request('/api/v1/holidays?year=2026')).headers.get('etag') ?? '';
      const directoryTag = (await ctx.request('/api/v1/agencies?province=48')).headers.get('etag') ?? '';
      const ownProcedure = {
        code: '1.999100',
        name: 'Xác nhận cư trú cho lao động thời vụ',
        sector: { name: 'Cư trú' },
        onlineService: 'partial',
        processingTime: { value: 2, unit: 'working_day' },
        feeSummary: { minVnd: 0, maxVnd: 0 },
        steps: [{ name: 'Nộp hồ sơ', description: 'Nộp tại Bộ phận Một cửa xã.' }],
        componentGroups: [{ name: '', components: [{ name: 'Tờ khai', originals: 1, copies: 0 }] }],
      };
      const returned = demo('returned');
      const resolved = demo('resolved');
      const processing = demo('processing');
      const big = 'x'.repeat(20 * 1024);
      const huge = 'x'.repeat(1100 * 1024);
      const nextDay = (n: number) => `${A}-261015-${String(n).padStart(4, '0')}`;
      const onlineRating = (code: string) => ({
        agency: A,
        channel: 'online',
        overall: 'satisfied',
        dossierCode: code,
        ratedAt: minutes(-1),
      });
      const kioskRating = { agency: A, channel: 'kiosk', overall: 'very_satisfied', ratedAt: minutes(-1) };
      const replayKey = idem();

      const cases: Case[] = [
        { op: 'getAgencies', name: 'list', path: '/api/v1/agencies', status: 200 },
        { op: 'getAgencies', name: 'repeated parameter', path: '/api/v1/agencies', query: 'x=1&x=2', status: 400, because: 'given twice' },
        { op: 'getAgency', name: 'one', path: `/api/v1/agencies/${A}`, status: 200 },
        { op: 'getAgency', name: 'malformed code', path: '/api/v1/agencies/abc', status: 400 },
        { op: 'getAgency', name: 'unknown', path: `/api/v1/agencies/${UNKNOWN_AGENCY}`, status: 404 },
        { op: 'getSectors', name: 'list', path: '/api/v1/sectors', status: 200 },
        { op: 'getSectors', name: 'control character', path: '/api/v1/sectors', query: 'x=%00', status: 400, because: 'control character' },
        { op: 'searchProcedures', name: 'search', path: `/api/v1/agencies/${A}/procedures`, query: 'q=khai%20sinh', status: 200 },
        { op: 'searchProcedures', name: 'browse', path: `/api/v1/agencies/${A}/procedures`, query: 'page=1&pageSize=5', status: 200 },
        {
          op: 'searchProcedures',
          name: 'page size over 100',
          path: `/api/v1/agencies/${A}/procedures`,
          query: 'pageSize=101',
          status: 400,
        },
        { op: 'searchProcedures', name: 'repeated q', path: `/api/v1/agencies/${A}/procedures`, query: 'q=a&q=b', status: 400 },
        { op: 'searchProcedures', name: 'unknown agency', path: `/api/v1/agencies/${UNKNOWN_AGENCY}/procedures`, status: 404 },
        { op: 'getCatalog', name: 'catalog', path: `/api/v1/agencies/${A}/procedures/catalog`, status: 200 },
        {
          op: 'getCatalog',
          name: 'not modified',
          path: `/api/v1/agencies/${A}/procedures/catalog`,
          headers: { 'if-none-match': catalogTag },
          status: 304,
        },
        { op: 'getCatalog', name: 'malformed agency', path: '/api/v1/agencies/x/procedures/catalog', status: 400 },
        { op: 'getCatalog', name: 'unknown agency', path: `/api/v1/agencies/${UNKNOWN_AGENCY}/procedures/catalog`, status: 404 },
        { op: 'getProcedure', name: 'one', path: `/api/v1/procedures/${P}`, status: 200 },
        {
          op: 'getProcedure',
          name: 'not modified',
          path: `/api/v1/procedures/${P}`,
          headers: { 'if-none-match': procedureTag },
          status: 304,
        },
        { op: 'getProcedure', name: 'malformed', path: '/api/v1/procedures/abc', status: 400 },
        { op: 'getProcedure', name: 'unknown', path: '/api/v1/procedures/9.999999', status: 404 },
        { op: 'getDossier', name: 'public view', path: `/api/v1/dossiers/${returned.code}`, status: 200 },
        {
          op: 'getDossier',
          name: 'lower-case, space-padded, as typed',
          path: `/api/v1/dossiers/${encodeURIComponent(` ${returned.code.replace('H17', 'h17')} `)}`,
          status: 200,
        },
        { op: 'getDossier', name: 'serial 0000', path: `/api/v1/dossiers/${A}-261012-0000`, status: 400 },
        {
          op: 'getDossier',
          name: 'date in the future',
          path: `/api/v1/dossiers/${A}-261016-0001`,
          status: 400,
          because: 'not in the future',
        },
        { op: 'getDossier', name: 'unknown', path: `/api/v1/dossiers/${A}-261012-8999`, status: 404 },
        ...[1, 2, 3, 4, 5].map((n) => ({
          op: 'getDossier',
          name: `look-up ${n} of 5`,
          path: `/api/v1/dossiers/${A}-261012-89${String(n).padStart(2, '0')}`,
          ip: '203.0.113.50',
          status: 404,
        })),
        { op: 'getDossier', name: 'look-up budget spent', path: `/api/v1/dossiers/${returned.code}`, ip: '203.0.113.50', status: 429 },
        {
          op: 'verifyDossier',
          name: 'owner view',
          path: `/api/v1/dossiers/${returned.code}/verify`,
          body: { phoneLast4: returned.phoneLast4 },
          status: 200,
        },
        {
          op: 'verifyDossier',
          name: 'extra field',
          path: `/api/v1/dossiers/${returned.code}/verify`,
          body: { phoneLast4: returned.phoneLast4, admin: true },
          status: 400,
        },
        {
          op: 'verifyDossier',
          name: 'not 4 digits',
          path: `/api/v1/dossiers/${returned.code}/verify`,
          body: { phoneLast4: '12a4' },
          status: 400,
        },
        {
          op: 'verifyDossier',
          name: 'wrong digits',
          path: `/api/v1/dossiers/${returned.code}/verify`,
          body: { phoneLast4: '0000' },
          status: 404,
        },
        {
          op: 'verifyDossier',
          name: 'body over 16 KB',
          path: `/api/v1/dossiers/${returned.code}/verify`,
          body: { phoneLast4: '1234', pad: big },
          status: 413,
        },
        {
          op: 'verifyDossier',
          name: 'not JSON',
          path: `/api/v1/dossiers/${returned.code}/verify`,
          raw: 'phoneLast4=1234',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          status: 415,
        },
        ...[1, 2, 3].map((n) => ({
          op: 'verifyDossier',
          name: `wrong answer ${n} of 3`,
          path: `/api/v1/dossiers/${processing.code}/verify`,
          body: { phoneLast4: `000${n}` },
          ip: '203.0.113.60',
          status: 404,
        })),
        {
          op: 'verifyDossier',
          name: 'verification budget spent',
          path: `/api/v1/dossiers/${processing.code}/verify`,
          body: { phoneLast4: processing.phoneLast4 },
          ip: '203.0.113.60',
          status: 429,
        },
        {
          op: 'submitRating',
          name: 'online, with the owner proof',
          path: '/api/v1/ratings',
          headers: { 'idempotency-key': replayKey, 'motcua-owner-proof': proofOf(returned.code) },
          body: onlineRating(returned.code),
          status: 201,
        },
        {
          op: 'submitRating',
          name: 'replay',
          path: '/api/v1/ratings',
          headers: { 'idempotency-key': replayKey, 'motcua-owner-proof': proofOf(returned.code) },
          body: onlineRating(returned.code),
          status: 200,
        },
        {
          op: 'submitRating',
          name: 'same key, other body',
          path: '/api/v1/ratings',
          headers: { 'idempotency-key': replayKey, 'motcua-owner-proof': proofOf(returned.code) },
          body: { ...onlineRating(returned.code), overall: 'very_satisfied' },
          status: 409,
        },
        {
          op: 'submitRating',
          name: 'second rating of a dossier',
          path: '/api/v1/ratings',
          headers: { 'idempotency-key': idem(), 'motcua-owner-proof': proofOf(returned.code) },
          body: onlineRating(returned.code),
          status: 409,
        },
        {
          op: 'submitRating',
          name: 'dossier not finished',
          path: '/api/v1/ratings',
          headers: { 'idempotency-key': idem(), 'motcua-owner-proof': proofOf(processing.code) },
          body: onlineRating(processing.code),
          status: 409,
        },
        {
          op: 'submitRating',
          name: 'lower-case dossier code, as typed',
          path: '/api/v1/ratings',
          headers: { 'idempotency-key': idem(), 'motcua-owner-proof': proofOf(resolved.code) },
          body: onlineRating(` ${resolved.code.replace('H17', 'h17')}`),
          status: 201,
        },
        {
          op: 'submitRating',
          name: 'unknown dossier',
          path: '/api/v1/ratings',
          headers: { 'idempotency-key': idem(), 'motcua-owner-proof': proofOf(nextDay(8998)) },
          body: onlineRating(nextDay(8998)),
          status: 404,
        },
        {
          op: 'submitRating',
          name: 'free-form dossier code',
          path: '/api/v1/ratings',
          headers: { 'idempotency-key': idem() },
          body: onlineRating('hồ sơ của tôi'),
          status: 400,
        },
        { op: 'submitRating', name: 'no Idempotency-Key', path: '/api/v1/ratings', body: kioskRating, status: 400 },
        {
          op: 'submitRating',
          name: 'no owner proof',
          path: '/api/v1/ratings',
          headers: { 'idempotency-key': idem() },
          body: onlineRating(resolved.code),
          status: 401,
        },
        {
          op: 'submitRating',
          name: 'forged owner proof',
          path: '/api/v1/ratings',
          headers: { 'idempotency-key': idem(), 'motcua-owner-proof': proofOf(processing.code) },
          body: onlineRating(resolved.code),
          status: 403,
        },
        {
          op: 'submitRating',
          name: 'kiosk without device',
          path: '/api/v1/ratings',
          headers: { 'idempotency-key': idem() },
          body: kioskRating,
          status: 401,
        },
        {
          op: 'submitRating',
          name: 'kiosk vote',
          path: '/api/v1/ratings',
          headers: { 'idempotency-key': idem(), 'motcua-device': device },
          body: kioskRating,
          status: 201,
        },
        {
          op: 'submitRating',
          name: 'unknown device',
          path: '/api/v1/ratings',
          headers: { 'idempotency-key': idem(), 'motcua-device': device.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')) },
          body: kioskRating,
          status: 403,
        },
        {
          op: 'submitRating',
          name: 'device limit, first vote',
          path: '/api/v1/ratings',
          headers: { 'idempotency-key': idem(), 'motcua-device': tight },
          body: kioskRating,
          status: 201,
        },
        {
          op: 'submitRating',
          name: 'device limit spent',
          path: '/api/v1/ratings',
          headers: { 'idempotency-key': idem(), 'motcua-device': tight },
          body: kioskRating,
          status: 429,
        },
        {
          op: 'submitRating',
          name: 'unknown agency',
          path: '/api/v1/ratings',
          headers: { 'idempotency-key': idem(), 'motcua-device': device },
          body: { ...kioskRating, agency: UNKNOWN_AGENCY },
          status: 422,
        },
        {
          op: 'submitRating',
          name: 'body over 16 KB',
          path: '/api/v1/ratings',
          headers: { 'idempotency-key': idem() },
          body: { ...kioskRating, comment: big },
          status: 413,
        },
        {
          op: 'submitRating',
          name: 'not JSON',
          path: '/api/v1/ratings',
          headers: { 'idempotency-key': idem(), 'content-type': 'text/plain' },
          raw: JSON.stringify(kioskRating),
          status: 415,
        },
        { op: 'getStats', name: 'a year', path: `/api/v1/agencies/${A}/stats`, query: 'from=2026-01-01&to=2026-10-15', status: 200 },
        {
          op: 'getStats',
          name: 'over three years',
          path: `/api/v1/agencies/${A}/stats`,
          query: 'from=2020-01-01&to=2026-01-01',
          status: 400,
          because: 'at most three years',
        },
        {
          op: 'getStats',
          name: 'from after to',
          path: `/api/v1/agencies/${A}/stats`,
          query: 'from=2026-02-01&to=2026-01-01',
          status: 400,
          because: '`from` must not be after `to`',
        },
        { op: 'getStats', name: 'bad date', path: `/api/v1/agencies/${A}/stats`, query: 'from=2026-13-01&to=2026-12-01', status: 400 },
        {
          op: 'getStats',
          name: 'repeated from',
          path: `/api/v1/agencies/${A}/stats`,
          query: 'from=2026-01-01&from=2026-02-01&to=2026-03-01',
          status: 400,
        },
        {
          op: 'getStats',
          name: 'unknown agency',
          path: `/api/v1/agencies/${UNKNOWN_AGENCY}/stats`,
          query: 'from=2026-01-01&to=2026-02-01',
          status: 404,
        },
        { op: 'getHolidays', name: 'a year', path: '/api/v1/holidays', query: 'year=2026', status: 200 },
        {
          op: 'getHolidays',
          name: 'not modified',
          path: '/api/v1/holidays',
          query: 'year=2026',
          headers: { 'if-none-match': holidayTag },
          status: 304,
        },
        { op: 'getHolidays', name: 'year out of range', path: '/api/v1/holidays', query: 'year=1999', status: 400 },
        { op: 'getOpenApi', name: 'document', path: '/api/v1/openapi.json', status: 200 },
        {
          op: 'upsertDossier',
          name: 'create',
          path: `/api/v1/agencies/${A}/dossiers/${nextDay(701)}`,
          headers: bearer(write),
          body: upsertBody,
          status: 201,
        },
        {
          op: 'upsertDossier',
          name: 'replace',
          path: `/api/v1/agencies/${A}/dossiers/${nextDay(701)}`,
          headers: bearer(write),
          body: { ...upsertBody, status: 4 },
          status: 200,
        },
        {
          op: 'upsertDossier',
          name: 'serial 0000',
          path: `/api/v1/agencies/${A}/dossiers/${nextDay(0)}`,
          headers: bearer(write),
          body: upsertBody,
          status: 400,
        },
        {
          op: 'upsertDossier',
          name: 'bad body',
          path: `/api/v1/agencies/${A}/dossiers/${nextDay(702)}`,
          headers: bearer(write),
          body: { status: 'done' },
          status: 400,
        },
        { op: 'upsertDossier', name: 'no key', path: `/api/v1/agencies/${A}/dossiers/${nextDay(703)}`, body: upsertBody, status: 401 },
        {
          op: 'upsertDossier',
          name: 'key without the scope',
          path: `/api/v1/agencies/${A}/dossiers/${nextDay(703)}`,
          headers: bearer(readOnly),
          body: upsertBody,
          status: 403,
        },
        {
          op: 'upsertDossier',
          name: 'unknown agency',
          path: `/api/v1/agencies/${UNKNOWN_AGENCY}/dossiers/${UNKNOWN_AGENCY}-261015-0001`,
          headers: bearer(ghost),
          body: upsertBody,
          status: 404,
        },
        {
          op: 'upsertDossier',
          name: 'body over 1 MB',
          path: `/api/v1/agencies/${A}/dossiers/${nextDay(704)}`,
          headers: bearer(write),
          body: { ...upsertBody, pad: huge },
          status: 413,
        },
        {
          op: 'upsertDossier',
          name: 'not JSON',
          path: `/api/v1/agencies/${A}/dossiers/${nextDay(705)}`,
          headers: { ...bearer(write), 'content-type': 'text/csv' },
          raw: 'a,b',
          status: 415,
        },
        {
          op: 'pushDossierEvents',
          name: 'a batch',
          path: `/api/v1/agencies/${A}/dossier-events`,
          headers: bearer(write),
          body: { events: [{ id: 'contract-ev-1', dossier: nextDay(701), type: 'resolved', at: '20261015093000' }] },
          status: 200,
        },
        {
          op: 'pushDossierEvents',
          name: 'no events array',
          path: `/api/v1/agencies/${A}/dossier-events`,
          headers: bearer(write),
          body: { event: [] },
          status: 400,
        },
        { op: 'pushDossierEvents', name: 'no key', path: `/api/v1/agencies/${A}/dossier-events`, body: { events: [] }, status: 401 },
        {
          op: 'pushDossierEvents',
          name: 'key without the scope',
          path: `/api/v1/agencies/${A}/dossier-events`,
          headers: bearer(readOnly),
          body: { events: [] },
          status: 403,
        },
        {
          op: 'pushDossierEvents',
          name: 'unknown agency',
          path: `/api/v1/agencies/${UNKNOWN_AGENCY}/dossier-events`,
          headers: bearer(ghost),
          body: { events: [{ id: 'contract-ev-2', dossier: `${UNKNOWN_AGENCY}-261015-0001`, type: 'resolved', at: '20261015093000' }] },
          status: 404,
        },
        {
          op: 'pushDossierEvents',
          name: 'body over 1 MB',
          path: `/api/v1/agencies/${A}/dossier-events`,
          headers: bearer(write),
          body: { events: [], pad: huge },
          status: 413,
        },
        {
          op: 'pushDossierEvents',
          name: 'not JSON',
          path: `/api/v1/agencies/${A}/dossier-events`,
          headers: { ...bearer(write), 'content-type': 'text/plain' },
          raw: '{}',
          status: 415,
        },
        { op: 'exportRatings', name: 'first page', path: `/api/v1/agencies/${A}/ratings`, headers: bearer(write), status: 200 },
        {
          op: 'exportRatings',
          name: 'page size',
          path: `/api/v1/agencies/${A}/ratings`,
          query: 'since=0&limit=1',
          headers: bearer(readOnly),
          status: 200,
        },
        {
          op: 'exportRatings',
          name: 'bad limit',
          path: `/api/v1/agencies/${A}/ratings`,
          query: 'limit=abc',
          headers: bearer(write),
          status: 400,
        },
        {
          op: 'exportRatings',
          name: 'repeated since',
          path: `/api/v1/agencies/${A}/ratings`,
          query: 'since=1&since=2',
          headers: bearer(write),
          status: 400,
        },
        { op: 'exportRatings', name: 'no key', path: `/api/v1/agencies/${A}/ratings`, status: 401 },
        {
          op: 'exportRatings',
          name: 'key of another agency',
          path: `/api/v1/agencies/000.30.02.H17/ratings`,
          headers: bearer(write),
          status: 403,
        },
        {
          op: 'exportRatings',
          name: 'unknown agency',
          path: `/api/v1/agencies/${UNKNOWN_AGENCY}/ratings`,
          headers: bearer(ghost),
          status: 404,
        },
        { op: 'getAgencies', name: 'directory of a province', path: '/api/v1/agencies', query: 'province=48', status: 200 },
        { op: 'getAgencies', name: 'find my commune', path: '/api/v1/agencies', query: 'q=hoa%20phong&limit=5', status: 200 },
        {
          op: 'getAgencies',
          name: 'directory unchanged',
          path: '/api/v1/agencies',
          query: 'province=48',
          headers: { 'if-none-match': directoryTag },
          status: 304,
        },
        { op: 'getAgencies', name: 'unknown province', path: '/api/v1/agencies', query: 'province=99', status: 404 },
        { op: 'getAgencies', name: 'malformed province', path: '/api/v1/agencies', query: 'province=abc', status: 400 },
        {
          op: 'getProvinceStats',
          name: 'a quarter',
          path: '/api/v1/provinces/48/stats',
          query: 'from=2026-07-01&to=2026-09-30',
          status: 200,
        },
        {
          op: 'getProvinceStats',
          name: 'unknown province',
          path: '/api/v1/provinces/99/stats',
          query: 'from=2026-07-01&to=2026-09-30',
          status: 404,
        },
        {
          op: 'getProvinceStats',
          name: 'over three years',
          path: '/api/v1/provinces/48/stats',
          query: 'from=2020-01-01&to=2026-01-01',
          status: 400,
          because: 'at most three years',
        },
        {
          op: 'changeCatalog',
          name: 'own procedure, add and remove',
          path: `/api/v1/agencies/${A}/catalog-changes`,
          headers: bearer(write),
          body: {
            changes: [
              { op: 'upsert', procedure: ownProcedure },
              { op: 'add', code: '2.000513' },
              { op: 'remove', code: '1.004746' },
            ],
          },
          status: 200,
        },
        {
          op: 'changeCatalog',
          name: 'unknown op',
          path: `/api/v1/agencies/${A}/catalog-changes`,
          headers: bearer(write),
          body: { changes: [{ op: 'rename', code: '2.000513' }] },
          status: 400,
        },
        { op: 'changeCatalog', name: 'no key', path: `/api/v1/agencies/${A}/catalog-changes`, body: { changes: [] }, status: 401 },
        {
          op: 'changeCatalog',
          name: 'key without the scope',
          path: `/api/v1/agencies/${A}/catalog-changes`,
          headers: bearer(readOnly),
          body: { changes: [{ op: 'add', code: '2.000513' }] },
          status: 403,
        },
        {
          op: 'changeCatalog',
          name: 'unknown agency',
          path: `/api/v1/agencies/${UNKNOWN_AGENCY}/catalog-changes`,
          headers: bearer(ghost),
          body: { changes: [{ op: 'add', code: '2.000513' }] },
          status: 404,
        },
        {
          op: 'changeCatalog',
          name: 'body over 1 MB',
          path: `/api/v1/agencies/${A}/catalog-changes`,
          headers: bearer(write),
          body: { changes: [{ op: 'add', code: '2.000513' }], pad: huge },
          status: 413,
        },
        {
          op: 'changeCatalog',
          name: 'not JSON',
          path: `/api/v1/agencies/${A}/catalog-changes`,
          headers: { ...bearer(write), 'content-type': 'text/csv' },
          raw: 'a,b',
          status: 415,
        },
        // The seed attaches A to 20320 (Xã Hoà Vang) and B to 20242: attaching A again to its own unit changes nothing.
        {
          op: 'attachDirectoryUnit',
          name: 'its own unit again',
          path: unitPath(A),
          headers: bearer(write),
          body: { gso: '20320' },
          status: 200,
        },
        {
          op: 'attachDirectoryUnit',
          name: 'GSO code of 4 digits',
          path: unitPath(A),
          headers: bearer(write),
          body: { gso: '2032' },
          status: 400,
        },
        { op: 'attachDirectoryUnit', name: 'no key', path: unitPath(A), body: { gso: '20320' }, status: 401 },
        {
          op: 'attachDirectoryUnit',
          name: 'key without the scope',
          path: unitPath(A),
          headers: bearer(readOnly),
          body: { gso: '20320' },
          status: 403,
        },
        {
          op: 'attachDirectoryUnit',
          name: 'unknown agency',
          path: unitPath(UNKNOWN_AGENCY),
          headers: bearer(ghost),
          body: { gso: '20320' },
          status: 404,
        },
        {
          op: 'attachDirectoryUnit',
          name: 'unit of another agency',
          path: unitPath(A),
          headers: bearer(write),
          body: { gso: '20242' },
          status: 409,
        },
        {
          op: 'attachDirectoryUnit',
          name: 'body over 1 KB',
          path: unitPath(A),
          headers: bearer(write),
          body: { gso: '20320', pad: 'x'.repeat(2000) },
          status: 413,
        },
        {
          op: 'attachDirectoryUnit',
          name: 'not JSON',
          path: unitPath(A),
          headers: { ...bearer(write), 'content-type': 'text/plain' },
          raw: '20320',
          status: 415,
        },
        { op: 'attachDirectoryUnit', name: 'unknown unit', path: unitPath(A), headers: bearer(write), body: { gso: '99999' }, status: 422 },
      ];
      await runAll(ctx, cases);
    });

    it('status alerts: the key, subscribing with the owner proof and consent, unsubscribing, as documented', async () => {
      const proofs = ratingProofs(SECRET);
      const proofOf = (code: string): string => proofs.issue(code, REF_NOW).token;
      const processing = demo('processing');
      const received = demo('received');
      const returned = demo('returned');
      const missing = `${A}-261015-0999`;
      const keys = { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) };
      const subscription = (n: number | string) => ({
        endpoint: `https://push.example.com/send/${n}`,
        expirationTime: null,
        keys,
        consent: true,
        consentText: 'Tôi đồng ý nhận thông báo khi trạng thái hồ sơ thay đổi.',
        lang: 'vi',
      });
      const sub = (code: string, body: unknown, status: number, name: string, extra: Partial<Case> = {}): Case => ({
        op: 'subscribeDossier',
        name,
        path: `/api/v1/dossiers/${code}/subscriptions`,
        headers: { 'motcua-owner-proof': proofOf(code) },
        body,
        status,
        ...extra,
      });
      const first = await ctx.request(`/api/v1/dossiers/${received.code}/subscriptions`, {
        method: 'POST',
        headers: json({ 'motcua-owner-proof': proofOf(received.code) }),
        body: JSON.stringify(subscription('kept')),
      });
      assert.equal(first.status, 201);
      const receipt = (await first.json()) as { id: string; unsubscribeToken: string };
      const cases: Case[] = [
        { op: 'getPushKey', name: 'the key', path: '/api/v1/push/key', status: 200 },
        sub(processing.code, subscription(1), 201, 'subscribed'),
        sub(processing.code, subscription(1), 200, 'same endpoint again'),
        ...[2, 3, 4, 5].map((n) => sub(processing.code, subscription(n), 201, `device ${n}`)),
        sub(processing.code, subscription(6), 409, 'a sixth device'),
        sub(returned.code, subscription(1), 409, 'returned dossier'),
        sub(processing.code, { kind: 'sms', consent: true, consentText: 'Tôi đồng ý nhận tin nhắn về hồ sơ.' }, 409, 'SMS without a hook', {
          because: 'SMS/Zalo alerts were asked for, but this server has no SMS provider hook',
        }),
        sub(missing, subscription(1), 404, 'no such dossier'),
        sub(processing.code, { ...subscription(7), consent: false }, 400, 'no consent'),
        sub(processing.code, { ...subscription(7), keys: { ...keys, p256dh: 'B'.repeat(5000) } }, 400, 'oversized key'),
        sub(processing.code, { ...subscription(7), endpoint: 'http://push.example.com/send/7' }, 400, 'http endpoint', {
          because: 'The endpoint must be an https URL of a push service (not a private address)',
        }),
        sub(processing.code, { ...subscription(7), endpoint: 'https://10.1.2.3/send/7' }, 400, 'private endpoint', {
          because: 'The endpoint must be an https URL of a push service (not a private address)',
        }),
        sub(processing.code, subscription(7), 401, 'no proof', { headers: {} }),
        sub(processing.code, subscription(7), 403, "another dossier's proof", {
          headers: { 'motcua-owner-proof': proofOf(returned.code) },
        }),
        sub(processing.code, { ...subscription(7), pad: 'x'.repeat(20 * 1024) }, 413, 'body over 16 KB'),
        sub(processing.code, undefined, 415, 'not JSON', {
          raw: 'endpoint=x',
          headers: { 'motcua-owner-proof': proofOf(processing.code), 'content-type': 'application/x-www-form-urlencoded' },
        }),
        ...Array.from({ length: 20 }, (_, i) =>
          sub(received.code, subscription('kept'), 200, `renewal ${i + 1} of 20`, { ip: '203.0.113.90' }),
        ),
        sub(received.code, subscription('kept'), 429, 'subscription budget spent', { ip: '203.0.113.90' }),
        {
          op: 'unsubscribeDossier',
          name: 'no proof',
          path: `/api/v1/dossiers/${received.code}/subscriptions/${receipt.id}`,
          status: 401,
        },
        {
          op: 'unsubscribeDossier',
          name: "another dossier's proof",
          path: `/api/v1/dossiers/${received.code}/subscriptions/${receipt.id}`,
          headers: { 'motcua-owner-proof': proofOf(processing.code) },
          status: 403,
        },
        {
          op: 'unsubscribeDossier',
          name: 'malformed id',
          path: `/api/v1/dossiers/${received.code}/subscriptions/abc`,
          headers: { 'motcua-owner-proof': proofOf(received.code) },
          status: 400,
        },
        {
          op: 'unsubscribeDossier',
          name: 'not a subscription of this dossier',
          path: `/api/v1/dossiers/${processing.code}/subscriptions/${receipt.id}`,
          headers: { 'motcua-owner-proof': proofOf(processing.code) },
          status: 404,
        },
        {
          op: 'unsubscribeDossier',
          name: 'the owner unsubscribes',
          path: `/api/v1/dossiers/${received.code}/subscriptions/${receipt.id}`,
          headers: { 'motcua-owner-proof': proofOf(received.code) },
          status: 200,
        },
        { op: 'unsubscribe', name: 'with the token', path: `/api/v1/unsubscribe/${receipt.unsubscribeToken}`, status: 200 },
        { op: 'unsubscribe', name: 'again (idempotent)', path: `/api/v1/unsubscribe/${receipt.unsubscribeToken}`, status: 200 },
        { op: 'unsubscribe', name: 'a forged token', path: `/api/v1/unsubscribe/u1.ps_0000000000000000.${'A'.repeat(22)}`, status: 404 },
      ];
      await runAll(ctx, cases);
    });

    it('with the database gone, every operation that reads it answers 503 problem+json with Retry-After', async () => {
      const d = demo('returned');
      const downToken = unsubscribeTokens(SECRET).issue('ps_0123456789abcdef');
      await down.db.close();
      const bearer = { authorization: `Bearer ${downKeys.write}` };
      const cases: Case[] = [
        { op: 'getAgencies', name: 'db down', path: '/api/v1/agencies', status: 503 },
        { op: 'getAgency', name: 'db down', path: `/api/v1/agencies/${A}`, status: 503 },
        { op: 'getSectors', name: 'db down', path: '/api/v1/sectors', status: 503 },
        { op: 'searchProcedures', name: 'db down', path: `/api/v1/agencies/${A}/procedures`, status: 503 },
        { op: 'getCatalog', name: 'db down', path: `/api/v1/agencies/${A}/procedures/catalog`, status: 503 },
        { op: 'getProcedure', name: 'db down', path: `/api/v1/procedures/${P}`, status: 503 },
        { op: 'getDossier', name: 'db down', path: `/api/v1/dossiers/${d.code}`, status: 503 },
        {
          op: 'verifyDossier',
          name: 'db down',
          path: `/api/v1/dossiers/${d.code}/verify`,
          body: { phoneLast4: d.phoneLast4 },
          status: 503,
        },
        {
          op: 'submitRating',
          name: 'db down',
          path: '/api/v1/ratings',
          headers: { 'idempotency-key': idem(), 'motcua-owner-proof': ratingProofs(SECRET).issue(d.code, REF_NOW).token },
          body: { agency: A, channel: 'online', overall: 'satisfied', dossierCode: d.code, ratedAt: minutes(-1) },
          status: 503,
        },
        { op: 'getStats', name: 'db down', path: `/api/v1/agencies/${A}/stats`, query: 'from=2026-01-01&to=2026-02-01', status: 503 },
        {
          op: 'getProvinceStats',
          name: 'db down',
          path: '/api/v1/provinces/48/stats',
          query: 'from=2026-01-01&to=2026-02-01',
          status: 503,
        },
        {
          op: 'upsertDossier',
          name: 'db down',
          path: `/api/v1/agencies/${A}/dossiers/${A}-261015-0801`,
          headers: bearer,
          body: upsertBody,
          status: 503,
        },
        {
          op: 'pushDossierEvents',
          name: 'db down',
          path: `/api/v1/agencies/${A}/dossier-events`,
          headers: bearer,
          body: { events: [{ id: 'down-1', dossier: `${A}-261015-0801`, type: 'resolved', at: '20261015093000' }] },
          status: 503,
        },
        { op: 'exportRatings', name: 'db down', path: `/api/v1/agencies/${A}/ratings`, headers: bearer, status: 503 },
        { op: 'getPushKey', name: 'db down', path: '/api/v1/push/key', status: 503 },
        {
          op: 'subscribeDossier',
          name: 'db down',
          path: `/api/v1/dossiers/${d.code}/subscriptions`,
          headers: { 'motcua-owner-proof': ratingProofs(SECRET).issue(d.code, REF_NOW).token },
          body: {
            endpoint: 'https://push.example.com/send/1',
            keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) },
            consent: true,
            consentText: 'Tôi đồng ý nhận thông báo.',
          },
          status: 503,
        },
        {
          op: 'unsubscribeDossier',
          name: 'db down',
          path: `/api/v1/dossiers/${d.code}/subscriptions/ps_0123456789abcdef`,
          headers: { 'motcua-owner-proof': ratingProofs(SECRET).issue(d.code, REF_NOW).token },
          status: 503,
        },
        { op: 'unsubscribe', name: 'db down', path: `/api/v1/unsubscribe/${downToken}`, status: 503 },
      ];
      await runAll(down, cases);
    });

    it('every operation of the document was exercised, with every status it documents', () => {
      const missing: string[] = [];
      for (const [id, { op }] of operations) {
        const statuses = seen.get(id);
        if (!statuses) {
          missing.push(`${id}: never exercised`);
          continue;
        }
        assert.ok(
          ([...statuses].some((s) => s < 300) && [...statuses].some((s) => s >= 400)) || id === 'getOpenApi',
          `${id}: success and error`,
        );
        for (const status of Object.keys(op.responses)) if (!statuses.has(Number(status))) missing.push(`${id}: ${status} never produced`);
      }
      assert.deepEqual(missing, []);
    });
  });
}
