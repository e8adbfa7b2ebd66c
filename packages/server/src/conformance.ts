/**
 * The conformance kit (`motcua-server conformance URL --key KEY --agency X`): what a provincial system's developer
 * runs against their own deployment. It pushes a realistic day of dossier events (shuffled, then sent again), one
 * dossier by PUT, and a bad event; then reads the public API as the widgets do and checks what a citizen would see.
 * Every check is one row of a pass/fail table. It writes six test dossiers (applicant "Kiểm thử tích hợp") under
 * codes numbered 5000–9999 of the day: run it against a staging deployment or a test agency.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { createClient, MotcuaHttpError } from '@motcua/sdk';
import { createIntegrationClient, type DossierEvent, type DossierUpsertResult } from '@motcua/sdk/integration';
import type { Catalog, DossierStatus, DossierStatusValue } from '@motcua/sdk/schemas';

export interface ConformanceOptions {
  /** The deployment, with or without `/api/v1`. */
  url: string;
  key: string;
  agency: string;
  /** Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** The day the events happen on (default: now; the events are placed between 07:40 and 15:45 of that day). */
  now?: Date;
}

export interface ConformanceCheck {
  name: string;
  ok: boolean;
  detail: string;
}

const VN = 7 * 3_600_000;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The Vietnam calendar day of `now` as [yyyy, MM, dd]. */
function vnDay(now: Date): [number, number, number] {
  const t = new Date(now.getTime() + VN);
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

interface Plan {
  codes: Record<'online' | 'counter' | 'supplement' | 'payment' | 'refused' | 'put', string>;
  events: DossierEvent[];
  bad: DossierEvent;
  expected: Record<string, DossierStatusValue>;
}

/** A day at a commune's one-stop counter, for two procedures of its catalog. */
function planDay(agency: string, now: Date, procedures: [string, string], runId: string): Plan {
  const [y, m, d] = vnDay(now);
  const at = (hh: number, mm: number): string => `${y}${pad(m)}${pad(d)}${pad(hh)}${pad(mm)}00`;
  const first = 5000 + (randomBytes(2).readUInt16BE(0) % 4990);
  const code = (i: number): string => `${agency}-${String(y).slice(2)}${pad(m)}${pad(d)}-${pad(first + i, 4)}`;
  const codes = {
    online: code(0),
    counter: code(1),
    supplement: code(2),
    payment: code(3),
    refused: code(4),
    put: code(5),
  };
  const applicant = (i: number) => ({ name: 'Kiểm thử tích hợp', phone: `09000000${pad(i)}` });
  let n = 0;
  const ev = (e: Omit<DossierEvent, 'id'>): DossierEvent => ({ id: `conformance-${runId}-${++n}`, ...e }) as DossierEvent;
  const [p1, p2] = procedures;
  const events: DossierEvent[] = [
    ev({
      dossier: codes.online,
      type: 'submitted',
      at: at(7, 40),
      dossierInfo: { procedure: { code: p1 }, channel: 2, applicant: applicant(1) },
    }),
    ev({ dossier: codes.online, type: 'received', at: at(8, 5) }),
    ev({
      dossier: codes.online,
      type: 'step_started',
      at: at(8, 30),
      step: { name: 'Thẩm định hồ sơ', unit: 'Công chức Tư pháp - Hộ tịch' },
    }),
    ev({ dossier: codes.online, type: 'step_finished', at: at(10, 0), step: { name: 'Thẩm định hồ sơ' } }),
    ev({ dossier: codes.online, type: 'resolved', at: at(10, 30) }),
    ev({ dossier: codes.online, type: 'returned', at: at(15, 45) }),
    ev({
      dossier: codes.counter,
      type: 'received',
      at: at(8, 15),
      dossierInfo: { procedure: { code: p2 }, channel: 1, applicant: applicant(2) },
    }),
    ev({
      dossier: codes.supplement,
      type: 'received',
      at: at(9, 0),
      dossierInfo: { procedure: { code: p1 }, channel: 1, applicant: applicant(3) },
    }),
    ev({ dossier: codes.supplement, type: 'step_started', at: at(9, 10), step: { name: 'Thẩm định hồ sơ' } }),
    ev({ dossier: codes.supplement, type: 'supplement_requested', at: at(14, 0), note: 'Bổ sung bản sao giấy tờ tùy thân' }),
    ev({
      dossier: codes.payment,
      type: 'received',
      at: at(9, 30),
      dossierInfo: { procedure: { code: p2 }, channel: 1, applicant: applicant(4) },
    }),
    ev({ dossier: codes.payment, type: 'payment_requested', at: at(10, 0), note: 'Lệ phí', amountVnd: 8000 }),
    ev({ dossier: codes.payment, type: 'paid', at: at(11, 0) }),
    ev({
      dossier: codes.refused,
      type: 'submitted',
      at: at(10, 15),
      dossierInfo: { procedure: { code: p1 }, channel: 2, applicant: applicant(5) },
    }),
    ev({ dossier: codes.refused, type: 'not_accepted', at: at(13, 45), note: 'Hồ sơ không thuộc thẩm quyền của xã' }),
  ];
  const bad = ev({ dossier: codes.refused, type: 'resolved', at: at(15, 0) });
  return {
    codes,
    events,
    bad,
    expected: {
      [codes.online]: 'returned',
      [codes.counter]: 'received',
      [codes.supplement]: 'supplement_requested',
      [codes.payment]: 'processing',
      [codes.refused]: 'not_accepted',
      [codes.put]: 'processing',
    },
  };
}

/** A fixed shuffle: the events arrive out of order, as they do from a queue. */
const shuffled = <T>(items: readonly T[]): T[] =>
  items
    .map((e, i) => ({ e, k: (i * 7919) % 17 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.e);

const describe = (error: unknown): string =>
  error instanceof MotcuaHttpError
    ? `HTTP ${error.status}${error.problem?.detail ? `: ${error.problem.detail}` : ''}`
    : error instanceof Error
      ? error.message
      : String(error);

/** Runs every check against the deployment; never throws for what it finds (a failed step is a failed row). */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceCheck[]> {
  const root = options.url.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  const baseUrl = `${root}/api/v1`;
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? new Date();
  const checks: ConformanceCheck[] = [];
  const check = (name: string, ok: boolean, detail: string): boolean => {
    checks.push({ name, ok, detail });
    return ok;
  };
  const attempt = async <T>(name: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      check(name, false, describe(error));
      return undefined;
    }
  };
  const publicClient = createClient({ baseUrl, fetch: doFetch, retry: { limit: 0 } });
  let motcua: ReturnType<typeof createIntegrationClient>;
  try {
    motcua = createIntegrationClient({ baseUrl, key: options.key, fetch: doFetch, retries: 0 });
  } catch (error) {
    check('Khóa API đúng dạng (key format)', false, describe(error));
    return checks;
  }

  // 1. The public catalog, as the lookup widget reads it, and its revalidation.
  const catalogUrl = `${baseUrl}/agencies/${encodeURIComponent(options.agency)}/procedures/catalog`;
  const catalog = await attempt('Danh mục công khai (public catalog)', async () => {
    const res = await doFetch(catalogUrl);
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as Catalog;
    const etag = res.headers.get('etag');
    const again = etag ? await doFetch(catalogUrl, { headers: { 'if-none-match': etag } }) : undefined;
    await again?.arrayBuffer();
    check(
      'Danh mục công khai (public catalog)',
      body.items.length > 0 && again?.status === 304,
      `${body.items.length} thủ tục; ETag ${etag ?? 'không có'}; tải lại với If-None-Match → ${again?.status ?? '—'}`,
    );
    return body;
  });
  const timed = (catalog?.items ?? []).filter((p) => p.processingTime?.unit === 'working_day' && p.processingTime.value >= 1);
  const procedures: [string, string] | undefined =
    timed.length > 0 ? [timed[0]?.code as string, (timed[1] ?? timed[0])?.code as string] : undefined;
  if (!procedures) {
    check('Thủ tục có thời hạn (a procedure with a processing time)', false, 'danh mục không có thủ tục tính theo ngày làm việc');
    return checks;
  }
  const plan = planDay(options.agency, now, procedures, randomBytes(4).toString('hex'));

  // 2. Keys: none, wrong.
  for (const [name, key] of [
    ['Không có khóa → 401 (no key)', undefined],
    ['Khóa sai → 401 (wrong key)', `mck_0000000000000000_${'A'.repeat(43)}`],
  ] as const) {
    const res = await doFetch(`${baseUrl}/agencies/${encodeURIComponent(options.agency)}/dossier-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ events: [plan.bad] }),
    });
    const type = res.headers.get('content-type') ?? '';
    await res.arrayBuffer();
    check(
      name,
      res.status === 401 && type.startsWith('application/problem+json'),
      `HTTP ${res.status}, ${type || 'không có content-type'}`,
    );
  }

  // 3. The day, shuffled, with one event that must be refused.
  const batch = [...shuffled(plan.events), plan.bad];
  const pushed = await attempt('Gửi sự kiện trong ngày (push a day of events)', () => motcua.pushDossierEvents(options.agency, batch));
  if (pushed) {
    const badResult = pushed.results.at(-1);
    const notApplied = pushed.results.slice(0, -1).filter((r) => r.result !== 'applied');
    check(
      'Gửi sự kiện trong ngày, không theo thứ tự (a day of events, out of order)',
      notApplied.length === 0,
      `${pushed.applied} áp dụng (applied)` +
        (notApplied.length ? `; không áp dụng: ${notApplied.map((r) => `${r.id} ${r.result} ${r.reason ?? ''}`).join('; ')}` : ''),
    );
    check(
      'Sự kiện sai bị từ chối riêng (a bad event is refused alone)',
      badResult?.result === 'rejected' && badResult.code === 'transition',
      `${badResult?.result ?? '—'} ${badResult?.code ?? ''} ${badResult?.reason ?? ''}`.trim(),
    );
    const again = await attempt('Gửi lại cùng lô (the same batch again)', () => motcua.pushDossierEvents(options.agency, batch));
    if (again)
      check(
        'Gửi lại cùng lô: không áp dụng lần hai (the same batch again: duplicates)',
        again.applied === 0 && again.duplicates === plan.events.length,
        `${again.duplicates} trùng (duplicate), ${again.applied} áp dụng, ${again.rejected} từ chối`,
      );
  }

  // 4. One dossier by PUT, its due date from the server's calendar.
  const [y, m, d] = vnDay(now);
  const put: DossierUpsertResult | undefined = await attempt('PUT hồ sơ (upsert a dossier)', () =>
    motcua.upsertDossier(options.agency, plan.codes.put, {
      procedure: { code: procedures[0] },
      status: 4,
      channel: 1,
      applicant: { name: 'Kiểm thử tích hợp', phone: '0900000006' },
      submittedAt: `${y}${pad(m)}${pad(d)}084500`,
      receivedAt: `${y}${pad(m)}${pad(d)}084500`,
    }),
  );
  if (put)
    check(
      'PUT hồ sơ: hạn xử lý theo lịch làm việc (upsert: due date from the calendar)',
      put.created && put.dueSource === 'calendar' && put.dueAt !== null,
      `${put.created ? 'tạo mới' : 'thay thế'}, hạn ${put.dueAt ?? '—'} (${put.dueSource ?? '—'})`,
    );

  // 5. What the tracker widget shows for each dossier.
  for (const [label, code] of Object.entries(plan.codes)) {
    const expected = plan.expected[code] as DossierStatusValue;
    const seen: DossierStatus | undefined = await attempt(`Tra cứu ${label} (public lookup)`, () => publicClient.getDossier(code));
    if (!seen) continue;
    const problems: string[] = [];
    if (seen.status !== expected) problems.push(`trạng thái ${seen.status}, cần ${expected}`);
    if (label !== 'refused' && !seen.dueAt) problems.push('không có hạn xử lý');
    if (seen.dueAt && seen.receivedAt && seen.dueAt <= seen.receivedAt) problems.push('hạn trước ngày tiếp nhận');
    if (label === 'online' && (!seen.returnedAt || !seen.steps.some((s) => s.name === 'Thẩm định hồ sơ' && s.finishedAt)))
      problems.push('thiếu ngày trả hoặc bước xử lý');
    if (label === 'supplement' && seen.pending?.kind !== 'supplement') problems.push('không thấy yêu cầu bổ sung');
    if (label === 'payment' && seen.pending !== null) problems.push('vẫn còn yêu cầu nộp phí');
    if (label === 'refused' && !seen.reason) problems.push('không có lý do');
    if (label === 'put' && put && seen.dueAt !== put.dueAt)
      problems.push(`hạn ${seen.dueAt ?? '—'} khác câu trả lời PUT ${put.dueAt ?? '—'}`);
    check(
      `Tra cứu công khai: ${code} (${label})`,
      problems.length === 0,
      problems.length ? problems.join('; ') : `${seen.status} (${seen.statusCode}), hạn ${seen.dueAt ?? '—'}`,
    );
  }

  // 6. The contract declares the key.
  await attempt('Tài liệu OpenAPI (the OpenAPI document)', async () => {
    const res = await doFetch(`${root}/openapi.json`);
    const doc = (await res.json()) as {
      components?: { securitySchemes?: Record<string, { scheme?: string }> };
      paths?: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const bearer = Object.values(doc.components?.securitySchemes ?? {}).some((s) => s.scheme === 'bearer');
    const op = doc.paths?.['/api/v1/agencies/{agency}/dossier-events']?.post ?? doc.paths?.['/agencies/{agency}/dossier-events']?.post;
    check(
      'OpenAPI khai báo khóa API (the OpenAPI document declares the key)',
      res.status === 200 && bearer && (op?.security?.length ?? 0) > 0,
      `HTTP ${res.status}; bearer ${bearer ? 'có' : 'không'}; dossier-events ${op?.security ? 'được bảo vệ' : 'không khai báo'}`,
    );
  });
  return checks;
}

/** The pass/fail table as the command prints it. */
export function formatConformance(checks: readonly ConformanceCheck[]): string {
  const width = Math.max(...checks.map((c) => c.name.length), 10);
  const lines = checks.map((c, i) => `${pad(i + 1)}  ${c.ok ? 'PASS' : 'FAIL'}  ${c.name.padEnd(width)}  ${c.detail}`);
  const failed = checks.filter((c) => !c.ok).length;
  return [
    ...lines,
    '',
    failed
      ? `${failed}/${checks.length} kiểm tra KHÔNG ĐẠT (${failed} of ${checks.length} checks failed)`
      : `Đạt cả ${checks.length} kiểm tra (all ${checks.length} checks passed)`,
  ].join('\n');
}
