/**
 * Catalog changes through the integration API (scope `catalog:write`): a commune's own procedures (create or
 * replace) and changes to its list of national procedures (add, remove). Every array and string is bounded.
 * @module
 */
import * as z from 'zod/mini';
import { ProcedureCode } from '../schemas/common.js';
import { OnlineService, ProcedureLevel, TimeUnit } from '../schemas/procedure.js';

/**
 * Most changes in one request.
 * @example
 * ```ts
 * for (let i = 0; i < changes.length; i += MAX_CATALOG_CHANGES) await client.changeCatalog(agency, changes.slice(i, i + MAX_CATALOG_CHANGES));
 * ```
 */
export const MAX_CATALOG_CHANGES = 100;

const Text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const HttpsUrl = z.string().check(z.maxLength(1000), z.regex(/^https:\/\/[^\s]+$/, 'Địa chỉ phải bắt đầu bằng https://'));

/**
 * One procedure of the commune's own (thủ tục đặc thù), as its system publishes it. A code already in the national
 * catalog cannot be written here: add it to the list with `{ op: 'add' }`.
 * @example
 * ```ts
 * OwnProcedure.parse({
 *   code: '1.999001', name: 'Cấp giấy xác nhận cư trú tạm thời cho lao động thời vụ',
 *   sector: { name: 'Cư trú' }, onlineService: 'partial', processingTime: { value: 2, unit: 'working_day' },
 * });
 * ```
 */
export const OwnProcedure = z.strictObject({
  code: ProcedureCode,
  name: Text(1000),
  sector: z.strictObject({
    /** A short code (`cu-tru`); derived from the name when absent. */
    code: z.optional(z.string().check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'Mã lĩnh vực: chữ, số, . _ - (tối đa 64)'))),
    name: Text(300),
  }),
  levels: z.optional(z.array(ProcedureLevel).check(z.minLength(1), z.maxLength(4))),
  onlineService: z.optional(OnlineService),
  processingTime: z.nullable(
    z.strictObject({
      value: z.number().check(z.gte(0), z.lte(3650)),
      unit: TimeUnit,
      text: z.optional(z.string().check(z.maxLength(2000))),
    }),
  ),
  feeSummary: z.optional(
    z.nullable(
      z.strictObject({
        minVnd: z.number().check(z.int(), z.gte(0), z.lte(1_000_000_000_000)),
        maxVnd: z.number().check(z.int(), z.gte(0), z.lte(1_000_000_000_000)),
      }),
    ),
  ),
  requirements: z.optional(z.string().check(z.maxLength(20000))),
  steps: z.optional(z.array(z.strictObject({ name: Text(1000), description: z.string().check(z.maxLength(4000)) })).check(z.maxLength(30))),
  componentGroups: z.optional(
    z
      .array(
        z.strictObject({
          name: z.string().check(z.maxLength(2000)),
          components: z
            .array(
              z.strictObject({
                name: Text(2000),
                originals: z.number().check(z.int(), z.gte(0), z.lte(100)),
                copies: z.number().check(z.int(), z.gte(0), z.lte(100)),
                forms: z.optional(z.array(z.strictObject({ name: Text(500), url: HttpsUrl })).check(z.maxLength(10))),
              }),
            )
            .check(z.maxLength(50)),
        }),
      )
      .check(z.maxLength(10)),
  ),
  legalBasis: z.optional(z.array(z.strictObject({ code: Text(100), name: Text(1000) })).check(z.maxLength(50))),
  results: z.optional(z.array(z.strictObject({ code: z.string().check(z.maxLength(100)), name: Text(1000) })).check(z.maxLength(20))),
  implementingUnits: z.optional(z.array(Text(300)).check(z.maxLength(20))),
  applicantTypes: z.optional(z.array(Text(200)).check(z.maxLength(10))),
  portalUrl: z.optional(HttpsUrl),
});
/**
 * The value {@link OwnProcedure} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: OwnProcedure = OwnProcedure.parse(json);
 * ```
 */
export type OwnProcedure = z.infer<typeof OwnProcedure>;

/**
 * One catalog change: `upsert` a procedure of the commune's own (create or replace; it is put on the list), `add` a
 * procedure of the national catalog to the commune's list, or `remove` one (national or own) from it.
 * @example
 * ```ts
 * CatalogChange.parse({ op: 'add', code: '1.001193' });
 * ```
 */
export const CatalogChange = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('upsert'), procedure: OwnProcedure }),
  z.strictObject({ op: z.literal('add'), code: ProcedureCode }),
  z.strictObject({ op: z.literal('remove'), code: ProcedureCode }),
]);
/**
 * The value {@link CatalogChange} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: CatalogChange = CatalogChange.parse(json);
 * ```
 */
export type CatalogChange = z.infer<typeof CatalogChange>;

/**
 * Body of `POST /agencies/{agency}/catalog-changes`: 1–100 changes, applied together (one new catalog version).
 * @example
 * ```ts
 * CatalogChangeBatch.parse({ changes: [{ op: 'remove', code: '1.004884' }] });
 * ```
 */
export const CatalogChangeBatch = z.strictObject({
  changes: z.array(CatalogChange).check(z.minLength(1), z.maxLength(MAX_CATALOG_CHANGES)),
});
/**
 * The value {@link CatalogChangeBatch} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: CatalogChangeBatch = CatalogChangeBatch.parse(json);
 * ```
 */
export type CatalogChangeBatch = z.infer<typeof CatalogChangeBatch>;

/**
 * What became of one change: `applied`, `unchanged` (the catalog already said so) or `rejected` with a `code`
 * (`unknown_procedure`, `national_procedure`, `other_agency`) and a Vietnamese `reason`.
 * @example
 * ```ts
 * const { result } = CatalogChangeResult.parse(json);
 * ```
 */
export const CatalogChangeResult = z.object({
  op: z.enum(['upsert', 'add', 'remove']),
  code: ProcedureCode,
  result: z.enum(['applied', 'unchanged', 'rejected']),
  /** For `upsert`: whether the procedure was new. */
  created: z.optional(z.boolean()),
  reason: z.optional(z.string()),
  error: z.optional(z.enum(['unknown_procedure', 'national_procedure', 'other_agency'])),
});
/**
 * The value {@link CatalogChangeResult} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: CatalogChangeResult = CatalogChangeResult.parse(json);
 * ```
 */
export type CatalogChangeResult = z.infer<typeof CatalogChangeResult>;

/**
 * Answer of a catalog change batch: one result per change in the order sent, and the catalog `version` (the public
 * catalog's ETag changes with it; widgets holding the old one get the new catalog on their next revalidation).
 * @example
 * ```ts
 * const { applied, version } = CatalogChangeBatchResult.parse(json);
 * ```
 */
export const CatalogChangeBatchResult = z.object({
  results: z.array(CatalogChangeResult),
  applied: z.number().check(z.int(), z.gte(0)),
  unchanged: z.number().check(z.int(), z.gte(0)),
  rejected: z.number().check(z.int(), z.gte(0)),
  /** The catalog version after the batch (unchanged when nothing was applied). */
  version: z.string(),
});
/**
 * The value {@link CatalogChangeBatchResult} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: CatalogChangeBatchResult = CatalogChangeBatchResult.parse(json);
 * ```
 */
export type CatalogChangeBatchResult = z.infer<typeof CatalogChangeBatchResult>;
