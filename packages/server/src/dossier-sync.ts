/**
 * Pushed dossiers: the upsert of a whole dossier and the batch of dossier events, with the national status model
 * (1 → 2|3 → 4 ⇄ 5|6 → 9 → 10; 7 or 8 end any active state), idempotency by event id, events applied in the order
 * of their time, due dates from the working-day calendar. Status changes write `dossier.status_changed` outbox rows
 * in the same transaction.
 * @module
 */
import { createHash } from 'node:crypto';
import {
  channelName,
  DossierEvent,
  DossierUpsert,
  parseEventTime,
  statusName,
  type DossierEventBatchResult,
  type DossierEventResult,
  type DossierUpsertResult,
} from '@motcua/sdk/integration';
import { DOSSIER_STATUS_CODES, type DossierStatusValue, type DossierStep, type PendingAction } from '@motcua/sdk/schemas';
import type { Db, Queryable } from './db.js';
import { issuesToErrors } from './problem.js';
import { enqueuePushAlerts } from './push.js';
import { addStatsDeltaSql, STATS_BY_CALLER_SQL, StatsDelta, statsInputOfRow, statsInputOfState, type StatsInput } from './stats-delta.js';
import { dueDate, formatVn, type HolidayCalendar, workingHoursBetween, addWorkingHours } from './working-hours.js';

type Status = DossierStatusValue;

/** Which status may follow which (a status may also repeat). */
export const TRANSITIONS: Readonly<Record<Status, readonly Status[]>> = {
  submitted: ['received', 'not_accepted', 'processing', 'withdrawn', 'stopped'],
  received: ['processing', 'supplement_requested', 'payment_requested', 'resolved', 'withdrawn', 'stopped'],
  processing: ['supplement_requested', 'payment_requested', 'resolved', 'withdrawn', 'stopped'],
  supplement_requested: ['processing', 'withdrawn', 'stopped'],
  payment_requested: ['processing', 'resolved', 'withdrawn', 'stopped'],
  resolved: ['returned'],
  returned: [],
  not_accepted: [],
  withdrawn: [],
  stopped: [],
};

const ACTIVE: ReadonlySet<Status> = new Set(['submitted', 'received', 'processing', 'supplement_requested', 'payment_requested']);

/** Events may be at most this far ahead of the server's clock (clock skew of the source system). */
const FUTURE_TOLERANCE_MS = 24 * 3_600_000;

interface State {
  code: string;
  agency_code: string;
  procedure_code: string;
  procedure_name: string;
  status: Status;
  channel: string;
  result_delivery: string;
  submitted_at: Date;
  received_at: Date | null;
  due_at: Date | null;
  finished_at: Date | null;
  returned_at: Date | null;
  ended_at: Date | null;
  pending: PendingAction | null;
  reason: string | null;
  steps: DossierStep[];
  applicant_name: string;
  phone: string;
  due_source: 'source' | 'calendar' | null;
  status_at: Date | null;
}

interface ProcedureInfo {
  code: string;
  name: string;
  time: { value: number; unit: string } | null;
}

const iso = (d: Date | null): string | null => (d ? formatVn(d) : null);

async function loadProcedures(db: Queryable, codes: readonly string[]): Promise<Map<string, ProcedureInfo>> {
  const rows = await db.query<ProcedureRow>(
    `SELECT code, name, sector_name, data->'processingTime' AS time FROM procedures WHERE code = ANY($1::text[])`,
    [procedureKeys(codes)],
  );
  return procedureMap(rows);
}

interface ProcedureRow {
  code: string;
  name: string;
  sector_name: string;
  time: { value: number; unit: string } | null;
}

/** The catalog codes to read for these procedure codes: each, and its national part (`1.001193` of `1.001193.000.00`). */
const procedureKeys = (codes: readonly string[]): string[] => [...new Set(codes.flatMap((c) => [c, c.slice(0, 8)]))];

function procedureMap(rows: readonly ProcedureRow[]): Map<string, ProcedureInfo> {
  const map = new Map<string, ProcedureInfo>();
  for (const r of rows) {
    // As the generator does: certifications without a stated time take one working day.
    const time = r.time ?? (/chứng thực/i.test(r.sector_name) ? { value: 1, unit: 'working_day' } : null);
    map.set(r.code, { code: r.code, name: r.name, time });
  }
  return map;
}

const procedureOf = (map: Map<string, ProcedureInfo>, code: string): ProcedureInfo | undefined =>
  map.get(code) ?? map.get(code.slice(0, 8));

function computeDue(receivedAt: Date, procedure: ProcedureInfo | undefined, calendar: HolidayCalendar): Date | null {
  if (!procedure?.time || !(procedure.time.value > 0) || procedure.time.unit === 'other') return null;
  return dueDate(receivedAt, procedure.time, calendar);
}

