import * as z from 'zod/mini';
import { AgencyCode, DateTime, InputDateTime, Text } from './common.js';
import { DossierCodeInput } from './dossier-code-input.js';

/**
 * Answer to a satisfaction question: very satisfied, satisfied or not (yet) satisfied.
 * @example
 * ```ts
 * SatisfactionLevel.parse('very_satisfied');
 * ```
 */
export const SatisfactionLevel = z.enum(['very_satisfied', 'satisfied', 'not_satisfied']);
/**
 * The value {@link SatisfactionLevel} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: SatisfactionLevel = SatisfactionLevel.parse(json);
 * ```
 */
export type SatisfactionLevel = z.infer<typeof SatisfactionLevel>;

/**
 * Score of one Decree 61 index (indices 1–9): 2, 1 or 0.
 * @example
 * ```ts
 * CriterionScore.safeParse(2).success; // true
 * CriterionScore.safeParse(3).success; // false
 * ```
 */
export const CriterionScore = z.literal([0, 1, 2]);
/**
 * The value {@link CriterionScore} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: CriterionScore = CriterionScore.parse(json);
 * ```
 */
export type CriterionScore = z.infer<typeof CriterionScore>;

// Its own module, so a widget that lists the criteria (the kiosk) does not carry the rating schemas.
export { CRITERIA, type Criterion } from './criteria.js';

/**
 * Per-criterion scores of a rating: Decree 61 indices 1–9 (2/1/0) and index 10 (convenience).
 * @example
 * ```ts
 * Criteria.parse({ staffAttitude: 2, totalTime: 1, convenience: 'satisfied' });
 * ```
 */
export const Criteria = z.object({
  totalTime: z.optional(CriterionScore),
  stepTime: z.optional(CriterionScore),
  contactCount: z.optional(CriterionScore),
  agencyCount: z.optional(CriterionScore),
  oneStopCounter: z.optional(CriterionScore),
  publicPosting: z.optional(CriterionScore),
  staffAttitude: z.optional(CriterionScore),
  feedbackHandling: z.optional(CriterionScore),
  onlineService: z.optional(CriterionScore),
  /** Index 10: convenience. */
  convenience: z.optional(SatisfactionLevel),
});
/**
 * The value {@link Criteria} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: Criteria = Criteria.parse(json);
 * ```
 */
export type Criteria = z.infer<typeof Criteria>;

/**
 * Idempotency key: 8–128 characters of letters, digits, `-` and `_` (a UUID fits).
 * @example
 * ```ts
 * IdempotencyKey.safeParse(crypto.randomUUID()).success; // true
 * ```
 */
export const IdempotencyKey = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,128}$/, 'Idempotency-Key must be 8–128 letters, digits, - or _'));

/**
 * A kiosk's device credential as `motcua-server devices enrol` prints it (`MCD-XXXXX-…`), sent in the `Motcua-Device`
 * header; case, spaces and dashes do not matter.
 * @example
 * ```ts
 * DeviceCredential.safeParse('MCD-7K2QF-9XW3M-A4T8R-C1VZN-5HPEG').success; // true
 * ```
 */
export const DeviceCredential = z.string().check(z.regex(/^[A-Za-z0-9 -]{28,60}$/, 'Mã thiết bị không đúng dạng MCD-XXXXX-…'));

/**
 * Body of `POST /ratings`. An `online` rating names its dossier and needs the owner's proof (`Motcua-Owner-Proof`, from
 * `verifyDossier`); a `kiosk` rating needs an enrolled device (`Motcua-Device`).
 * @example
 * ```ts
 * Rating.parse({ agency: '000.00.06.H56', channel: 'kiosk', overall: 'satisfied', ratedAt: new Date().toISOString() });
 * ```
 */
export const Rating = z.strictObject({
  agency: AgencyCode,
  channel: z.enum(['kiosk', 'online']),
  /** Index 11: overall satisfaction. */
  overall: SatisfactionLevel,
  /** The rated dossier, as typed or as verified (the server normalises it: trim, upper-case). */
  dossierCode: z.optional(DossierCodeInput),
  counter: z.optional(Text(40)),
  officer: z.optional(Text(100)),
  criteria: z.optional(Criteria),
  /** Plain text (well-formed Unicode, at most 1,000 UTF-16 units); stored and shown as text, never as HTML. */
  comment: z.optional(Text(1000)),
  /**
   * When the citizen rated, by the device's clock (years 2000–2099): at most 2 minutes ahead of the server, at most
   * 15 minutes old (72 hours for an enrolled kiosk's queued votes).
   */
  ratedAt: InputDateTime,
});
/**
 * The value {@link Rating} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: Rating = Rating.parse(json);
 * ```
 */
export type Rating = z.infer<typeof Rating>;

/**
 * What `POST /ratings` returns: the stored rating's id and when the server received it.
 * @example
 * ```ts
 * const { receipt, replayed } = await client.submitRating(rating, { idempotencyKey });
 * RatingReceipt.parse(receipt).id;
 * ```
 */
export const RatingReceipt = z.object({
  id: z.string(),
  agency: AgencyCode,
  dossierCode: z.optional(z.string()),
  overall: SatisfactionLevel,
  ratedAt: DateTime,
  receivedAt: DateTime,
});
/**
 * The value {@link RatingReceipt} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: RatingReceipt = RatingReceipt.parse(json);
 * ```
 */
export type RatingReceipt = z.infer<typeof RatingReceipt>;
