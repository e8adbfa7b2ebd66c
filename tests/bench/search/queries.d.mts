/** Real queries, as citizens type them (the fixed ones, then every query of tests/search/queries.json). */
export declare const QUERIES: string[];
/** Full queries whose top result is reported for each library. */
export declare const TOP_QUERIES: string[];