const SELECT_STATE = `SELECT code, agency_code, procedure_code, procedure_name, status, channel, result_delivery, submitted_at, received_at,
  due_at, finished_at, returned_at, ended_at, pending, reason, steps, applicant_name, phone, due_source, status_at FROM dossiers`;

const STATE_DATES = ['submitted_at', 'received_at', 'due_at', 'finished_at', 'returned_at', 'ended_at', 'status_at'] as const;

/** A dossier's state read as JSON (`json_agg` of {@link SELECT_STATE} rows: one parse for a whole batch): dates revived. */
function stateOfJson(row: Record<string, unknown>): State {
  for (const k of STATE_DATES) if (typeof row[k] === 'string') row[k] = new Date(row[k] as string);
  return row as unknown as State;
}

/** Insert of the dossier states in parameter `$n` (a JSON array of {@link State}), without its conflict clause. */
const insertStatesSql = (
  n: number,
): string => `INSERT INTO dossiers (code, agency_code, procedure_code, procedure_name, status, channel, result_delivery, submitted_at,
       received_at, due_at, finished_at, returned_at, ended_at, pending, reason, steps, applicant_name, phone, demo, generated, due_source,
       status_at, updated_at)
     SELECT code, agency_code, procedure_code, procedure_name, status, channel, result_delivery, submitted_at, received_at, due_at,
       finished_at, returned_at, ended_at, pending, reason, steps, applicant_name, phone, false, false, due_source, status_at, now()
     FROM jsonb_to_recordset($${n}::jsonb) AS x(code text, agency_code text, procedure_code text, procedure_name text, status text,
       channel text, result_delivery text, submitted_at timestamptz, received_at timestamptz, due_at timestamptz,
       finished_at timestamptz, returned_at timestamptz, ended_at timestamptz, pending jsonb, reason text, steps jsonb,
       applicant_name text, phone text, due_source text, status_at timestamptz)`;

/** Upsert (create or replace) of the dossier states in parameter `$n`. */
const upsertStatesSql = (n: number): string => `${insertStatesSql(n)}
     ON CONFLICT (code) DO UPDATE SET agency_code = excluded.agency_code, procedure_code = excluded.procedure_code,
       procedure_name = excluded.procedure_name, status = excluded.status, channel = excluded.channel,
       result_delivery = excluded.result_delivery, submitted_at = excluded.submitted_at, received_at = excluded.received_at,
       due_at = excluded.due_at, finished_at = excluded.finished_at, returned_at = excluded.returned_at, ended_at = excluded.ended_at,
       pending = excluded.pending, reason = excluded.reason, steps = excluded.steps, applicant_name = excluded.applicant_name,
       phone = excluded.phone, demo = false, generated = false, due_source = excluded.due_source, status_at = excluded.status_at,
       updated_at = now()`;

async function saveStates(tx: Queryable, states: readonly State[]): Promise<void> {
  if (states.length === 0) return;
  await tx.query(upsertStatesSql(1), [JSON.stringify(states)]);
}

interface StatusChange {
  code: string;
  from: Status | null;
  to: Status;
  at: Date;
  dueAt: Date | null;
  eventId: string | null;
}

/** SQL: does agency `$1` have a webhook for status changes? */
const SUBSCRIBED = `EXISTS (SELECT 1 FROM webhooks WHERE agency_code = $1 AND removed_at IS NULL AND events ? 'dossier.status_changed')`;

/** Outbox rows for status changes; `subscribed` when the caller already knows that someone listens. */
async function enqueueStatusChanges(tx: Queryable, agency: string, changes: readonly StatusChange[], subscribed = false): Promise<void> {
  if (changes.length === 0) return;
  // Most agencies have no webhook: then there is nothing to write (and nothing to serialise).
  if (!subscribed && (await tx.query(`SELECT 1 WHERE ${SUBSCRIBED}`, [agency])).length === 0) return;
  const now = formatVn(new Date());
  const payloads = changes.map((c, i) => {
    const id = `evt_${createHash('sha256')
      .update(`${agency}|${c.code}|${c.eventId ?? ''}|${c.to}|${c.at.toISOString()}|${now}|${i}`)
      .digest('hex')
      .slice(0, 32)}`;
    return {
      event_id: id,
      payload: {
        id,
        type: 'dossier.status_changed',
        agency,
        createdAt: now,
        data: {
          code: c.code,
          from: c.from,
          to: c.to,
          statusCode: DOSSIER_STATUS_CODES[c.to],
          at: formatVn(c.at),
          dueAt: iso(c.dueAt),
          sourceEventId: c.eventId,
        },
      },
    };
  });
  await tx.query(
    `INSERT INTO outbox (event_id, webhook_id, agency_code, event_type, payload)
     SELECT x.event_id, w.id, w.agency_code, 'dossier.status_changed', x.payload
     FROM jsonb_to_recordset($2::jsonb) AS x(event_id text, payload jsonb)
     JOIN webhooks w ON w.agency_code = $1 AND w.removed_at IS NULL AND w.events ? 'dossier.status_changed'`,
    [agency, JSON.stringify(payloads)],
  );
}

