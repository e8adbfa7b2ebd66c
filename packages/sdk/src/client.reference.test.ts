// Every client method against the real reference server (packages/server, started in a child process): the server's
// answers pass the client's validation, and the client speaks the contract (query strings, bodies, headers, ETags).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
// @ts-expect-error -- plain ESM helper without type declarations
import { startReferenceServer } from '../../../scripts/reference-server.mjs';
import { demoDossiers } from '../../server/src/demo-dossiers.js';
import { createClient, createStorageCache, type MotcuaClient } from './client.js';
import { MotcuaHttpError } from './errors.js';
import { createSearchIndex } from './text/index.js';

interface Server {
  api: string;
  stop(): Promise<void>;
}

let server: Server;
let client: MotcuaClient;
let agency: string;

before(async () => {
  server = (await startReferenceServer()) as Server;
  client = createClient({ baseUrl: server.api });
  const agencies = await client.getAgencies();
  assert.ok(agencies.length > 0);
  agency = agencies[0]?.code ?? '';
});

after(async () => {
  await server?.stop();
});

const vnDate = (days: number) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

test('agencies, an agency and sectors', async () => {
  const one = await client.getAgency(agency);
  assert.equal(one.code, agency);
  assert.ok((await client.getSectors()).length > 0);
});

test('server-side search and the paging iterator agree with the total', async () => {
  const page = await client.searchProcedures(agency, { q: 'khai sinh', pageSize: 5 });
  assert.ok(page.total > 0);
  assert.ok(
    page.items.every((p) => /khai sinh/i.test(p.name)),
    'every result is about khai sinh',
  );
  const all = await client.searchProcedures(agency, { pageSize: 100 });
  let count = 0;
  for await (const _ of client.iterateProcedures(agency, { pageSize: 100 })) count++;
  assert.equal(count, all.total);
});

test('the catalog revalidates with its ETag (304), persists, and feeds the search index', async () => {
  const store = new Map<string, string>();
  const statuses: number[] = [];
  const cached = createClient({
    baseUrl: server.api,
    cache: createStorageCache({ getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) }),
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      statuses.push(response.status);
      return response;
    },
  });
  const first = await cached.getCatalog(agency);
  const second = await cached.getCatalog(agency);
  assert.deepEqual(second, first);
  assert.deepEqual(statuses, [200, 304]);
  assert.equal(store.size, 1);
  const hits = createSearchIndex(first.items).search('dang ky khai sinh');
  assert.match(hits[0]?.item.name ?? '', /khai sinh/i);
  const procedure = await client.getProcedure(first.items[0]?.code ?? '');
  assert.equal(procedure.code, first.items[0]?.code);
});

test('a dossier: public view, owner view with the right digits, 404 with wrong ones', async () => {
  const demo = demoDossiers().find((d) => d.status === 'processing');
  assert.ok(demo);
  const open = await client.getDossier(demo.code);
  assert.equal(open.view, 'public');
  assert.equal(open.status, 'processing');
  assert.equal(open.applicantName, undefined);
  const owner = await client.verifyDossier(demo.code, demo.phoneLast4);
  assert.equal(owner.view, 'owner');
  assert.match(owner.applicantName ?? '', /\*/);
  const wrong = await client.verifyDossier(demo.code, demo.phoneLast4 === '0000' ? '1111' : '0000').catch((error: unknown) => error);
  assert.ok(wrong instanceof MotcuaHttpError);
  assert.equal(wrong.status, 404);
  assert.equal(wrong.problem?.code, 'dossier_not_found');
});

test('an unknown dossier is a 404 with the dossier_not_found problem', async () => {
  const error = await client.getDossier(`${agency}-${vnDate(-1).slice(2).replaceAll('-', '')}-8999`).catch((e: unknown) => e);
  assert.ok(error instanceof MotcuaHttpError);
  assert.equal(error.problem?.code, 'dossier_not_found');
});

test('ratings: 201, replay 200 with the same receipt, same key with another body 409', async () => {
  const key = randomUUID();
  const rating = { agency, channel: 'kiosk', overall: 'satisfied', comment: `sdk test ${key}`, ratedAt: new Date().toISOString() } as const;
  // A kiosk rating needs an enrolled device: the demo site's demo kiosk of this agency (a client option).
  const { credential } = (await (await fetch(new URL(`/demo-device.json?agency=${agency}`, server.api))).json()) as { credential: string };
  const kiosk = createClient({ baseUrl: server.api, device: credential });
  const refused = await client.submitRating(rating, { idempotencyKey: randomUUID() }).catch((e: unknown) => e);
  assert.ok(refused instanceof MotcuaHttpError);
  assert.equal(refused.status, 401);
  assert.equal(refused.problem?.code, 'device_required');
  const first = await kiosk.submitRating(rating, { idempotencyKey: key });
  assert.equal(first.replayed, false);
  const again = await client.submitRating(rating, { idempotencyKey: key, device: credential });
  assert.equal(again.replayed, true);
  assert.deepEqual(again.receipt, first.receipt);
  const conflict = await kiosk.submitRating({ ...rating, overall: 'not_satisfied' }, { idempotencyKey: key }).catch((e: unknown) => e);
  assert.ok(conflict instanceof MotcuaHttpError);
  assert.equal(conflict.status, 409);
  assert.equal(conflict.problem?.code, 'idempotency_conflict');
});

test('a dossier rated by its owner: verify gives a typed proof, the rating with it is stored, without it refused', async () => {
  const demo = demoDossiers().find((d) => d.status === 'returned');
  assert.ok(demo);
  const rating = { agency: demo.code.split('-')[0] ?? '', channel: 'online', overall: 'very_satisfied', dossierCode: demo.code } as const;
  const without = await client
    .submitRating({ ...rating, ratedAt: new Date().toISOString() }, { idempotencyKey: randomUUID() })
    .catch((e: unknown) => e);
  assert.ok(without instanceof MotcuaHttpError);
  assert.equal(without.problem?.code, 'proof_required');
  const owner = await client.verifyDossier(demo.code, demo.phoneLast4);
  assert.equal(owner.rated, false);
  const token: string | undefined = owner.ratingProof?.token;
  assert.ok(token);
  const { receipt } = await client.submitRating(
    { ...rating, ratedAt: new Date().toISOString() },
    { idempotencyKey: randomUUID(), proof: token },
  );
  assert.equal(receipt.dossierCode, demo.code);
  assert.equal((await client.verifyDossier(demo.code, demo.phoneLast4)).rated, true);
  assert.equal((await client.getDossier(demo.code)).rated, undefined);
});

test('statistics over the last 30 days', async () => {
  const stats = await client.getStats(agency, { from: vnDate(-30), to: vnDate(0) });
  assert.equal(stats.agency, agency);
  assert.ok(stats.received.total >= 0);
  assert.ok(stats.satisfaction.total >= 1, 'the rating above is counted');
});
