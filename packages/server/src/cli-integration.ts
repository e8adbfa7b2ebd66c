/**
 * CLI commands of the integration API: `keys`, `webhooks`, `outbox` (see `motcua-server help`).
 * @module
 */
import { configFromEnv } from './config.js';
import { createKey, listKeys, revokeKey } from './auth.js';
import { addWebhook, listOutbox, listWebhooks, outboxOptionsFromEnv, removeWebhook, retryOutbox } from './outbox.js';
import { openDatabase } from './server.js';
import { migrate, seed } from './store.js';
import { loadHolidayCalendar } from './working-hours.js';

const flag = (args: readonly string[], name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

const out = (line: string): void => void process.stdout.write(`${line}\n`);

/** Runs `keys|webhooks|outbox <sub> …`; returns the exit code. */
export async function integrationCommand(command: string, args: string[], usage: string): Promise<number> {
  const [sub, ...rest] = args;
  const config = configFromEnv();
  const db = await openDatabase(config);
  try {
    await migrate(db);
    await seed(db, loadHolidayCalendar(config.holidaysFile));
    const key = `${command} ${sub ?? ''}`.trim();
    switch (key) {
      case 'keys create': {
        const { key: secret, id } = await createKey(db, {
          name: flag(rest, '--name') ?? '',
          agencies: list(flag(rest, '--agency')),
          scopes: list(flag(rest, '--scope')),
        });
        process.stderr.write(`created key ${id}; it is shown only now, store it safely:\n`);
        out(secret);
        return 0;
      }
      case 'keys list': {
        for (const k of await listKeys(db))
          out(
            [
              k.id,
              k.revokedAt ? 'revoked' : 'active ',
              k.agencies.join(','),
              k.scopes.join(','),
              JSON.stringify(k.name),
              `last used ${k.lastUsedAt?.toISOString() ?? 'never'}`,
            ].join('  '),
          );
        return 0;
      }
      case 'keys revoke': {
        const id = rest[0];
        if (!id || !(await revokeKey(db, id))) {
          process.stderr.write(`keys revoke: no active key ${id ?? '(missing ID)'}\n`);
          return 1;
        }
        out(`revoked ${id}`);
        return 0;
      }
      case 'webhooks add': {
        const { id, secret } = await addWebhook(db, {
          agency: flag(rest, '--agency') ?? '',
          url: flag(rest, '--url') ?? '',
          events: list(flag(rest, '--events')),
          allowPrivate: outboxOptionsFromEnv().allowPrivate ?? false,
        });
        process.stderr.write(`added webhook ${id}; its signing secret is shown only now:\n`);
        out(secret);
        return 0;
      }
      case 'webhooks list': {
        for (const w of await listWebhooks(db)) out([w.id, w.agency, w.url, w.events.join(',')].join('  '));
        return 0;
      }
      case 'webhooks remove': {
        const id = rest[0];
        if (!id || !(await removeWebhook(db, id))) {
          process.stderr.write(`webhooks remove: no webhook ${id ?? '(missing ID)'}\n`);
          return 1;
        }
        out(`removed ${id}`);
        return 0;
      }
      case 'outbox list': {
        const rows = await listOutbox(db, rest.includes('--dead') ? 'dead' : undefined);
        for (const r of rows)
          out(
            [r.id, r.state.padEnd(9), r.type.padEnd(22), r.webhookId, `attempts ${r.attempts}`, r.eventId, r.lastError ?? '']
              .join('  ')
              .trimEnd(),
          );
        if (rows.length === 0) out(rest.includes('--dead') ? 'no dead deliveries' : 'the outbox is empty');
        return 0;
      }
      case 'outbox retry': {
        const id = rest[0];
        if (!id || !(await retryOutbox(db, id))) {
          process.stderr.write(`outbox retry: no dead delivery ${id ?? '(missing ID)'}\n`);
          return 1;
        }
        out(`re-queued ${id}`);
        return 0;
      }
      default:
        process.stderr.write(`unknown command ${key}\n${usage}\n`);
        return 2;
    }
  } finally {
    await db.close();
  }
}
