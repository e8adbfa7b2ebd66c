import { MotcuaSatisfaction, type RatingSubmitDetail, type RatingSyncDetail } from './satisfaction.component.js';

export * from './satisfaction.component.js';
export default MotcuaSatisfaction;

MotcuaSatisfaction.define('motcua-satisfaction');

declare global {
  interface HTMLElementTagNameMap {
    'motcua-satisfaction': MotcuaSatisfaction;
  }
  interface GlobalEventHandlersEventMap {
    'motcua-rating-submit': CustomEvent<RatingSubmitDetail>;
    'motcua-rating-sync': CustomEvent<RatingSyncDetail>;
  }
}
