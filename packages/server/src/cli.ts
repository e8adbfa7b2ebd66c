#!/usr/bin/env node
/**
 * `motcua-server <command>`: see `USAGE` (`motcua-server help`). Configuration by environment variables (see README);
 * `--demo` (or `MOTCUA_DEMO=1`) selects demo mode for `start` and `seed`.
 * @module
 */
import { configFromEnv } from './config.js';
import { demoDossiers } from './demo-dossiers.js';
import { openDatabase, openDatabaseEarly } from './open-database.js';
import { readFileSync, statSync } from 'node:fs';
import { startPhase } from './start-log.js';
// Only small modules are imported up front: `start` begins opening the database (PGlite: its WebAssembly and the
// folder, most of a reopen) before the server's modules load, so that the two overlap; every command loads the
// modules it needs when it runs (import-dossiers alone loads ExcelJS, about a second of CPU).
const store = () => import('./store.js');
const holidays = async (config: ReturnType<typeof configFromEnv>) =>
  (await import('./working-hours.js')).loadHolidayCalendar(config.holidaysFile, config.holidaysExtraFile);

startPhase('cli modules loaded');

const USAGE = `Usage: motcua-server <command> [options]
  start [--demo]                 start the HTTP server (PORT, HOST, DATABASE_URL, MOTCUA_* variables); production mode
                                 serves real data only; --demo (or MOTCUA_DEMO=1) generates demo dossiers and serves the
                                 demo commune site
  migrate                        apply database migrations
  seed [--demo]                  seed agencies and procedures; with --demo also (re)generate today's demo dossier history
  import-catalog FILE [--agency CODE|all]…
                                 import a national-catalog JSONL file (.jsonl or .jsonl.gz); bad lines are reported and
                                 skipped (exit code 1 if any); with --agency, add every imported procedure to that
                                 agency's list ("all" = every agency)
  import-dossiers FILE.csv|FILE.xlsx --agency CODE [--mapping map.json] [--dry-run] [--skip-bad-rows] [--sheet NAME]
                                 import a commune's dossier register (Vietnamese headers, dd/MM/yyyy or Excel dates,
                                 statuses as words or codes 1–10) in one transaction; --dry-run reports per row what
                                 would happen; a bad row writes nothing unless --skip-bad-rows (every refused row is
                                 listed; exit code 1)
  conformance URL --key KEY --agency CODE
                                 check a deployment as a provincial system and the widgets use it: pushes a day of
                                 test dossier events (six dossiers, applicant "Kiểm thử tích hợp"), reads the public
                                 API, prints a pass/fail table (exit code 1 on any fail); use a staging deployment
  demo-dossiers                  print today's demo dossier codes with their phone digits
  keys create --agency CODE[,CODE…] --scope SCOPE[,SCOPE…] --name "…"
                                 create an API key (scopes: dossiers:write, ratings:read, catalog:write,
                                 directory:write); the key is printed once, only its hash is stored
  keys list                      list API keys (id, name, agencies, scopes, revoked)
  keys revoke ID                 revoke an API key at once
  webhooks add --agency CODE --url URL --events rating.created,dossier.status_changed
                                 register a webhook; prints its signing secret once (loopback/private URLs are
                                 refused unless MOTCUA_WEBHOOK_ALLOW_PRIVATE=1)
  webhooks list                  list webhooks
  webhooks remove ID             remove a webhook (its undelivered events are cancelled)
  outbox list [--dead]           recent webhook deliveries (--dead: only the dead-lettered ones)
  outbox retry ID                re-queue a dead delivery
  devices enrol --agency CODE --name NAME
                                 enrol a counter kiosk; prints its credential ONCE (only a hash is stored)
  devices list [--agency CODE]   list enrolled kiosks (id, agency, name, enrolled, last vote, revoked)
  devices revoke ID              revoke a kiosk: its votes are refused from now on
  agencies import FILE.csv       attach agency e-IDs to communes/wards of the directory: a CSV with the header
                                 gso_code,agency_code (e.g. 20320,000.30.01.H17); all or nothing, bad lines are listed
  stats rebuild                  recompute the daily statistics totals from the dossiers and ratings (they are kept
                                 exact by the database on every write; this repairs a bulk load that bypassed it)
  help                           print this list`;

