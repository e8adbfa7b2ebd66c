/** The Decree 61 criteria, without zod: a widget that lists them does not carry the rating schemas. @module */

/**
 * The Decree 61/2018/NĐ-CP (art. 33) indices, in order 1–9.
 * @example
 * ```ts
 * CRITERIA[6]; // 'staffAttitude' (index 7)
 * ```
 */
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
/**
 * The value {@link Criterion} describes (what parsing with it returns).
 * @example
 * ```ts
 * const worst: Criterion = 'totalTime';
 * ```
 */
export type Criterion = (typeof CRITERIA)[number];
