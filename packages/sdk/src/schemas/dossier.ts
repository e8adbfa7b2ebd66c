import * as z from 'zod/mini';
import { AgencyCode, DateTime, ProcedureCode, SubmissionChannel, Text } from './common.js';

/**
 * The ten dossier statuses of the national model, as readable values.
 * Their national numeric codes are in {@link DOSSIER_STATUS_CODES}.
 * @example
 * ```ts
 * DossierStatusValue.options.length; // 10
 * DOSSIER_STATUS_CODES[DossierStatusValue.parse('resolved')]; // 9
 * ```
 */
export const DossierStatusValue = z.enum([
  'submitted',
  'received',
  'not_accepted',
  'processing',
  'supplement_requested',
  'payment_requested',
  'withdrawn',
  'stopped',
  'resolved',
  'returned',
]);
/**
 * The value {@link DossierStatusValue} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: DossierStatusValue = DossierStatusValue.parse(json);
 * ```
 */
export type DossierStatusValue = z.infer<typeof DossierStatusValue>;

/**
 * National numeric status codes (1–10) used by provincial systems and the national sync.
 * @example
 * ```ts
 * DOSSIER_STATUS_CODES.processing; // 4
 * ```
 */
export const DOSSIER_STATUS_CODES: Readonly<Record<DossierStatusValue, number>> = {
  submitted: 1,
  received: 2,
  not_accepted: 3,
  processing: 4,
  supplement_requested: 5,
  payment_requested: 6,
  withdrawn: 7,
  stopped: 8,
  resolved: 9,
  returned: 10,
};

/**
 * `early`/`on_time`/`late` once finished; `in_progress` or `overdue` before.
 * @example
 * ```ts
 * Timing.parse('on_time');
 * ```
 */
export const Timing = z.enum(['early', 'on_time', 'late', 'in_progress', 'overdue']);
/**
 * The value {@link Timing} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: Timing = Timing.parse(json);
 * ```
 */
export type Timing = z.infer<typeof Timing>;

/**
 * How the applicant receives the result: at the counter or by public postal service.
 * @example
 * ```ts
 * ResultDelivery.parse('postal');
 * ```
 */
export const ResultDelivery = z.enum(['counter', 'postal']);
/**
 * The value {@link ResultDelivery} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: ResultDelivery = ResultDelivery.parse(json);
 * ```
 */
export type ResultDelivery = z.infer<typeof ResultDelivery>;

/**
 * One step of a dossier's processing, in order.
 * @example
 * ```ts
 * DossierStep.parse({ name: 'Tiếp nhận hồ sơ', unit: 'Bộ phận Một cửa', startedAt: '2026-10-27T08:20:00+07:00' });
 * ```
 */
export const DossierStep = z.object({
  /** What happens at this step, e.g. `Tiếp nhận hồ sơ`. */
  name: z.string(),
  /** The unit in charge, e.g. `Bộ phận Một cửa`. */
  unit: z.string(),
  startedAt: DateTime,
  finishedAt: z.optional(DateTime),
  dueAt: z.optional(DateTime),
});
/**
 * The value {@link DossierStep} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: DossierStep = DossierStep.parse(json);
 * ```
 */
export type DossierStep = z.infer<typeof DossierStep>;

/**
 * The account a fee is paid to by bank transfer (the collecting agency's or the State Treasury's), sent by the one-stop
 * system with the payment request. The tracker turns it into a VietQR code with the exact amount and the dossier code as
 * the transfer note.
 * @example
 * ```ts
 * PayTo.parse({ bankBin: '970415', account: '113000123456', accountName: 'UBND XA HOA VANG', bankName: 'VietinBank' });
 * ```
 */
export const PayTo = z.object({
  /** 6-digit NAPAS bank BIN, e.g. `970415`. */
  bankBin: z.string().check(z.regex(/^\d{6}$/, 'Mã BIN ngân hàng gồm 6 chữ số')),
  /** Account number (letters and digits, at most 19). */
  account: z.string().check(z.regex(/^[0-9A-Za-z]{1,19}$/, 'Số tài khoản 1–19 chữ và số')),
  /** Account holder as the bank shows it. */
  accountName: z.optional(Text(100)),
  /** Bank name for people who type the transfer by hand. */
  bankName: z.optional(Text(100)),
});
/**
 * The value {@link PayTo} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: PayTo = PayTo.parse(json);
 * ```
 */
export type PayTo = z.infer<typeof PayTo>;

/**
 * What the applicant must do now, when the centre is waiting on them.
 * @example
 * ```ts
 * if (dossier.pending?.kind === 'supplement') showNote(dossier.pending.note);
 * ```
 */
export const PendingAction = z.object({
  kind: z.enum(['supplement', 'payment']),
  requestedAt: DateTime,
  /** Plain-text note from the centre (what to bring, what to pay). */
  note: z.string().check(z.maxLength(2000)),
  amountVnd: z.optional(z.number().check(z.int(), z.gte(0))),
  /** For a payment: where to transfer it (with `amountVnd`, the tracker shows a VietQR code). */
  payTo: z.optional(PayTo),
});
/**
 * The value {@link PendingAction} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: PendingAction = PendingAction.parse(json);
 * ```
 */
