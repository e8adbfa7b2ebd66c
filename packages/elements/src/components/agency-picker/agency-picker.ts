import type { AdminUnit } from '@motcua/sdk';
import { MotcuaAgencyPicker } from './agency-picker.component.js';

export { MotcuaAgencyPicker };
MotcuaAgencyPicker.define('motcua-agency-picker');

declare global {
  interface HTMLElementTagNameMap {
    'motcua-agency-picker': MotcuaAgencyPicker;
  }
  interface GlobalEventHandlersEventMap {
    'motcua-agency-change': CustomEvent<{ unit: AdminUnit; agency: string; via: string | undefined }>;
  }
}
