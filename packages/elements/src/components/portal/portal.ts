import { MotcuaPortal } from './portal.component.js';

export { MotcuaPortal };
MotcuaPortal.define('motcua-portal');

declare global {
  interface HTMLElementTagNameMap {
    'motcua-portal': MotcuaPortal;
  }
}