/** `--demo` on the command line or MOTCUA_DEMO=1 in the environment. */
function configFor(args: readonly string[]): ReturnType<typeof configFromEnv> {
  const config = configFromEnv();
  return args.includes('--demo') ? { ...config, demo: true } : config;
}

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function devices(args: readonly string[]): Promise<number> {
  const [action, ...rest] = args;
  const config = configFromEnv();
  const [{ migrate }, { enrolDevice, formatCredential, listDevices, revokeDevice }] = await Promise.all([store(), import('./devices.js')]);
  const db = await openDatabase(config);
  try {
    await migrate(db);
    if (action === 'enrol' || action === 'enroll') {
      const agency = option(rest, '--agency') ?? '';
      const name = (option(rest, '--name') ?? '').trim();
      if (!/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/.test(agency) || !name || name.length > 100) {
        process.stderr.write('devices enrol: give --agency CODE (e.g. 000.30.01.H17) and --name "Quầy 1" (at most 100 characters)\n');
        return 2;
      }
      const known = await db.query('SELECT 1 FROM agencies WHERE code = $1', [agency]);
      if (known.length === 0) {
        process.stderr.write(`devices enrol: no agency ${agency} in this database (run \`motcua-server seed\` or import it first)\n`);
        return 1;
      }
      const { device, credential } = await enrolDevice(db, agency, name, config.deviceLimits);
      process.stdout.write(
        `Enrolled kiosk ${device.id} "${device.name}" for ${device.agency}.\n` +
          `Device credential (shown this once; only its hash is stored):\n\n  ${formatCredential(credential)}\n\n` +
          `On the kiosk, type it on the set-up screen of the satisfaction widget, or open the kiosk page once with\n` +
          `  …/kiosk#enrol=${formatCredential(credential)}\n`,
      );
      return 0;
    }
    if (action === 'list') {
      const list = await listDevices(db, option(rest, '--agency'));
      if (list.length === 0) process.stdout.write('no devices enrolled\n');
      for (const d of list)
        process.stdout.write(
          `${d.id}  ${d.agency}  ${JSON.stringify(d.name)}  enrolled ${d.createdAt.toISOString()}  ` +
            `last vote ${d.lastSeenAt?.toISOString() ?? '—'}${d.revokedAt ? `  REVOKED ${d.revokedAt.toISOString()}` : ''}${d.demo ? '  (demo)' : ''}\n`,
        );
      return 0;
    }
    if (action === 'revoke' && rest[0]) {
      if (!(await revokeDevice(db, rest[0]))) {
        process.stderr.write(`devices revoke: no active device ${rest[0]}\n`);
        return 1;
      }
      process.stdout.write(`revoked ${rest[0]}: its votes are refused from now on\n`);
      return 0;
    }
    process.stderr.write(`devices: unknown or incomplete command\n${USAGE}\n`);
    return 2;
  } finally {
    await db.close();
  }
}

