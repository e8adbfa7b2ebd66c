/**
 * Fixed demo dossiers, one per status (plus an overdue one), that the reference server always holds.
 * Their codes are relative to today's date (Vietnam time) so that they stay fresh: the overdue one is overdue,
 * the processing one not yet due. Browser-safe (no Node imports): `import { DEMO_DOSSIERS } from '@motcua/server/demo-dossiers'`.
 * @module
 */
import type { DossierStatusValue, Timing } from '@motcua/sdk/schemas';

export const DEMO_AGENCY = '000.30.01.H17';
/** Sequence numbers 9001–9099 are reserved for demo dossiers; generated ones stay below 9000. */
export const DEMO_SEQUENCE_START = 9001;

export interface DemoDossierSpec {
  sequence: number;
  status: DossierStatusValue;
  /** The timing the dossier shows. */
  timing: Timing;
  /** Days before today (Vietnam time) of submission; the code's date. */
  daysAgo: number;
  /** Last four digits of the applicant's phone (for `POST /dossiers/{code}/verify`). */
  phoneLast4: string;
  applicantName: string;
  procedureCode: string;
  channel: 'online' | 'direct' | 'postal';
  note: string;
}

export interface DemoDossier extends DemoDossierSpec {
  code: string;
  date: string;
}

export const DEMO_DOSSIER_SPECS: readonly DemoDossierSpec[] = [
  {
    sequence: 9001,
    status: 'submitted',
    timing: 'in_progress',
    daysAgo: 0,
    phoneLast4: '2468',
    applicantName: 'Nguyễn Văn An',
    procedureCode: '1.001193',
    channel: 'online',
    note: 'Nộp trực tuyến, chờ tiếp nhận',
  },
  {
    sequence: 9002,
    status: 'received',
    timing: 'in_progress',
    daysAgo: 1,
    phoneLast4: '1357',
    applicantName: 'Trần Thị Bích Ngọc',
    procedureCode: '1.004873',
    channel: 'direct',
    note: 'Đã tiếp nhận tại quầy',
  },
  {
    sequence: 9003,
    status: 'not_accepted',
    timing: 'in_progress',
    daysAgo: 3,
    phoneLast4: '3690',
    applicantName: 'Lê Hoàng Minh',
    procedureCode: '1.001193',
    channel: 'online',
    note: 'Không tiếp nhận, có lý do',
  },
  {
    sequence: 9004,
    status: 'processing',
    timing: 'in_progress',
    daysAgo: 1,
    phoneLast4: '4512',
    applicantName: 'Phạm Quốc Bảo',
    procedureCode: '1.004222',
    channel: 'online',
    note: 'Đang xử lý, chưa đến hạn',
  },
  {
    sequence: 9005,
    status: 'supplement_requested',
    timing: 'in_progress',
    daysAgo: 4,
    phoneLast4: '5623',
    applicantName: 'Hoàng Thị Lan',
    procedureCode: '1.004222',
    channel: 'online',
    note: 'Yêu cầu bổ sung hồ sơ',
  },
  {
    sequence: 9006,
    status: 'payment_requested',
    timing: 'in_progress',
    daysAgo: 2,
    phoneLast4: '6734',
    applicantName: 'Võ Đức Thắng',
    procedureCode: '1.004222',
    channel: 'online',
    note: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  },
  {
    sequence: 9007,
    status: 'withdrawn',
    timing: 'in_progress',
    daysAgo: 6,
    phoneLast4: '7845',
    applicantName: 'Đặng Thị Mai',
    procedureCode: '1.001193',
    channel: 'direct',
    note: 'Công dân rút hồ sơ',
  },
  {
    sequence: 9008,
    status: 'stopped',
    timing: 'in_progress',
    daysAgo: 12,
    phoneLast4: '8956',
    applicantName: 'Bùi Văn Hùng',
    procedureCode: '1.004194',
    channel: 'online',
    note: 'Dừng xử lý',
  },
  {
    sequence: 9009,
    status: 'resolved',
    timing: 'early',
    daysAgo: 3,
    phoneLast4: '9067',
    applicantName: 'Ngô Thị Thu Hà',
    procedureCode: '1.004222',
    channel: 'online',
    note: 'Có kết quả, chờ trả (trước hạn)',
  },
  {
    sequence: 9010,
    status: 'returned',
    timing: 'on_time',
    daysAgo: 8,
    phoneLast4: '1078',
    applicantName: 'Dương Minh Tuấn',
    procedureCode: '1.004873',
    channel: 'direct',
    note: 'Đã trả kết quả (đúng hạn)',
  },
  {
    sequence: 9011,
    status: 'processing',
    timing: 'overdue',
    daysAgo: 30,
    phoneLast4: '2189',
    applicantName: 'Huỳnh Thị Yến',
    procedureCode: '1.004222',
    channel: 'online',
    note: 'Đang xử lý, quá hạn',
  },
];

const VN_OFFSET_MS = 7 * 3_600_000;

/** The demo dossiers for the Vietnam date of `now`. */
export function demoDossiers(now: Date = new Date()): DemoDossier[] {
  const today = Date.parse(new Date(now.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10) + 'T00:00:00Z');
  return DEMO_DOSSIER_SPECS.map((spec) => {
    const date = new Date(today - spec.daysAgo * 86_400_000).toISOString().slice(0, 10);
    const yymmdd = date.slice(2).replaceAll('-', '');
    return { ...spec, date, code: `${DEMO_AGENCY}-${yymmdd}-${String(spec.sequence).padStart(4, '0')}` };
  });
}

/** Today's demo dossiers (computed when the module loads). */
export const DEMO_DOSSIERS: readonly DemoDossier[] = demoDossiers();
