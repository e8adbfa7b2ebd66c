import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DossierStatus, DossierStatusValue, Procedure } from '@motcua/sdk/schemas';
import { DEMO_DOSSIER_SPECS, demoDossiers } from './demo-dossiers.js';
import { createRandom, type DossierRow, generateDay, generateDemoDossiers, maskName, randomName } from './generator.js';
import { calendar, REF_NOW } from './test-helpers.js';
import { dueDateTime, procedureRefs, readSeedAgencies, readSeedProcedures } from './store.js';
import { addDays, dueDate, isWorkingDay, vnDate } from './working-hours.js';

const procedures = readSeedProcedures();
const refs = procedureRefs(procedures);
const agency = { code: '000.30.01.H17', dailyVolume: 60 };

function history(now: Date, days = 90): DossierRow[] {
  const out: DossierRow[] = [];
  for (let d = days - 1; d >= 0; d--) out.push(...generateDay(agency, addDays(vnDate(now), -d), refs, calendar, now).dossiers);
  return out;
}

describe('seed files', () => {
  it('hold the 393 commune-level procedures, valid against the Procedure schema, 65 of them detailed', () => {
    assert.equal(procedures.length, 393);
    for (const p of procedures) {
      const result = Procedure.safeParse(p);
      assert.ok(result.success, `${p.code}: ${JSON.stringify(result.error?.issues?.slice(0, 2))}`);
      assert.match(p.portalUrl, /^https:\/\/dichvucong\.gov\.vn\/thu-tuc-hanh-chinh\/[0-9a-f-]{36}$/);
      assert.ok(p.levels.includes('commune'));
    }
    const detailed = procedures.filter((p) => p.detailed);
    assert.equal(detailed.length, 65);
    const birth = procedures.find((p) => p.code === '1.001193');
    assert.ok(birth?.detailed && birth.steps.length > 0 && birth.componentGroups.length > 0);
    assert.deepEqual(birth.processingTime, { value: 1, unit: 'working_day' });
    assert.ok(!birth.steps.some((s) => /<[a-z][^>]*>/i.test(s.description)), 'steps are plain text');
    // Permanent residence: 10,000 đ online / 20,000 đ in person (domain notes).
    const residence = procedures.find((p) => p.code === '1.004222');
    assert.deepEqual(residence?.feeSummary, { minVnd: 10_000, maxVnd: 20_000 });
  });
  it('hold at least three demo centres in two current provinces with e-IDs and opening hours', () => {
    const agencies = readSeedAgencies();
    assert.ok(agencies.length >= 3);
    assert.ok(new Set(agencies.map((a) => a.province.code)).size >= 2);
    for (const a of agencies) {
      assert.match(a.code, /^000\.\d{2}\.\d{2}\.H\d{2}$/);
      assert.ok(a.openingHours.some((h) => h.opens === '07:00' && h.closes === '11:30'));
    }
  });
});

