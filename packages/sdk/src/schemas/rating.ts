import * as z from 'zod/mini';
import { AgencyCode, DateTime } from './common.js';

export const SatisfactionLevel = z.enum(['very_satisfied', 'satisfied', 'not_satisfied']);
export type SatisfactionLevel = z.infer<typeof SatisfactionLevel>;

/** Score of one Decree 61 index (indices 1–9): 2, 1 or 0. */
export const CriterionScore = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export type CriterionScore = z.infer<typeof CriterionScore>;

/** The Decree 61/2018/NĐ-CP (art. 33) indices, in order 1–9. */
export const CRITERIA = [
  'totalTime',
  'stepTime',
  'contactCount',
  'agencyCount',
  'oneStopCounter',
  'publicPosting',
  'staffAttitude',
  'feedbackHandling',
  'onlineService',
] as const;
export type Criterion = (typeof CRITERIA)[number];

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
export type Criteria = z.infer<typeof Criteria>;

/** Idempotency key: 8–128 characters of letters, digits, `-` and `_` (a UUID fits). */
export const IdempotencyKey = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,128}$/, 'Idempotency-Key must be 8–128 letters, digits, - or _'));

/** Body of `POST /ratings`. */
export const Rating = z.strictObject({
  agency: AgencyCode,
  channel: z.enum(['kiosk', 'online']),
  /** Index 11: overall satisfaction. */
  overall: SatisfactionLevel,
  dossierCode: z.optional(z.string().check(z.maxLength(40))),
  counter: z.optional(z.string().check(z.maxLength(40))),
  officer: z.optional(z.string().check(z.maxLength(100))),
  criteria: z.optional(Criteria),
  /** Plain text; stored and shown as text, never as HTML. */
  comment: z.optional(z.string().check(z.maxLength(1000))),
  /** When the citizen rated, by the device's clock (ratings may arrive late from an offline kiosk). */
  ratedAt: DateTime,
});
export type Rating = z.infer<typeof Rating>;

export const RatingReceipt = z.object({
  id: z.string(),
  agency: AgencyCode,
  dossierCode: z.optional(z.string()),
  overall: SatisfactionLevel,
  ratedAt: DateTime,
  receivedAt: DateTime,
});
export type RatingReceipt = z.infer<typeof RatingReceipt>;
