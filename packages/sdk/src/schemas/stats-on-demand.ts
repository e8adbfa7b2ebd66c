/** What the statistics call loads on first use (a lazily loaded chunk in a bundle). @module */
export { ServiceStats, StatsQuery } from './stats.js';
