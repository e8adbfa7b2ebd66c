// Ratings need proof (issue 12): the owner's signed token for a rating of a dossier, an enrolled (and not revoked)
// device for a kiosk vote, a per-device limit, ratedAt neither backdated nor in the future, only finished dossiers,
// and nothing public that tells who rated what. PGlite always, PostgreSQL too when DATABASE_URL is set.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DossierStatus, RatingReceipt, type Rating } from '@motcua/sdk/schemas';
import { demoDossiers } from './demo-dossiers.js';
import { enrolDevice, formatCredential, listDevices, normaliseCredential, revokeDevice } from './devices.js';
import { ratingProofs } from './rating-proof.js';
import { createApp } from './app.js';
import { backends, calendar, problemOf, REF_NOW, seededContext, type TestContext } from './test-helpers.js';

const H17 = '000.30.01.H17';
const OTHER = '000.21.30.H56';
const demos = demoDossiers(REF_NOW);
const demo = (status: string) => demos.find((d) => d.status === status)!;
const minutes = (n: number): string => new Date(REF_NOW.getTime() + n * 60_000).toISOString();
const SECRET = 'a test secret of at least thirty-two characters';
let seq = 0;
const key = (): string => `proof-test-${Date.now()}-${++seq}`;

for (const backend of backends) {
  describe(`ratings need proof, on ${backend.name}`, () => {
    let ctx: TestContext;
    let device = '';
    before(async () => {
      // A small device limit (5 votes, then one an hour), so the per-device test does not need hundreds of votes.
      ctx = await seededContext(backend, { deviceLimits: { burst: 5, intervalSeconds: 3600 }, secret: SECRET });
      device = formatCredential((await enrolDevice(ctx.db, H17, 'Quầy 1')).credential);
    });
    after(async () => ctx?.close());

    const post = (body: Partial<Rating>, headers: Record<string, string> = {}): Promise<Response> =>
      ctx.request('/api/v1/ratings', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key(), ...headers },
        body: JSON.stringify({ agency: H17, overall: 'satisfied', ratedAt: minutes(-1), ...body }),
      });
    const verify = async (d: { code: string; phoneLast4: string }): Promise<DossierStatus> => {
      const res = await ctx.request(`/api/v1/dossiers/${d.code}/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phoneLast4: d.phoneLast4 }),
      });
      assert.equal(res.status, 200);
      return DossierStatus.parse(await res.json());
    };
    const expectProblem = async (res: Response, status: number, code: string): Promise<void> => {
      assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status}`);
      assert.equal((await problemOf(res)).code, code);
    };
    const stored = async (): Promise<number> =>
      (await ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM ratings WHERE body_hash <> 'generated'"))[0]?.n ?? 0;

    it('verify returns a typed proof; a rating with it succeeds once, and only the owner view says it is rated', async () => {
      const d = demo('returned');
      const owner = await verify(d);
      assert.ok(owner.ratingProof, 'the owner view carries a rating proof');
      assert.ok(Date.parse(owner.ratingProof.expiresAt) - REF_NOW.getTime() <= 30 * 60_000);
      assert.equal(owner.rated, false);
      const res = await post({ channel: 'online', dossierCode: d.code }, { 'motcua-owner-proof': owner.ratingProof.token });
      assert.equal(res.status, 201);
      assert.equal(RatingReceipt.parse(await res.json()).dossierCode, d.code);
      assert.equal((await verify(d)).rated, true);
      const pub = await (await ctx.request(`/api/v1/dossiers/${d.code}`)).json();
      assert.equal('rated' in pub, false, 'the public view does not reveal whether it was rated');
      assert.equal('ratingProof' in pub, false);
    });

    it('a rating of a dossier without proof is 401, stored nothing', async () => {
      const before = await stored();
      await expectProblem(await post({ channel: 'online', dossierCode: demo('resolved').code }), 401, 'proof_required');
      // An online rating must name its dossier (else anyone could add ratings to an agency).
      await expectProblem(await post({ channel: 'online' }), 422, 'invalid_request');
      assert.equal(await stored(), before);
    });

    it('a forged, expired or another dossier’s proof is 403', async () => {
      const d = demo('resolved');
      const before = await stored();
      const forged = ratingProofs('not the server secret, but long enough to pass').issue(d.code, REF_NOW).token;
      await expectProblem(await post({ channel: 'online', dossierCode: d.code }, { 'motcua-owner-proof': forged }), 403, 'proof_invalid');
      await expectProblem(
        await post({ channel: 'online', dossierCode: d.code }, { 'motcua-owner-proof': 'p1.zz.abc' }),
        403,
        'proof_invalid',
      );
      const other = (await verify(demo('returned'))).ratingProof!.token;
      await expectProblem(await post({ channel: 'online', dossierCode: d.code }, { 'motcua-owner-proof': other }), 403, 'proof_invalid');
      // A genuine proof, 31 minutes later (the server's clock moves on): expired.
      const token = (await verify(d)).ratingProof!.token;
      // (Another server with the same secret, as every instance of a deployment has.)
      const later = await seededContext(backend, { now: () => new Date(REF_NOW.getTime() + 31 * 60_000), secret: SECRET });
      try {
        const res = await later.request('/api/v1/ratings', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key(), 'motcua-owner-proof': token },
          body: JSON.stringify({ agency: H17, channel: 'online', overall: 'satisfied', dossierCode: d.code, ratedAt: minutes(30) }),
        });
        assert.equal(res.status, 403);
        const problem = await problemOf(res);
        assert.equal(problem.code, 'proof_invalid');
        assert.match(String(problem.detail), /hết hạn/, 'refused because it expired, not for its signature');
      } finally {
        await later.close();
      }
      assert.equal(await stored(), before);
    });

    it('an unfinished dossier cannot be rated, even by its owner (409 not_finished)', async () => {
      for (const status of ['processing', 'supplement_requested', 'not_accepted', 'withdrawn']) {
        const d = demo(status);
        const proof = (await verify(d)).ratingProof!.token;
        await expectProblem(await post({ channel: 'online', dossierCode: d.code }, { 'motcua-owner-proof': proof }), 409, 'not_finished');
      }
    });

    it('a kiosk vote needs an enrolled device: none 401, unknown 403, revoked 403, another agency 403', async () => {
      const before = await stored();
      await expectProblem(await post({ channel: 'kiosk' }), 401, 'device_required');
      await expectProblem(
        await post({ channel: 'kiosk' }, { 'motcua-device': 'MCD-00000-00000-00000-00000-00000' }),
        403,
        'device_invalid',
      );
      await expectProblem(await post({ channel: 'kiosk' }, { 'motcua-device': 'garbage' }), 403, 'device_invalid');
      await expectProblem(await post({ channel: 'kiosk', agency: OTHER }, { 'motcua-device': device }), 403, 'device_invalid');
      const { device: enrolled, credential } = await enrolDevice(ctx.db, H17, 'Quầy 2');
      // Typed by hand: lower case, spaces, O for 0 all accepted.
      const typed = formatCredential(credential).toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
      assert.equal(normaliseCredential(typed), credential);
      assert.equal((await post({ channel: 'kiosk' }, { 'motcua-device': typed })).status, 201);
      assert.equal(await revokeDevice(ctx.db, enrolled.id), true);
      await expectProblem(await post({ channel: 'kiosk' }, { 'motcua-device': credential }), 403, 'device_invalid');
      assert.ok((await listDevices(ctx.db, H17)).find((d) => d.id === enrolled.id)?.revokedAt);
      assert.equal(await stored(), before + 1);
      // Only the hash of a credential is stored.
      const leaked = await ctx.db.query('SELECT 1 FROM devices WHERE secret_hash = $1 OR name = $1', [credential]);
      assert.equal(leaked.length, 0);
    });

    it('limits each device: a burst, then 429 with Retry-After (atomic under concurrency)', async () => {
      const { credential } = await enrolDevice(ctx.db, H17, 'Quầy 3', { burst: 5, intervalSeconds: 3600 });
      const answers = await Promise.all(Array.from({ length: 9 }, () => post({ channel: 'kiosk' }, { 'motcua-device': credential })));
      const statuses = answers.map((r) => r.status).sort();
      assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429, 429, 429, 429]);
      const limited = answers.find((r) => r.status === 429)!;
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      // Another device of the same agency is not affected.
      assert.equal((await post({ channel: 'kiosk' }, { 'motcua-device': device })).status, 201);
    });

    it('the device limit holds across two server instances sharing the database (votes raced at both)', async () => {
      const { credential } = await enrolDevice(ctx.db, H17, 'Quầy 5', { burst: 5, intervalSeconds: 3600 });
      const other = createApp({
        db: ctx.db,
        calendar,
        allowedOrigins: [],
        now: () => REF_NOW,
        deviceLimits: { burst: 5, intervalSeconds: 3600 },
        secret: SECRET,
      });
      try {
        const vote = (i: number) => {
          const init = {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': key(), 'motcua-device': credential },
            body: JSON.stringify({ agency: H17, channel: 'kiosk', overall: 'satisfied', ratedAt: minutes(-1) }),
          };
          return i % 2 ? Promise.resolve(other.app.request('/api/v1/ratings', init)) : ctx.request('/api/v1/ratings', init);
        };
        const statuses = (await Promise.all(Array.from({ length: 12 }, (_, i) => vote(i)))).map((r) => r.status);
        assert.equal(statuses.filter((s) => s === 201).length, 5, statuses.join(' '));
        assert.equal(statuses.filter((s) => s === 429).length, 7);
      } finally {
        other.close();
      }
    });

    it('ratedAt: never in the future, minutes old at most online, 72 hours at most for a kiosk', async () => {
      const before = await stored();
      const d = demo('resolved');
      const proof = (await verify(d)).ratingProof!.token;
      const online = (ratedAt: string) => post({ channel: 'online', dossierCode: d.code, ratedAt }, { 'motcua-owner-proof': proof });
      await expectProblem(await online(minutes(60)), 422, 'invalid_request');
      await expectProblem(await online(minutes(-20)), 422, 'invalid_request');
      await expectProblem(await post({ channel: 'kiosk', ratedAt: minutes(10) }, { 'motcua-device': device }), 422, 'invalid_request');
      await expectProblem(
        await post({ channel: 'kiosk', ratedAt: minutes(-73 * 60) }, { 'motcua-device': device }),
        422,
        'invalid_request',
      );
      await expectProblem(
        await post({ channel: 'kiosk', ratedAt: '2026-09-01T08:00:00+07:00' }, { 'motcua-device': device }),
        422,
        'invalid_request',
      );
      assert.equal(await stored(), before);
      // A vote queued on an offline kiosk last night is accepted.
      assert.equal((await post({ channel: 'kiosk', ratedAt: minutes(-16 * 60) }, { 'motcua-device': device })).status, 201);
      assert.equal((await online(minutes(-1))).status, 201);
    });

    it('a stored rating replayed after its proof was spent or its device revoked is still a replay (200), not lost', async () => {
      const { device: enrolled, credential } = await enrolDevice(ctx.db, H17, 'Quầy 4');
      const k = key();
      const body = JSON.stringify({ agency: H17, channel: 'kiosk', overall: 'very_satisfied', ratedAt: minutes(-2) });
      const send = () =>
        ctx.request('/api/v1/ratings', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': k, 'motcua-device': credential },
          body,
        });
      assert.equal((await send()).status, 201);
      await revokeDevice(ctx.db, enrolled.id);
      const again = await send();
      assert.equal(again.status, 200);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
    });

    it('the demo kiosk credential exists on a demo site only: not without the demo site, not beside real data', async () => {
      const demoSite = await ctx.request(`/demo-device.json?agency=${H17}`);
      assert.equal(demoSite.status, 200);
      const { credential } = (await demoSite.json()) as { credential: string };
      assert.equal((await post({ channel: 'kiosk' }, { 'motcua-device': credential })).status, 201);
      const api = createApp({ db: ctx.db, calendar, allowedOrigins: [], now: () => REF_NOW, secret: SECRET });
      try {
        assert.equal((await api.app.request(`/demo-device.json?agency=${H17}`)).status, 404);
      } finally {
        api.close();
      }
      const demo = await ctx.db.query<{ code: string }>('UPDATE dossiers SET demo = false WHERE demo RETURNING code');
      try {
        assert.equal((await ctx.request(`/demo-device.json?agency=${OTHER}`)).status, 404);
      } finally {
        await ctx.db.query('UPDATE dossiers SET demo = true WHERE code = ANY($1)', [demo.map((d) => d.code)]);
      }
    });

    it('published statistics hold counts only: no dossier codes, no ratings by dossier', async () => {
      const text = await (await ctx.request(`/api/v1/agencies/${H17}/stats?from=2026-10-01&to=2026-10-15`)).text();
      for (const d of demos) assert.equal(text.includes(d.code), false);
      assert.doesNotMatch(text, /dossierCode|ratedAt|\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}/);
    });
  });
}
