import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDossierCode, DOSSIER_CODE_MESSAGES, parseDossierCode, type DossierCodeProblem } from './dossier-code.js';

const now = new Date('2026-11-21T10:00:00+07:00');

test('parses a real dossier code into agency, date and sequence', () => {
  assert.deepEqual(parseDossierCode('000.00.06.H56-231027-0361', { now }), {
    ok: true,
    value: { code: '000.00.06.H56-231027-0361', agency: '000.00.06.H56', date: '2023-10-27', sequence: 361 },
  });
  assert.deepEqual(parseDossierCode('000.17.22.H56-210531-0001', { now }), {
    ok: true,
    value: { code: '000.17.22.H56-210531-0001', agency: '000.17.22.H56', date: '2021-05-31', sequence: 1 },
  });
});

test('accepts a code with a check part (4 of Crockford base 32), upper-cased, and keeps it in the code', () => {
  assert.deepEqual(parseDossierCode(' 000.00.06.h56-231027-0361-7kq2 ', { now }), {
    ok: true,
    value: { code: '000.00.06.H56-231027-0361-7KQ2', agency: '000.00.06.H56', date: '2023-10-27', sequence: 361, check: '7KQ2' },
  });
});

test('trims spaces, upper-cases the province letter and accepts typographic dashes', () => {
  const result = parseDossierCode('  000.00.06.h56–231027-0361\n', { now });
  assert.equal(result.ok, true);
  assert.equal(result.ok && result.value.code, '000.00.06.H56-231027-0361');
});

const cases: Array<[string, DossierCodeProblem]> = [
  ['', 'empty'],
  ['   ', 'empty'],
  ['000.00.06.H56-231027-0361-000000000000000', 'too_long'],
  ['000.00.06.H56 231027 0361', 'invalid_characters'],
  ['000.00.06.H56-231027-036Ư', 'invalid_characters'],
  ['<script>', 'invalid_characters'],
  ['000.00.06.H56-231027', 'wrong_shape'],
  ['000.00.06.H56--231027-0361', 'wrong_shape'],
  ['000.00.06.H56-231027-0361-1', 'wrong_shape'],
  ['000.00.06.H56-231027-0361-7KQ2-7KQ2', 'wrong_shape'],
  ['000.00.06.H56-231027-0361-7KQI', 'wrong_shape'],
  ['000.00.06.H56-231027-0361-OLU1', 'wrong_shape'],
  ['000.00.06.H56-231027-0361-7KQ', 'wrong_shape'],
  ['00.00.06.H56-231027-0361', 'invalid_agency'],
  ['000.00.06.56-231027-0361', 'invalid_agency'],
  ['000.00.06.H56-23102-0361', 'invalid_date'],
  ['000.00.06.H56-231327-0361', 'invalid_date'],
  ['000.00.06.H56-230229-0361', 'invalid_date'],
  ['000.00.06.H56-231000-0361', 'invalid_date'],
  ['000.00.06.H56-261122-0001', 'future_date'],
  ['000.00.06.H56-231027-361', 'invalid_sequence'],
  ['000.00.06.H56-231027-0000', 'invalid_sequence'],
  ['000.00.06.H56-231027-03A1', 'invalid_sequence'],
];

for (const [input, reason] of cases) {
  test(`rejects ${JSON.stringify(input)} as ${reason} with its Vietnamese message`, () => {
    const result = parseDossierCode(input, { now });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.reason, reason);
    assert.equal(result.message, DOSSIER_CODE_MESSAGES.vi[reason]);
    // The checker without messages (what the tracker widget uses) finds the same problem.
    assert.deepEqual(checkDossierCode(input, { now }), { ok: false, reason });
  });
}

test('the checker without messages accepts and normalises a code exactly as the parser does', () => {
  const input = '  000.00.06.h56–231027-0361\n';
  assert.deepEqual(checkDossierCode(input, { now }), {
    ok: true,
    value: { code: '000.00.06.H56-231027-0361', agency: '000.00.06.H56', date: '2023-10-27', sequence: 361 },
  });
  assert.deepEqual(checkDossierCode(input, { now }), parseDossierCode(input, { now }));
});

test('a leap day and today (in Vietnam time) are valid', () => {
  assert.equal(parseDossierCode('000.00.06.H56-240229-0001', { now }).ok, true);
  // 2026-11-20T18:00Z is already 21 November in Vietnam.
  assert.equal(parseDossierCode('000.00.06.H56-261121-0001', { now: new Date('2026-11-20T18:00:00Z') }).ok, true);
  assert.equal(parseDossierCode('000.00.06.H56-261121-0001', { now: new Date('2026-11-20T16:00:00Z') }).ok, false);
});

test('every problem has a distinct message in Vietnamese and English', () => {
  for (const lang of ['vi', 'en'] as const) {
    const messages = Object.values(DOSSIER_CODE_MESSAGES[lang]);
    assert.equal(messages.length, 8);
    assert.equal(new Set(messages).size, 8);
  }
  assert.deepEqual(Object.keys(DOSSIER_CODE_MESSAGES.vi).sort(), Object.keys(DOSSIER_CODE_MESSAGES.en).sort());
});
