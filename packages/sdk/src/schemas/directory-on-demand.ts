/** What the directory and provincial-statistics calls load on first use (their own chunk: other widgets never need it). @module */
export { AgencyDirectory, ProvinceStats } from './directory.js';
export { directoryQuery, provinceStatsRequest } from '../directory-input.js';
