/**
 * What the directory and provincial-statistics calls load on first use: their schemas and input checks (the agency and
 * statistics schemas they are built from come in the chunks those calls share with `getAgency` and `getStats`). @module
 */
export { AgencyDirectory, ProvinceStats } from './directory.js';
export { directoryQuery, provinceStatsRequest } from '../directory-input.js';
