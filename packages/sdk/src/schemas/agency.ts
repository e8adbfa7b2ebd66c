import * as z from 'zod/mini';
import { AgencyCode, Sector } from './common.js';

export const AgencyLevel = z.enum(['commune', 'ward', 'special_zone', 'province']);
export type AgencyLevel = z.infer<typeof AgencyLevel>;

/** A public service centre (Trung tâm Phục vụ hành chính công) of a commune, ward or province. */
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
  /** Opening hours, grouped by days; `days` uses ISO weekday numbers (1 = Monday … 7 = Sunday). */
  openingHours: z.array(
    z.object({
      days: z.array(z.number().check(z.int(), z.gte(1), z.lte(7))),
      opens: z.string().check(z.regex(/^\d{2}:\d{2}$/)),
      closes: z.string().check(z.regex(/^\d{2}:\d{2}$/)),
    }),
  ),
  /** Number of procedures the agency handles. */
  procedureCount: z.number().check(z.int(), z.gte(0)),
});
export type Agency = z.infer<typeof Agency>;

export const AgencyList = z.object({ items: z.array(Agency) });
export type AgencyList = z.infer<typeof AgencyList>;

export const SectorList = z.object({ items: z.array(Sector) });
export type SectorList = z.infer<typeof SectorList>;
