/**
 * The motcua API contract: zod schemas shared by the client (to validate responses)
 * and the reference server (to validate requests).
 * @module
 */
export * from './common.js';
export * from './agency.js';
export * from './procedure.js';
export * from './dossier.js';
// Its own module, so the rating schemas (which use it) do not carry the dossier schemas in a bundle.
export * from './dossier-code-input.js';
export * from './rating.js';
export * from './stats.js';
export * from './holidays.js';
export * from './directory.js';
export * from './push.js';
