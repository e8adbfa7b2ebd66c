/**
 * Dossier look-up and owner verification: `GET /dossiers/{code}` (public view, look-up budgets) and
 * `POST /dossiers/{code}/verify` (owner view and rating proof, budgets of wrong answers per client and per code).
 * @module
 */
import { Hono, type Context } from 'hono';
import { type Timing, VerifyRequest } from '@motcua/sdk/schemas';
import { parseCode } from '../dossier-code.js';
import { type DossierDbRow, dossierView, timingOf } from '../dossier-view.js';
import { issuesToErrors } from '../problem.js';
import type { Budget } from '../rate-limit.js';
import { formatVn } from '../working-hours.js';
import type { RouteContext } from './context.js';
import { type Body, type Env, bodyOf } from './http.js';

export function dossierRoutes(ctx: RouteContext): Hono<Env> {
  const {
    now,
    limits,
    limiter,
    proofs,
    freshDossiers,
    clientAddress,
    json,
    invalid,
    readJson,
    rateLimited,
    notFound,
    loadDossier,
    lookupBudgets,
  } = ctx;
  const api = new Hono<Env>();

  const checkCode = (c: Context<Env>): { code: string } | { response: Response } => {
    const parsed = parseCode(c.req.param('code') ?? '', now());
    if (!parsed.ok) return { response: invalid(parsed.message, [{ path: 'code', message: parsed.message }]) };
    return { code: parsed.code };
  };

  // Look-ups of one dossier answered by one read (the same batch: see `loadDossier`) share one serialisation of its public
  // view. The row object is that read's own, so nothing is kept past it; the view's one part that depends on the
  // clock (its timing) is part of the key.
  const publicBodies = new WeakMap<DossierDbRow, Map<Timing, Body>>();
  const publicBody = (row: DossierDbRow, at: Date): Body => {
    const timing = timingOf(row, at);
    let bodies = publicBodies.get(row);
    if (!bodies) publicBodies.set(row, (bodies = new Map()));
    let body = bodies.get(timing);
    if (!body) bodies.set(timing, (body = bodyOf(JSON.stringify(dossierView(row, 'public', at)))));
    return body;
  };

  api.get('/dossiers/:code', async (c) => {
    const r = checkCode(c);
    if ('response' in r) return r.response;
    await freshDossiers();
    const { blocked, row } = await loadDossier(r.code, lookupBudgets(clientAddress(c)));
    if (blocked > 0) return rateLimited(blocked);
    if (!row) return notFound();
    return json(c, publicBody(row, now()), 200, { 'cache-control': 'no-store' });
  });

  api.post('/dossiers/:code/verify', async (c) => {
    const r = checkCode(c);
    if ('response' in r) return r.response;
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const parsed = VerifyRequest.safeParse(body.value);
    if (!parsed.success) return invalid('Dữ liệu xác minh không hợp lệ.', issuesToErrors(parsed.error.issues));
    const extra = Object.keys(body.value as object).filter((k) => k !== 'phoneLast4');
    if (extra.length > 0)
      return invalid('Dữ liệu xác minh có trường không được phép.', [
        { path: extra.join(','), message: `Trường không được phép: ${extra.join(', ')}` },
      ]);
    await freshDossiers();
    // Two budgets, each a slot taken before the answer is checked and given back when it is right (so they count wrong
    // answers, atomically): the client's, and the code's own — whoever asks, from however many addresses, a code whose
    // owner check failed `codeFailures` times is locked for `codeLockSeconds`, even for the right answer.
    const byClient: Budget = { key: `verify:${clientAddress(c)}`, max: limits.verifications, window: limits.windowSeconds };
    const byCode: Budget = { key: `verify-code:${r.code}`, max: limits.codeFailures, window: limits.codeLockSeconds };
    const { blocked, row } = await loadDossier(r.code, [byClient, byCode]);
    if (blocked > 0) return rateLimited(blocked);
    if (!row || !row.phone.endsWith(parsed.data.phoneLast4)) return notFound();
    await limiter.refund([byClient.key, byCode.key]);
    // The owner's proof for rating this dossier (POST /ratings, header Motcua-Owner-Proof).
    const proof = (await proofs()).issue(row.code, now());
    const view = { ...dossierView(row, 'owner', now()), ratingProof: { token: proof.token, expiresAt: formatVn(proof.expiresAt) } };
    return json(c, JSON.stringify(view), 200, { 'cache-control': 'no-store' });
  });

  return api;
}
