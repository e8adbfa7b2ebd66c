/** What the client loads on first use (one lazily loaded chunk in a bundle): schemas and the dossier-code parser. @module */
export { Agency, AgencyList, SectorList } from './agency.js';
export { DossierStatus, VerifyRequest } from './dossier.js';
export { DeviceCredential, IdempotencyKey, Rating, RatingReceipt } from './rating.js';
export { ServiceStats, StatsQuery } from './stats.js';
export { DOSSIER_CODE_MESSAGES, parseDossierCode } from '../dossier-code.js';
