import * as z from 'zod/mini';
import { DateTime, ProcedureCode, Sector } from './common.js';

export const ProcedureLevel = z.enum(['commune', 'province', 'ministry', 'other']);
export type ProcedureLevel = z.infer<typeof ProcedureLevel>;

/** Online service level: `full` = fully online (toàn trình), `partial` = partly online, `none` = in person only. */
export const OnlineService = z.enum(['full', 'partial', 'none']);
export type OnlineService = z.infer<typeof OnlineService>;

export const TimeUnit = z.enum(['working_day', 'day', 'hour', 'month', 'other']);
export type TimeUnit = z.infer<typeof TimeUnit>;

export const ProcessingTime = z.object({
  value: z.number().check(z.gte(0)),
  unit: TimeUnit,
  /** Free text when the time cannot be expressed as a number (unit `other`). */
  text: z.optional(z.string().check(z.maxLength(2000))),
});
export type ProcessingTime = z.infer<typeof ProcessingTime>;

/** Fees in whole đồng; `minVnd === maxVnd === 0` means free. */
export const FeeSummary = z.object({
  minVnd: z.number().check(z.int(), z.gte(0)),
  maxVnd: z.number().check(z.int(), z.gte(0)),
});
export type FeeSummary = z.infer<typeof FeeSummary>;

/** What the catalog and search results carry for each procedure. */
export const ProcedureSummary = z.object({
  /** National code, e.g. `1.001193`. */
  code: ProcedureCode,
  /** Exact national title, e.g. `Đăng ký khai sinh`. */
  name: z.string().check(z.minLength(1), z.maxLength(1000)),
  sector: Sector,
  levels: z.array(ProcedureLevel),
  onlineService: OnlineService,
  /** Shortest processing time over the channels; `null` when not published. */
  processingTime: z.nullable(ProcessingTime),
  /** `null` when fees are not published. */
  feeSummary: z.nullable(FeeSummary),
  /** `national` (STANDARD) or `local` (SPECIFIC, published by a province). */
  kind: z.enum(['national', 'local']),
});
export type ProcedureSummary = z.infer<typeof ProcedureSummary>;

export const SubmissionChannel = z.enum(['direct', 'online', 'postal']);
export type SubmissionChannel = z.infer<typeof SubmissionChannel>;

export const Fee = z.object({
  type: z.enum(['fee', 'service_fee', 'price']),
  amountVnd: z.number().check(z.int(), z.gte(0)),
  description: z.string().check(z.maxLength(4000)),
});
export type Fee = z.infer<typeof Fee>;

export const Channel = z.object({
  method: SubmissionChannel,
  processingTime: z.nullable(ProcessingTime),
  fees: z.array(Fee),
  description: z.string().check(z.maxLength(4000)),
});
export type Channel = z.infer<typeof Channel>;

export const Form = z.object({ name: z.string(), url: z.string() });
export type Form = z.infer<typeof Form>;

export const DossierComponent = z.object({
  name: z.string().check(z.maxLength(4000)),
  originals: z.number().check(z.int(), z.gte(0)),
  copies: z.number().check(z.int(), z.gte(0)),
  forms: z.array(Form),
});
export type DossierComponent = z.infer<typeof DossierComponent>;

export const ComponentGroup = z.object({
  /** Group heading, e.g. `Giấy tờ phải nộp`; may be empty. */
  name: z.string().check(z.maxLength(2000)),
  components: z.array(DossierComponent),
});
export type ComponentGroup = z.infer<typeof ComponentGroup>;

export const ProcedureCase = z.object({
  code: z.string(),
  name: z.string(),
  processingTime: z.nullable(ProcessingTime),
});
export type ProcedureCase = z.infer<typeof ProcedureCase>;

export const Step = z.object({
  name: z.string().check(z.maxLength(1000)),
  /** Plain text (HTML from the national portal is converted to text with line breaks). */
  description: z.string().check(z.maxLength(20000)),
});
export type Step = z.infer<typeof Step>;

export const CodeName = z.object({ code: z.string(), name: z.string() });
export type CodeName = z.infer<typeof CodeName>;

/** The full record of a procedure, as the national portal publishes it. */
export const Procedure = z.extend(ProcedureSummary, {
  /** Portal UUID. */
  id: z.string(),
  cases: z.array(ProcedureCase),
  channels: z.array(Channel),
  steps: z.array(Step),
  componentGroups: z.array(ComponentGroup),
  requirements: z.string().check(z.maxLength(20000)),
  legalBasis: z.array(CodeName),
  results: z.array(CodeName),
  implementingUnits: z.array(z.string()),
  applicantTypes: z.array(z.string()),
  /** Whether the full record (steps, components, fees) is published; `false` for catalog-only entries. */
  detailed: z.boolean(),
  /** The procedure's page on the National Public Service Portal, where it can be submitted online. */
  portalUrl: z.string(),
  updatedAt: DateTime,
});
export type Procedure = z.infer<typeof Procedure>;

export const ProcedurePage = z.object({
  items: z.array(ProcedureSummary),
  page: z.number().check(z.int(), z.gte(1)),
  pageSize: z.number().check(z.int(), z.gte(1), z.lte(100)),
  total: z.number().check(z.int(), z.gte(0)),
});
export type ProcedurePage = z.infer<typeof ProcedurePage>;

/** Every procedure of an agency, compact, for instant client-side search. Served with an `ETag`. */
export const Catalog = z.object({
  agency: z.string(),
  updatedAt: DateTime,
  items: z.array(ProcedureSummary),
});
export type Catalog = z.infer<typeof Catalog>;

/** Query of `GET /agencies/{agency}/procedures`. */
export const ProcedureQuery = z.object({
  q: z.optional(z.string().check(z.maxLength(200))),
  sector: z.optional(z.string().check(z.maxLength(64))),
  online: z.optional(OnlineService),
  page: z.optional(z.number().check(z.int(), z.gte(1), z.lte(10000))),
  pageSize: z.optional(z.number().check(z.int(), z.gte(1), z.lte(100))),
});
export type ProcedureQuery = z.infer<typeof ProcedureQuery>;
