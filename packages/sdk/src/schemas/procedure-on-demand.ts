/**
 * What the procedure and catalog calls load on first use (a lazily loaded chunk in a bundle, which the embed's loader
 * fetches together with the widgets that need it at their first render), and the schema of a persisted catalog.
 * @module
 */
import * as z from 'zod/mini';
import { Catalog } from './procedure.js';

export { Catalog, Procedure, ProcedurePage, ProcedureQuery } from './procedure.js';

/** A catalog read back from a {@link CatalogCache}: validated again, a broken or foreign entry is ignored. */
export const CachedEntry = z.object({ etag: z.nullable(z.string()), catalog: Catalog, savedAt: z.string() });
