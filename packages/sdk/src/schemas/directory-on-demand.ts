/**
 * What the directory and provincial-statistics calls load on first use: their schemas and input checks, on top of the
 * on-demand schemas (re-exported, so the agency and statistics schemas they are built from stay in that one chunk
 * instead of being split into chunks of their own). @module
 */
export * from './on-demand.js';
export { AgencyDirectory, ProvinceStats } from './directory.js';
export { directoryQuery, provinceStatsRequest } from '../directory-input.js';
