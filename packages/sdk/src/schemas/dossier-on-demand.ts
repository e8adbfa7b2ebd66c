/**
 * What the dossier calls load on first use (a lazily loaded chunk in a bundle): their schemas and the dossier-code
 * checker (its messages, in `dossier-code.ts`, load only for a code that is not valid). @module
 */
export { DossierStatus, VerifyRequest } from './dossier.js';
export { checkDossierCode } from '../dossier-code-check.js';
