/**
 * @motcua/server: the reference API server for motcua.
 * @module
 */
export { createApp, dossierView, timingOf, type AppOptions } from './app.js';
export { configFromEnv, type ServerConfig } from './config.js';
export { openDb, type Db, type DbOptions, type Queryable } from './db.js';
export { DEMO_AGENCY, DEMO_DOSSIERS, DEMO_DOSSIER_SPECS, demoDossiers, type DemoDossier } from './demo-dossiers.js';
export { maskName, createRandom, generateDay } from './generator.js';
export { importCatalog, parseCatalogJsonl } from './catalog-import.js';
export { migrate, seed } from './store.js';
export { startServer, type StartedServer } from './server.js';
export {
  addWorkingHours,
  dueDate,
  isWorkingDay,
  loadHolidayCalendar,
  parseHolidayCalendar,
  workingHoursBetween,
  type HolidayCalendar,
} from './working-hours.js';
