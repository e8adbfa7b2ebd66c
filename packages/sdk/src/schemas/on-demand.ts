/** The schemas the client loads on first use (one lazily loaded chunk in a bundle). @module */
export { Agency, AgencyList, SectorList } from './agency.js';
export { DossierStatus, VerifyRequest } from './dossier.js';
export { IdempotencyKey, Rating, RatingReceipt } from './rating.js';
export { ServiceStats, StatsQuery } from './stats.js';
