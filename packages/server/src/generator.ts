/**
 * Deterministic dossier history: a seeded PRNG per agency and day produces the same dossiers for a day whatever
 * the day of generation; what "now" changes is only how far along each dossier's planned life has got.
 * @module
 */
import type {
  DossierStatusValue,
  DossierStep,
  PendingAction,
  ResultDelivery,
  SatisfactionLevel,
  SubmissionChannel,
} from '@motcua/sdk/schemas';
import { DEMO_AGENCY, DEMO_DOSSIER_SPECS, type DemoDossierSpec } from './demo-dossiers.js';
import { checkPart } from './dossier-code.js';
import { PAYMENT_STEP } from './dossier-sync.js';
import {
  addDays,
  addWorkingHours,
  dueDate,
  formatVn,
  type HolidayCalendar,
  isWorkingDay,
  vnDate,
  vnTime,
  workingHoursBetween,
} from './working-hours.js';

// ---------------------------------------------------------------- PRNG

/** FNV-1a hash of a string, as a 32-bit seed. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: small, fast, good enough for synthetic data, and the same on every platform. */
export function createRandom(seed: number | string): Random {
  let a = typeof seed === 'string' ? hashSeed(seed) : seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    chance: (p) => next() < p,
  };
}

// ---------------------------------------------------------------- people

const FAMILY = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 5],
  ['Huỳnh', 4],
  ['Phan', 4],
  ['Vũ', 3.9],
  ['Võ', 3.5],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Trương', 1],
  ['Đinh', 0.8],
  ['Mai', 0.5],
  ['Lương', 0.5],
] as const;
const MIDDLE_MALE = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Gia', 'Hoàng', 'Xuân', 'Ngọc', 'Trọng', 'Anh'];
const MIDDLE_FEMALE = ['Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Kim', 'Thị Thu', 'Hồng', 'Bích', 'Phương', 'Mỹ'];
const GIVEN_MALE = [
  'An',
  'Bảo',
  'Bình',
  'Cường',
  'Dũng',
  'Duy',
  'Hải',
  'Hiếu',
  'Hòa',
  'Hùng',
  'Huy',
  'Khánh',
  'Khoa',
  'Long',
  'Minh',
  'Nam',
  'Nghĩa',
  'Phong',
  'Phúc',
  'Quang',
  'Quân',
  'Sơn',
  'Tài',
  'Thắng',
  'Thành',
  'Thịnh',
  'Trung',
  'Tuấn',
  'Tùng',
  'Việt',
  'Vinh',
];
const GIVEN_FEMALE = [
  'Anh',
  'Châu',
  'Dung',
  'Giang',
  'Hà',
  'Hạnh',
  'Hằng',
  'Hiền',
  'Hoa',
  'Hương',
  'Huyền',
  'Lan',
  'Liên',
  'Linh',
  'Loan',
  'Mai',
  'My',
  'Nga',
  'Ngân',
  'Ngọc',
  'Nhung',
  'Oanh',
  'Phương',
  'Quyên',
  'Tâm',
  'Thảo',
  'Thủy',
  'Trang',
  'Trinh',
  'Vân',
  'Vy',
  'Yến',
];
const FAMILY_TOTAL = FAMILY.reduce((s, [, w]) => s + w, 0);

export function randomName(rng: Random): string {
  let r = rng.next() * FAMILY_TOTAL;
  let family: string = FAMILY[0][0];
  for (const [name, weight] of FAMILY) {
    r -= weight;
    if (r <= 0) {
      family = name;
      break;
    }
  }
  const female = rng.chance(0.52);
  const middle = rng.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE);
  const given = rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
  return `${family} ${middle} ${given}`;
}

const MOBILE_PREFIXES = [
  '032',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '039',
  '070',
  '076',
  '077',
  '078',
  '079',
  '081',
  '083',
  '084',
  '085',
  '086',
  '088',
  '090',
  '091',
  '093',
  '094',
  '096',
  '097',
  '098',
];

export function randomPhone(rng: Random): string {
  let rest = '';
  for (let i = 0; i < 7; i++) rest += String(rng.int(0, 9));
  return rng.pick(MOBILE_PREFIXES) + rest;
}

/**
 * Masks a person's name for the owner view: the family name stays, every other word keeps its first letter,
 * e.g. `Nguyễn Văn An` → `Nguyễn V** A**`.
 */
