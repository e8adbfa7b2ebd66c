/**
 * The agency directory and provincial statistics: `GET /agencies?province=…&q=…` (directory mode of the agency list)
 * and `GET /provinces/{code}/stats`. A Hono sub-app mounted under `/api/v1` by `app.ts`, before the plain agency list
 * (which answers `GET /agencies` without directory parameters, unchanged).
 * @module
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import {
  AgencyDirectoryQuery,
  ProvinceCode,
  STATS_MAX_DAYS,
  StatsQuery,
  type Agency,
  type AgencyDirectory,
  type ProvinceStats,
  type StatsTotals,
} from '@motcua/sdk/schemas';
import { createCommuneIndex, type CommuneIndex } from '@motcua/sdk/text/communes';
import type { Db } from '../db.js';
import { readDirectory, type DirectoryData } from '../directory.js';
import { issuesToErrors, problemResponse } from '../problem.js';
import { computeTotalsByAgency } from '../stats.js';

export interface ProvinceRoutesOptions {
  db: Db;
  now: () => Date;
  /** The catalog version (changes with every write of agencies or the directory): the caches' key. */
  version: () => Promise<string>;
  /** The served agencies (the app's cached list). */
  agencies: () => Promise<Agency[]>;
  /** Demo mode: makes sure today's generated dossiers are there before statistics are computed. */
  freshDossiers: () => Promise<void>;
}

/** Parameters that switch `GET /agencies` to directory mode. */
const DIRECTORY_PARAMS = ['province', 'q', 'units'] as const;

const invalid = (detail: string, errors?: Array<{ path: string; message: string }>): Response =>
  problemResponse({ status: 400, code: 'invalid_request', detail, ...(errors ? { errors } : {}) });

