import { MotcuaServiceStats } from './service-stats.component.js';

export * from './service-stats.component.js';
export default MotcuaServiceStats;

MotcuaServiceStats.define('motcua-service-stats');

declare global {
  interface HTMLElementTagNameMap {
    'motcua-service-stats': MotcuaServiceStats;
  }
}
