/**
 * `@motcua/sdk`: the motcua API contract (zod/mini schemas), a typed, validating, resilient client,
 * typed errors and the dossier-code parser. Vietnamese text search is in `@motcua/sdk/text`.
 * @example
 * ```ts
 * import { createClient, MotcuaHttpError } from '@motcua/sdk';
 * const client = createClient({ baseUrl: 'https://motcua.example.gov.vn/api/v1' });
 * const dossier = await client.getDossier('000.00.06.H56-231027-0361');
 * ```
 * @module
 */
export {
  createClient,
  createStorageCache,
  type CallOptions,
  type CatalogCache,
  type CatalogCacheEntry,
  type ClientOptions,
  type KeyValueStorage,
  type MotcuaClient,
  type RetryOptions,
} from './client.js';
export { toFieldIssues } from './field-issues.js';
export {
  isMotcuaError,
  MotcuaAbortError,
  MotcuaError,
  MotcuaHttpError,
  MotcuaInputError,
  MotcuaNetworkError,
  MotcuaResponseError,
  MotcuaTimeoutError,
  type FieldIssue,
  type MotcuaErrorKind,
} from './errors.js';
export {
  checkDossierCode,
  DOSSIER_CODE_MAX_LENGTH,
  DOSSIER_CODE_MESSAGES,
  parseDossierCode,
  type DossierCodeCheck,
  type DossierCodeProblem,
  type DossierCodeResult,
  type ParsedDossierCode,
} from './dossier-code.js';
export {
  buildPath,
  routes,
  type AnySchema,
  type RouteDefinition,
  type RouteError,
  type RouteHeader,
  type RouteName,
  type RouteResponse,
} from './routes.js';
export * from './schemas/index.js';