export function maskName(name: string): string {
  const words = name.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const initial = (word: string): string => `${Array.from(word)[0] ?? ''}**`;
  if (words.length === 1) return initial(words[0] ?? '');
  return [words[0], ...words.slice(1).map(initial)].join(' ');
}

// ---------------------------------------------------------------- dossiers

export interface ProcedureRef {
  code: string;
  name: string;
  sectorName: string;
  processingTime: { value: number; unit: string } | null;
  feeMaxVnd: number | null;
  /** Relative share of the daily volume. */
  weight: number;
}

export interface DossierRow {
  code: string;
  agency_code: string;
  procedure_code: string;
  procedure_name: string;
  status: DossierStatusValue;
  channel: SubmissionChannel;
  result_delivery: ResultDelivery;
  submitted_at: string;
  received_at: string | null;
  due_at: string | null;
  finished_at: string | null;
  returned_at: string | null;
  ended_at: string | null;
  pending: PendingAction | null;
  reason: string | null;
  steps: DossierStep[];
  applicant_name: string;
  phone: string;
  demo: boolean;
}

export interface RatingRow {
  id: string;
  idempotency_key: string;
  body_hash: string;
  agency_code: string;
  dossier_code: string;
  overall: SatisfactionLevel;
  channel: 'kiosk' | 'online';
  rated_at: string;
  received_at: string;
}

interface PlannedEvent {
  at: Date;
  status: DossierStatusValue;
}

interface PlannedStep {
  name: string;
  unit: string;
  start: Date;
  end?: Date;
  due?: Date;
}

interface Plan {
  submitted: Date;
  received: Date | null;
  due: Date | null;
  finished: Date | null;
  returned: Date | null;
  ended: Date | null;
  events: PlannedEvent[];
  steps: PlannedStep[];
  pending: Array<{ from: Date; to: Date | null; action: PendingAction }>;
  reason: string | null;
}

/**
 * The fee account of demo dossiers awaiting payment. Not a real account: the holder's name says so, so that nobody who
 * scans the demo's VietQR code transfers money anywhere.
 */
const DEMO_PAY_TO = {
  bankBin: '970415',
  account: '000000000000',
  accountName: 'TAI KHOAN MINH HOA - KHONG CHUYEN TIEN',
  bankName: 'VietinBank',
};

const NOT_ACCEPTED_REASONS = [
  'Hồ sơ không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã; đề nghị nộp tại cơ quan có thẩm quyền.',
  'Thành phần hồ sơ không đúng quy định; giấy tờ đính kèm không đọc được.',
  'Người nộp đã nộp trùng hồ sơ cho cùng một yêu cầu.',
];
const WITHDRAWN_REASONS = ['Công dân có đơn xin rút hồ sơ để hoàn thiện lại giấy tờ.', 'Công dân không còn nhu cầu giải quyết.'];
const STOPPED_REASONS = [
  'Dừng xử lý theo đề nghị của cơ quan phối hợp do có tranh chấp liên quan.',
  'Dừng xử lý do người yêu cầu không bổ sung hồ sơ trong thời hạn.',
];
const SUPPLEMENT_NOTES = [
  'Bổ sung bản sao Giấy khai sinh có chứng thực.',
  'Bổ sung Giấy xác nhận của Công an xã về nơi cư trú.',
  'Tờ khai còn thiếu chữ ký của người yêu cầu; đề nghị ký và nộp lại.',
  'Bổ sung giấy tờ chứng minh chỗ ở hợp pháp.',
];

function handlerUnit(sectorName: string): string {
  if (/hộ tịch|chứng thực|nuôi con|hòa giải/i.test(sectorName)) return 'Công chức Tư pháp - Hộ tịch';
  if (/cư trú|căn cước/i.test(sectorName)) return 'Công an xã';
  if (/đất|xây dựng|môi trường|nước|khoáng/i.test(sectorName)) return 'Phòng Kinh tế';
  if (/bảo trợ|người có công|lao động|giảm nghèo|trẻ em|việc làm/i.test(sectorName)) return 'Phòng Văn hóa - Xã hội';
  return 'Văn phòng HĐND và UBND';
}

function workHours(time: { value: number; unit: string } | null): number {
  if (!time) return 24;
  switch (time.unit) {
    case 'hour':
      return Math.max(1, time.value);
    case 'month':
      return time.value * 22 * 8;
    default:
      return Math.max(4, time.value * 8);
  }
}

