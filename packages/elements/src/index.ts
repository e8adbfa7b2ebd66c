/**
 * `@motcua/elements`: accessible Lit web components for Vietnamese commune public-service websites.
 * Importing this module registers every component; import `@motcua/elements/components/<name>/<name>.js`
 * to register only one.
 * @module
 */
export { MotcuaElement, type MotcuaEventMap } from './internal/motcua-element.js';
export { registerTranslation, registerDefaults, onTranslationChange, translate, formatLocale, DEFAULT_LANG } from './internal/i18n.js';
export type { Term, Translation } from './internal/i18n.js';
export { portalContext, type PortalContext } from './internal/context.js';
export {
  ConnectionController,
  ensureContextRoot,
  sharedClient,
  type ConnectionHost,
  type ConnectionProblem,
} from './internal/client-resolver.js';
export { buildVietQr, crc16ccitt, type VietQrInput, type VietQrResult } from './internal/vietqr.js';
export { MotcuaPortal } from './components/portal/portal.js';
export { MotcuaProcedureLookup } from './components/procedure-lookup/procedure-lookup.js';
export { MotcuaQrCard } from './components/qr-card/qr-card.js';
export { MotcuaQrSheet } from './components/qr-sheet/qr-sheet.js';
export { MotcuaDossierTracker } from './components/dossier-tracker/dossier-tracker.js';
export { MotcuaSatisfaction } from './components/satisfaction/satisfaction.js';
export { MotcuaServiceStats } from './components/service-stats/service-stats.js';
