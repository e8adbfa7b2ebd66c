import * as z from 'zod/mini';
import { Agency } from './agency.js';
import { AgencyCode } from './common.js';
import { StatsQuery, StatsTotals } from './stats.js';

/**
 * GSO code of a province after the 2025 reorganisation (two digits, e.g. `48` for Đà Nẵng).
 * @example
 * ```ts
 * ProvinceCode.parse('48');
 * ```
 */
export const ProvinceCode = z.string().check(z.regex(/^\d{2}$/, 'Mã tỉnh gồm 2 chữ số (mã Tổng cục Thống kê), ví dụ 48'));
/**
 * The value {@link ProvinceCode} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: ProvinceCode = ProvinceCode.parse('48');
 * ```
 */
export type ProvinceCode = z.infer<typeof ProvinceCode>;

/**
 * GSO code of a commune, ward or special zone (five digits, e.g. `20320` for Xã Hoà Vang).
 * @example
 * ```ts
 * UnitCode.parse('20320');
 * ```
 */
export const UnitCode = z.string().check(z.regex(/^\d{5}$/, 'Mã xã/phường gồm 5 chữ số (mã Tổng cục Thống kê), ví dụ 20320'));
/**
 * The value {@link UnitCode} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: UnitCode = UnitCode.parse('20320');
 * ```
 */
export type UnitCode = z.infer<typeof UnitCode>;

/**
 * A commune, ward or special zone of the directory (after the 1 July 2025 reorganisation).
 * @example
 * ```ts
 * const unit = AdminUnit.parse({ code: '20320', province: '48', name: 'Xã Hoà Vang', formerly: ['Xã Hòa Phong', 'Xã Hòa Phú'] });
 * ```
 */
export const AdminUnit = z.object({
  /** GSO unit code. */
  code: UnitCode,
  /** GSO code of its province. */
  province: ProvinceCode,
  /** Full name, e.g. `Xã Hoà Vang`. */
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  /** The pre-merger units it was formed from (names citizens still use). */
  formerly: z.array(z.string().check(z.maxLength(200))).check(z.maxLength(60)),
  /** The agency e-ID of its one-stop centre, where this deployment serves it. */
  agency: z.optional(AgencyCode),
  /** In search answers: the former name the query matched (the unit is what that commune became part of). */
  via: z.optional(z.string().check(z.maxLength(200))),
});
/**
 * The value {@link AdminUnit} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: AdminUnit = AdminUnit.parse(json);
 * ```
 */
export type AdminUnit = z.infer<typeof AdminUnit>;

/**
 * A province of the directory.
 * @example
 * ```ts
 * Province.parse({ code: '48', name: 'Thành phố Đà Nẵng' });
 * ```
 */
export const Province = z.object({ code: ProvinceCode, name: z.string().check(z.minLength(1), z.maxLength(200)) });
/**
 * The value {@link Province} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: Province = Province.parse(json);
 * ```
 */
export type Province = z.infer<typeof Province>;

/**
 * Query of `GET /agencies` in directory mode: a province, a search text, or `units=1` for the whole directory.
 * @example
 * ```ts
 * AgencyDirectoryQuery.parse({ province: '48', q: 'hoa phong' });
 * ```
 */
export const AgencyDirectoryQuery = z.strictObject({
  province: z.optional(ProvinceCode),
  q: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  units: z.optional(z.literal('1')),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(50))),
});
/**
 * The value {@link AgencyDirectoryQuery} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: AgencyDirectoryQuery = AgencyDirectoryQuery.parse({ province: '48' });
 * ```
 */
export type AgencyDirectoryQuery = z.infer<typeof AgencyDirectoryQuery>;

/**
 * Body of `GET /agencies?province=…&q=…` (directory mode): the served agencies among the units, the provinces, and
 * the units (all of the province, or the search's hits best first).
 * @example
 * ```ts
 * const { units } = AgencyDirectory.parse(json);
 * ```
 */
export const AgencyDirectory = z.object({
  items: z.array(Agency),
  provinces: z.array(Province),
  units: z.array(AdminUnit),
});
/**
 * The value {@link AgencyDirectory} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: AgencyDirectory = AgencyDirectory.parse(json);
 * ```
 */
export type AgencyDirectory = z.infer<typeof AgencyDirectory>;

/**
 * Query of `GET /provinces/{code}/stats`: the same bounded period as an agency's statistics.
 * @example
 * ```ts
 * ProvinceStatsQuery.parse({ from: '2026-01-01', to: '2026-03-31' });
 * ```
 */
export const ProvinceStatsQuery = StatsQuery;

/**
 * Service statistics of a province: totals over the communes that report, and each commune's own totals.
 * @example
 * ```ts
 * const stats = ProvinceStats.parse(json);
 * stats.communes.map((c) => c.onTimeRate);
 * ```
 */
export const ProvinceStats = z.object({
  ...StatsTotals.shape,
  province: Province,
  from: z.string(),
  to: z.string(),
  communes: z.array(
    z.object({
      ...StatsTotals.shape,
      agency: AgencyCode,
      name: z.string(),
      unit: z.optional(UnitCode),
    }),
  ),
});
/**
 * The value {@link ProvinceStats} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: ProvinceStats = ProvinceStats.parse(json);
 * ```
 */
export type ProvinceStats = z.infer<typeof ProvinceStats>;