/** One advisory lock per agency: batches and upserts of one agency run one at a time (ids and dossiers never race). */
const lockAgency = (tx: Queryable, agency: string): Promise<unknown> =>
  tx.query(`SELECT pg_advisory_xact_lock(726180, hashtext($1))`, [agency]);

export type UpsertOutcome =
  | { ok: true; result: DossierUpsertResult }
  | { ok: false; status: number; detail: string; errors: Array<{ path: string; message: string }> };

/** A validated upsert, ready to be written inside a transaction ({@link upsertDossierIn}). */
export interface PreparedUpsert {
  agency: string;
  code: string;
  input: DossierUpsert;
  status: Status;
  submittedAt: Date;
  receivedAt: Date | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  sourceDue: Date | null;
  steps: DossierStep[];
}

/** Checks the body of an upsert (schema, agency prefix, real times, none in the future) without touching the database. */
export function prepareUpsert(
  agency: string,
  code: string,
  body: unknown,
  now: Date,
): { ok: true; prepared: PreparedUpsert } | Extract<UpsertOutcome, { ok: false }> {
  const parsed = DossierUpsert.safeParse(body);
  if (!parsed.success)
    return { ok: false, status: 400, detail: 'Dữ liệu hồ sơ không hợp lệ.', errors: issuesToErrors(parsed.error.issues) };
  const input = parsed.data;
  if (!code.startsWith(`${agency}-`))
    return {
      ok: false,
      status: 400,
      detail: `Mã hồ sơ phải bắt đầu bằng mã đơn vị ${agency}.`,
      errors: [{ path: 'code', message: 'Mã hồ sơ thuộc đơn vị khác' }],
    };
  const times: Record<string, Date | null> = {};
  const errors: Array<{ path: string; message: string }> = [];
  const time = (path: string, value: string | undefined): Date | null => {
    if (value === undefined) return null;
    const t = parseEventTime(value);
    if (!t) errors.push({ path, message: 'Ngày giờ không có thật' });
    else if (t.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) errors.push({ path, message: 'Thời điểm ở tương lai' });
    return t ?? null;
  };
  for (const k of ['submittedAt', 'receivedAt', 'finishedAt', 'returnedAt'] as const) times[k] = time(k, input[k]);
  const sourceDue = input.dueAt === undefined ? null : parseEventTime(input.dueAt);
  if (input.dueAt !== undefined && !sourceDue) errors.push({ path: 'dueAt', message: 'Ngày giờ không có thật' });
  const steps: DossierStep[] = (input.steps ?? []).map((s, i) => {
    const startedAt = time(`steps.${i}.startedAt`, s.startedAt);
    const finishedAt = time(`steps.${i}.finishedAt`, s.finishedAt);
    const stepDue = s.dueAt === undefined ? null : parseEventTime(s.dueAt);
    return {
      name: s.name,
      unit: s.unit,
      startedAt: startedAt ? formatVn(startedAt) : s.startedAt,
      ...(finishedAt ? { finishedAt: formatVn(finishedAt) } : {}),
      ...(stepDue ? { dueAt: formatVn(stepDue) } : {}),
    };
  });
  if (errors.length) return { ok: false, status: 400, detail: 'Dữ liệu hồ sơ có ngày giờ không hợp lệ.', errors };
  const submittedAt = times.submittedAt as Date;
  const receivedAt = times.receivedAt ?? null;
  if (receivedAt && receivedAt < submittedAt)
    return {
      ok: false,
      status: 400,
      detail: 'Ngày tiếp nhận trước ngày nộp.',
      errors: [{ path: 'receivedAt', message: 'Trước ngày nộp' }],
    };
  return {
    ok: true,
    prepared: {
      agency,
      code,
      input,
      status: statusName(input.status),
      submittedAt,
      receivedAt,
      finishedAt: times.finishedAt ?? null,
      returnedAt: times.returnedAt ?? null,
      sourceDue: sourceDue ?? null,
      steps,
    },
  };
}

