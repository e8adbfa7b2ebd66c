import * as z from 'zod/mini';

/**
 * Agency e-ID (mã định danh điện tử, Decision 20/2020/QĐ-TTg), e.g. `000.00.06.H56`.
 * @example
 * ```ts
 * AgencyCode.safeParse('000.00.06.H56').success; // true
 * AgencyCode.safeParse('H56').success; // false
 * ```
 */
export const AgencyCode = z.string().check(z.regex(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/, 'Mã đơn vị không đúng dạng 000.00.00.H00'));
/**
 * The value {@link AgencyCode} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: AgencyCode = AgencyCode.parse(json);
 * ```
 */
export type AgencyCode = z.infer<typeof AgencyCode>;

/**
 * National procedure code, e.g. `1.001193`, optionally with a case suffix `1.001193.01`.
 * @example
 * ```ts
 * ProcedureCode.safeParse('1.001193').success; // true
 * ProcedureCode.safeParse('1.001193.01').success; // true (a case)
 * ```
 */
export const ProcedureCode = z.string().check(z.regex(/^\d\.\d{6}(\.\d{2})?$/, 'Mã thủ tục không đúng dạng 1.000000'));
/**
 * The value {@link ProcedureCode} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: ProcedureCode = ProcedureCode.parse(json);
 * ```
 */
export type ProcedureCode = z.infer<typeof ProcedureCode>;

// DateTime and DateOnly are exactly `z.iso.datetime({ offset: true })` and `z.iso.date()` (zod's own patterns: real
// calendar dates, leap years, `Z` or a ±hh:mm offset, optional fractions), spelt as plain regex checks because zod's
// ISO builders pull ≈ 0.4 KB gz more into every bundle. Same issue message as before (`invalid datetime`/`invalid date`);
// `buildOpenApiDocument` still documents them as `format: date-time` / `date`.
const DATE =
  '(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))';
const TIME = '(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))';

/**
 * ISO 8601 date-time with offset, e.g. `2026-10-27T08:15:00+07:00`.
 * @example
 * ```ts
 * DateTime.safeParse('2026-10-27T08:15:00+07:00').success; // true
 * DateTime.safeParse('2026-10-27').success; // false
 * ```
 */
export const DateTime = z.string().check(z.regex(new RegExp(`^${DATE}T${TIME}$`), 'invalid datetime'));
/**
 * ISO 8601 calendar date, e.g. `2026-10-27`.
 * @example
 * ```ts
 * DateOnly.safeParse('2026-10-27').success; // true
 * ```
 */
export const DateOnly = z.string().check(z.regex(new RegExp(`^${DATE}$`), 'invalid date'));

// Input bounds. Dates a client sends (a period, a rating time) lie in the years 2000–2099: a wider window only lets one
// request ask for a useless, huge answer (a month series to the year 9999) or break the date arithmetic (year 0).
const YEARS_2000_2099 = /^20\d\d-/;
const YEAR_MESSAGE = 'Năm 2000–2099';

/**
 * A date-time a client sends ({@link DateTime} in the years 2000–2099), e.g. a rating's `ratedAt`.
 * @example
 * ```ts
 * InputDateTime.safeParse('2026-10-27T08:15:00+07:00').success; // true
 * InputDateTime.safeParse('0000-01-01T00:00:00Z').success; // false
 * ```
 */
export const InputDateTime = DateTime.check(z.regex(YEARS_2000_2099, YEAR_MESSAGE));
/**
 * A calendar date a client sends ({@link DateOnly} in the years 2000–2099), e.g. the ends of a statistics period.
 * @example
 * ```ts
 * InputDate.safeParse('2026-10-27').success; // true
 * InputDate.safeParse('9999-12-31').success; // false
 * ```
 */
export const InputDate = DateOnly.check(z.regex(YEARS_2000_2099, YEAR_MESSAGE));

/**
 * Well-formed Unicode: no lone surrogate (half of a UTF-16 pair), which PostgreSQL and JSON encoders refuse.
 * Same as `String.prototype.isWellFormed()` (Node 20, current browsers), as a pattern that OpenAPI can describe.
 */
const WELL_FORMED = /^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;

/**
 * Free text a client sends: at most `max` UTF-16 code units of well-formed Unicode.
 * @param max Longest accepted length.
 * @example
 * ```ts
 * Text(1000).safeParse('Cán bộ nhiệt tình').success; // true
 * Text(1000).safeParse('\uD800').success; // false (a lone surrogate)
 * ```
 */
export const Text = (max: number) => z.string().check(z.maxLength(max), z.regex(WELL_FORMED, 'Ký tự không hợp lệ'));

/**
 * A sector (lĩnh vực) procedures belong to.
 * @example
 * ```ts
 * Sector.parse({ code: 'G15-TP07', name: 'Hộ tịch' });
 * ```
 */
export const Sector = z.object({
  /** Sector code, e.g. `G15-TP07`. */
  code: z.string().check(z.minLength(1), z.maxLength(64)),
  /** Sector name, e.g. `Hộ tịch`. */
  name: z.string().check(z.minLength(1), z.maxLength(300)),
});
/**
 * The value {@link Sector} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: Sector = Sector.parse(json);
 * ```
 */
export type Sector = z.infer<typeof Sector>;

/**
 * RFC 9457 problem details (`application/problem+json`).
 * @example
 * ```ts
 * const problem = Problem.safeParse(await response.json());
 * if (problem.success && problem.data.code === 'rate_limited') wait(problem.data.retryAfter ?? 60);
 * ```
 */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().check(z.int(), z.gte(100), z.lte(599)),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  /** Machine-readable error code, stable across languages, e.g. `dossier_not_found`. */
  code: z.optional(z.string()),
  /** Field-level validation errors. */
  errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  /** Seconds until a rate-limited client may try again (mirrors `Retry-After`). */
  retryAfter: z.optional(z.number()),
});
/**
 * The value {@link Problem} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: Problem = Problem.parse(json);
 * ```
 */
export type Problem = z.infer<typeof Problem>;

/**
 * How a dossier is submitted: in person (`direct`), online or by post.
 * @example
 * ```ts
 * SubmissionChannel.parse('online');
 * ```
 */
export const SubmissionChannel = z.enum(['direct', 'online', 'postal']);
/**
 * The value {@link SubmissionChannel} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: SubmissionChannel = SubmissionChannel.parse(json);
 * ```
 */
export type SubmissionChannel = z.infer<typeof SubmissionChannel>;