interface PlanOptions {
  channel: SubmissionChannel;
  submitted: Date;
  procedure: ProcedureRef;
  calendar: HolidayCalendar;
  rng: Random;
  /** Forces an outcome (demo dossiers). */
  force?: DemoDossierSpec;
  now: Date;
}

function planDossier(o: PlanOptions): Plan {
  const { rng, calendar, procedure } = o;
  const time = procedure.processingTime ?? { value: 3, unit: 'working_day' };
  const hours = workHours(procedure.processingTime);
  const unit = handlerUnit(procedure.sectorName);
  const force = o.force;
  const plan: Plan = {
    submitted: o.submitted,
    received: null,
    due: null,
    finished: null,
    returned: null,
    ended: null,
    events: [],
    steps: [],
    pending: [],
    reason: null,
  };
  const online = o.channel === 'online';
  const h = (from: Date, n: number): Date => addWorkingHours(from, n, calendar);

  if (online) {
    plan.events.push({ at: o.submitted, status: 'submitted' });
    if (force?.status === 'submitted') {
      plan.steps.push({ name: 'Nộp hồ sơ trực tuyến', unit: 'Cổng Dịch vụ công quốc gia', start: o.submitted });
      return plan;
    }
  }
  const received = online ? h(o.submitted, rng.between(0.25, 4)) : o.submitted;
  if (online) plan.steps.push({ name: 'Nộp hồ sơ trực tuyến', unit: 'Cổng Dịch vụ công quốc gia', start: o.submitted, end: received });
  const notAccepted = force ? force.status === 'not_accepted' : online && rng.chance(0.025);
  if (notAccepted) {
    plan.ended = received;
    plan.reason = rng.pick(NOT_ACCEPTED_REASONS);
    plan.events.push({ at: received, status: 'not_accepted' });
    plan.steps.push({ name: 'Không tiếp nhận hồ sơ', unit: 'Bộ phận Một cửa', start: received, end: received });
    return plan;
  }
  plan.received = received;
  plan.events.push({ at: received, status: 'received' });
  const processingStart = h(received, rng.between(0.1, 1));
  plan.steps.push({
    name: 'Tiếp nhận hồ sơ',
    unit: 'Bộ phận Một cửa',
    start: received,
    end: force?.status === 'received' ? undefined : processingStart,
  });
  plan.due = dueDate(received, time, calendar);
  if (force?.status === 'received') return plan;
  plan.events.push({ at: processingStart, status: 'processing' });

  // Outcome.
  const r = rng.next();
  const outcome: 'withdrawn' | 'stopped' | 'done' = force
    ? force.status === 'withdrawn'
      ? 'withdrawn'
      : force.status === 'stopped'
        ? 'stopped'
        : 'done'
    : r < 0.012
      ? 'withdrawn'
      : r < 0.017
        ? 'stopped'
        : 'done';
  const supplement = force ? force.status === 'supplement_requested' : rng.chance(0.06);
  const payment = force ? force.status === 'payment_requested' : (procedure.feeMaxVnd ?? 0) > 0 && rng.chance(0.3);
  const late = force ? force.timing === 'late' || force.timing === 'overdue' : rng.chance(0.013);

  let cursor = processingStart;
  const pauses: Array<[Date, Date]> = [];
  const steps: PlannedStep[] = [];
  let examine: PlannedStep = { name: 'Thẩm định, xử lý hồ sơ', unit, start: processingStart };
  steps.push(examine);

  if (supplement) {
    const asked = h(cursor, Math.max(0.5, hours * rng.between(0.1, 0.4)));
    const answered = force ? null : h(asked, rng.between(4, 48));
    examine.end = asked;
    const note = rng.pick(SUPPLEMENT_NOTES);
    plan.events.push({ at: asked, status: 'supplement_requested' });
    plan.pending.push({ from: asked, to: answered, action: { kind: 'supplement', requestedAt: formatVn(asked), note } });
    steps.push({ name: 'Chờ công dân bổ sung hồ sơ', unit: 'Người nộp hồ sơ', start: asked, ...(answered ? { end: answered } : {}) });
    if (!answered) {
      plan.steps.push(...steps);
      return plan;
    }
    pauses.push([asked, answered]);
    plan.events.push({ at: answered, status: 'processing' });
    examine = { name: 'Thẩm định, xử lý hồ sơ (sau bổ sung)', unit, start: answered };
    steps.push(examine);
    cursor = answered;
  }
  plan.due = dueDate(received, time, calendar, pauses);

  if (outcome !== 'done') {
    const at = h(cursor, Math.max(0.5, hours * rng.between(0.1, 0.5)));
    examine.end = at;
    plan.ended = at;
    plan.reason = rng.pick(outcome === 'withdrawn' ? WITHDRAWN_REASONS : STOPPED_REASONS);
    plan.events.push({ at, status: outcome });
    steps.push({ name: outcome === 'withdrawn' ? 'Công dân rút hồ sơ' : 'Dừng xử lý hồ sơ', unit: 'Bộ phận Một cửa', start: at, end: at });
    plan.steps.push(...steps);
    return plan;
  }

  if (payment) {
    const asked = h(cursor, Math.max(0.25, hours * rng.between(0.05, 0.3)));
    const paid = force ? null : h(asked, rng.between(0.5, 16));
    const amount = procedure.feeMaxVnd && procedure.feeMaxVnd > 0 ? procedure.feeMaxVnd : 20_000;
    examine.end = asked;
    plan.events.push({ at: asked, status: 'payment_requested' });
    plan.pending.push({
      from: asked,
      to: paid,
      action: {
        kind: 'payment',
        requestedAt: formatVn(asked),
        note: `Nộp lệ phí ${amount.toLocaleString('vi-VN')} đồng tại quầy hoặc chuyển khoản.`,
        amountVnd: amount,
        payTo: DEMO_PAY_TO,
      },
    });
    steps.push({ name: PAYMENT_STEP, unit: 'Người nộp hồ sơ', start: asked, ...(paid ? { end: paid } : {}) });
    if (!paid) {
      plan.steps.push(...steps);
      return plan;
    }
    pauses.push([asked, paid]);
    plan.due = dueDate(received, time, calendar, pauses);
    plan.events.push({ at: paid, status: 'processing' });
    examine = { name: 'Thẩm định, xử lý hồ sơ', unit, start: paid };
    steps.push(examine);
    cursor = paid;
  }

  const due = plan.due;
  if (force?.status === 'processing') {
    examine.due = due;
    plan.steps.push(...steps);
    return plan;
  }
  let finished: Date;
  if (late) {
    finished = h(due, rng.between(1, 24));
  } else if (force?.timing === 'on_time') {
    // Half an hour of working time before the due date (not across a lunch break or a night), else the due date itself.
    const left = workingHoursBetween(cursor, due, calendar);
    finished = left > 0.5 ? h(cursor, left - 0.5) : due;
    if (vnDate(finished) !== vnDate(due)) finished = due;
  } else {
    const elapsed = workingHoursBetween(received, cursor, calendar);
    const paused = pauses.reduce((s, [a, b]) => s + workingHoursBetween(a, b, calendar), 0);
    const target = Math.max(elapsed - paused + 0.25, hours * rng.between(force ? 0.2 : 0.3, force ? 0.3 : 1));
    finished = h(received, target + paused);
    if (finished.getTime() > due.getTime()) finished = due;
  }
  // Work resumed (after a supplement or payment) too close to the due date: it finishes when it can.
  if (finished.getTime() <= cursor.getTime()) finished = h(cursor, 0.25);
  // Approval starts three quarters of the way through the working time (never in a night or a lunch break).
  const approve = h(cursor, Math.round(workingHoursBetween(cursor, finished, calendar) * 0.75 * 60) / 60);
  examine.end = approve;
  examine.due = due;
  steps.push({ name: 'Phê duyệt, ký kết quả', unit: 'Lãnh đạo UBND', start: approve, end: finished });
  plan.finished = finished;
  plan.events.push({ at: finished, status: 'resolved' });
  if (force?.status === 'resolved') {
    steps.push({ name: 'Trả kết quả', unit: 'Bộ phận Một cửa', start: finished });
    plan.steps.push(...steps);
    return plan;
  }
  const returned = h(finished, force ? 1 : rng.chance(0.9) ? rng.between(0.5, 16) : rng.between(16, 80));
  plan.returned = returned;
  plan.events.push({ at: returned, status: 'returned' });
  steps.push({ name: 'Trả kết quả', unit: 'Bộ phận Một cửa', start: finished, end: returned });
  plan.steps.push(...steps);
  return plan;
}