/** Fields of a stored dossier compared to tell an update from an unchanged row. */
const COMPARED: ReadonlyArray<keyof State> = [
  'procedure_code',
  'procedure_name',
  'status',
  'channel',
  'result_delivery',
  'submitted_at',
  'received_at',
  'due_at',
  'finished_at',
  'returned_at',
  'ended_at',
  'reason',
  'steps',
  'applicant_name',
  'phone',
  'due_source',
];

const comparable = (v: unknown): string => JSON.stringify(v instanceof Date ? v.getTime() : (v ?? null));

/**
 * Writes a prepared upsert inside the caller's transaction (which holds the agency's lock, see {@link lockAgencyTx}).
 * `unchanged` is true (and nothing is written) when the stored dossier already says the same.
 */
export async function upsertDossierIn(
  tx: Queryable,
  calendar: HolidayCalendar,
  prepared: PreparedUpsert,
): Promise<UpsertOutcome & { unchanged?: boolean }> {
  const { agency, code, input, status, submittedAt, receivedAt, sourceDue, steps } = prepared;
  const procedures = await loadProcedures(tx, [input.procedure.code]);
  const procedure = procedureOf(procedures, input.procedure.code);
  const procedureName = input.procedure.name ?? procedure?.name;
  if (!procedureName)
    return {
      ok: false as const,
      status: 400,
      detail: `Không có thủ tục ${input.procedure.code} trong danh mục: gửi kèm procedure.name.`,
      errors: [{ path: 'procedure.name', message: 'Thủ tục ngoài danh mục cần có tên' }],
    };
  const existing = (await tx.query<State>(`${SELECT_STATE} WHERE code = $1`, [code]))[0];
  let due: Date | null = sourceDue ?? null;
  let dueSource: State['due_source'] = sourceDue ? 'source' : null;
  if (!due && receivedAt && status !== 'not_accepted') {
    due = computeDue(receivedAt, procedure, calendar);
    if (due) dueSource = 'calendar';
  }
  const allTimes = [submittedAt, receivedAt, prepared.finishedAt, prepared.returnedAt, ...steps.map((s) => new Date(s.startedAt))].filter(
    (d): d is Date => d instanceof Date,
  );
  const statusAt = new Date(Math.max(...allTimes.map((d) => d.getTime())));
  const state: State = {
    code,
    agency_code: agency,
    procedure_code: input.procedure.code,
    procedure_name: procedureName,
    status,
    channel: channelName(input.channel),
    result_delivery: input.resultDelivery ?? 'counter',
    submitted_at: submittedAt,
    received_at: receivedAt,
    due_at: due,
    finished_at: prepared.finishedAt ?? (status === 'resolved' || status === 'returned' ? statusAt : null),
    returned_at: prepared.returnedAt ?? (status === 'returned' ? statusAt : null),
    ended_at: ['not_accepted', 'withdrawn', 'stopped'].includes(status) ? statusAt : null,
    pending:
      status === 'supplement_requested' || status === 'payment_requested'
        ? {
            kind: status === 'supplement_requested' ? 'supplement' : 'payment',
            requestedAt: formatVn(statusAt),
            note: input.reason ?? '',
          }
        : null,
    reason: input.reason ?? null,
    steps: steps.sort((a, b) => a.startedAt.localeCompare(b.startedAt)),
    applicant_name: input.applicant.name.normalize('NFC'),
    phone: input.applicant.phone,
    due_source: dueSource,
    status_at: statusAt,
  };
  const result = {
    code,
    created: !existing,
    status,
    statusCode: DOSSIER_STATUS_CODES[status],
    dueAt: iso(due),
    dueSource,
  };
  if (existing && existing.agency_code === agency && COMPARED.every((k) => comparable(existing[k]) === comparable(state[k])))
    return { ok: true as const, result, unchanged: true };
  await saveStates(tx, [state]);
  if (!existing || existing.status !== status) {
    await enqueueStatusChanges(tx, agency, [{ code, from: existing?.status ?? null, to: status, at: statusAt, dueAt: due, eventId: null }]);
    await enqueuePushAlerts(tx, [{ code, to: status, at: statusAt }]);
  }
  return { ok: true as const, result };
}

/** Takes the agency's lock inside a transaction: imports, batches and upserts of one agency run one at a time. */
export const lockAgencyTx = (tx: Queryable, agency: string): Promise<unknown> => lockAgency(tx, agency);

/** Creates or replaces one dossier. */
export async function upsertDossier(
  db: Db,
  calendar: HolidayCalendar,
  agency: string,
  code: string,
  body: unknown,
  now: Date,
): Promise<UpsertOutcome> {
  const checked = prepareUpsert(agency, code, body, now);
  if (!checked.ok) return checked;
  return db.transaction(async (tx) => {
    await lockAgency(tx, agency);
    return upsertDossierIn(tx, calendar, checked.prepared);
  });
}

