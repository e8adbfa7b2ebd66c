/**
 * A dossier as the API shows it: the public view (anyone with the code) and the owner's view (after verification).
 * @module
 */
import { DOSSIER_STATUS_CODES, type DossierStatus, type DossierStatusValue, type Timing } from '@motcua/sdk/schemas';
import { maskName } from './generator.js';
import { formatVn, vnDate } from './working-hours.js';

export interface DossierDbRow {
  code: string;
  agency_code: string;
  agency_name: string | null;
  procedure_code: string;
  procedure_name: string;
  status: DossierStatusValue;
  channel: DossierStatus['channel'];
  result_delivery: DossierStatus['resultDelivery'];
  submitted_at: Date;
  received_at: Date | null;
  due_at: Date | null;
  finished_at: Date | null;
  returned_at: Date | null;
  pending: DossierStatus['pending'];
  reason: string | null;
  steps: DossierStatus['steps'];
  applicant_name: string;
  phone: string;
  rated: boolean;
}

/** A {@link DossierDbRow} as a json value from the database (`motcua_lookup_dossiers`): timestamps are ISO strings. */
export type DossierJsonRow = Omit<DossierDbRow, 'submitted_at' | 'received_at' | 'due_at' | 'finished_at' | 'returned_at'> & {
  submitted_at: string;
  received_at: string | null;
  due_at: string | null;
  finished_at: string | null;
  returned_at: string | null;
};

const dateOrNull = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

/** The {@link DossierDbRow} of a json row (PostgreSQL writes timestamps with their offset, which `Date` reads exactly). */
export function dossierRowOf(row: DossierJsonRow): DossierDbRow {
  return {
    ...row,
    submitted_at: new Date(row.submitted_at),
    received_at: dateOrNull(row.received_at),
    due_at: dateOrNull(row.due_at),
    finished_at: dateOrNull(row.finished_at),
    returned_at: dateOrNull(row.returned_at),
  };
}

const ACTIVE = new Set<DossierStatusValue>(['submitted', 'received', 'processing', 'payment_requested']);

export function timingOf(row: Pick<DossierDbRow, 'status' | 'due_at' | 'finished_at'>, now: Date): Timing {
  if (row.finished_at && row.due_at) {
    if (row.finished_at.getTime() > row.due_at.getTime()) return 'late';
    return vnDate(row.finished_at) === vnDate(row.due_at) ? 'on_time' : 'early';
  }
  if (row.finished_at) return 'early';
  if (ACTIVE.has(row.status) && row.due_at && row.due_at.getTime() < now.getTime()) return 'overdue';
  return 'in_progress';
}

const iso = (d: Date | null): string | null => (d ? formatVn(d) : null);

export function dossierView(row: DossierDbRow, view: 'public' | 'owner', now: Date): DossierStatus {
  const code = row.procedure_code.match(/^\d\.\d{6}(\.\d{2})?/)?.[0] ?? row.procedure_code;
  return {
    code: row.code,
    view,
    procedure: { code, name: row.procedure_name },
    agency: { code: row.agency_code, name: row.agency_name ?? row.agency_code },
    status: row.status,
    statusCode: DOSSIER_STATUS_CODES[row.status],
    submittedAt: formatVn(row.submitted_at),
    receivedAt: iso(row.received_at),
    dueAt: iso(row.due_at),
    finishedAt: iso(row.finished_at),
    returnedAt: iso(row.returned_at),
    timing: timingOf(row, now),
    channel: row.channel,
    resultDelivery: row.result_delivery,
    steps: row.steps,
    pending: row.pending,
    reason: row.reason,
    // Who rated what is nobody else's business: only the owner learns whether the dossier has been rated.
    ...(view === 'owner' ? { rated: row.rated, applicantName: maskName(row.applicant_name) } : {}),
  };
}
