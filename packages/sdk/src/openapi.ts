/**
 * Builds the OpenAPI 3.1 document of the motcua API from the route table and the zod schemas
 * (`@motcua/sdk/openapi`; kept out of the main entry so browser bundles stay small).
 * @module
 */
import * as z from 'zod/mini';
import * as schemas from './schemas/index.js';
import { routes, type AnySchema, type RouteDefinition, type RouteHeader } from './routes.js';
import { integrationRoutes } from './integration/routes.js';
import * as integration from './integration/schemas.js';

/**
 * A JSON Schema or OpenAPI object (plain JSON).
 * @example
 * ```ts
 * const doc: JsonObject = buildOpenApiDocument();
 * Object.keys(doc.paths as JsonObject);
 * ```
 */
export type JsonObject = { [key: string]: unknown };

/** Schemas published under `components/schemas`, by name. Everything else is inlined. */
const COMPONENTS: Record<string, AnySchema> = {
  AgencyCode: schemas.AgencyCode,
  ProcedureCode: schemas.ProcedureCode,
  DossierCode: schemas.DossierCode,
  Sector: schemas.Sector,
  Agency: schemas.Agency,
  AgencyList: schemas.AgencyList,
  SectorList: schemas.SectorList,
  ProcessingTime: schemas.ProcessingTime,
  FeeSummary: schemas.FeeSummary,
  ProcedureSummary: schemas.ProcedureSummary,
  Procedure: schemas.Procedure,
  ProcedurePage: schemas.ProcedurePage,
  Catalog: schemas.Catalog,
  DossierStep: schemas.DossierStep,
  PayTo: schemas.PayTo,
  PendingAction: schemas.PendingAction,
  DossierStatus: schemas.DossierStatus,
  VerifyRequest: schemas.VerifyRequest,
  Criteria: schemas.Criteria,
  Rating: schemas.Rating,
  RatingReceipt: schemas.RatingReceipt,
  ServiceStats: schemas.ServiceStats,
  Problem: schemas.Problem,
  DossierUpsert: integration.DossierUpsert,
  DossierUpsertResult: integration.DossierUpsertResult,
  DossierEvent: integration.DossierEvent,
  DossierEventBatch: integration.DossierEventBatch,
  DossierEventBatchResult: integration.DossierEventBatchResult,
  ExportedRating: integration.ExportedRating,
  RatingExportPage: integration.RatingExportPage,
  WebhookEvent: integration.WebhookEvent,
  PushKey: schemas.PushKey,
  PushSubscriptionRequest: schemas.PushSubscriptionRequest,
  SmsSubscriptionRequest: schemas.SmsSubscriptionRequest,
  PushSubscriptionReceipt: schemas.PushSubscriptionReceipt,
  Unsubscribed: schemas.Unsubscribed,
  PushAlert: schemas.PushAlert,
};

/** The bearer scheme of API keys (`motcua-server keys create`); operations list the scopes they need. */
const SECURITY_SCHEME = 'apiKey';

const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });

const TAGS = [
  { name: 'agencies', description: 'Public service centres of communes, wards and provinces.' },
  { name: 'procedures', description: 'Administrative procedures (thủ tục hành chính) an agency handles.' },
  { name: 'dossiers', description: 'Dossier (hồ sơ) status lookup.' },
  { name: 'ratings', description: 'Satisfaction ratings (Decree 61/2018/NĐ-CP).' },
  { name: 'statistics', description: 'Published service statistics.' },
  { name: 'integration', description: 'Secured with API keys: dossiers and events in, ratings out (docs/integration.md).' },
  { name: 'alerts', description: 'Web Push status alerts a dossier’s owner subscribes to, with consent.' },
  { name: 'calendar', description: 'The working-day calendar: public holidays and make-up working days.' },
  { name: 'meta', description: 'This document.' },
];

/**
 * Builds the OpenAPI 3.1 document describing every route in {@link routes}. Deterministic: the same schemas
 * give byte-identical JSON, which is how the committed `docs/openapi.json` is checked for staleness.
 * @param options `serverUrl` for the `servers` entry (default `/api/v1`), `version` for `info.version`.
 * @example
 * ```ts
 * import { buildOpenApiDocument } from '@motcua/sdk/openapi';
 * app.get('/api/v1/openapi.json', (c) => c.json(buildOpenApiDocument()));
 * ```
 */
