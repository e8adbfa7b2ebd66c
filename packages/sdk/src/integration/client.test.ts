// The integration client: sends the key, checks inputs before sending, validates answers, throws the public client's
// error types, retries what is safe to retry; the webhook signature verifier.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { MotcuaHttpError, MotcuaInputError, MotcuaResponseError } from '../errors.js';
import { createIntegrationClient } from './client.js';
import { parseEventTime } from './schemas.js';
import { verifyWebhookSignature } from './signature.js';

const KEY = `mck_0123456789abcdef_${'a'.repeat(43)}`;
const A = '000.30.01.H17';

function fake(answers: Array<() => Response>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next();
  }) as unknown as typeof globalThis.fetch;
  return { calls, fetch };
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

test('sends the bearer key, validates the answer, retries a 503', async () => {
  const result = {
    results: [{ id: 'e1', result: 'applied', status: 'received', statusChanged: true }],
    applied: 1,
    duplicates: 0,
    rejected: 0,
  };
  const { calls, fetch } = fake([() => json(503, {}), () => json(200, result)]);
  const client = createIntegrationClient({ baseUrl: 'https://m.example/api/v1/', key: KEY, fetch, retries: 1 });
  const answer = await client.pushDossierEvents(A, [{ id: 'e1', dossier: `${A}-261015-0001`, type: 'received', at: '20261015080000' }]);
  assert.equal(answer.applied, 1);
  assert.equal(calls.length, 2);
  assert.equal(calls[0]?.url, `https://m.example/api/v1/agencies/${A}/dossier-events`);
  assert.equal((calls[0]?.init.headers as Record<string, string>).authorization, `Bearer ${KEY}`);
});

test('a 403 is a MotcuaHttpError with the problem; a bad answer a MotcuaResponseError; bad input never leaves', async () => {
  const problem = { type: 'x', title: 'Khóa API không có quyền này', status: 403, code: 'forbidden' };
  const { calls, fetch } = fake([() => json(403, problem, 'application/problem+json'), () => json(200, { items: 'no' })]);
  const client = createIntegrationClient({ baseUrl: 'https://m.example/api/v1', key: KEY, fetch, retries: 0 });
  await assert.rejects(
    client.exportRatings(A),
    (e: unknown) => e instanceof MotcuaHttpError && e.status === 403 && e.problem?.code === 'forbidden',
  );
  await assert.rejects(client.exportRatings(A, { since: '5' }), MotcuaResponseError);
  await assert.rejects(client.exportRatings('H17'), MotcuaInputError);
  await assert.rejects(client.pushDossierEvents(A, []), MotcuaInputError);
  await assert.rejects(
    client.pushDossierEvents(A, [{ id: 'bad id!', dossier: `${A}-261015-0001`, type: 'received', at: '20261015080000' }]),
    MotcuaInputError,
  );
  assert.equal(calls.length, 2);
  assert.throws(() => createIntegrationClient({ baseUrl: 'https://m.example', key: 'secret' }), MotcuaInputError);
});

test('national times are Vietnam time; impossible dates are refused', () => {
  assert.equal(parseEventTime('20261015083000')?.toISOString(), '2026-10-15T01:30:00.000Z');
  assert.equal(parseEventTime('2026-10-15T08:30:00+07:00')?.toISOString(), '2026-10-15T01:30:00.000Z');
  for (const bad of ['20261032083000', '20260230083000', '20261015250000', '2026-02-30T08:00:00Z'])
    assert.equal(parseEventTime(bad), undefined, bad);
});

test('verifyWebhookSignature accepts a fresh signature, refuses an old, altered or malformed one', async () => {
  const secret = 'whsec_test';
  const body = '{"id":"evt_1"}';
  const sign = (t: number, b = body) => `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${b}`).digest('hex')}`;
  const now = Date.now();
  const t = Math.floor(now / 1000);
  assert.equal(await verifyWebhookSignature(secret, sign(t), body, { now }), true);
  assert.equal(await verifyWebhookSignature(secret, sign(t - 301), body, { now }), false);
  assert.equal(await verifyWebhookSignature(secret, sign(t), `${body} `, { now }), false);
  assert.equal(await verifyWebhookSignature('other', sign(t), body, { now }), false);
  assert.equal(await verifyWebhookSignature(secret, 'v1=abc', body, { now }), false);
  assert.equal(await verifyWebhookSignature(secret, null, body, { now }), false);
});