describe('dossier generator', () => {
  it('is deterministic: the same agency and day give the same dossiers', () => {
    const a = generateDay(agency, '2026-10-12', refs, calendar, REF_NOW);
    const b = generateDay(agency, '2026-10-12', refs, calendar, REF_NOW);
    assert.deepEqual(a, b);
    const c = generateDay(agency, '2026-10-13', refs, calendar, REF_NOW);
    assert.notDeepEqual(a.dossiers[0], c.dossiers[0]);
  });

  it('a day keeps its codes whatever the day of generation; only progress changes', () => {
    const early = generateDay(agency, '2026-10-12', refs, calendar, new Date('2026-10-12T23:59:00+07:00'));
    const later = generateDay(agency, '2026-10-12', refs, calendar, REF_NOW);
    assert.deepEqual(
      early.dossiers.map((d) => [d.code, d.procedure_code, d.applicant_name]),
      later.dossiers.map((d) => [d.code, d.procedure_code, d.applicant_name]),
    );
  });

  it('produces realistic volumes, channels, statuses and on-time rates over 90 days', () => {
    const all = history(REF_NOW);
    const byDay = new Map<string, number>();
    for (const d of all) byDay.set(d.code.split('-')[1] as string, (byDay.get(d.code.split('-')[1] as string) ?? 0) + 1);
    for (const [yymmdd, n] of byDay) {
      const date = `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4)}`;
      if (isWorkingDay(date, calendar) && date !== vnDate(REF_NOW)) assert.ok(n >= 20 && n <= 100, `${date}: ${n}`);
    }
    const online = all.filter((d) => d.channel === 'online').length / all.length;
    assert.ok(online > 0.8 && online < 0.92, `online share ${online}`);
    const statuses = new Set(all.map((d) => d.status));
    for (const s of ['submitted', 'received', 'processing', 'resolved', 'returned', 'withdrawn', 'not_accepted', 'supplement_requested']) {
      assert.ok(statuses.has(s as DossierStatusValue), `missing status ${s}`);
    }
    const finished = all.filter((d) => d.finished_at && d.due_at);
    const onTime = finished.filter((d) => Date.parse(d.finished_at as string) <= Date.parse(d.due_at as string)).length / finished.length;
    assert.ok(onTime >= 0.975 && onTime <= 0.995, `on-time rate ${onTime}`);
  });

  it('with a code secret, every generated code carries a check part that the SDK accepts and that depends on the secret', async () => {
    const { parseDossierCode } = await import('@motcua/sdk');
    const date = addDays(vnDate(REF_NOW), -3);
    const one = generateDay(agency, date, refs, calendar, REF_NOW, 'secret-one').dossiers;
    const two = generateDay(agency, date, refs, calendar, REF_NOW, 'secret-two').dossiers;
    const plain = generateDay(agency, date, refs, calendar, REF_NOW).dossiers;
    assert.ok(one.length > 10);
    one.forEach((d, i) => {
      assert.match(d.code, /^000\.30\.01\.H17-\d{6}-\d{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      assert.equal(d.code.slice(0, -5), plain[i]?.code, 'the national part is unchanged');
      const parsed = parseDossierCode(d.code, { now: REF_NOW });
      assert.ok(parsed.ok && parsed.value.code === d.code, d.code);
    });
    const differ = one.filter((d, i) => d.code !== two[i]?.code).length;
    assert.ok(differ > one.length * 0.9, `another secret gives other check parts (${differ} of ${one.length})`);
  });

  it('gives every dossier a well-formed code, consistent dates and an ordered step history', () => {
    const all = history(REF_NOW, 30);
    assert.equal(new Set(all.map((d) => d.code)).size, all.length);
    for (const d of all) {
      assert.match(d.code, /^000\.30\.01\.H17-\d{6}-\d{4}$/);
      assert.ok(Number(d.code.slice(-4)) < 9000, 'generated sequences stay below the demo range');
      assert.ok(d.steps.length > 0);
      for (let i = 1; i < d.steps.length; i++) assert.ok(d.steps[i - 1]!.startedAt <= d.steps[i]!.startedAt, d.code);
      if (d.received_at) assert.ok(d.received_at >= d.submitted_at);
      if (d.due_at && d.received_at) assert.ok(d.due_at > d.received_at);
      if (d.finished_at) assert.ok(d.received_at && d.finished_at >= d.received_at);
      assert.ok(Date.parse(d.submitted_at) <= REF_NOW.getTime());
      assert.match(d.phone, /^0\d{9}$/);
      if (d.status === 'supplement_requested') assert.equal(d.pending?.kind, 'supplement');
      if (d.status === 'payment_requested') assert.equal(d.pending?.kind, 'payment');
      if (['withdrawn', 'not_accepted', 'stopped'].includes(d.status)) assert.ok(d.reason);
    }
  });

  it('every step time a centre sets lies within working hours (07:00–11:30, 13:30–17:00) on a working day', () => {
    const inHours = (iso: string): boolean => {
      const t = iso.slice(11, 19);
      return isWorkingDay(iso.slice(0, 10), calendar) && ((t >= '07:00:00' && t <= '11:30:00') || (t >= '13:30:00' && t <= '17:00:00'));
    };
    const bad: string[] = [];
    const rows = [...history(REF_NOW, 120), ...generateDemoDossiers(new Map(refs.map((r) => [r.code, r])), calendar, REF_NOW)];
    for (const d of rows) {
      for (const s of d.steps) {
        // An online submission starts when the citizen sends it, at any hour; everything after it is the centre's.
        const citizen = s.name === 'Nộp hồ sơ trực tuyến';
        for (const [what, iso] of [
          ['startedAt', citizen ? undefined : s.startedAt],
          ['finishedAt', s.finishedAt],
          ['dueAt', s.dueAt],
        ] as const)
          if (iso && !inHours(iso)) bad.push(`${d.code} ${s.name} ${what} ${iso}`);
      }
    }
    assert.deepEqual(bad.slice(0, 5), [], `${bad.length} step times outside working hours`);
  });

  it('Vietnamese names', () => {
    const rng = createRandom(1);
    for (let i = 0; i < 50; i++) assert.match(randomName(rng), /^\p{Lu}\p{Ll}+( \p{Lu}\p{Ll}*){2,3}$/u);
  });
});

describe('durations carry their unit', () => {
  it('a summary time in `ngày` whose case says `ngày làm việc` counts working days', () => {
    const p = procedures.find((x) => x.code === '1.001695');
    assert.deepEqual(p?.processingTime, { value: 10, unit: 'day' }, 'the summary as stored');
    assert.equal(p?.cases[0]?.processingTime?.unit, 'working_day');
    const time = p ? dueDateTime(p) : null;
    assert.deepEqual(time, { value: 10, unit: 'working_day' });
    assert.equal(refs.find((r) => r.code === '1.001695')?.processingTime?.unit, 'working_day');
    // Received Thu 8 Jan 2026 08:00: 10 working days (counting Saturday 10 January) end Wed 21 Jan 08:00; as calendar days: Mon 19 Jan.
    const received = new Date('2026-01-08T08:00:00+07:00');
    assert.equal(vnDate(dueDate(received, time ?? { value: 0, unit: 'day' }, calendar)), '2026-01-21');
  });
  it('calendar days stay calendar days where the procedure says so', () => {
    const p = procedures.find((x) => x.code === '2.000779');
    assert.deepEqual(p ? dueDateTime(p) : null, { value: 10, unit: 'day' });
  });
});

describe('masked names', () => {
  it('keep the family name and the first letter of every other word', () => {
    assert.equal(maskName('Nguyễn Văn An'), 'Nguyễn V** A**');
    assert.equal(maskName('Đặng Thị Ánh Tuyết'), 'Đặng T** Á** T**');
    assert.equal(maskName('  Lê   Minh  '), 'Lê M**');
    assert.equal(maskName('An'), 'A**');
    assert.equal(maskName(''), '');
    assert.equal(maskName('Nguyễn Văn Ánh'.normalize('NFD')), 'Nguyễn V** Á**');
  });
});

describe('demo dossiers', () => {
  it('exist in every status, relative to today: the overdue one is overdue, the processing one not yet due', () => {
    const rows = generateDemoDossiers(new Map(refs.map((r) => [r.code, r])), calendar, REF_NOW);
    const expected = demoDossiers(REF_NOW);
    assert.deepEqual(
      rows.map((r) => r.code),
      expected.map((e) => e.code),
    );
    const all = new Set(rows.map((r) => r.status));
    for (const s of DossierStatusValue.options) assert.ok(all.has(s), s);
    for (const [i, spec] of DEMO_DOSSIER_SPECS.entries()) {
      const row = rows[i]!;
      assert.equal(row.status, spec.status, spec.note);
      assert.ok(row.phone.endsWith(spec.phoneLast4));
      if (spec.timing === 'overdue') assert.ok(row.due_at && Date.parse(row.due_at) < REF_NOW.getTime());
      if (spec.status === 'processing' && spec.timing === 'in_progress')
        assert.ok(row.due_at && Date.parse(row.due_at) > REF_NOW.getTime());
    }
    assert.ok(DossierStatus); // schema available for the app tests
  });
  it('codes follow the date of today in Vietnam', () => {
    const late = demoDossiers(new Date('2026-10-14T18:30:00Z')); // already 15 October in Vietnam
    assert.equal(late[0]?.code, '000.30.01.H17-261015-9001');
    assert.equal(late.find((d) => d.timing === 'overdue')?.date, '2026-09-15');
  });
});
