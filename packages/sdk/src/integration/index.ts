/**
 * `@motcua/sdk/integration`: the integration client and schemas (API keys; dossiers and events in, ratings and
 * webhooks out). A separate entry, so widget pages never carry it. See docs/integration.md.
 * @example
 * ```ts
 * import { createIntegrationClient, verifyWebhookSignature } from '@motcua/sdk/integration';
 * ```
 * @module
 */
export { createIntegrationClient, type IntegrationClient, type IntegrationClientOptions } from './client.js';
export { integrationEndpoints, integrationRoutes } from './routes.js';
export * from './schemas.js';
export * from './catalog.js';
export * from './directory-unit.js';
export { verifyWebhookSignature, WEBHOOK_TOLERANCE_SECONDS } from './signature.js';
