// API fuzzer, quick run (part of npm test): 2,000 generated malformed requests (wrong types, huge strings, deep JSON,
// invalid UTF-8, SQL and HTML injection, bad codes, bad headers, bad methods): zero 5xx, the server keeps answering,
// valid data unchanged. The full 10,000-request run is api-fuzz.slow.test.ts (npm run test:reliability).
import { fuzzTest } from './fuzzer.js';

fuzzTest({ count: 2_000, seed: 7, timeout: 300_000 });
