/**
 * `@motcua/elements/all.js`: registers every `motcua-*` element (a page that uses most of them, or a quick prototype).
 * To bundle only what a page uses, import `@motcua/elements/components/<name>.js` for each tag instead.
 * @module
 */
import './components/portal/portal.js';
import './components/procedure-lookup/procedure-lookup.js';
import './components/qr-card/qr-card.js';
import './components/qr-sheet/qr-sheet.js';
import './components/dossier-tracker/dossier-tracker.js';
import './components/satisfaction/satisfaction.js';
import './components/service-stats/service-stats.js';
import './components/agency-picker/agency-picker.js';

export * from './index.js';
