// The SDK client against the real reference server, started the way the browser tests start it
// (scripts/reference-server.mjs): every call of the contract validates, errors arrive typed.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createClient, MotcuaHttpError, type MotcuaClient } from '@motcua/sdk';
import { demoDossiers } from '@motcua/server/demo-dossiers';
// @ts-expect-error: plain ESM helper without types
import { startReferenceServer } from '../../scripts/reference-server.mjs';

interface Reference {
  url: string;
  api: string;
  stop(): Promise<void>;
}

const H17 = '000.30.01.H17';

describe('SDK client ↔ reference server', () => {
  let server: Reference;
  let client: MotcuaClient;
  before(async () => {
    // Every look-up counts (the dossier views and the ratings naming a dossier below use 4 of the 6).
    server = (await startReferenceServer({ env: { MOTCUA_RATE_LIMIT_LOOKUPS: '6' } })) as Reference;
    client = createClient({ baseUrl: server.api, retry: { limit: 0, backoffMs: 0 } });
  });
  after(async () => {
    await server?.stop();
  });

  it('agencies, sectors, search, catalog and procedure detail parse against the contract', async () => {
    const agencies = await client.getAgencies();
    assert.ok(agencies.some((a) => a.code === H17));
    assert.equal((await client.getAgency(H17)).procedureCount, 393);
    assert.ok((await client.getSectors()).length > 10);
    const page = await client.searchProcedures(H17, { q: 'dang ky khai sinh', pageSize: 5 });
    assert.ok(page.items.some((p) => p.code === '1.001193'));
    const catalog = await client.getCatalog(H17);
    assert.equal(catalog.items.length, 393);
    const again = await client.getCatalog(H17); // revalidated with If-None-Match
    assert.deepEqual(again, catalog);
    const detail = await client.getProcedure('1.001193');
    assert.equal(detail.detailed, true);
  });

  it('dossier look-up, verification and rating with replay', async () => {
    const d = demoDossiers().find((x) => x.status === 'returned');
    assert.ok(d);
    const view = await client.getDossier(d.code);
    assert.equal(view.status, 'returned');
    assert.equal(view.applicantName, undefined);
    const owner = await client.verifyDossier(d.code, d.phoneLast4);
    assert.match(owner.applicantName ?? '', /^\S+( \S\*\*)+$/);
    const key = randomUUID();
    const rating = {
      agency: H17,
      channel: 'online' as const,
      overall: 'very_satisfied' as const,
      dossierCode: d.code,
      ratedAt: new Date().toISOString(),
    };
    // The owner's proof comes with the owner view; a rating of the dossier needs it.
    const proof = owner.ratingProof?.token;
    assert.ok(proof);
    const first = await client.submitRating(rating, { idempotencyKey: key, proof });
    assert.equal(first.replayed, false);
    const replay = await client.submitRating(rating, { idempotencyKey: key, proof });
    assert.equal(replay.replayed, true);
    assert.equal(replay.receipt.id, first.receipt.id);
    const second = await client
      .submitRating({ ...rating, overall: 'satisfied' }, { idempotencyKey: randomUUID(), proof })
      .catch((e: unknown) => e);
    assert.ok(second instanceof MotcuaHttpError);
    assert.equal(second.problem?.code, 'already_rated');
  });

  it('stats over a period', async () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const stats = await client.getStats(H17, { from: `${today.slice(0, 8)}01`, to: today });
    assert.equal(stats.agency, H17);
    assert.ok(stats.received.total > 0);
  });

  it('errors are typed: 404 dossier_not_found, then 429 with retryAfter', async () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(2, 10).replaceAll('-', '');
    // Unknown codes are 404 until the budget (6 look-ups, the earlier tests' included) is spent, then 429.
    const errors: MotcuaHttpError[] = [];
    for (let i = 1; i <= 7 && errors.at(-1)?.status !== 429; i++) {
      const error = await client.getDossier(`${H17}-${today}-${8900 + i}`).catch((e: unknown) => e);
      assert.ok(error instanceof MotcuaHttpError);
      errors.push(error);
    }
    const notFound = errors.filter((e) => e.status === 404);
    assert.ok(notFound.length >= 1, 'at least one 404 before the limit');
    for (const e of notFound) assert.equal(e.problem?.code, 'dossier_not_found');
    const limited = errors.at(-1);
    assert.equal(limited?.status, 429);
    assert.ok((limited?.retryAfter ?? 0) > 0);
  });
});