export type PendingAction = z.infer<typeof PendingAction>;

/**
 * The owner's proof for rating a dossier: a short-lived signed token (30 minutes) that
 * `POST /dossiers/{code}/verify` returns and `POST /ratings` requires in the `Motcua-Owner-Proof` header.
 * @example
 * ```ts
 * const { ratingProof } = await client.verifyDossier(code, '6789');
 * await client.submitRating(rating, { idempotencyKey: crypto.randomUUID(), proof: ratingProof?.token });
 * ```
 */
export const RatingProofGrant = z.object({
  /** Opaque token, bound to the dossier code. */
  token: z.string().check(z.regex(/^p1\.[0-9a-z]{1,10}\.[A-Za-z0-9_-]{43}$/)),
  /** When it stops being accepted. */
  expiresAt: DateTime,
});
/**
 * The value {@link RatingProofGrant} describes (what parsing with it returns).
 * @example
 * ```ts
 * const grant: RatingProofGrant | undefined = dossier.ratingProof;
 * ```
 */
export type RatingProofGrant = z.infer<typeof RatingProofGrant>;

/**
 * The public view of a dossier (`GET /dossiers/{code}`): nothing personal.
 * After `POST /dossiers/{code}/verify`, `view` is `owner`: `applicantName` holds the masked name, `rated` says whether
 * the dossier has been rated, and `ratingProof` is the owner's proof for rating it.
 * @example
 * ```ts
 * const dossier = DossierStatus.parse(json);
 * if (dossier.timing === 'overdue') warn(dossier.dueAt);
 * ```
 */
export const DossierStatus = z.object({
  code: z.string(),
  view: z.enum(['public', 'owner']),
  procedure: z.object({ code: ProcedureCode, name: z.string() }),
  agency: z.object({ code: AgencyCode, name: z.string() }),
  status: DossierStatusValue,
  /** National numeric code of `status` (1–10). */
  statusCode: z.number().check(z.int(), z.gte(1), z.lte(10)),
  submittedAt: DateTime,
  receivedAt: z.nullable(DateTime),
  /** Legal due date (ngày hẹn trả); `null` before receipt. */
  dueAt: z.nullable(DateTime),
  finishedAt: z.nullable(DateTime),
  returnedAt: z.nullable(DateTime),
  timing: Timing,
  channel: SubmissionChannel,
  resultDelivery: ResultDelivery,
  steps: z.array(DossierStep),
  pending: z.nullable(PendingAction),
  /** Reason given when not accepted, stopped or withdrawn. */
  reason: z.nullable(z.string().check(z.maxLength(2000))),
  /** Owner view only: whether the dossier has been rated already (never public: who rated what is private). */
  rated: z.optional(z.boolean()),
  /** Owner view only: the applicant's name, masked (`Nguyễn V** A**`). */
  applicantName: z.optional(z.string()),
  /** Owner view only: the proof for rating this dossier (`Motcua-Owner-Proof` header of `POST /ratings`). */
  ratingProof: z.optional(RatingProofGrant),
});
/**
 * The value {@link DossierStatus} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: DossierStatus = DossierStatus.parse(json);
 * ```
 */
export type DossierStatus = z.infer<typeof DossierStatus>;

/**
 * Body of `POST /dossiers/{code}/verify`: only `phoneLast4` (any other field is refused).
 * @example
 * ```ts
 * VerifyRequest.parse({ phoneLast4: '6789' });
 * ```
 */
export const VerifyRequest = z.strictObject({
  /** Last four digits of the applicant's phone number. */
  phoneLast4: z.string().check(z.regex(/^\d{4}$/, 'Nhập đúng 4 chữ số cuối của số điện thoại')),
});
/**
 * The value {@link VerifyRequest} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: VerifyRequest = VerifyRequest.parse(json);
 * ```
 */
export type VerifyRequest = z.infer<typeof VerifyRequest>;

/**
 * A dossier code as it appears in a URL: `{agency e-ID}-{yyMMdd}-{NNNN}`, e.g. `000.00.06.H56-231027-0361`, optionally
 * with a check part of 4 letters or digits (`000.00.06.H56-261015-0042-7KQ2`).
 * (`parseDossierCode` checks it precisely, with a message for each problem.)
 * @example
 * ```ts
 * DossierCode.safeParse('000.00.06.H56-231027-0361').success; // true
 * ```
 */
export const DossierCode = z
  .string()
  .check(
    z.regex(
      /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-(?!0000)\d{4}(-[0-9A-HJKMNP-TV-Z]{4})?$/,
      'Mã hồ sơ không đúng dạng 000.00.06.H56-231027-0361',
    ),
  );
/**
 * The value {@link DossierCode} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: DossierCode = DossierCode.parse(json);
 * ```
 */
export type DossierCode = z.infer<typeof DossierCode>;
