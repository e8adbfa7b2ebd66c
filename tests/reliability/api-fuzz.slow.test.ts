// API fuzzer, full run (npm run test:reliability): 10,000 generated malformed requests (wrong types, huge strings,
// deep JSON, invalid UTF-8, SQL and HTML injection, bad codes, bad headers, bad methods) plus raw malformed HTTP:
// zero 5xx, the server keeps answering (health checked every 500), valid data unchanged afterwards.
import { after, before, test } from 'node:test';
import { fuzz } from './fuzzer.js';
import { firstAgency, startReferenceServer, type ReferenceServer } from './helpers.js';

const COUNT = Number(process.env.MOTCUA_FUZZ_COUNT ?? 10_000);
const SEED = Number(process.env.MOTCUA_FUZZ_SEED ?? 61);

let server: ReferenceServer;
before(async () => {
  server = await startReferenceServer();
});
after(() => server?.stop());

test(
  `${COUNT.toLocaleString('en')} malformed requests (seed ${SEED}): zero 5xx, server keeps answering, data unchanged`,
  { timeout: 900_000 },
  async () => {
    await fuzz(server, await firstAgency(server.api), COUNT, SEED);
  },
);