const TARGET: Partial<Record<DossierEvent['type'], Status>> = {
  submitted: 'submitted',
  received: 'received',
  not_accepted: 'not_accepted',
  supplement_requested: 'supplement_requested',
  supplement_received: 'processing',
  payment_requested: 'payment_requested',
  paid: 'processing',
  resolved: 'resolved',
  returned: 'returned',
  withdrawn: 'withdrawn',
  stopped: 'stopped',
};

const STATUS_LABEL: Record<Status, string> = {
  submitted: '1 (chờ tiếp nhận)',
  received: '2 (đã tiếp nhận)',
  not_accepted: '3 (không tiếp nhận)',
  processing: '4 (đang xử lý)',
  supplement_requested: '5 (yêu cầu bổ sung)',
  payment_requested: '6 (yêu cầu nghĩa vụ tài chính)',
  withdrawn: '7 (công dân rút hồ sơ)',
  stopped: '8 (dừng xử lý)',
  resolved: '9 (đã có kết quả)',
  returned: '10 (đã trả kết quả)',
};

/** A dossier a batch was creating appeared meanwhile (written by another transaction): the batch is run again. */
class ConcurrentDossierInsert extends Error {
  override readonly name = 'ConcurrentDossierInsert';
}

const bodyHash = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('base64url');

/**
 * Applies a batch of events (already bounded to {@link MAX_EVENTS_PER_BATCH} items by the caller). One transaction;
 * every item gets its own result.
 */
