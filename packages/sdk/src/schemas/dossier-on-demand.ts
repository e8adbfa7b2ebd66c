/** What the dossier calls load on first use (a lazily loaded chunk in a bundle): their schemas and the dossier-code parser. @module */
export { DossierStatus, VerifyRequest } from './dossier.js';
export { DOSSIER_CODE_MESSAGES, parseDossierCode } from '../dossier-code.js';
