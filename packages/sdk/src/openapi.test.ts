import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildOpenApiDocument, openApiJson } from './openapi.js';
import { routes } from './routes.js';
import { integrationRoutes } from './integration/routes.js';

test('docs/openapi.json is up to date with the schemas (run `npm run openapi` to regenerate)', () => {
  const committed = readFileSync(new URL('../../../docs/openapi.json', import.meta.url), 'utf8');
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(committed, openApiJson({ version }), 'docs/openapi.json is stale: run `npm run openapi`');
});

test('the document is OpenAPI 3.1 with one operation per route and resolvable references', () => {
  const doc = buildOpenApiDocument();
  assert.equal(doc.openapi, '3.1.0');
  const paths = doc.paths as Record<string, Record<string, { operationId: string }>>;
  for (const route of Object.values(routes)) {
    assert.equal(paths[route.path]?.[route.method]?.operationId, route.operationId, `${route.method} ${route.path}`);
  }
  const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
  const refs = JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? [];
  assert.ok(refs.length > 20);
  for (const ref of refs) assert.ok(schemas[ref.split('/').pop() ?? ''], `${ref} resolves`);
  assert.doesNotMatch(JSON.stringify(doc), /\$defs/);
});

test('the catalog route documents ETag and 304; ratings document Idempotency-Key, 201/200 and 409', () => {
  const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, Record<string, unknown>>> };
  const catalog = doc.paths['/agencies/{agency}/procedures/catalog']?.get as { responses: Record<string, { headers?: object }> };
  assert.ok(catalog.responses['200']?.headers && 'ETag' in catalog.responses['200'].headers);
  assert.ok(catalog.responses['304']);
  const rating = doc.paths['/ratings']?.post as { parameters: Array<{ name: string; required: boolean }>; responses: object };
  assert.deepEqual(
    rating.parameters.map((p) => [p.name, p.required]),
    [
      ['Idempotency-Key', true],
      ['Motcua-Owner-Proof', false],
      ['Motcua-Device', false],
    ],
  );
  assert.deepEqual(Object.keys(rating.responses).sort(), [
    '200',
    '201',
    '400',
    '401',
    '403',
    '404',
    '409',
    '413',
    '415',
    '422',
    '429',
    '503',
  ]);
});

test('request bodies are strict where the contract is strict (Rating rejects unknown fields)', () => {
  const doc = buildOpenApiDocument() as { components: { schemas: Record<string, { additionalProperties?: boolean }> } };
  assert.equal(doc.components.schemas.Rating?.additionalProperties, false);
});

test('the integration routes declare the bearer scheme with their scopes and answer 401/403; public routes need no key', () => {
  const doc = buildOpenApiDocument() as {
    paths: Record<string, Record<string, { security?: Array<Record<string, string[]>>; responses: Record<string, unknown> }>>;
    components: { securitySchemes?: Record<string, { type: string; scheme: string }> };
  };
  assert.deepEqual(
    { type: doc.components.securitySchemes?.apiKey?.type, scheme: doc.components.securitySchemes?.apiKey?.scheme },
    { type: 'http', scheme: 'bearer' },
  );
  for (const route of Object.values(integrationRoutes)) {
    const op = doc.paths[route.path]?.[route.method];
    assert.deepEqual(op?.security, [{ apiKey: [...route.security] }], route.operationId);
    assert.ok(op?.responses['401'] && op.responses['403'], route.operationId);
  }
  assert.deepEqual(doc.paths['/agencies/{agency}/dossier-events']?.post?.security, [{ apiKey: ['dossiers:write'] }]);
  for (const route of Object.values(routes)) assert.equal(doc.paths[route.path]?.[route.method]?.security, undefined, route.operationId);
});