export async function applyEvents(
  db: Db,
  calendar: HolidayCalendar,
  agency: string,
  items: readonly unknown[],
  now: Date,
): Promise<DossierEventBatchResult> {
  const results: DossierEventResult[] = items.map((item) => ({
    id: typeof (item as { id?: unknown })?.id === 'string' ? String((item as { id: string }).id).slice(0, 100) : '',
    result: 'rejected',
  }));
  const reject = (i: number, code: string, reason: string): void => {
    results[i] = { id: results[i]?.id ?? '', result: 'rejected', code, reason };
  };
  interface Valid {
    i: number;
    event: DossierEvent;
    at: Date;
    hash: string;
  }
  const valid: Valid[] = [];
  items.forEach((item, i) => {
    const parsed = DossierEvent.safeParse(item);
    if (!parsed.success) {
      const errors = issuesToErrors(parsed.error.issues);
      return reject(i, 'invalid', errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; '));
    }
    const event = parsed.data;
    const at = parseEventTime(event.at);
    if (!at) return reject(i, 'invalid', `at: ngày giờ không có thật (${event.at})`);
    if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return reject(i, 'invalid', 'at: thời điểm ở tương lai');
    for (const [path, value] of [
      ['dueAt', event.dueAt],
      ['step.dueAt', event.step?.dueAt],
      ['dossierInfo.submittedAt', event.dossierInfo?.submittedAt],
    ] as const)
      if (value !== undefined && !parseEventTime(value)) return reject(i, 'invalid', `${path}: ngày giờ không có thật`);
    if (!event.dossier.startsWith(`${agency}-`)) return reject(i, 'wrong_agency', `Hồ sơ ${event.dossier} không thuộc đơn vị ${agency}.`);
    if (event.type === 'status' && event.status === undefined) return reject(i, 'invalid', 'status: sự kiện status cần trường status');
    if ((event.type === 'step_started' || event.type === 'step_finished') && !event.step)
      return reject(i, 'invalid', 'step: sự kiện bước xử lý cần trường step');
    valid.push({ i, event, at, hash: bodyHash(event) });
  });

  let applied = 0;
  let duplicates = 0;
  // A dossier this batch creates may be inserted meanwhile by a writer that does not take the agency's lock (demo
  // seeding, direct SQL): the batch then rolls back and runs again on what is there.
  for (let attempt = 1; valid.length > 0; attempt++) {
    applied = 0;
    duplicates = 0;
    try {
      await applyValid();
      break;
    } catch (error) {
      if (!(error instanceof ConcurrentDossierInsert) || attempt >= 3) throw error;
    }
  }
  async function applyValid(): Promise<void> {
    await db.transaction(async (tx) => {
      await lockAgency(tx, agency);
      // Everything the batch needs, in one statement (one round trip; rows as one JSON value each): which ids were seen,
      // the dossiers' states, their procedures, and whether anyone subscribed to status changes. The dossiers are locked
      // until the end of the transaction: the daily totals' change is computed from these states.
      const codes = [...new Set(valid.map((v) => v.event.dossier))];
      const [read] = await tx.query<{
        seen: Array<[string, string]> | null;
        states: Array<Record<string, unknown>> | null;
        procedures: ProcedureRow[] | null;
        subscribed: boolean;
      }>(
        `SELECT
           (SELECT json_agg(json_build_array(event_id, body_hash)) FROM dossier_events
            WHERE agency_code = $1 AND event_id = ANY($2::text[])) AS seen,
           (SELECT json_agg(s) FROM (${SELECT_STATE} WHERE code = ANY($3::text[]) FOR UPDATE) s) AS states,
           (SELECT json_agg(p) FROM (SELECT code, name, sector_name, data->'processingTime' AS time FROM procedures
            WHERE code = ANY($4::text[])) p) AS procedures,
           ${SUBSCRIBED} AS subscribed`,
        [
          agency,
          valid.map((v) => v.event.id),
          codes,
          procedureKeys(valid.flatMap((v) => (v.event.dossierInfo ? [v.event.dossierInfo.procedure.code] : []))),
        ],
      );
      const seen = new Map(read?.seen ?? []);
      // The daily totals' inputs of the stored dossiers, read exactly before their times become dates (milliseconds).
      const before = new Map<string, StatsInput | undefined>();
      for (const row of read?.states ?? []) before.set(row.code as string, statsInputOfRow(row));
      const states = new Map((read?.states ?? []).map((row) => [row.code as string, stateOfJson(row)]));
      const procedures = procedureMap(read?.procedures ?? []);
      const changed = new Set<string>();
      const changes: StatusChange[] = [];
      const stored: Array<{
        event_id: string;
        dossier_code: string;
        type: string;
        at: string;
        body_hash: string;
        status_changed: boolean;
      }> = [];
      // In the order of event time (then as sent): out-of-order batches apply as they happened.
      const ordered = [...valid].sort((a, b) => a.at.getTime() - b.at.getTime() || a.i - b.i);
      for (const { i, event, at, hash } of ordered) {
        const previous = seen.get(event.id);
        if (previous !== undefined) {
          if (previous !== hash) {
            reject(i, 'id_reused', `Mã sự kiện ${event.id} đã được dùng cho một sự kiện khác.`);
            continue;
          }
          const state = states.get(event.dossier);
          results[i] = { id: event.id, result: 'duplicate', ...(state ? { status: state.status } : {}) };
          duplicates++;
          continue;
        }
        let state = states.get(event.dossier);
        const target = event.type === 'status' ? statusName(event.status ?? 'processing') : TARGET[event.type];
        if (!state) {
          const info = event.dossierInfo;
          if (!info || (target !== 'submitted' && target !== 'received' && target !== 'processing')) {
            reject(
              i,
              'unknown_dossier',
              `Chưa có hồ sơ ${event.dossier}: gửi sự kiện submitted/received kèm dossierInfo, hoặc PUT hồ sơ trước.`,
            );
            continue;
          }
          const procedure = procedureOf(procedures, info.procedure.code);
          const name = info.procedure.name ?? procedure?.name;
          if (!name) {
            reject(i, 'invalid', `Không có thủ tục ${info.procedure.code} trong danh mục: gửi kèm dossierInfo.procedure.name.`);
            continue;
          }
          const submittedAt = info.submittedAt ? (parseEventTime(info.submittedAt) as Date) : at;
          state = {
            code: event.dossier,
            agency_code: agency,
            procedure_code: info.procedure.code,
            procedure_name: name,
            status: 'submitted',
            channel: channelName(info.channel),
            result_delivery: info.resultDelivery ?? 'counter',
            submitted_at: submittedAt,
            received_at: null,
            due_at: null,
            finished_at: null,
            returned_at: null,
            ended_at: null,
            pending: null,
            reason: null,
            steps: [],
            applicant_name: info.applicant.name.normalize('NFC'),
            phone: info.applicant.phone,
            due_source: null,
            status_at: null,
          };
          // A new dossier starts at its first event (online: 1; in person: 2 or 4, received at once).
          state.status = target;
          applyEffects(state, event, at, target, calendar, procedure);
          if (target === 'processing' && !state.received_at) {
            state.received_at = at;
            state.due_at = computeDue(at, procedure, calendar);
            state.due_source = state.due_at ? 'calendar' : null;
          }
          state.status_at = at;
          states.set(event.dossier, state);
          changed.add(state.code);
          changes.push({ code: state.code, from: null, to: state.status, at, dueAt: state.due_at, eventId: event.id });
          stored.push({
            event_id: event.id,
            dossier_code: state.code,
            type: event.type,
            at: at.toISOString(),
            body_hash: hash,
            status_changed: true,
          });
          seen.set(event.id, hash);
          results[i] = { id: event.id, result: 'applied', status: state.status, statusChanged: true };
          applied++;
          continue;
        }
        const late = state.status_at !== null && at.getTime() < state.status_at.getTime();
        let statusChanged = false;
        const next: State = { ...state, steps: [...state.steps] };
        if (target && !late && target !== state.status) {
          if (!TRANSITIONS[state.status].includes(target)) {
            reject(
              i,
              'transition',
              `Không thể chuyển hồ sơ ${state.code} từ trạng thái ${STATUS_LABEL[state.status]} sang ${STATUS_LABEL[target]}.`,
            );
            continue;
          }
          statusChanged = true;
        }
        if (!target && (event.type === 'step_started' || event.type === 'step_finished') && !late) {
          if (event.type === 'step_started' && (state.status === 'received' || state.status === 'submitted')) statusChanged = true;
        }
        const procedure =
          statusChanged && target === 'received'
            ? procedureOf(await ensureProcedure(tx, procedures, state.procedure_code), state.procedure_code)
            : undefined;
        applyEffects(next, event, at, late ? undefined : target, calendar, procedure, late);
        if (statusChanged) {
          const to = target ?? 'processing';
          next.status = to;
          next.status_at = at;
          changes.push({ code: state.code, from: state.status, to, at, dueAt: next.due_at, eventId: event.id });
        } else if (!late && target === state.status) {
          next.status_at = at;
        }
        states.set(state.code, next);
        changed.add(state.code);
        stored.push({
          event_id: event.id,
          dossier_code: state.code,
          type: event.type,
          at: at.toISOString(),
          body_hash: hash,
          status_changed: statusChanged,
        });
        seen.set(event.id, hash);
        results[i] = { id: event.id, result: 'applied', status: next.status, statusChanged };
        applied++;
      }
      // The dossiers, the events and the change of the daily totals, in one statement. The totals: -before +after for each
      // dossier written, added once (the triggers leave this transaction's dossier writes to it), unless a stored time
      // could not be read exactly (then the triggers count the rows, as for every other writer).
      const created: State[] = [];
      const replaced: State[] = [];
      const delta = new StatsDelta();
      let exact = true;
      for (const code of changed) {
        const state = states.get(code) as State;
        if (before.has(code)) {
          replaced.push(state);
          const old = before.get(code);
          if (old) delta.add(old, -1);
          else exact = false;
        } else created.push(state);
        const after = statsInputOfState(state);
        if (after) delta.add(after, 1);
        else exact = false;
      }
      if (created.length || replaced.length || stored.length) {
        const [written] = await tx.query<{ created: number }>(
          `WITH ${exact ? `by_caller AS (SELECT ${STATS_BY_CALLER_SQL} AS flag),` : ''}
           created AS (${insertStatesSql(1)} ON CONFLICT (code) DO NOTHING RETURNING 1),
           replaced AS (${upsertStatesSql(4)} RETURNING 1),
           events AS (
             INSERT INTO dossier_events (agency_code, event_id, dossier_code, type, at, body_hash, status_changed)
             SELECT $2, event_id, dossier_code, type, at, body_hash, status_changed
             FROM jsonb_to_recordset($3::jsonb) AS x(event_id text, dossier_code text, type text, at timestamptz, body_hash text,
               status_changed boolean)
             RETURNING 1)
           ${exact ? `, totals AS (${addStatsDeltaSql(5)} RETURNING 1)` : ''}
           SELECT (SELECT count(*) FROM created)::int AS created, (SELECT count(*) FROM replaced)::int AS replaced,
             (SELECT count(*) FROM events)::int AS events
             ${exact ? ', (SELECT count(*) FROM by_caller)::int AS by_caller, (SELECT count(*) FROM totals)::int AS totals' : ''}`,
          [
            JSON.stringify(created),
            agency,
            JSON.stringify(stored),
            JSON.stringify(replaced),
            ...(exact ? [JSON.stringify(delta.rowsToWrite())] : []),
          ],
        );
        // Someone else created one of "our" new dossiers since the read: its row was kept, so run the batch again.
        if ((written?.created ?? 0) !== created.length) throw new ConcurrentDossierInsert();
      }
      if (read?.subscribed) await enqueueStatusChanges(tx, agency, changes, true);
      await enqueuePushAlerts(tx, changes);
    });
  }
  const rejected = results.filter((r) => r.result === 'rejected').length;
  return { results, applied, duplicates, rejected };
}

async function ensureProcedure(tx: Queryable, map: Map<string, ProcedureInfo>, code: string): Promise<Map<string, ProcedureInfo>> {
  if (procedureOf(map, code)) return map;
  for (const [k, v] of await loadProcedures(tx, [code])) map.set(k, v);
  return map;
}

/** The step a payment request opens and a `paid` event closes (the name the generated demo dossiers use too). */
export const PAYMENT_STEP = 'Nộp phí, lệ phí';
const PAYMENT_UNIT = 'Người nộp hồ sơ';

function normalisePayTo(payTo: NonNullable<DossierEvent['payTo']>): NonNullable<PendingAction['payTo']> {
  return {
    bankBin: payTo.bankBin,
    account: payTo.account,
    ...(payTo.accountName ? { accountName: payTo.accountName.normalize('NFC') } : {}),
    ...(payTo.bankName ? { bankName: payTo.bankName.normalize('NFC') } : {}),
  };
}

/** What an event does to a dossier besides its status: dates, pending action, steps, due date. */
function applyEffects(
  state: State,
  event: DossierEvent,
  at: Date,
  target: Status | undefined,
  calendar: HolidayCalendar,
  procedure: ProcedureInfo | undefined,
  late = false,
): void {
  const atText = formatVn(at);
  if (event.step) {
    const name = event.step.name;
    if (event.type === 'step_started' || (event.type !== 'step_finished' && !late)) {
      const stepDue = event.step.dueAt ? parseEventTime(event.step.dueAt) : undefined;
      state.steps.push({
        name,
        unit: event.step.unit ?? 'Bộ phận Một cửa',
        startedAt: atText,
        ...(stepDue ? { dueAt: formatVn(stepDue) } : {}),
      });
    } else {
      const open = [...state.steps].reverse().find((s) => s.name === name && !s.finishedAt && s.startedAt <= atText);
      if (open) open.finishedAt = atText;
      else state.steps.push({ name, unit: event.step.unit ?? 'Bộ phận Một cửa', startedAt: atText, finishedAt: atText });
    }
    state.steps.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    if (state.steps.length > 200) state.steps.splice(0, state.steps.length - 200);
  }
  const type = event.type === 'status' ? target : event.type;
  // Dates are filled by late events too (when still empty); status effects only by current ones.
  if ((type === 'received' || target === 'received') && !state.received_at) {
    state.received_at = at;
    const sourceDue = event.dueAt ? parseEventTime(event.dueAt) : undefined;
    if (sourceDue) {
      state.due_at = sourceDue;
      state.due_source = 'source';
    } else if (!state.due_at) {
      const due = computeDue(at, procedure, calendar);
      if (due) {
        state.due_at = due;
        state.due_source = 'calendar';
      }
    }
  } else if (event.type === 'received' && event.dueAt && state.due_source !== 'source') {
    const sourceDue = parseEventTime(event.dueAt);
    if (sourceDue) {
      state.due_at = sourceDue;
      state.due_source = 'source';
    }
  }
  if (type === 'paid' && !event.step) {
    // The payment step the request opened is closed by the payment, even when the event arrives late.
    const open = [...state.steps].reverse().find((s) => s.name === PAYMENT_STEP && !s.finishedAt && s.startedAt <= atText);
    if (open) open.finishedAt = atText;
  }
  if ((type === 'resolved' || type === 'returned') && !state.finished_at) state.finished_at = at;
  if (type === 'returned' && !state.returned_at) state.returned_at = at;
  if (late || !target) return;
  switch (target) {
    case 'supplement_requested':
    case 'payment_requested':
      state.pending = {
        kind: target === 'supplement_requested' ? 'supplement' : 'payment',
        requestedAt: atText,
        note: (event.note ?? '').normalize('NFC'),
        ...(event.amountVnd !== undefined ? { amountVnd: event.amountVnd } : {}),
        ...(target === 'payment_requested' && event.payTo ? { payTo: normalisePayTo(event.payTo) } : {}),
      };
      if (target === 'payment_requested' && !event.step) {
        state.steps.push({ name: PAYMENT_STEP, unit: PAYMENT_UNIT, startedAt: atText });
        state.steps.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
      }
      break;
    case 'processing':
      if (state.pending?.kind === 'supplement' && state.due_at && state.due_source === 'calendar') {
        // Time spent waiting for the supplement extends the due date.
        const paused = workingHoursBetween(new Date(state.pending.requestedAt), at, calendar);
        if (paused > 0) state.due_at = addWorkingHours(state.due_at, paused, calendar);
      }
      state.pending = null;
      break;
    case 'not_accepted':
    case 'withdrawn':
    case 'stopped':
      state.pending = null;
      state.ended_at = at;
      if (event.note) state.reason = event.note.normalize('NFC');
      break;
    case 'resolved':
    case 'returned':
      state.pending = null;
      break;
    default:
      break;
  }
  if (!ACTIVE.has(target) && target !== 'resolved' && target !== 'returned') state.pending = null;
}
