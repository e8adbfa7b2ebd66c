/**
 * Satisfaction ratings: `POST /ratings` (idempotent; an online rating needs the owner's proof, a kiosk vote an enrolled
 * device).
 * @module
 */
import { createHash, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { type DossierStatusValue, IdempotencyKey, Rating, type RatingReceipt } from '@motcua/sdk/schemas';
import { parseCode } from '../dossier-code.js';
import { issuesToErrors, problemResponse } from '../problem.js';
import { formatVn } from '../working-hours.js';
import type { RouteContext } from './context.js';
import { type Env, plainText } from './http.js';

/** Dossier statuses that may be rated: the dossier is finished (result ready or returned); see docs/security.md. */
const RATABLE = new Set<DossierStatusValue>(['resolved', 'returned']);
/** How far in the future `ratedAt` may lie (device clocks drift a little), and how far in the past. */
const RATED_AT_SKEW_MS = 2 * 60_000;
const RATED_AT_MAX_AGE_MS = 15 * 60_000;
/** Votes an enrolled kiosk queued while offline may be older: it replays them when the network returns. */
const RATED_AT_MAX_AGE_DEVICE_MS = 72 * 3600_000;
const PROOF_HEADER = 'motcua-owner-proof';
const DEVICE_HEADER = 'motcua-device';

/** Stable JSON (sorted keys) for comparing rating bodies. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export function ratingRoutes(ctx: RouteContext): Hono<Env> {
  const {
    db,
    now,
    proofs,
    ratingInserts,
    spendDeviceVote,
    findAgency,
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

  api.post('/ratings', async (c) => {
    const key = c.req.header('idempotency-key');
    const keyCheck = IdempotencyKey.safeParse(key ?? '');
    if (!keyCheck.success)
      return invalid('Thiếu hoặc sai tiêu đề Idempotency-Key (8–128 ký tự chữ, số, - hoặc _).', [
        { path: 'Idempotency-Key', message: key ? 'Idempotency-Key không đúng dạng' : 'Thiếu Idempotency-Key' },
      ]);
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const parsed = Rating.safeParse(body.value);
    if (!parsed.success) return invalid('Đánh giá không hợp lệ.', issuesToErrors(parsed.error.issues));
    const rating = parsed.data;
    const ratedAt = new Date(rating.ratedAt);
    if (!(await findAgency(rating.agency)))
      return invalid(`Không có đơn vị ${rating.agency}.`, [{ path: 'agency', message: 'Đơn vị không tồn tại' }], 422);
    let dossierCode: string | undefined;
    if (rating.dossierCode !== undefined) {
      const code = parseCode(rating.dossierCode, now());
      if (!code.ok) return invalid(code.message, [{ path: 'dossierCode', message: code.message }]);
      dossierCode = code.code;
    }
    const hash = createHash('sha256').update(canonical(rating)).digest('hex');
    const receiptOf = (row: {
      id: string;
      agency_code: string;
      dossier_code: string | null;
      overall: string;
      rated_at: Date;
      received_at: Date;
    }): RatingReceipt => ({
      id: row.id,
      agency: row.agency_code,
      ...(row.dossier_code ? { dossierCode: row.dossier_code } : {}),
      overall: row.overall as RatingReceipt['overall'],
      ratedAt: formatVn(row.rated_at),
      receivedAt: formatVn(row.received_at),
    });
    type RatingRow = {
      id: string;
      agency_code: string;
      dossier_code: string | null;
      overall: string;
      rated_at: Date;
      received_at: Date;
      body_hash: string;
    };
    const existing = async (): Promise<RatingRow | undefined> =>
      (
        await db.query<RatingRow>(
          'SELECT id, agency_code, dossier_code, overall, rated_at, received_at, body_hash FROM ratings WHERE idempotency_key = $1',
          [key],
        )
      )[0];
    const replay = (row: RatingRow): Response =>
      row.body_hash === hash
        ? json(c, JSON.stringify(receiptOf(row)), 200, { 'idempotent-replayed': 'true', 'cache-control': 'no-store' })
        : problemResponse({
            status: 409,
            code: 'idempotency_conflict',
            detail: 'Khóa Idempotency-Key này đã được dùng cho một đánh giá có nội dung khác.',
          });
    // A refusal of a rating that was stored already (its answer lost, the proof expired or the device revoked since,
    // an old queued vote replayed) is a replay: the same receipt. Looked up only on this rare path.
    const refuse = async (response: Response): Promise<Response> => {
      const again = await existing();
      return again && again.body_hash === hash ? replay(again) : response;
    };
    // Proof: an online rating is of one dossier, proven by its owner; a kiosk vote comes from an enrolled device.
    if (rating.channel === 'online' && dossierCode === undefined)
      return invalid(
        'Đánh giá trực tuyến phải kèm mã hồ sơ và xác minh chủ hồ sơ.',
        [{ path: 'dossierCode', message: 'Thiếu mã hồ sơ' }],
        422,
      );
    if (dossierCode !== undefined) {
      const token = c.req.header(PROOF_HEADER);
      if (!token)
        return refuse(
          problemResponse({
            status: 401,
            code: 'proof_required',
            detail: 'Cần xác minh chủ hồ sơ (4 số cuối điện thoại) trước khi đánh giá hồ sơ này.',
          }),
        );
      const proof = (await proofs()).check(token, dossierCode, now());
      if (!proof.ok)
        return refuse(
          problemResponse({
            status: 403,
            code: 'proof_invalid',
            detail:
              proof.reason === 'expired'
                ? 'Phiên xác minh chủ hồ sơ đã hết hạn. Vui lòng xác minh lại rồi gửi đánh giá.'
                : 'Bằng chứng xác minh chủ hồ sơ không hợp lệ cho hồ sơ này.',
          }),
        );
    }
    const device = rating.channel === 'kiosk' ? c.req.header(DEVICE_HEADER) : undefined;
    if (rating.channel === 'kiosk' && !device)
      return refuse(
        problemResponse({
          status: 401,
          code: 'device_required',
          detail: 'Đánh giá tại quầy chỉ được nhận từ máy kiosk đã đăng ký (tiêu đề Motcua-Device).',
        }),
      );
    // When: never in the future (beyond a little clock drift), at most minutes old; an enrolled kiosk's queued votes
    // may be up to 72 hours old (it replays them when its network returns).
    const age = now().getTime() - ratedAt.getTime();
    if (age < -RATED_AT_SKEW_MS)
      return invalid('Thời điểm đánh giá ở tương lai.', [{ path: 'ratedAt', message: 'Thời điểm đánh giá ở tương lai' }], 422);
    const maxAge = device ? RATED_AT_MAX_AGE_DEVICE_MS : RATED_AT_MAX_AGE_MS;
    if (age > maxAge)
      return refuse(
        invalid(
          `Thời điểm đánh giá quá cũ (tối đa ${device ? '72 giờ' : '15 phút'} trước khi gửi).`,
          [{ path: 'ratedAt', message: 'Thời điểm đánh giá quá cũ' }],
          422,
        ),
      );
    let deviceId: string | null = null;
    if (device) {
      const check = await spendDeviceVote(device);
      if (!check.ok && check.reason === 'limited') return rateLimited(check.retryAfter);
      if (!check.ok)
        return refuse(
          problemResponse({
            status: 403,
            code: 'device_invalid',
            detail:
              check.reason === 'revoked'
                ? 'Máy kiosk này đã bị thu hồi. Cán bộ cần đăng ký lại thiết bị.'
                : 'Mã thiết bị kiosk không đúng. Cán bộ cần đăng ký lại thiết bị.',
          }),
        );
      if (check.agency !== rating.agency)
        return refuse(
          problemResponse({
            status: 403,
            code: 'device_invalid',
            detail: 'Máy kiosk này được đăng ký cho đơn vị khác.',
            errors: [{ path: 'agency', message: 'Thiết bị không thuộc đơn vị này' }],
          }),
        );
      deviceId = check.id;
    }
    if (dossierCode) {
      await freshDossiers();
      const { blocked, row } = await loadDossier(dossierCode, lookupBudgets(clientAddress(c)));
      if (blocked > 0) return rateLimited(blocked);
      if (!row) return notFound();
      if (row.agency_code !== rating.agency)
        return invalid('Hồ sơ không thuộc đơn vị được đánh giá.', [{ path: 'dossierCode', message: 'Hồ sơ không thuộc đơn vị này' }], 422);
      if (!RATABLE.has(row.status))
        return refuse(
          problemResponse({
            status: 409,
            code: 'not_finished',
            detail: 'Hồ sơ chưa giải quyết xong. Ông/Bà có thể đánh giá khi hồ sơ đã có kết quả.',
          }),
        );
    }
    // Insert first (one round trip on the common path); a conflict is a replay, a key reuse or a second rating.
    const inserted = await ratingInserts.insert({
      id: `r_${randomUUID()}`,
      idempotency_key: key as string,
      body_hash: hash,
      agency_code: rating.agency,
      dossier_code: dossierCode ?? null,
      overall: rating.overall,
      channel: rating.channel,
      counter_name: rating.counter === undefined ? null : plainText(rating.counter),
      officer: rating.officer === undefined ? null : plainText(rating.officer),
      criteria: rating.criteria ?? null,
      comment: rating.comment === undefined ? null : plainText(rating.comment).trim(),
      rated_at: ratedAt.toISOString(),
      device_id: deviceId,
    });
    if (inserted) return json(c, JSON.stringify(receiptOf(inserted)), 201, { 'cache-control': 'no-store' });
    const again = await existing();
    if (again) return replay(again);
    return problemResponse({
      status: 409,
      code: 'already_rated',
      detail: 'Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần.',
    });
  });

  return api;
}
