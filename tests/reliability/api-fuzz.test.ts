// API fuzzer, quick run (part of npm test): 2,000 generated malformed requests (wrong types, huge strings, deep JSON,
// invalid UTF-8, SQL and HTML injection, bad codes, bad headers, bad methods): zero 5xx, the server keeps answering,
// valid data unchanged. The full 10,000-request run is api-fuzz.slow.test.ts (npm run test:reliability).
import { after, before, test } from 'node:test';
import { fuzz } from './fuzzer.js';
import { firstAgency, startReferenceServer, type ReferenceServer } from './helpers.js';

const COUNT = Number(process.env.MOTCUA_FUZZ_COUNT ?? 2_000);
const SEED = Number(process.env.MOTCUA_FUZZ_SEED ?? 7);

let server: ReferenceServer;
before(async () => {
  server = await startReferenceServer();
});
after(() => server?.stop());

test(
  `${COUNT.toLocaleString('en')} malformed requests (seed ${SEED}): zero 5xx, server keeps answering, data unchanged`,
  { timeout: 300_000 },
  async () => {
    await fuzz(server, await firstAgency(server.api), COUNT, SEED);
  },
);
