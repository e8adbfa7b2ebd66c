/**
 * Input checks of the directory and provincial-statistics calls, loaded with the on-demand schemas (not in the main
 * client chunk every widget page downloads).
 * @module
 */
import * as z from 'zod/mini';
import { toFieldIssues } from './field-issues.js';
import { MotcuaInputError } from './errors.js';
import { AgencyDirectoryQuery, ProvinceCode } from './schemas/directory.js';
import { StatsQuery } from './schemas/stats.js';

function check<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data as z.infer<S>;
  const issues = toFieldIssues(result.error);
  throw new MotcuaInputError(`Invalid ${what}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`, {
    issues,
  });
}

/** The query string of a directory call (`province`, `q`, `units`, `limit`); one of the first three is required. */
export function directoryQuery(query: AgencyDirectoryQuery): Record<string, string> {
  const q = check(AgencyDirectoryQuery, query, 'directory query');
  if (q.province === undefined && q.q === undefined && q.units === undefined)
    throw new MotcuaInputError('Invalid directory query: give province, q or units: "1"', {
      issues: [{ path: 'province', message: 'required' }],
    });
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined) params[k] = String(v);
  return params;
}

/** Path parameters and query of a provincial statistics call. */
export function provinceStatsRequest(province: string, period: StatsQuery): { params: { code: string }; query: StatsQuery } {
  const code = check(ProvinceCode, province, 'province code');
  const query = check(StatsQuery, period, 'period');
  if (query.from > query.to)
    throw new MotcuaInputError(`Invalid period: from (${query.from}) is after to (${query.to})`, {
      issues: [{ path: 'from', message: 'must not be after to' }],
    });
  return { params: { code }, query };
}