const etagOf = (body: string): string => `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((v) => {
    const t = v.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

function answer(c: Context, body: string, maxAge: number): Response {
  const etag = etagOf(body);
  const headers = { etag, 'cache-control': `public, max-age=${maxAge}`, vary: 'Accept-Encoding' };
  if (matchesEtag(c.req.header('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
}

/** Query parameters as single strings; a parameter given twice is an error (no silent first-wins). */
function singleParams(c: Context): { ok: true; params: Record<string, string> } | { ok: false; response: Response } {
  const all = c.req.queries();
  const params: Record<string, string> = {};
  for (const [name, values] of Object.entries(all)) {
    if (values.length > 1)
      return {
        ok: false,
        response: invalid(`Tham số ${name.slice(0, 40)} chỉ được có một lần.`, [{ path: name.slice(0, 40), message: 'Lặp lại' }]),
      };
    params[name] = values[0] ?? '';
  }
  return { ok: true, params };
}

const SUMMED = (a: StatsTotals, b: StatsTotals): StatsTotals => ({
  received: {
    total: a.received.total + b.received.total,
    carriedOver: a.received.carriedOver + b.received.carriedOver,
    online: a.received.online + b.received.online,
    direct: a.received.direct + b.received.direct,
    postal: a.received.postal + b.received.postal,
  },
  resolved: {
    total: a.resolved.total + b.resolved.total,
    early: a.resolved.early + b.resolved.early,
    onTime: a.resolved.onTime + b.resolved.onTime,
    late: a.resolved.late + b.resolved.late,
  },
  inProgress: {
    total: a.inProgress.total + b.inProgress.total,
    notDue: a.inProgress.notDue + b.inProgress.notDue,
    overdue: a.inProgress.overdue + b.inProgress.overdue,
    waitingSupplement: a.inProgress.waitingSupplement + b.inProgress.waitingSupplement,
  },
  withdrawn: a.withdrawn + b.withdrawn,
  notAccepted: a.notAccepted + b.notAccepted,
  onTimeRate: null,
  onlineRate: null,
  satisfaction: {
    total: a.satisfaction.total + b.satisfaction.total,
    verySatisfied: a.satisfaction.verySatisfied + b.satisfaction.verySatisfied,
    satisfied: a.satisfaction.satisfied + b.satisfaction.satisfied,
    notSatisfied: a.satisfaction.notSatisfied + b.satisfaction.notSatisfied,
    rate: null,
  },
});

const rate = (num: number, den: number): number | null => (den > 0 ? Math.round((num / den) * 10_000) / 10_000 : null);

/** The rates of summed totals, recomputed from the sums (never an average of rates). */
export function withRates(t: StatsTotals): StatsTotals {
  const newReceived = t.received.total - t.received.carriedOver;
  return {
    ...t,
    onTimeRate: rate(t.resolved.early + t.resolved.onTime, t.resolved.total),
    onlineRate: rate(t.received.online, newReceived),
    satisfaction: { ...t.satisfaction, rate: rate(t.satisfaction.verySatisfied + t.satisfaction.satisfied, t.satisfaction.total) },
  };
}

const ZERO: StatsTotals = {
  received: { total: 0, carriedOver: 0, online: 0, direct: 0, postal: 0 },
  resolved: { total: 0, early: 0, onTime: 0, late: 0 },
  inProgress: { total: 0, notDue: 0, overdue: 0, waitingSupplement: 0 },
  withdrawn: 0,
  notAccepted: 0,
  onTimeRate: null,
  onlineRate: null,
  satisfaction: { total: 0, verySatisfied: 0, satisfied: 0, notSatisfied: 0, rate: null },
};

export function provinceRoutes(options: ProvinceRoutesOptions): Hono {
  const { db, now } = options;
  const app = new Hono();
  // The directory and its search index, rebuilt when the catalog version changes (a few ms for 3,321 units).
  let loaded: { version: string; data: DirectoryData; index: CommuneIndex<DirectoryData['units'][number]> } | undefined;
  let loading: Promise<NonNullable<typeof loaded>> | undefined;
  const bodies = new Map<string, { version: string; body: string }>();
  const directory = async (): Promise<NonNullable<typeof loaded>> => {
    const version = await options.version();
    if (loaded?.version === version) return loaded;
    loading ??= (async () => {
      try {
        const data = await readDirectory(db);
        loaded = { version, data, index: createCommuneIndex(data.units) };
        bodies.clear();
        return loaded;
      } finally {
        loading = undefined;
      }
    })();
    return loading;
  };

  app.get('/agencies', async (c, next) => {
    const raw = singleParams(c);
    if (!raw.ok) return raw.response;
    // No directory parameter: the plain agency list (app.ts), unchanged.
    if (!DIRECTORY_PARAMS.some((p) => p in raw.params)) return next();
    const parsed = AgencyDirectoryQuery.safeParse(raw.params);
    if (!parsed.success)
      return invalid(
        'Tham số không hợp lệ: province (2 chữ số), q (1–100 ký tự), units=1, limit (1–50).',
        issuesToErrors(parsed.error.issues),
      );
    const { province, q, limit } = parsed.data;
    const dir = await directory();
    if (province !== undefined && !dir.data.provinces.some((p) => p.code === province))
      return problemResponse({ status: 404, code: 'not_found', detail: `Không có tỉnh/thành phố mã ${province}.` });
    const key = `${province ?? '*'}|${q ?? ''}|${limit ?? ''}`;
    const cachedBody = bodies.get(key);
    if (cachedBody && cachedBody.version === dir.version) return answer(c, cachedBody.body, 300);
    const units =
      q !== undefined
        ? dir.index
            .search(q, { limit: limit ?? 20, ...(province !== undefined ? { province } : {}) })
            .map((h) => (h.via !== undefined ? { ...h.unit, via: h.via } : h.unit))
        : dir.data.units.filter((u) => province === undefined || u.province === province);
    const served = new Set(units.map((u) => u.agency).filter((a): a is string => a !== undefined));
    const body: AgencyDirectory = {
      items: (await options.agencies()).filter((a) => served.has(a.code)),
      provinces: dir.data.provinces.filter((p) => province === undefined || p.code === province),
      units,
    };
    const text = JSON.stringify(body);
    // Whole lists (at most 35) are kept; search answers only while the cache is small.
    if (q === undefined || bodies.size < 500) bodies.set(key, { version: dir.version, body: text });
    return answer(c, text, 300);
  });

  app.get('/provinces/:code/stats', async (c) => {
    const code = c.req.param('code');
    if (!ProvinceCode.safeParse(code).success)
      return invalid('Mã tỉnh không đúng dạng (2 chữ số, ví dụ 48).', [{ path: 'code', message: 'Mã tỉnh không đúng dạng' }]);
    const raw = singleParams(c);
    if (!raw.ok) return raw.response;
    const parsed = StatsQuery.safeParse({ from: raw.params.from, to: raw.params.to });
    if (!parsed.success)
      return invalid(
        'Khoảng thời gian không hợp lệ (from, to dạng YYYY-MM-DD trong các năm 2000–2099).',
        issuesToErrors(parsed.error.issues),
      );
    const { from, to } = parsed.data;
    if (from > to) return invalid('Ngày bắt đầu phải trước ngày kết thúc.', [{ path: 'from', message: 'from > to' }]);
    if (Date.parse(to) - Date.parse(from) > STATS_MAX_DAYS * 86_400_000)
      return invalid('Khoảng thời gian tối đa 3 năm.', [{ path: 'to', message: 'Khoảng thời gian quá dài' }]);
    const dir = await directory();
    const province = dir.data.provinces.find((p) => p.code === code);
    if (!province) return problemResponse({ status: 404, code: 'not_found', detail: `Không có tỉnh/thành phố mã ${code}.` });
    await options.freshDossiers();
    // The communes that report: the served agencies of the province (directory units with an e-ID, and agencies whose
    // record names the province).
    const unitOf = new Map(dir.data.units.filter((u) => u.agency !== undefined).map((u) => [u.agency as string, u]));
    const agencies = (await options.agencies()).filter((a) => a.province.code === code || unitOf.get(a.code)?.province === code);
    const communes: ProvinceStats['communes'] = [];
    let total = ZERO;
    // One grouped pass over the communes' dossiers and one over their ratings (not two queries per commune).
    const byAgency = await computeTotalsByAgency(
      db,
      agencies.map((a) => a.code),
      from,
      to,
      now(),
    );
    for (const agency of agencies) {
      const stats = byAgency.get(agency.code) ?? ZERO;
      total = SUMMED(total, stats);
      const unit = unitOf.get(agency.code);
      communes.push({ ...stats, agency: agency.code, name: unit?.name ?? agency.name, ...(unit ? { unit: unit.code } : {}) });
    }
    const body: ProvinceStats = { ...withRates(total), province: { code: province.code, name: province.name }, from, to, communes };
    return answer(c, JSON.stringify(body), 60);
  });

  return app;
}
