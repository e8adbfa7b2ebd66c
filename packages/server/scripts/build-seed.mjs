#!/usr/bin/env node
// Builds the server's own compact seed files (packages/server/seed/) from the shared reference data.
// Run by hand when the reference data changes; the output is committed. The server never reads ../shared at run time.
//   node packages/server/scripts/build-seed.mjs [path/to/shared/data]
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..');
const source = process.argv[2] ?? join(pkg, '../../../shared/data');
const out = join(pkg, 'seed');
if (!existsSync(source)) throw new Error(`reference data not found at ${source}`);
mkdirSync(out, { recursive: true });

const fold = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐÐ]/g, 'd')
    .toLowerCase();

/** Converts the portal's HTML (or HTML-ish) text to plain text with line breaks. */
export function htmlToText(html) {
  return String(html ?? '')
    .replace(/<\s*br\s*\/?>/gi, '\n')
    .replace(/<\/\s*(p|div|li|tr|h[1-6])\s*>/gi, '\n')
    .replace(/<\s*li[^>]*>/gi, '- ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/[\u200b-\u200f\ufeff]/g, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const clean = (s) => htmlToText(s).replace(/\s+/g, ' ').trim();

// ---- reference data
const details = new Map();
for (const file of readdirSync(join(source, 'procedure-details'))) {
  const record = JSON.parse(readFileSync(join(source, 'procedure-details', file), 'utf8')).data;
  details.set(record.code, record);
}
const catalog = readFileSync(join(source, 'national-catalog.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));
const catalogByCode = new Map(catalog.map((c) => [c.code.trim(), c]));
const [header, ...rows] = readFileSync(join(source, 'commune-procedures.tsv'), 'utf8').trim().split('\n');
const columns = header.split('\t');
const commune = rows.map((line) => Object.fromEntries(line.split('\t').map((v, i) => [columns[i], v])));
const provinces = JSON.parse(readFileSync(join(source, 'provinces.json'), 'utf8'));

// Sector codes: the portal's own code where a detailed record carries it, else a stable slug of the name.
const knownSectorCodes = new Map();
for (const d of details.values()) for (const c of d.categoriesDetails ?? []) if (c.code) knownSectorCodes.set(c.name.trim(), c.code);
const sectorOf = (name) => {
  const first = String(name ?? '')
    .split(';')[0]
    .trim();
  const sectorName = first || 'Khác';
  const code =
    knownSectorCodes.get(sectorName) ??
    fold(sectorName)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 64);
  return { code, name: sectorName };
};

const UNIT = { WORKING_DAY: 'working_day', DAY: 'day', HOUR: 'hour', MONTH: 'month', OTHER: 'other' };
const METHOD = { DIRECT: 'direct', ONLINE: 'online', POSTAL: 'postal' };
const FEE = { FEE: 'fee', SERVICE_FEE: 'service_fee', PRICE_LEVEL: 'price' };
const unitLabel = { working_day: 'ngày làm việc', day: 'ngày', hour: 'giờ', month: 'tháng', other: '' };

function caseTime(c) {
  const pd = c.processingDay;
  if (!pd || typeof pd.qty !== 'number') return null;
  return { value: pd.qty, unit: UNIT[pd.type] ?? 'other' };
}

function channelTime(method, record) {
  const unit = UNIT[method.processingTimeUnit] ?? 'other';
  const value = Number(method.processingTime) || 0;
  if (unit !== 'other') return { value, unit };
  // OTHER: the real time is in cases[].processingDay.
  const times = (record.cases ?? []).map(caseTime).filter(Boolean);
  if (times.length === 0) return value > 0 ? { value, unit: 'other', text: clean(method.description) || `${value}` } : null;
  const shortest = times.reduce((a, b) => (b.value < a.value ? b : a));
  const distinct = new Set(times.map((t) => `${t.value} ${t.unit}`));
  if (distinct.size === 1) return shortest;
  const text = (record.cases ?? [])
    .filter((c) => caseTime(c))
    .map((c) => `${clean(c.name)}: ${c.processingDay.qty} ${unitLabel[UNIT[c.processingDay.type] ?? 'other']}`.trim())
    .join('; ')
    .slice(0, 2000);
  return { ...shortest, text };
}

const toWorkingHours = (t) =>
  t.unit === 'working_day'
    ? t.value * 8
    : t.unit === 'hour'
      ? t.value
      : t.unit === 'day'
        ? t.value * 8
        : t.unit === 'month'
          ? t.value * 22 * 8
          : t.value * 8;

function levelsOf(record, departments) {
  const levels = [];
  if (record) {
    if (record.isWard) levels.push('commune');
    if (record.isProvince) levels.push('province');
    if (record.isMinistry) levels.push('ministry');
    if (record.isOtherAgency || levels.length === 0) levels.push('other');
    return levels;
  }
  const d = fold(departments ?? '');
  if (/cap xa|xa, phuong|ubnd xa/.test(d)) levels.push('commune');
  if (/cap tinh|so |ubnd tinh/.test(d)) levels.push('province');
  if (/^bo |;bo |bo truong/.test(d)) levels.push('ministry');
  if (levels.length === 0) levels.push('other');
  return levels;
}

function portalUrl(id) {
  return `https://dichvucong.gov.vn/thu-tuc-hanh-chinh/${id}`;
}

function detailedProcedure(record, sector) {
  const channels = (record.executionMethods ?? []).map((m) => ({
    method: METHOD[m.submissionMethod] ?? 'direct',
    processingTime: channelTime(m, record),
    fees: (m.fees ?? []).map((f) => ({
      type: FEE[f.type] ?? 'fee',
      amountVnd: Math.max(0, Math.round(Number(f.value) || 0)),
      description: clean(f.description).slice(0, 4000),
    })),
    description: clean(m.description).slice(0, 4000),
  }));
  const order = { online: 0, direct: 1, postal: 2 };
  channels.sort((a, b) => order[a.method] - order[b.method]);
  const times = channels.map((c) => c.processingTime).filter(Boolean);
  const processingTime = times.length ? times.reduce((a, b) => (toWorkingHours(b) < toWorkingHours(a) ? b : a)) : null;
  const fees = channels.flatMap((c) => c.fees.map((f) => f.amountVnd));
  const url = portalUrl(record.id);
  return {
    code: record.code,
    name: clean(record.name),
    sector,
    levels: levelsOf(record),
    onlineService: record.isFullProcess ? 'full' : record.isOfflineOnly ? 'none' : 'partial',
    processingTime,
    feeSummary: fees.length ? { minVnd: Math.min(...fees), maxVnd: Math.max(...fees) } : null,
    kind: record.type === 'SPECIFIC' ? 'local' : 'national',
    id: record.id,
    cases: (record.cases ?? []).map((c) => ({ code: c.code ?? '', name: clean(c.name), processingTime: caseTime(c) })),
    channels,
    steps: (record.executionSteps ?? []).map((s, i) => ({
      name: clean(s.name).slice(0, 1000) || `Bước ${i + 1}`,
      description: htmlToText(s.description).slice(0, 20000),
    })),
    componentGroups: (record.executionCases ?? []).map((g) => ({
      name: clean(g.name).slice(0, 2000),
      components: (g.profileComponents ?? []).map((p) => ({
        name: clean(p.name).slice(0, 4000),
        originals: Math.max(0, Number(p.originalQty) || 0),
        copies: Math.max(0, Number(p.copyQty) || 0),
        // The portal serves attached forms from the procedure's page; its file store has no stable public URL.
        forms: (p.attachments ?? []).map((a) => ({ name: clean(a.fileName), url })),
      })),
    })),
    requirements: htmlToText(record.requirementsAndConditions).slice(0, 20000),
    legalBasis: (record.legalBasisesDetails ?? []).map((l) => ({ code: clean(l.code), name: clean(l.name) })),
    results: (record.resultsDetails ?? []).map((r) => ({ code: clean(r.code), name: clean(r.name) })),
    implementingUnits: [
      ...new Set([...(record.unitGroupsExecuting ?? []), ...(record.departmentsExecuting ?? [])].map((u) => clean(u.name)).filter(Boolean)),
    ],
    applicantTypes: (record.subjectTypesDetails ?? []).map((s) => clean(s.name)).filter(Boolean),
    detailed: true,
    portalUrl: url,
    updatedAt: new Date(Number(record.updatedAt) || Date.now()).toISOString(),
  };
}

function catalogOnlyProcedure({ code, name, sectorName, departments, applicantTypes, id, type }) {
  return {
    code,
    name: clean(name),
    sector: sectorOf(sectorName),
    levels: levelsOf(null, departments),
    onlineService: 'partial',
    processingTime: null,
    feeSummary: null,
    kind: type === 'SPECIFIC' ? 'local' : 'national',
    id,
    cases: [],
    channels: [],
    steps: [],
    componentGroups: [],
    requirements: '',
    legalBasis: [],
    results: [],
    implementingUnits: String(departments ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean),
    applicantTypes: applicantTypes ?? [],
    detailed: false,
    portalUrl: portalUrl(id),
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

// ---- the 393 commune-level procedures
const procedures = commune.map((row) => {
  const sector = sectorOf(row.linh_vuc);
  const record = details.get(row.code);
  const cat = catalogByCode.get(row.code);
  if (record) {
    const p = detailedProcedure(record, sector);
    if (!p.levels.includes('commune')) p.levels.unshift('commune');
    return p;
  }
  const p = catalogOnlyProcedure({
    code: row.code,
    name: row.name,
    sectorName: row.linh_vuc,
    departments: row.departments,
    applicantTypes: cat?.formalityTargetType,
    id: row.portal_uuid || cat?.id,
    type: cat?.type,
  });
  if (!p.levels.includes('commune')) p.levels.unshift('commune');
  return p;
});
// ---- details the reference data lacks, written from public procedure pages (sources kept in the supplements file)
const supplements = JSON.parse(readFileSync(join(here, 'procedure-supplements.json'), 'utf8')).records;
for (const s of supplements) {
  const p = procedures.find((x) => x.code === s.code);
  if (!p) throw new Error(`supplement ${s.code} is not a commune procedure`);
  if (p.detailed) throw new Error(`supplement ${s.code} would replace a record of the reference data`);
  if (!s.sources?.length || s.sources.some((x) => !/^https?:\/\//.test(x.url) || !/^\d{4}-\d{2}-\d{2}$/.test(x.accessed)))
    throw new Error(`supplement ${s.code} needs sources with url and accessed date`);
  const fees = s.channels.flatMap((c) => c.fees.map((f) => f.amountVnd));
  Object.assign(p, {
    onlineService: s.onlineService ?? p.onlineService,
    processingTime: s.processingTime,
    feeSummary: s.feeSummary ?? (fees.length ? { minVnd: Math.min(...fees), maxVnd: Math.max(...fees) } : null),
    cases: s.cases ?? [],
    channels: s.channels.map((c) => ({ method: c.method, processingTime: s.processingTime, fees: c.fees, description: c.description })),
    steps: s.steps,
    componentGroups: s.componentGroups,
    requirements: s.requirements ?? '',
    legalBasis: s.legalBasis,
    results: s.results,
    detailed: true,
    updatedAt: `${s.sources
      .map((x) => x.accessed)
      .sort()
      .at(-1)}T00:00:00.000Z`,
  });
}
writeFileSync(join(out, 'procedures.json.gz'), gzipSync(JSON.stringify(procedures), { level: 9 }));

// ---- the national catalog, compact, in the national-catalog JSONL format (fields the importer reads)
const compact = catalog
  .filter((c) => c.state !== 'DELETED')
  .map((c) =>
    JSON.stringify({
      id: c.id,
      code: c.code.trim(),
      name: c.name,
      categories: c.categories,
      departments: c.departments,
      formalityTargetType: c.formalityTargetType,
      type: c.type,
    }),
  )
  .join('\n');
writeFileSync(join(out, 'national-catalog.jsonl.gz'), gzipSync(compact + '\n', { level: 9 }));

// ---- demo agencies (post-July-2025 communes and wards; e-IDs in the Decision 20/2020 format)
const provinceName = (code) => {
  const p = provinces.current.find((x) => x.code === code);
  if (!p) throw new Error(`province ${code} is not current`);
  return p.name;
};
const weekdays = [
  { days: [1, 2, 3, 4, 5], opens: '07:00', closes: '11:30' },
  { days: [1, 2, 3, 4, 5], opens: '13:30', closes: '17:00' },
];
const agencies = [
  {
    code: '000.30.01.H17',
    name: 'UBND xã Hòa Vang',
    centreName: 'Trung tâm Phục vụ hành chính công xã Hòa Vang',
    province: { code: '48', name: provinceName('48') },
    level: 'commune',
    address: 'Thôn Dương Lâm 1, xã Hòa Vang, thành phố Đà Nẵng',
    phone: '0236 3846 218',
    email: 'tthcc.hoavang@danang.gov.vn',
    openingHours: [...weekdays, { days: [6], opens: '07:30', closes: '11:30' }],
  },
  {
    code: '000.30.02.H17',
    name: 'UBND phường Hải Châu',
    centreName: 'Trung tâm Phục vụ hành chính công phường Hải Châu',
    province: { code: '48', name: provinceName('48') },
    level: 'ward',
    address: '270 Trưng Nữ Vương, phường Hải Châu, thành phố Đà Nẵng',
    phone: '0236 3822 425',
    email: 'tthcc.haichau@danang.gov.vn',
    openingHours: [...weekdays, { days: [6], opens: '07:30', closes: '11:00' }],
  },
  {
    code: '000.21.30.H56',
    name: 'UBND phường Nha Trang',
    centreName: 'Trung tâm Phục vụ hành chính công phường Nha Trang',
    province: { code: '56', name: provinceName('56') },
    level: 'ward',
    address: '01 Trần Phú, phường Nha Trang, tỉnh Khánh Hòa',
    phone: '0258 3822 062',
    email: 'tthcc.nhatrang@khanhhoa.gov.vn',
    openingHours: weekdays,
  },
];
writeFileSync(join(out, 'agencies.json'), JSON.stringify(agencies, null, 1) + '\n');

const detailedCount = procedures.filter((p) => p.detailed).length;
console.log(
  `seed: ${procedures.length} procedures (${detailedCount} detailed, ${new Set(procedures.map((p) => p.sector.code)).size} sectors), ` +
    `${catalog.length} catalog rows, ${agencies.length} agencies → ${out}`,
);