/** The dossier as it stands at `now` (events after `now` have not happened yet). */
function materialise(
  plan: Plan,
  now: Date,
): Omit<
  DossierRow,
  'code' | 'agency_code' | 'procedure_code' | 'procedure_name' | 'channel' | 'result_delivery' | 'applicant_name' | 'phone' | 'demo'
> {
  const t = now.getTime();
  const happened = (d: Date | null | undefined): d is Date => d !== null && d !== undefined && d.getTime() <= t;
  let status: DossierStatusValue = plan.events[0]?.status ?? 'submitted';
  for (const e of plan.events) if (e.at.getTime() <= t) status = e.status;
  const pending = plan.pending.find((p) => p.from.getTime() <= t && (p.to === null || p.to.getTime() > t));
  const terminal = status === 'not_accepted' || status === 'withdrawn' || status === 'stopped';
  return {
    status,
    submitted_at: plan.submitted.toISOString(),
    received_at: happened(plan.received) ? plan.received.toISOString() : null,
    due_at: happened(plan.received) && plan.due ? plan.due.toISOString() : null,
    finished_at: happened(plan.finished) ? plan.finished.toISOString() : null,
    returned_at: happened(plan.returned) ? plan.returned.toISOString() : null,
    ended_at: happened(plan.ended) ? plan.ended.toISOString() : null,
    pending: pending && (status === 'supplement_requested' || status === 'payment_requested') ? pending.action : null,
    reason: terminal ? plan.reason : null,
    steps: plan.steps
      .filter((s) => s.start.getTime() <= t)
      .map((s) => ({
        name: s.name,
        unit: s.unit,
        startedAt: formatVn(s.start),
        ...(s.end && s.end.getTime() <= t ? { finishedAt: formatVn(s.end) } : {}),
        ...(s.due ? { dueAt: formatVn(s.due) } : {}),
      })),
  };
}

