/**
 * The motcua API contract: zod schemas shared by the client (to validate responses)
 * and the reference server (to validate requests).
 * @module
 */
export * from './common.js';
export * from './agency.js';
export * from './procedure.js';
export * from './dossier.js';
export * from './rating.js';
export * from './stats.js';
export * from './holidays.js';
export * from './directory.js';
export * from './push.js';