export function buildOpenApiDocument(options: { serverUrl?: string; version?: string } = {}): JsonObject {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  const convertOptions = {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    uri: (id: string) => `#/components/schemas/${id}`,
    // DateTime and DateOnly are plain regex checks (lighter in browser bundles than zod's ISO builders): name their format.
    override: ({ zodSchema, jsonSchema }: { zodSchema: unknown; jsonSchema: JsonObject }) => {
      // Their input forms (years 2000–2099) carry two patterns (`allOf`): name the format beside them.
      if (zodSchema === schemas.InputDateTime || zodSchema === schemas.InputDate) {
        jsonSchema.format = zodSchema === schemas.InputDate ? 'date' : 'date-time';
        return;
      }
      const format = zodSchema === schemas.DateTime ? 'date-time' : zodSchema === schemas.DateOnly ? 'date' : undefined;
      if (!format) return;
      const { pattern } = jsonSchema;
      delete jsonSchema.pattern;
      Object.assign(jsonSchema, { format, pattern });
    },
  } as const;
  const components = z.toJSONSchema(registry, convertOptions).schemas as Record<string, JsonObject>;
  for (const component of Object.values(components)) {
    delete component.$schema;
    delete component.$id;
  }
  const convert = (schema: AnySchema): JsonObject => {
    const id = registry.get(schema)?.id;
    if (id) return ref(id);
    const json = z.toJSONSchema(schema, { ...convertOptions, metadata: registry }) as JsonObject;
    delete json.$schema;
    return rewriteDefs(json);
  };

  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of [...Object.values(routes), ...Object.values(integrationRoutes)] as RouteDefinition[]) {
    (paths[route.path] ??= {})[route.method] = operation(route, convert);
  }
  paths['/openapi.json'] = {
    get: {
      operationId: 'getOpenApi',
      summary: 'This OpenAPI document',
      tags: ['meta'],
      responses: { '200': { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  };

  return {
    openapi: '3.1.0',
    info: {
      title: 'motcua API',
      version: options.version ?? '1.0.0',
      summary: 'Procedures, dossier status, satisfaction ratings and statistics of Vietnamese commune public-service centres.',
      description:
        'Generated from the zod schemas of `@motcua/sdk` (do not edit by hand; run `npm run openapi`). ' +
        'Errors are RFC 9457 problem details (`application/problem+json`) with a stable `code`. ' +
        'A method a path does not support is answered 405 (`method_not_allowed`) with an `Allow` header listing the methods it does. ' +
        'A query parameter given twice, or a control character in the path or query, is answered 400.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: options.serverUrl ?? '/api/v1' }],
    tags: TAGS,
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        [SECURITY_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'mck_<id>_<secret>',
          description: 'An API key from `motcua-server keys create`, bound to agencies and scopes.',
        },
      },
    },
  };
}

/** Schemas that reference registered components get them as `#/$defs/X`; point them at `components/schemas` instead. */
function rewriteDefs(json: JsonObject): JsonObject {
  const text = JSON.stringify(json).replace(/"#\/\$defs\/(\w+)"/g, '"#/components/schemas/$1"');
  const out = JSON.parse(text) as JsonObject;
  delete out.$defs;
  return out;
}

function objectProperties(schema: z.ZodMiniObject, convert: (s: AnySchema) => JsonObject): Array<[string, JsonObject, boolean]> {
  const shape = schema.def.shape as Record<string, AnySchema>;
  return Object.entries(shape).map(([name, property]) => {
    const optional = property._zod.optin === 'optional';
    const inner = optional && property instanceof z.ZodMiniOptional ? (property.def.innerType as AnySchema) : property;
    return [name, convert(inner), !optional];
  });
}

function headerParameter(header: RouteHeader, convert: (s: AnySchema) => JsonObject): JsonObject {
  return { name: header.name, in: 'header', required: header.required, description: header.description, schema: convert(header.schema) };
}

function operation(route: RouteDefinition, convert: (s: AnySchema) => JsonObject): JsonObject {
  const parameters: JsonObject[] = [];
  if (route.params) {
    for (const [name, schema] of objectProperties(route.params, convert)) parameters.push({ name, in: 'path', required: true, schema });
  }
  if (route.query) {
    for (const [name, schema, required] of objectProperties(route.query, convert)) parameters.push({ name, in: 'query', required, schema });
  }
  for (const header of route.headers ?? []) parameters.push(headerParameter(header, convert));

  const responses: Record<string, JsonObject> = {};
  for (const response of route.responses) {
    const entry: JsonObject = { description: response.description };
    if (response.headers?.length) {
      entry.headers = Object.fromEntries(
        response.headers.map((h) => [h.name, { description: h.description, required: h.required, schema: convert(h.schema) }]),
      );
    }
    if (response.schema) entry.content = { 'application/json': { schema: convert(response.schema) } };
    responses[String(response.status)] = entry;
  }
  const byStatus = new Map<number, string[]>();
  for (const error of route.errors)
    byStatus.set(error.status, [...(byStatus.get(error.status) ?? []), `\`${error.code}\`: ${error.description}`]);
  for (const [status, lines] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    const entry: JsonObject = {
      description: lines.join(' '),
      content: { 'application/problem+json': { schema: ref('Problem') } },
    };
    if (status === 429 || status === 503) {
      entry.headers = {
        'Retry-After': { description: 'Seconds to wait before retrying.', required: true, schema: { type: 'integer', minimum: 0 } },
      };
    }
    // Only the API-key routes answer with a Bearer challenge (a rating's missing owner proof or device does not).
    if ((status === 401 || status === 403) && route.security) {
      entry.headers = {
        'WWW-Authenticate': {
          description: 'The Bearer challenge (`error`, and `scope` on 403).',
          required: true,
          schema: { type: 'string' },
        },
      };
    }
    responses[String(status)] = entry;
  }

  const op: JsonObject = {
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    tags: [route.tag],
  };
  if (route.security) op.security = [{ [SECURITY_SCHEME]: [...route.security] }];
  if (parameters.length) op.parameters = parameters;
  if (route.body) op.requestBody = { required: true, content: { 'application/json': { schema: convert(route.body) } } };
  op.responses = responses;
  return op;
}

/**
 * The exact text of the committed `docs/openapi.json`: the document, 2-space indented, with a final newline.
 * @example
 * ```ts
 * writeFileSync('docs/openapi.json', openApiJson({ version: pkg.version }));
 * ```
 */
export function openApiJson(options: { serverUrl?: string; version?: string } = {}): string {
  return `${JSON.stringify(buildOpenApiDocument(options), null, 2)}\n`;
}
