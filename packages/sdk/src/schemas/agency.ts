import * as z from 'zod/mini';
import { AgencyCode, Sector } from './common.js';

/**
 * Level of an agency: commune, ward, special zone or province.
 * @example
 * ```ts
 * AgencyLevel.options; // ['commune', 'ward', 'special_zone', 'province']
 * ```
 */
export const AgencyLevel = z.enum(['commune', 'ward', 'special_zone', 'province']);
/**
 * The value {@link AgencyLevel} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: AgencyLevel = AgencyLevel.parse(json);
 * ```
 */
export type AgencyLevel = z.infer<typeof AgencyLevel>;

/**
 * A public service centre (Trung tâm Phục vụ hành chính công) of a commune, ward or province.
 * @example
 * ```ts
 * const agency = Agency.parse(await (await fetch('/api/v1/agencies/000.00.06.H56')).json());
 * agency.openingHours[0]?.opens; // '07:00'
 * ```
 */
export const Agency = z.object({
  /** Agency e-ID, e.g. `000.00.06.H56`. */
  code: AgencyCode,
  /** Official name, e.g. `UBND xã Hòa Vang`. */
  name: z.string().check(z.minLength(1), z.maxLength(300)),
  /** Name of the service centre as posted at the door. */
  centreName: z.string().check(z.maxLength(300)),
  province: z.object({ code: z.string(), name: z.string() }),
  level: AgencyLevel,
  address: z.string().check(z.maxLength(500)),
  phone: z.string().check(z.maxLength(50)),
  email: z.optional(z.string().check(z.maxLength(200))),
  /**
   * Opening hours, grouped by days; `days` uses ISO weekday numbers (1 = Monday … 7 = Sunday). At most 21 periods (three
   * a day) of at most 7 days each: the widgets show them, so a runaway answer is refused, not rendered.
   */
  openingHours: z
    .array(
      z.object({
        days: z.array(z.number().check(z.int(), z.gte(1), z.lte(7))).check(z.minLength(1), z.maxLength(7)),
        opens: z.string().check(z.regex(/^\d{2}:\d{2}$/)),
        closes: z.string().check(z.regex(/^\d{2}:\d{2}$/)),
      }),
    )
    .check(z.maxLength(21)),
  /** Number of procedures the agency handles. */
  procedureCount: z.number().check(z.int(), z.gte(0)),
});
/**
 * The value {@link Agency} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: Agency = Agency.parse(json);
 * ```
 */
export type Agency = z.infer<typeof Agency>;

/**
 * Body of `GET /agencies`.
 * @example
 * ```ts
 * const { items } = AgencyList.parse(json);
 * ```
 */
export const AgencyList = z.object({ items: z.array(Agency) });
/**
 * The value {@link AgencyList} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: AgencyList = AgencyList.parse(json);
 * ```
 */
export type AgencyList = z.infer<typeof AgencyList>;

/**
 * Body of `GET /sectors`.
 * @example
 * ```ts
 * const { items } = SectorList.parse(json);
 * items[0]?.name; // 'Hộ tịch'
 * ```
 */
export const SectorList = z.object({ items: z.array(Sector) });
/**
 * The value {@link SectorList} describes (what parsing with it returns).
 * @example
 * ```ts
 * const value: SectorList = SectorList.parse(json);
 * ```
 */
export type SectorList = z.infer<typeof SectorList>;
