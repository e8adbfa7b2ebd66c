/**
 * Attaching the agency's e-ID to its commune/ward in the directory through the integration API (scope
 * `directory:write`): `PUT /agencies/{agency}/directory-unit` with the unit's GSO code.
 * @module
 */
import * as z from 'zod/mini';
import { AgencyCode } from '../schemas/common.js';
import { ProvinceCode, UnitCode } from '../schemas/directory.js';

/**
 * The body of `PUT /agencies/{agency}/directory-unit`: the GSO code of the commune/ward the agency serves.
 * @example
 * ```ts
 * DirectoryUnitAttach.parse({ gso: '20320' });
 * ```
 */
export const DirectoryUnitAttach = z.strictObject({ gso: UnitCode });
/**
 * The value {@link DirectoryUnitAttach} describes (what parsing with it returns).
 * @example
 * ```ts
 * const body: DirectoryUnitAttach = { gso: '20320' };
 * ```
 */
export type DirectoryUnitAttach = z.infer<typeof DirectoryUnitAttach>;

/**
 * The answer: the unit the e-ID is now attached to; `unchanged` when it already was, `movedFrom` the unit it was
 * attached to before (the same e-ID is on one unit at most, as with the CSV import).
 * @example
 * ```ts
 * const { result, movedFrom } = DirectoryUnitAttachResult.parse(json);
 * ```
 */
export const DirectoryUnitAttachResult = z.object({
  agency: AgencyCode,
  unit: z.object({
    code: UnitCode,
    province: ProvinceCode,
    name: z.string().check(z.minLength(1), z.maxLength(200)),
  }),
  result: z.enum(['attached', 'unchanged']),
  movedFrom: z.nullable(UnitCode),
});
/**
 * The value {@link DirectoryUnitAttachResult} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: DirectoryUnitAttachResult = DirectoryUnitAttachResult.parse(json);
 * ```
 */
export type DirectoryUnitAttachResult = z.infer<typeof DirectoryUnitAttachResult>;
