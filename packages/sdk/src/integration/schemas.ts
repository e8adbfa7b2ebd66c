/**
 * Schemas of the integration API (`@motcua/sdk/integration`): what a provincial one-stop system pushes (dossiers,
 * dossier events) and what it takes out (ratings, webhooks). Kept out of the main entry so widget pages never carry it.
 * @module
 */
import * as z from 'zod/mini';
import { AgencyCode, DateTime, ProcedureCode, SubmissionChannel } from '../schemas/common.js';
import { DossierCode, DossierStatusValue, DOSSIER_STATUS_CODES, PayTo, ResultDelivery } from '../schemas/dossier.js';
import { Criteria, SatisfactionLevel } from '../schemas/rating.js';

/**
 * What an API key may do: push dossiers and events, read ratings, write the catalog, attach its e-ID in the directory.
 * @example
 * ```ts
 * Scope.parse('dossiers:write');
 * ```
 */
export const Scope = z.enum(['dossiers:write', 'ratings:read', 'catalog:write', 'directory:write']);
/**
 * The value {@link Scope} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: Scope = Scope.parse(json);
 * ```
 */
export type Scope = z.infer<typeof Scope>;

const ISO = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})`;

/**
 * A time as ISO 8601 with an offset (`2026-10-27T08:15:00+07:00`) or in the national sync format `yyyyMMddHHmmss`
 * (Vietnam time, e.g. `20261027081500`). {@link parseEventTime} turns it into an instant.
 * @example
 * ```ts
 * EventTime.safeParse('20261027081500').success; // true
 * ```
 */
export const EventTime = z.string().check(z.regex(new RegExp(`^(?:\\d{14}|${ISO})$`), 'Thời gian phải dạng ISO 8601 hoặc yyyyMMddHHmmss'));
/**
 * The value {@link EventTime} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: EventTime = EventTime.parse(json);
 * ```
 */
export type EventTime = z.infer<typeof EventTime>;

/**
 * The instant of an {@link EventTime}, or `undefined` when it is not a real date and time (`20260230…`, hour 24…).
 * `yyyyMMddHHmmss` is Vietnam time (UTC+07:00).
 * @example
 * ```ts
 * parseEventTime('20261027081500')?.toISOString(); // '2026-10-27T01:15:00.000Z'
 * ```
 */