export interface GeneratorAgency {
  code: string;
  /** Mean dossiers per working day (20–100). */
  dailyVolume: number;
}

/** The dossier code: `{agency e-ID}-{yyMMdd}-{NNNN}`. */
export function dossierCode(agency: string, date: string, sequence: number): string {
  return `${agency}-${date.slice(2).replaceAll('-', '')}-${String(sequence).padStart(4, '0')}`;
}

function pickWeighted(rng: Random, procedures: readonly ProcedureRef[], total: number): ProcedureRef {
  let r = rng.next() * total;
  for (const p of procedures) {
    r -= p.weight;
    if (r <= 0) return p;
  }
  return procedures[procedures.length - 1] as ProcedureRef;
}

/** A submission time on `date`: online at any hour (mostly office hours), in person during opening hours. */
function submissionTime(rng: Random, date: string, channel: SubmissionChannel, workday: boolean): Date {
  if (channel !== 'online' || (workday && rng.chance(0.8))) {
    const morning = rng.chance(0.62);
    const minutes = morning ? rng.int(7 * 60 + 5, 11 * 60 + 20) : rng.int(13 * 60 + 35, 16 * 60 + 50);
    return vnTime(date, 0, minutes);
  }
  return vnTime(date, 0, rng.int(6 * 60, 23 * 60 + 30));
}

/**
 * Generates one agency's dossiers submitted on `date`, as they stand at `now`, with the ratings citizens left. With
 * `codeSecret`, each code carries a check part (`…-0042-7KQ2`, see dossier-code.ts), as newly issued codes do.
 */
