import { expect } from '@open-wc/testing';
import type { Rating } from '@motcua/sdk/schemas';
import { RatingQueue, classifySendError } from '../../internal/rating-queue.js';
import './satisfaction.js';

const rating = (n: number, comment?: string): Rating => ({
  agency: '000.30.01.H17',
  channel: 'kiosk',
  overall: 'satisfied',
  counter: String(n),
  ratedAt: new Date().toISOString(),
  ...(comment ? { comment } : {}),
});
const dbName = (): string => `motcua-ratings-unit-${crypto.randomUUID().slice(0, 8)}`;
const httpError = (status: number, code?: string, retryAfter?: number) =>
  Object.assign(new Error(`HTTP ${status}`), {
    kind: 'http',
    status,
    ...(code ? { problem: { code } } : {}),
    ...(retryAfter ? { retryAfter } : {}),
  });

describe('rating queue (IndexedDB outbox)', () => {
  it('classifies server answers: 4xx rejected (409 too), 408/429/5xx/network retried, SDK input errors rejected', () => {
    expect(classifySendError(httpError(422, 'invalid_request'))).to.deep.equal({ kind: 'rejected', status: 422, code: 'invalid_request' });
    expect(classifySendError(httpError(409, 'already_rated'))).to.deep.include({ kind: 'rejected', code: 'already_rated' });
    expect(classifySendError(httpError(409, 'idempotency_conflict'))).to.deep.include({ kind: 'rejected', code: 'idempotency_conflict' });
    expect(classifySendError(httpError(429, 'rate_limited', 30))).to.deep.equal({ kind: 'retry', afterMs: 30_000 });
    expect(classifySendError(httpError(408))).to.deep.equal({ kind: 'retry', afterMs: 0 });
    expect(classifySendError(httpError(503))).to.deep.equal({ kind: 'retry', afterMs: 0 });
    expect(classifySendError(Object.assign(new Error('x'), { kind: 'network' }))).to.deep.equal({ kind: 'retry', afterMs: 0 });
    expect(classifySendError(Object.assign(new Error('x'), { kind: 'input', reason: 'bad' }))).to.deep.include({ kind: 'rejected' });
  });

  it('keeps a rating until the server acknowledges it, across a "reload", and sends it with the same key', async () => {
    const name = dbName();
    const keys: string[] = [];
    const down = new RatingQueue({
      dbName: name,
      send: async () => Promise.reject(Object.assign(new Error('offline'), { kind: 'network' })),
    });
    const entry = await down.enqueue(rating(1));
    expect(entry.key).to.match(/^[0-9a-f-]{36}$/);
    await down.sync();
    expect(await down.counts()).to.deep.equal({ pending: 1, rejected: 0 });
    down.stop();

    const up = new RatingQueue({ dbName: name, send: async (_r, key) => void keys.push(key) });
    expect(await up.counts()).to.deep.equal({ pending: 1, rejected: 0 });
    const report = await up.sync();
    expect(report.sent).to.equal(1);
    expect(report.outcomes.get(entry.key)).to.deep.equal({ outcome: 'sent' });
    expect(keys).to.deep.equal([entry.key]);
    expect(await up.counts()).to.deep.equal({ pending: 0, rejected: 0 });
    up.stop();
  });

  it('sets rejected ratings aside without their comment and never resends them', async () => {
    let sends = 0;
    const queue = new RatingQueue({
      dbName: dbName(),
      send: async () => {
        sends++;
        throw httpError(409, 'already_rated');
      },
    });
    await queue.enqueue(rating(1, 'Số điện thoại của tôi là 0905 123 456'));
    await queue.sync();
    await queue.sync();
    expect(sends).to.equal(1);
    expect(await queue.counts()).to.deep.equal({ pending: 0, rejected: 1 });
    const [rejected] = await queue.rejected();
    expect(rejected!.code).to.equal('already_rated');
    expect(rejected!.rating.comment).to.equal(undefined);
    queue.stop();
  });

  it('lets only one of several tabs send at a time: every rating is sent exactly once', async () => {
    const name = dbName();
    const sent = new Map<string, number>();
    const send = async (_r: Rating, key: string): Promise<void> => {
      await new Promise((r) => setTimeout(r, Math.random() * 5));
      sent.set(key, (sent.get(key) ?? 0) + 1);
    };
    const tabs = [
      new RatingQueue({ dbName: name, send }),
      new RatingQueue({ dbName: name, send }),
      new RatingQueue({ dbName: name, send }),
    ];
    for (let i = 0; i < 30; i++) await tabs[i % 3]!.enqueue(rating(i));
    await Promise.all([...tabs.map((t) => t.sync()), ...tabs.map((t) => t.sync())]);
    await Promise.all(tabs.map((t) => t.sync()));
    expect(sent.size).to.equal(30);
    expect([...sent.values()].every((n) => n === 1)).to.equal(true);
    expect(await tabs[0]!.counts()).to.deep.equal({ pending: 0, rejected: 0 });
    tabs.forEach((t) => t.stop());
  });

  it('holds votes whose kiosk credential is refused (not the votes’ fault) and delivers them after re-enrolment', async () => {
    expect(classifySendError(httpError(403, 'device_invalid'))).to.deep.equal({ kind: 'retry', afterMs: 0 });
    expect(classifySendError(httpError(401, 'device_required'))).to.deep.equal({ kind: 'retry', afterMs: 0 });
    expect(classifySendError(httpError(403, 'proof_invalid'))).to.deep.include({ kind: 'rejected', code: 'proof_invalid' });
    let enrolled = false;
    const delivered: string[] = [];
    const queue = new RatingQueue({
      dbName: dbName(),
      send: async (r) => {
        if (!enrolled) throw httpError(403, 'device_invalid');
        delivered.push(r.counter!);
      },
    });
    for (let i = 1; i <= 3; i++) await queue.enqueue(rating(i));
    await queue.sync();
    expect(await queue.counts()).to.deep.equal({ pending: 3, rejected: 0 });
    enrolled = true;
    await queue.sync();
    expect(delivered).to.deep.equal(['1', '2', '3']);
    expect(await queue.counts()).to.deep.equal({ pending: 0, rejected: 0 });
    queue.stop();
  });

  it('sends an online rating with the owner’s proof it was queued with, and never keeps the proof when refused', async () => {
    const proofs: Array<string | undefined> = [];
    const queue = new RatingQueue({
      dbName: dbName(),
      send: async (_r, _key, proof) => {
        proofs.push(proof);
        throw httpError(403, 'proof_invalid');
      },
    });
    await queue.enqueue({ ...rating(1), channel: 'online', dossierCode: '000.30.01.H17-261015-9010' }, 'p1.abc.token');
    await queue.sync();
    expect(proofs).to.deep.equal(['p1.abc.token']);
    const [rejected] = await queue.rejected();
    expect(rejected!.code).to.equal('proof_invalid');
    expect('proof' in rejected!).to.equal(false);
    queue.stop();
  });

  it('stops a round at the first transient failure and keeps the order of ratings', async () => {
    const seen: number[] = [];
    let fail = true;
    const queue = new RatingQueue({
      dbName: dbName(),
      send: async (r) => {
        seen.push(Number(r.counter));
        if (fail && r.counter === '2') throw httpError(503);
      },
    });
    for (let i = 1; i <= 4; i++) await queue.enqueue(rating(i));
    const first = await queue.sync();
    expect(first.sent).to.equal(1);
    expect(seen).to.deep.equal([1, 2]);
    fail = false;
    const second = await queue.sync();
    expect(second.sent).to.equal(3);
    expect(seen).to.deep.equal([1, 2, 2, 3, 4]);
    queue.stop();
  });
});
