import * as z from 'zod/mini';
import { DateTime, ProcedureCode, Sector, SubmissionChannel, Text } from './common.js';

/**
 * Level of government that carries out a procedure.
 * @example
 * ```ts
 * ProcedureLevel.options; // ['commune', 'province', 'ministry', 'other']
 * ```
 */
export const ProcedureLevel = z.enum(['commune', 'province', 'ministry', 'other']);
/**
 * The value {@link ProcedureLevel} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: ProcedureLevel = ProcedureLevel.parse(json);
 * ```
 */
export type ProcedureLevel = z.infer<typeof ProcedureLevel>;

/**
 * Online service level: `full` = fully online (toàn trình), `partial` = partly online, `none` = in person only.
 * @example
 * ```ts
 * const fullyOnline = catalog.items.filter((p) => p.onlineService === OnlineService.parse('full'));
 * ```
 */
export const OnlineService = z.enum(['full', 'partial', 'none']);
/**
 * The value {@link OnlineService} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: OnlineService = OnlineService.parse(json);
 * ```
 */
export type OnlineService = z.infer<typeof OnlineService>;

/**
 * Unit of a processing time; `other` when the time is only described in text.
 * @example
 * ```ts
 * TimeUnit.parse('working_day');
 * ```
 */
export const TimeUnit = z.enum(['working_day', 'day', 'hour', 'month', 'other']);
/**
 * The value {@link TimeUnit} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: TimeUnit = TimeUnit.parse(json);
 * ```
 */
export type TimeUnit = z.infer<typeof TimeUnit>;

/**
 * A processing time: value and unit (`text` when it is not a number).
 * @example
 * ```ts
 * ProcessingTime.parse({ value: 1, unit: 'working_day' });
 * ```
 */
export const ProcessingTime = z.object({
  value: z.number().check(z.gte(0)),
  unit: TimeUnit,
  /** Free text when the time cannot be expressed as a number (unit `other`). */
  text: z.optional(z.string().check(z.maxLength(2000))),
});
/**
 * The value {@link ProcessingTime} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: ProcessingTime = ProcessingTime.parse(json);
 * ```
 */
export type ProcessingTime = z.infer<typeof ProcessingTime>;

/**
 * Fees in whole đồng; `minVnd === maxVnd === 0` means free.
 * @example
 * ```ts
 * const free = FeeSummary.parse({ minVnd: 0, maxVnd: 0 });
 * ```
 */
export const FeeSummary = z.object({
  minVnd: z.number().check(z.int(), z.gte(0)),
  maxVnd: z.number().check(z.int(), z.gte(0)),
});
/**
 * The value {@link FeeSummary} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: FeeSummary = FeeSummary.parse(json);
 * ```
 */
export type FeeSummary = z.infer<typeof FeeSummary>;

/**
 * What the catalog and search results carry for each procedure.
 * @example
 * ```ts
 * const summary = ProcedureSummary.parse(json);
 * summary.processingTime?.value; // 1
 * ```
 */
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
  /**
   * Dossiers the agency received for this procedure (over the history it keeps), when it publishes them: the search
   * and the lookup put the commune's common procedures first by it.
   */
  dossierCount: z.optional(z.number().check(z.int(), z.gte(0))),
});
/**
 * The value {@link ProcedureSummary} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: ProcedureSummary = ProcedureSummary.parse(json);
 * ```
 */
export type ProcedureSummary = z.infer<typeof ProcedureSummary>;

/**
 * One fee or charge of a channel, in whole đồng.
 * @example
 * ```ts
 * Fee.parse({ type: 'fee', amountVnd: 8000, description: 'Phí cấp bản sao trích lục' });
 * ```
 */
export const Fee = z.object({
  type: z.enum(['fee', 'service_fee', 'price']),
  amountVnd: z.number().check(z.int(), z.gte(0)),
  description: z.string().check(z.maxLength(4000)),
});
/**
 * The value {@link Fee} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: Fee = Fee.parse(json);
 * ```
 */
export type Fee = z.infer<typeof Fee>;

/**
 * One way to submit a procedure, with its processing time and fees.
 * @example
 * ```ts
 * const online = procedure.channels.find((c) => Channel.parse(c).method === 'online');
 * ```
 */
export const Channel = z.object({
  method: SubmissionChannel,
  processingTime: z.nullable(ProcessingTime),
  fees: z.array(Fee),
  description: z.string().check(z.maxLength(4000)),
});
/**
 * The value {@link Channel} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: Channel = Channel.parse(json);
 * ```
 */
export type Channel = z.infer<typeof Channel>;

/**
 * A form (mẫu đơn, tờ khai) to download.
 * @example
 * ```ts
 * Form.parse({ name: 'Tờ khai đăng ký khai sinh', url: 'https://example.gov.vn/to-khai.docx' });
 * ```
 */
export const Form = z.object({ name: z.string(), url: z.string() });
/**
 * The value {@link Form} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: Form = Form.parse(json);
 * ```
 */
export type Form = z.infer<typeof Form>;

/**
 * A document to bring or upload, with the number of originals and copies.
 * @example
 * ```ts
 * DossierComponent.parse({ name: 'Tờ khai đăng ký khai sinh', originals: 1, copies: 0, forms: [] });
 * ```
 */
