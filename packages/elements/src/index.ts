/**
 * `@motcua/elements`: accessible Lit web components for Vietnamese commune public-service websites.
 * This module exports the component classes, types and helpers and registers no element: import
 * `@motcua/elements/components/<name>.js` to register one tag (e.g. `components/procedure-lookup.js` defines
 * `<motcua-procedure-lookup>`), or `@motcua/elements/all.js` to register every one.
 * @module
 */
export { MotcuaElement, type MotcuaEventMap } from './internal/motcua-element.js';
export { registerTranslation, registerDefaults, onTranslationChange, translate, formatLocale, DEFAULT_LANG } from './internal/i18n.js';
export type { Term, Translation } from './internal/i18n.js';
export { registerLanguage, voiceTag, type LanguageOptions } from './internal/languages.js';
export { TEXT_SCALES, TEXT_SIZE_KEY, TEXT_SIZE_EVENT, textScale, setTextScale } from './internal/text-size.js';
export { portalContext, type PortalContext } from './internal/context.js';
export { ConnectionController, sharedClient, type ConnectionHost, type ConnectionProblem } from './internal/client-resolver.js';
export { ensureContextRoot } from './internal/portal-context.js';
export { buildVietQr, crc16ccitt, type VietQrInput, type VietQrResult } from './internal/vietqr.js';
export { MotcuaPortal } from './components/portal/portal.component.js';
export { MotcuaProcedureLookup } from './components/procedure-lookup/procedure-lookup.component.js';
export { MotcuaQrCard } from './components/qr-card/qr-card.component.js';
export { MotcuaQrSheet } from './components/qr-sheet/qr-sheet.component.js';
export { MotcuaDossierTracker } from './components/dossier-tracker/dossier-tracker.component.js';
export { MotcuaSatisfaction } from './components/satisfaction/satisfaction.component.js';
export { MotcuaServiceStats } from './components/service-stats/service-stats.component.js';
export { MotcuaAgencyPicker } from './components/agency-picker/agency-picker.component.js';