export function parseEventTime(value: string): Date | undefined {
  const compact = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  const parts = compact
    ? compact.slice(1).map(Number)
    : /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(value)?.slice(1).map(Number);
  if (!parts) return undefined;
  const [y, mo, d, h, mi, s] = parts as [number, number, number, number, number, number];
  const check = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    return undefined;
  const instant = compact ? new Date(check.getTime() - 7 * 3_600_000) : new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

/**
 * A dossier status by name (`processing`) or by its national numeric code (`4`).
 * @example
 * ```ts
 * StatusInput.parse(9); // resolved
 * ```
 */
export const StatusInput = z.union([DossierStatusValue, z.number().check(z.int(), z.gte(1), z.lte(10))]);
/**
 * The value {@link StatusInput} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: StatusInput = StatusInput.parse(json);
 * ```
 */
export type StatusInput = z.infer<typeof StatusInput>;

/**
 * The status name of a national numeric code, or the name itself.
 * @example
 * ```ts
 * statusName(5); // 'supplement_requested'
 * ```
 */
export function statusName(status: StatusInput): DossierStatusValue {
  if (typeof status === 'string') return status;
  const entry = Object.entries(DOSSIER_STATUS_CODES).find(([, code]) => code === status);
  return (entry?.[0] ?? 'processing') as DossierStatusValue;
}

/**
 * Channel by name or national code (1 in person, 2 online, 3 postal).
 * @example
 * ```ts
 * ChannelInput.parse(2); // online
 * ```
 */
export const ChannelInput = z.union([SubmissionChannel, z.literal([1, 2, 3])]);
/**
 * The value {@link ChannelInput} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: ChannelInput = ChannelInput.parse(json);
 * ```
 */
export type ChannelInput = z.infer<typeof ChannelInput>;

/**
 * The channel name of a {@link ChannelInput}.
 * @example
 * ```ts
 * channelName(3); // 'postal'
 * ```
 */
export function channelName(channel: ChannelInput): SubmissionChannel {
  return typeof channel === 'string' ? channel : channel === 1 ? 'direct' : channel === 2 ? 'online' : 'postal';
}

const Text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/**
 * The applicant: stored to let the owner prove ownership (last 4 digits of the phone); never shown publicly.
 * @example
 * ```ts
 * Applicant.parse({ name: 'Nguyễn Văn An', phone: '0905123456' });
 * ```
 */
export const Applicant = z.strictObject({
  name: Text(200),
  phone: z.string().check(z.regex(/^\+?\d{8,15}$/, 'Số điện thoại 8–15 chữ số')),
});
/**
 * The value {@link Applicant} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: Applicant = Applicant.parse(json);
 * ```
 */
export type Applicant = z.infer<typeof Applicant>;

/**
 * One processing step pushed by the source system.
 * @example
 * ```ts
 * StepInput.parse({ name: 'Thẩm định', unit: 'Công chức Tư pháp', startedAt: '20261027090000' });
 * ```
 */
export const StepInput = z.strictObject({
  name: Text(200),
  unit: Text(200),
  startedAt: EventTime,
  finishedAt: z.optional(EventTime),
  dueAt: z.optional(EventTime),
});
/**
 * The value {@link StepInput} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: StepInput = StepInput.parse(json);
 * ```
 */
export type StepInput = z.infer<typeof StepInput>;

/**
 * Body of `PUT /agencies/{agency}/dossiers/{code}`: the whole dossier as the source system holds it (create or
 * replace). Without `dueAt`, a received dossier gets the due date of the server's working-day calendar from the
 * procedure's processing time.
 * @example
 * ```ts
 * DossierUpsert.parse({
 *   procedure: { code: '1.001193' }, status: 4, channel: 2,
 *   applicant: { name: 'Nguyễn Văn An', phone: '0905123456' },
 *   submittedAt: '20261027081500', receivedAt: '20261027083000',
 * });
 * ```
 */
export const DossierUpsert = z.strictObject({
  procedure: z.strictObject({ code: ProcedureCode, name: z.optional(Text(500)) }),
  status: StatusInput,
  channel: ChannelInput,
  resultDelivery: z.optional(ResultDelivery),
  applicant: Applicant,
  submittedAt: EventTime,
  receivedAt: z.optional(EventTime),
  dueAt: z.optional(EventTime),
  finishedAt: z.optional(EventTime),
  returnedAt: z.optional(EventTime),
  steps: z.optional(z.array(StepInput).check(z.maxLength(50))),
  /** Reason given when not accepted, stopped or withdrawn, or what to supplement. */
  reason: z.optional(z.string().check(z.maxLength(2000))),
});
/**
 * The value {@link DossierUpsert} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: DossierUpsert = DossierUpsert.parse(json);
 * ```
 */
export type DossierUpsert = z.infer<typeof DossierUpsert>;

/**
 * Answer of the dossier upsert: the stored status and due date.
 * @example
 * ```ts
 * const { created, dueAt } = DossierUpsertResult.parse(json);
 * ```
 */
export const DossierUpsertResult = z.object({
  code: DossierCode,
  created: z.boolean(),
  status: DossierStatusValue,
  statusCode: z.number().check(z.int(), z.gte(1), z.lte(10)),
  dueAt: z.nullable(DateTime),
  /** `source` when the source system sent it, `calendar` when the server computed it. */
  dueSource: z.nullable(z.enum(['source', 'calendar'])),
});
/**
 * The value {@link DossierUpsertResult} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: DossierUpsertResult = DossierUpsertResult.parse(json);
 * ```
 */
export type DossierUpsertResult = z.infer<typeof DossierUpsertResult>;

/**
 * Event types and the status each leads to (`step_started`, `step_finished` and `note` keep the status, a
 * `step_started` on a received dossier moves it to processing; `status` sets the `status` it carries).
 * @example
 * ```ts
 * DossierEventType.options.includes('supplement_requested'); // true
 * ```
 */
export const DossierEventType = z.enum([
  'submitted',
  'received',
  'not_accepted',
  'step_started',
  'step_finished',
  'supplement_requested',
  'supplement_received',
  'payment_requested',
  'paid',
  'resolved',
  'returned',
  'withdrawn',
  'stopped',
  'status',
]);
/**
 * The value {@link DossierEventType} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: DossierEventType = DossierEventType.parse(json);
 * ```
 */
export type DossierEventType = z.infer<typeof DossierEventType>;

/**
 * One event of a dossier's life. `id` is the source system's unique id of the event: sending it again is harmless.
 * A `submitted` or `received` event for a dossier the server does not know carries the dossier in `dossier`.
 * @example
 * ```ts
 * DossierEvent.parse({ id: 'evt-0001', dossier: '000.00.06.H56-261027-0001', type: 'resolved', at: '20261027160000' });
 * ```
 */
export const DossierEvent = z.strictObject({
  id: z.string().check(z.regex(/^[A-Za-z0-9._:-]{1,100}$/, 'Mã sự kiện 1–100 ký tự chữ, số, . _ : -')),
  dossier: DossierCode,
  type: DossierEventType,
  at: EventTime,
  /** For `status` events: the new status (name or national code). */
  status: z.optional(StatusInput),
  /** For step events. */
  step: z.optional(z.strictObject({ name: Text(200), unit: z.optional(Text(200)), dueAt: z.optional(EventTime) })),
  /** What to supplement, what to pay, why it was refused or stopped. Plain text. */
  note: z.optional(z.string().check(z.maxLength(2000))),
  amountVnd: z.optional(z.number().check(z.int(), z.gte(0), z.lte(1_000_000_000_000))),
  /** For `payment_requested`: the account to transfer the fee to (the tracker shows it as a VietQR code). */
  payTo: z.optional(
    z.strictObject({
      bankBin: PayTo.shape.bankBin,
      account: PayTo.shape.account,
      accountName: PayTo.shape.accountName,
      bankName: PayTo.shape.bankName,
    }),
  ),
  /** For `received`: the due date set by the source system (otherwise computed by the server's calendar). */
  dueAt: z.optional(EventTime),
  /** For `submitted`/`received` of a dossier the server does not know yet. */
  dossierInfo: z.optional(
    z.strictObject({
      procedure: z.strictObject({ code: ProcedureCode, name: z.optional(Text(500)) }),
      channel: ChannelInput,
      resultDelivery: z.optional(ResultDelivery),
      applicant: Applicant,
      submittedAt: z.optional(EventTime),
    }),
  ),
});
/**
 * The value {@link DossierEvent} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: DossierEvent = DossierEvent.parse(json);
 * ```
 */
export type DossierEvent = z.infer<typeof DossierEvent>;

/**
 * Most events in one batch.
 * @example
 * ```ts
 * for (let i = 0; i < events.length; i += MAX_EVENTS_PER_BATCH) await client.pushDossierEvents(agency, events.slice(i, i + MAX_EVENTS_PER_BATCH));
 * ```
 */
export const MAX_EVENTS_PER_BATCH = 500;

/**
 * Body of `POST /agencies/{agency}/dossier-events`: up to 500 events, in any order. Each item is checked on its own:
 * a bad item is rejected in the answer and the others are applied.
 * @example
 * ```ts
 * DossierEventBatch.parse({ events: [event] });
 * ```
 */
export const DossierEventBatch = z.strictObject({
  events: z.array(DossierEvent).check(z.minLength(1), z.maxLength(MAX_EVENTS_PER_BATCH)),
});
/**
 * The value {@link DossierEventBatch} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: DossierEventBatch = DossierEventBatch.parse(json);
 * ```
 */
export type DossierEventBatch = z.infer<typeof DossierEventBatch>;

/**
 * What happened to one event: `applied`, `duplicate` (this id was applied before) or `rejected` (`code` and
 * Vietnamese `reason`; nothing was changed, the event may be corrected and sent again with the same id).
 * @example
 * ```ts
 * if (result.result === 'rejected') console.warn(result.id, result.code, result.reason);
 * ```
 */
export const DossierEventResult = z.object({
  id: z.string(),
  result: z.enum(['applied', 'duplicate', 'rejected']),
  /** For rejected events: `invalid`, `unknown_dossier`, `wrong_agency`, `transition`, `id_reused`. */
  code: z.optional(z.string()),
  reason: z.optional(z.string()),
  /** The dossier's status after the event (applied and duplicate). */
  status: z.optional(DossierStatusValue),
  /** Whether this event changed the status (false for an event older than the current status, or a step). */
  statusChanged: z.optional(z.boolean()),
});
/**
 * The value {@link DossierEventResult} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: DossierEventResult = DossierEventResult.parse(json);
 * ```
 */
export type DossierEventResult = z.infer<typeof DossierEventResult>;

/**
 * Answer of an event batch: one result per event, in the order sent, and counts.
 * @example
 * ```ts
 * const { applied, rejected, results } = DossierEventBatchResult.parse(json);
 * ```
 */
export const DossierEventBatchResult = z.object({
  results: z.array(DossierEventResult),
  applied: z.number().check(z.int(), z.gte(0)),
  duplicates: z.number().check(z.int(), z.gte(0)),
  rejected: z.number().check(z.int(), z.gte(0)),
});
/**
 * The value {@link DossierEventBatchResult} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: DossierEventBatchResult = DossierEventBatchResult.parse(json);
 * ```
 */
export type DossierEventBatchResult = z.infer<typeof DossierEventBatchResult>;

/**
 * Query of the ratings export: `since` is the `next` cursor of the previous page (absent: from the start).
 * @example
 * ```ts
 * RatingExportQuery.parse({ since: page.next, limit: 500 });
 * ```
 */
export const RatingExportQuery = z.strictObject({
  since: z.optional(z.string().check(z.regex(/^\d{1,18}$/, 'Con trỏ không hợp lệ'))),
  limit: z.optional(z.number().check(z.int(), z.gte(1), z.lte(1000))),
});
/**
 * The value {@link RatingExportQuery} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: RatingExportQuery = RatingExportQuery.parse(json);
 * ```
 */
export type RatingExportQuery = z.infer<typeof RatingExportQuery>;

/**
 * One exported rating (no phone numbers, nothing about the applicant).
 * @example
 * ```ts
 * ExportedRating.parse(json).overall; // 'satisfied'
 * ```
 */
export const ExportedRating = z.object({
  id: z.string(),
  agency: AgencyCode,
  dossierCode: z.nullable(z.string()),
  overall: SatisfactionLevel,
  channel: z.enum(['kiosk', 'online']),
  counter: z.nullable(z.string()),
  officer: z.nullable(z.string()),
  criteria: z.nullable(Criteria),
  comment: z.nullable(z.string()),
  ratedAt: DateTime,
  receivedAt: DateTime,
});
/**
 * The value {@link ExportedRating} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: ExportedRating = ExportedRating.parse(json);
 * ```
 */
export type ExportedRating = z.infer<typeof ExportedRating>;

/**
 * One page of the ratings export, in a stable order. Keep `next` and pass it as `since`; an empty page means
 * "nothing new yet" (ask again later with the same cursor).
 * @example
 * ```ts
 * let since: string | undefined;
 * do { const page = await client.exportRatings(agency, { since }); store(page.items); since = page.next; } while (page.hasMore);
 * ```
 */
export const RatingExportPage = z.object({
  items: z.array(ExportedRating),
  next: z.string(),
  hasMore: z.boolean(),
});
/**
 * The value {@link RatingExportPage} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: RatingExportPage = RatingExportPage.parse(json);
 * ```
 */
export type RatingExportPage = z.infer<typeof RatingExportPage>;

/**
 * Body of a webhook delivery (`POST` to the registered URL, signed with `X-Motcua-Signature`).
 * @example
 * ```ts
 * const event = WebhookEvent.parse(JSON.parse(rawBody));
 * if (event.type === 'dossier.status_changed') update(event.data);
 * ```
 */
export const WebhookEvent = z.object({
  /** Unique per event (the same on every endpoint and every retry). */
  id: z.string(),
  type: z.enum(['rating.created', 'dossier.status_changed']),
  agency: AgencyCode,
  createdAt: DateTime,
  data: z.record(z.string(), z.unknown()),
});
/**
 * The value {@link WebhookEvent} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: WebhookEvent = WebhookEvent.parse(json);
 * ```
 */
export type WebhookEvent = z.infer<typeof WebhookEvent>;