export function generateDay(
  agency: GeneratorAgency,
  date: string,
  procedures: readonly ProcedureRef[],
  calendar: HolidayCalendar,
  now: Date,
  codeSecret?: string,
): { dossiers: DossierRow[]; ratings: RatingRow[] } {
  const rng = createRandom(`${agency.code}|${date}`);
  const workday = isWorkingDay(date, calendar);
  const volume = workday
    ? Math.min(100, Math.max(20, Math.round(agency.dailyVolume * rng.between(0.7, 1.25))))
    : rng.int(2, Math.max(3, Math.round(agency.dailyVolume * 0.1)));
  const total = procedures.reduce((s, p) => s + p.weight, 0);
  const drafts = Array.from({ length: volume }, () => {
    const r = rng.next();
    const channel: SubmissionChannel = !workday || r < 0.855 ? 'online' : r < 0.98 ? 'direct' : 'postal';
    return { channel, submitted: submissionTime(rng, date, channel, workday), seed: rng.int(0, 2 ** 31) };
  }).sort((a, b) => a.submitted.getTime() - b.submitted.getTime());
  const dossiers: DossierRow[] = [];
  const ratings: RatingRow[] = [];
  drafts.forEach((draft, index) => {
    if (draft.submitted.getTime() > now.getTime()) return;
    const r = createRandom(draft.seed);
    const procedure = pickWeighted(r, procedures, total);
    const plan = planDossier({ channel: draft.channel, submitted: draft.submitted, procedure, calendar, rng: r, now });
    const national = dossierCode(agency.code, date, index + 1);
    const code = codeSecret ? `${national}-${checkPart(codeSecret, national)}` : national;
    const row: DossierRow = {
      code,
      agency_code: agency.code,
      procedure_code: procedure.code,
      procedure_name: procedure.name,
      channel: draft.channel,
      result_delivery: draft.channel === 'postal' || r.chance(0.08) ? 'postal' : 'counter',
      applicant_name: randomName(r),
      phone: randomPhone(r),
      demo: false,
      ...materialise(plan, now),
    };
    dossiers.push(row);
    if (row.returned_at && r.chance(0.35)) {
      const x = r.next();
      const overall: SatisfactionLevel = x < 0.62 ? 'very_satisfied' : x < 0.955 ? 'satisfied' : 'not_satisfied';
      const ratedAt = new Date(Date.parse(row.returned_at) + r.int(1, 30) * 60_000);
      if (ratedAt.getTime() <= now.getTime())
        ratings.push({
          id: `g-${code}`,
          idempotency_key: `g-${code}`,
          body_hash: 'generated',
          agency_code: agency.code,
          dossier_code: code,
          overall,
          channel: row.channel === 'online' ? 'online' : 'kiosk',
          rated_at: ratedAt.toISOString(),
          received_at: ratedAt.toISOString(),
        });
    }
  });
  return { dossiers, ratings };
}

/** The fixed demo dossiers (see `demo-dossiers.ts`) as they stand at `now`. */
export function generateDemoDossiers(procedures: ReadonlyMap<string, ProcedureRef>, calendar: HolidayCalendar, now: Date): DossierRow[] {
  const today = vnDate(now);
  return DEMO_DOSSIER_SPECS.map((spec) => {
    const date = addDays(today, -spec.daysAgo);
    const procedure = procedures.get(spec.procedureCode) ?? {
      code: spec.procedureCode,
      name: spec.procedureCode,
      sectorName: 'Hộ tịch',
      processingTime: { value: 3, unit: 'working_day' },
      feeMaxVnd: null,
      weight: 1,
    };
    const rng = createRandom(`demo|${spec.sequence}`);
    // Submitted at 08:30 on the code's date (20 minutes ago for today's), received within the morning.
    const submitted =
      spec.daysAgo === 0 ? new Date(Math.max(vnTime(today, 0, 1).getTime(), now.getTime() - 20 * 60_000)) : vnTime(date, 8, 30);
    const plan = planDossier({ channel: spec.channel, submitted, procedure, calendar, rng, force: spec, now });
    // Keep every planned event in the past so each demo shows its status whatever the time of day.
    const limit = now.getTime() - 60_000;
    const clamp = (d: Date | null): Date | null => (d && d.getTime() > limit ? new Date(Math.max(plan.submitted.getTime(), limit)) : d);
    plan.received = clamp(plan.received);
    plan.finished = clamp(plan.finished);
    plan.returned = clamp(plan.returned);
    plan.ended = clamp(plan.ended);
    for (const e of plan.events) e.at = clamp(e.at) ?? e.at;
    for (const s of plan.steps) {
      s.start = clamp(s.start) ?? s.start;
      if (s.end) s.end = clamp(s.end) ?? s.end;
    }
    for (const p of plan.pending) p.from = clamp(p.from) ?? p.from;
    const row: DossierRow = {
      code: dossierCode(DEMO_AGENCY, date, spec.sequence),
      agency_code: DEMO_AGENCY,
      procedure_code: procedure.code,
      procedure_name: procedure.name,
      channel: spec.channel,
      result_delivery: 'counter',
      applicant_name: spec.applicantName,
      phone: `090${String(spec.sequence).slice(-3)}${spec.phoneLast4}`,
      demo: true,
      ...materialise(plan, new Date(limit + 1)),
    };
    return row;
  });
}
