// The server's dossier-code check remembers the codes it accepted today (routes: look-up, verify, alerts, ratings). What
// it remembers must never change an answer: a code dated tomorrow is refused until tomorrow (Vietnam's day), a refused
// input is checked again every time, and the clock moving back a day (a fixed demo clock) forgets the day's codes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCode, rememberedCodes } from './dossier-code.js';

// 23:30 on 27 Oct 2023 in Vietnam (UTC+7) is 16:30 UTC; 00:30 on the 28th is 17:30 UTC.
const LATE_27 = new Date('2023-10-27T16:30:00Z');
const EARLY_28 = new Date('2023-10-27T17:30:00Z');

describe('parseCode', () => {
  it("a code dated tomorrow is refused, again and again, until Vietnam's day turns; then accepted", () => {
    const tomorrow = '000.00.06.H56-231028-0007';
    for (let i = 0; i < 3; i++) {
      const refused = parseCode(tomorrow, LATE_27);
      assert.equal(!refused.ok && refused.reason, 'future_date', `try ${i + 1}`);
    }
    assert.deepEqual(parseCode(tomorrow, EARLY_28), { ok: true, code: tomorrow });
  });

  it('an accepted code keeps its normalised form however it was typed, and the answer cannot be changed by a caller', () => {
    const first = parseCode(' 000.00.06.h56-231027-0361 ', LATE_27);
    assert.deepEqual(first, { ok: true, code: '000.00.06.H56-231027-0361' });
    assert.throws(() => Object.assign(first, { code: 'x' }), TypeError);
    assert.deepEqual(parseCode(' 000.00.06.h56-231027-0361 ', LATE_27), { ok: true, code: '000.00.06.H56-231027-0361' });
  });

  it('the clock moving back a day forgets what was accepted: a code of a day still to come is refused again', () => {
    const code = '000.00.06.H56-231028-0008';
    assert.equal(parseCode(code, EARLY_28).ok, true);
    const back = parseCode(code, LATE_27);
    assert.equal(back.ok, false);
    assert.equal(!back.ok && back.reason, 'future_date');
  });

  it('many different codes in one day (an attacker enumerating) keep being answered right', () => {
    for (let n = 1; n <= 12_000; n++) {
      const seq = String((n % 9999) + 1).padStart(4, '0');
      const day = n % 2 ? '231027' : '231029';
      const r = parseCode(`000.00.06.H56-${day}-${seq}`, LATE_27);
      assert.equal(r.ok, day === '231027', `${day}-${seq}`);
    }
  });

  it('a valid code padded with kilobytes of spaces is accepted but never kept: the table stays small however it is attacked', () => {
    for (let n = 1; n <= 500; n++) {
      const padded = `${' '.repeat(8_000)}000.00.06.H56-231027-${String(n).padStart(4, '0')}${' '.repeat(n)}`;
      assert.deepEqual(parseCode(padded, LATE_27), { ok: true, code: `000.00.06.H56-231027-${String(n).padStart(4, '0')}` });
    }
    const kept = rememberedCodes();
    assert.ok(kept.longest <= 40, `longest input kept: ${kept.longest} characters`);
    assert.ok(kept.count <= 10_000, `inputs kept: ${kept.count}`);
  });
});