async function agenciesCommand(args: readonly string[]): Promise<number> {
  const [action, file, ...rest] = args;
  if (action !== 'import' || !file || rest.length > 0) {
    process.stderr.write('usage: motcua-server agencies import FILE.csv (header gso_code,agency_code)\n');
    return 2;
  }
  const [{ migrate }, { AGENCY_CSV_MAX_BYTES, importAgencyCsv, loadDirectory }] = await Promise.all([store(), import('./directory.js')]);
  let text: string;
  try {
    if (statSync(file).size > AGENCY_CSV_MAX_BYTES) {
      process.stderr.write(`agencies import: ${file} is larger than ${AGENCY_CSV_MAX_BYTES} bytes\n`);
      return 1;
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`agencies import: cannot read ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  const config = configFromEnv();
  const db = await openDatabase(config);
  try {
    await migrate(db);
    await loadDirectory(db);
    const result = await importAgencyCsv(db, text);
    if (!result.ok) {
      for (const p of result.problems) process.stderr.write(`${file}:${p.line}: ${p.message}\n`);
      process.stderr.write(`agencies import: ${result.problems.length} bad line(s); nothing was changed\n`);
      return 1;
    }
    process.stdout.write(`attached ${result.attached} agency e-ID(s) to their communes/wards\n`);
    return 0;
  } finally {
    await db.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'start': {
      const unknown = args.filter((a) => a !== '--demo');
      if (unknown.length) {
        process.stderr.write(`start: unknown option ${unknown.join(' ')}\n${USAGE}\n`);
        return 2;
      }
      const overrides = args.includes('--demo') ? { demo: true } : {};
      // The database opens while the server's modules load (see the imports above).
      const early = openDatabaseEarly({ ...configFromEnv(), ...overrides });
      const { startServer } = await import('./server.js');
      startPhase('server modules loaded');
      const server = await startServer(overrides, process.env, early);
      const t = server.timings;
      if (server.seeded.removedDemo)
        process.stderr.write(`motcua-server: production mode: removed ${server.seeded.removedDemo} demo dossiers left by a demo run\n`);
      process.stdout.write(
        `motcua-server listening on ${server.url} (${server.db.kind}, ${server.demo ? 'demo' : 'production'} mode; ready in ${t.total} ms: ` +
          `open ${t.open} ms, migrate ${t.migrate} ms, seed ${t.seed} ms` +
          `${server.seeded.dossiers ? `, ${server.seeded.dossiers} dossiers generated` : ''})\n`,
      );
      let stopping = false;
      const stop = (signal: string): void => {
        if (stopping) return;
        stopping = true;
        process.stderr.write(`motcua-server: ${signal}, closing\n`);
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
        setTimeout(() => process.exit(1), 10_000).unref();
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
      return -1;
    }
    case 'migrate': {
      const { migrate } = await store();
      const db = await openDatabase(configFromEnv());
      try {
        const applied = await migrate(db);
        process.stdout.write(applied.length ? `applied ${applied.join(', ')}\n` : 'database is up to date\n');
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'seed': {
      const config = configFor(args);
      const { migrate, seed } = await store();
      const calendar = await holidays(config);
      const db = await openDatabase(config);
      try {
        await migrate(db);
        const now = config.now ? new Date(config.now) : new Date();
        const result = await seed(db, calendar, now, undefined, {
          demo: config.demo,
          ...(config.demoProvince ? { demoProvince: config.demoProvince } : {}),
        });
        if (result.removedDemo) process.stdout.write(`removed ${result.removedDemo} demo dossiers (production mode)\n`);
        process.stdout.write(
          result.regenerated
            ? `seeded (${result.dossiers} demo dossiers generated)\n`
            : result.seeded
              ? 'seeded (catalog and agencies)\n'
              : config.demo
                ? 'already seeded for today\n'
                : 'already seeded\n',
        );
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'import-catalog': {
      const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--agency');
      if (!file) {
        process.stderr.write(`import-catalog: missing FILE\n${USAGE}\n`);
        return 2;
      }
      const agencies: string[] = [];
      args.forEach((a, i) => {
        if (a === '--agency' && args[i + 1]) agencies.push(args[i + 1] as string);
      });
      const config = configFromEnv();
      const { migrate, seed, readSeedAgencies, SEED_DIR } = await store();
      const calendar = await holidays(config);
      const db = await openDatabase(config);
      try {
        await migrate(db);
        await seed(db, calendar);
        const targets = agencies.includes('all') ? readSeedAgencies(SEED_DIR).map((a) => a.code) : agencies;
        const { importCatalog, readCatalogFile } = await import('./catalog-import.js');
        const result = await importCatalog(db, readCatalogFile(file), targets);
        for (const e of result.errors.slice(0, 50)) process.stderr.write(`${file}:${e.line}: ${e.message}\n`);
        if (result.errors.length > 50) process.stderr.write(`… and ${result.errors.length - 50} more refused lines\n`);
        process.stdout.write(
          `imported ${result.imported} procedures, refused ${result.errors.length} line${result.errors.length === 1 ? '' : 's'}` +
            (targets.length ? ` (linked to ${targets.join(', ')})` : '') +
            '\n',
        );
        return result.errors.length ? 1 : 0;
      } finally {
        await db.close();
      }
    }
    case 'import-dossiers':
      return (await import('./cli-import.js')).importDossiersCommand(args, USAGE);
    case 'conformance':
      return (await import('./cli-conformance.js')).conformanceCommand(args, USAGE);
    case 'demo-dossiers': {
      for (const d of demoDossiers())
        process.stdout.write(`${d.code}  ${d.status.padEnd(20)} ${d.timing.padEnd(11)} phone …${d.phoneLast4}  ${d.note}\n`);
      return 0;
    }
    case 'keys':
    case 'webhooks':
    case 'outbox':
      return (await import('./cli-integration.js')).integrationCommand(command, args, USAGE);
    case 'devices':
      return devices(args);
    case 'stats':
      return (await import('./cli-stats.js')).statsCommand(args, USAGE);
    case undefined:
    case 'agencies':
      return agenciesCommand(args);
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`unknown command ${command}\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`motcua-server: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
