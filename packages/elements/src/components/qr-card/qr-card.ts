import { MotcuaQrCard } from './qr-card.component.js';

export { MotcuaQrCard };
MotcuaQrCard.define('motcua-qr-card');

declare global {
  interface HTMLElementTagNameMap {
    'motcua-qr-card': MotcuaQrCard;
  }
}
