import { MotcuaQrSheet } from './qr-sheet.component.js';

export { MotcuaQrSheet };
MotcuaQrSheet.define('motcua-qr-sheet');

declare global {
  interface HTMLElementTagNameMap {
    'motcua-qr-sheet': MotcuaQrSheet;
  }
}
