/** What the agency and sector calls load on first use (a lazily loaded chunk in a bundle). @module */
export { Agency, AgencyList, SectorList } from './agency.js';
