// API fuzzer, full run (npm run test:reliability): 10,000 generated malformed requests (wrong types, huge strings,
// deep JSON, invalid UTF-8, SQL and HTML injection, bad codes, bad headers, bad methods) plus raw malformed HTTP:
// zero 5xx, the server keeps answering (health checked every 500), valid data unchanged afterwards.
import { fuzzTest } from './fuzzer.js';

fuzzTest({ count: 10_000, seed: 61, timeout: 900_000 });