export const DossierComponent = z.object({
  name: z.string().check(z.maxLength(4000)),
  originals: z.number().check(z.int(), z.gte(0)),
  copies: z.number().check(z.int(), z.gte(0)),
  forms: z.array(Form),
});
/**
 * The value {@link DossierComponent} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: DossierComponent = DossierComponent.parse(json);
 * ```
 */
export type DossierComponent = z.infer<typeof DossierComponent>;

/**
 * A group of dossier components under one heading.
 * @example
 * ```ts
 * ComponentGroup.parse({ name: 'Giấy tờ phải nộp', components: [] });
 * ```
 */
export const ComponentGroup = z.object({
  /** Group heading, e.g. `Giấy tờ phải nộp`; may be empty. */
  name: z.string().check(z.maxLength(2000)),
  components: z.array(DossierComponent),
});
/**
 * The value {@link ComponentGroup} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: ComponentGroup = ComponentGroup.parse(json);
 * ```
 */
export type ComponentGroup = z.infer<typeof ComponentGroup>;

/**
 * A case (trường hợp) of a procedure, with its own code and processing time.
 * @example
 * ```ts
 * ProcedureCase.parse({ code: '1.001193.01', name: 'Trường hợp thông thường', processingTime: null });
 * ```
 */
export const ProcedureCase = z.object({
  code: z.string(),
  name: z.string(),
  processingTime: z.nullable(ProcessingTime),
});
/**
 * The value {@link ProcedureCase} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: ProcedureCase = ProcedureCase.parse(json);
 * ```
 */
export type ProcedureCase = z.infer<typeof ProcedureCase>;

/**
 * One step of carrying out a procedure.
 * @example
 * ```ts
 * Step.parse({ name: 'Nộp hồ sơ', description: 'Nộp tại Bộ phận Một cửa.' });
 * ```
 */
export const Step = z.object({
  name: z.string().check(z.maxLength(1000)),
  /** Plain text (HTML from the national portal is converted to text with line breaks). */
  description: z.string().check(z.maxLength(20000)),
});
/**
 * The value {@link Step} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: Step = Step.parse(json);
 * ```
 */
export type Step = z.infer<typeof Step>;

/**
 * A code and a name (legal documents, results).
 * @example
 * ```ts
 * CodeName.parse({ code: '60/2014/QH13', name: 'Luật Hộ tịch' });
 * ```
 */
export const CodeName = z.object({ code: z.string(), name: z.string() });
/**
 * The value {@link CodeName} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: CodeName = CodeName.parse(json);
 * ```
 */
export type CodeName = z.infer<typeof CodeName>;

/**
 * The full record of a procedure, as the national portal publishes it.
 * @example
 * ```ts
 * const procedure = Procedure.parse(json);
 * procedure.componentGroups.flatMap((g) => g.components).map((c) => c.name);
 * ```
 */
export const Procedure = z.object({
  // `z.object` over the spread shape, not `z.extend`: same schema, and zod's extend code stays out of bundles.
  ...ProcedureSummary.shape,
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
/**
 * The value {@link Procedure} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: Procedure = Procedure.parse(json);
 * ```
 */
export type Procedure = z.infer<typeof Procedure>;

/**
 * One page of `GET /agencies/{agency}/procedures`.
 * @example
 * ```ts
 * const page = ProcedurePage.parse(json);
 * const more = page.page * page.pageSize < page.total;
 * ```
 */
export const ProcedurePage = z.object({
  items: z.array(ProcedureSummary),
  page: z.number().check(z.int(), z.gte(1)),
  pageSize: z.number().check(z.int(), z.gte(1), z.lte(100)),
  total: z.number().check(z.int(), z.gte(0)),
});
/**
 * The value {@link ProcedurePage} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: ProcedurePage = ProcedurePage.parse(json);
 * ```
 */
export type ProcedurePage = z.infer<typeof ProcedurePage>;

/**
 * Every procedure of an agency, compact, for instant client-side search. Served with an `ETag`.
 * @example
 * ```ts
 * const catalog = Catalog.parse(json);
 * createSearchIndex(catalog.items);
 * ```
 */
export const Catalog = z.object({
  agency: z.string(),
  updatedAt: DateTime,
  items: z.array(ProcedureSummary),
});
/**
 * The value {@link Catalog} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: Catalog = Catalog.parse(json);
 * ```
 */
export type Catalog = z.infer<typeof Catalog>;

/**
 * Query of `GET /agencies/{agency}/procedures`.
 * @example
 * ```ts
 * ProcedureQuery.parse({ q: 'khai sinh', online: 'full', page: 1, pageSize: 20 });
 * ```
 */
export const ProcedureQuery = z.object({
  q: z.optional(Text(200)),
  sector: z.optional(Text(64)),
  online: z.optional(OnlineService),
  page: z.optional(z.number().check(z.int(), z.gte(1), z.lte(10000))),
  pageSize: z.optional(z.number().check(z.int(), z.gte(1), z.lte(100))),
});
/**
 * The value {@link ProcedureQuery} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: ProcedureQuery = ProcedureQuery.parse(json);
 * ```
 */
export type ProcedureQuery = z.infer<typeof ProcedureQuery>;
