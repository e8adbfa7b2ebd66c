// Enumeration: one client walking sequential dossier codes is stopped with 429 (+ Retry-After) soon — existing codes
// count as much as unknown ones — and no answer ever carries owner data (name, phone, ID) without verification; guessing
// the phone digits is stopped too, per address and per code (however many addresses guess).
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { demoDossiers, DEMO_AGENCY } from '../../packages/server/src/demo-dossiers.js';
import { startReferenceServer, vnDate, type ReferenceServer } from './helpers.js';

let server: ReferenceServer;
before(async () => {
  server = await startReferenceServer();
});
after(() => server?.stop());

const OWNER_FIELDS = /applicantName|phone|idNumber|citizenId|"applicant"/i;

test('sequential dossier codes from one client hit 429 quickly, with Retry-After, and show no owner data', async () => {
  const yymmdd = vnDate(-2).slice(2).replaceAll('-', '');
  const seen: number[] = [];
  let firstLimited = 0;
  let retryAfter: string | null = null;
  let notFoundBeforeLimit = 0;
  for (let seq = 1; seq <= 400; seq++) {
    const code = `${DEMO_AGENCY}-${yymmdd}-${String(seq).padStart(4, '0')}`;
    const res = await fetch(`${server.api}/dossiers/${code}`);
    const text = await res.text();
    seen.push(res.status);
    assert.doesNotMatch(text, OWNER_FIELDS, `owner data in the public answer for ${code}`);
    if (res.status === 404) notFoundBeforeLimit++;
    if (res.status === 429) {
      firstLimited = seq;
      retryAfter = res.headers.get('retry-after');
      const problem = JSON.parse(text) as { code?: string; retryAfter?: number };
      assert.equal(problem.code, 'rate_limited');
      assert.ok((problem.retryAfter ?? 0) > 0);
      break;
    }
  }
  const found = seen.filter((s) => s === 200).length;
  console.log(
    `enumeration: first 429 at look-up #${firstLimited} (${found} existing codes answered, ${notFoundBeforeLimit} not found before it)`,
  );
  assert.ok(firstLimited > 0, 'a 429 came');
  assert.ok(notFoundBeforeLimit <= 60, `at most 60 misses before the limit (got ${notFoundBeforeLimit})`);
  // Hits count too: the demo day has codes 0001… and 9001…, but no more than 60 look-ups of any kind got an answer.
  assert.ok(found + notFoundBeforeLimit <= 60, `at most 60 answers before the limit (got ${found} found + ${notFoundBeforeLimit})`);
  assert.ok(Number(retryAfter) > 0, 'Retry-After header in seconds');

  // Once limited, even an existing code is refused to this client until the window ends.
  const demo = demoDossiers()[0];
  assert.ok(demo);
  const again = await fetch(`${server.api}/dossiers/${demo.code}`);
  assert.equal(again.status, 429);
  await again.arrayBuffer();
});

test('owner data needs the phone digits; guessing them is stopped before 10,000 tries matter', async () => {
  const demo = demoDossiers().find((d) => d.status === 'processing');
  assert.ok(demo);
  // Verification is limited separately from look-ups. The right digits give the owner view, with the name masked.
  const ok = await fetch(`${server.api}/dossiers/${demo.code}/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phoneLast4: demo.phoneLast4 }),
  });
  assert.equal(ok.status, 200);
  const owner = (await ok.json()) as { view: string; applicantName?: string };
  assert.equal(owner.view, 'owner');
  assert.ok(owner.applicantName && owner.applicantName !== demo.applicantName && owner.applicantName.includes('*'), owner.applicantName);
  const wrong = demo.phoneLast4 === '0000' ? '0001' : '0000';
  let limitedAt = 0;
  for (let i = 1; i <= 60; i++) {
    const res = await fetch(`${server.api}/dossiers/${demo.code}/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        phoneLast4: i === 1 ? wrong : String(1000 + i).slice(-4) === demo.phoneLast4 ? wrong : String(1000 + i).slice(-4),
      }),
    });
    const text = await res.text();
    assert.doesNotMatch(text, /applicantName/, 'no owner data for wrong digits');
    assert.ok([404, 429].includes(res.status), `status ${res.status}`);
    if (res.status === 429) {
      limitedAt = i;
      break;
    }
  }
  console.log(`verification guessing: first 429 after ${limitedAt - 1} wrong guesses`);
  assert.ok(limitedAt > 0 && limitedAt <= 30, `guessing limited within 30 tries (at ${limitedAt})`);
  // Even the right digits are refused while limited: no oracle.
  const right = await fetch(`${server.api}/dossiers/${demo.code}/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phoneLast4: demo.phoneLast4 }),
  });
  assert.equal(right.status, 429);
  assert.doesNotMatch(await right.text(), /applicantName/);
});

/** A request from a chosen source address (the whole of 127.0.0.0/8 is loopback on Linux); resolves to the status. */
function sendFrom(localAddress: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<number> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(`${server.api}${path}`),
      {
        method: text === undefined ? 'GET' : 'POST',
        localAddress,
        agent: false,
        headers:
          text === undefined ? headers : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}
const verifyFrom = (localAddress: string, code: string, phoneLast4: string): Promise<number> =>
  sendFrom(localAddress, `/dossiers/${code}/verify`, { phoneLast4 });

test('distributed guessing: 54 source addresses × 20 guesses of one code get 5 answers; then even the right digits wait', async () => {
  const demo = demoDossiers().find((d) => d.status === 'resolved');
  assert.ok(demo);
  const statuses: number[] = [];
  for (let round = 0; round < 20; round++) {
    const batch = await Promise.all(
      Array.from({ length: 54 }, (_, a) => {
        const guess = String(round * 54 + a).padStart(4, '0');
        return verifyFrom(`127.0.${10 + a}.${round + 1}`, demo.code, guess === demo.phoneLast4 ? '9999' : guess);
      }),
    );
    statuses.push(...batch);
  }
  const answered = statuses.filter((s) => s === 404).length;
  console.log(`distributed guessing: ${answered} of ${statuses.length} guesses from 54 addresses answered`);
  assert.equal(answered, 5, 'the code locks after 5 wrong answers, whatever the address');
  assert.equal(statuses.filter((s) => s === 429).length, statuses.length - 5);
  assert.equal(await verifyFrom('127.0.200.1', demo.code, demo.phoneLast4), 429, 'locked even for the right answer from a fresh address');
});

test('a forged X-Forwarded-For from a peer that is no trusted proxy buys no fresh budget', async () => {
  const demo = demoDossiers().find((d) => d.status === 'returned');
  assert.ok(demo);
  const statuses: number[] = [];
  for (let i = 0; i < 65; i++)
    statuses.push(await sendFrom('127.0.250.1', `/dossiers/${demo.code}`, undefined, { 'x-forwarded-for': `198.51.100.${i}` }));
  // The server trusts no proxy (default): each look-up counts for 127.0.250.1, 60 per 10 minutes.
  assert.equal(statuses.filter((s) => s === 200).length, 60, JSON.stringify(statuses));
  assert.equal(statuses.filter((s) => s === 429).length, 5);
});
