import { MotcuaProcedureLookup } from './procedure-lookup.component.js';

export { MotcuaProcedureLookup };
MotcuaProcedureLookup.define('motcua-procedure-lookup');

declare global {
  interface HTMLElementTagNameMap {
    'motcua-procedure-lookup': MotcuaProcedureLookup;
  }
  interface GlobalEventHandlersEventMap {
    'motcua-search': CustomEvent<{ query: string; count: number }>;
    'motcua-procedure-select': CustomEvent<{ code: string }>;
  }
}
