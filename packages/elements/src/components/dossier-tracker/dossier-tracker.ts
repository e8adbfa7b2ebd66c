import { MotcuaDossierTracker, type DossierErrorDetail, type DossierLoadDetail } from './dossier-tracker.component.js';

export * from './dossier-tracker.component.js';
export default MotcuaDossierTracker;

MotcuaDossierTracker.define('motcua-dossier-tracker');

declare global {
  interface HTMLElementTagNameMap {
    'motcua-dossier-tracker': MotcuaDossierTracker;
  }
  interface GlobalEventHandlersEventMap {
    'motcua-dossier-load': CustomEvent<DossierLoadDetail>;
    'motcua-dossier-error': CustomEvent<DossierErrorDetail>;
  }
}
