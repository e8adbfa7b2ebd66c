// The dossier tracker against the REAL reference server (same-origin /api/v1 through web-test-runner's proxy):
// every status of the fixed demo dossiers, overdue, not found, owner verification, keyboard-only use, rate limiting.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createClient, type MotcuaClient } from '@motcua/sdk';
import type { DossierStatusValue } from '@motcua/sdk/schemas';
import '../../packages/elements/src/components/dossier-tracker/dossier-tracker.js';
import type { MotcuaDossierTracker } from '../../packages/elements/src/components/dossier-tracker/dossier-tracker.js';
import { demoDossiers, DEMO_AGENCY, type DemoDossier } from '../../packages/server/src/demo-dossiers.js';

const api = new URL('/api/v1', location.origin).href;
// Read at the moment of use, not once per file: the demo codes carry the Vietnam date, and the server regenerates them
// after midnight in Vietnam (17:00 UTC), so codes read when the file started would be unknown to a run crossing it.
const demo = (status: DossierStatusValue, timing?: string): DemoDossier =>
  demoDossiers(new Date()).find((d) => d.status === status && (timing === undefined || d.timing === timing))!;

const root = (el: Element): ShadowRoot => el.shadowRoot!;
const text = (el: Element, selector: string): string => (root(el).querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** A client that presents itself as another client address (the server trusts X-Forwarded-For in tests). */
function clientAt(address: string): MotcuaClient {
  return createClient({
    baseUrl: api,
    retry: { limit: 0 },
    fetch: (input, init) => {
      const request = new Request(input, init);
      request.headers.set('x-forwarded-for', address);
      return fetch(request);
    },
  });
}

async function track(code: string, client?: MotcuaClient, lang = 'vi'): Promise<MotcuaDossierTracker> {
  const el = await fixture<MotcuaDossierTracker>(
    html`<motcua-dossier-tracker lang=${lang} .client=${client} code=${code}></motcua-dossier-tracker>`,
  );
  await waitUntil(() => root(el).querySelector('[part="result"], [part="message"]:not(.loading)'), 'the tracker showed nothing', {
    timeout: 15_000,
  });
  await el.updateComplete;
  return el;
}

describe('dossier tracker against the reference server', () => {
  const expectations: Array<{ status: DossierStatusValue; timing?: string; label: string; due: RegExp; todo: RegExp; current: boolean }> = [
    { status: 'submitted', label: 'Đã nộp trực tuyến, chờ tiếp nhận', due: /Chưa có/, todo: /chưa cần làm gì/, current: true },
    {
      status: 'received',
      label: 'Đã tiếp nhận',
      due: /Còn \d+ ngày làm việc|Hẹn trả trong hôm nay/,
      todo: /chưa cần làm gì/,
      current: true,
    },
    { status: 'not_accepted', label: 'Không được tiếp nhận', due: /^$/, todo: /Lý do: \S/, current: false },
    {
      status: 'processing',
      timing: 'in_progress',
      label: 'Đang giải quyết',
      due: /Còn \d+ ngày làm việc|Hẹn trả trong hôm nay/,
      todo: /chưa cần/,
      current: true,
    },
    { status: 'supplement_requested', label: 'Cần bổ sung hồ sơ', due: /ngày làm việc|hôm nay/, todo: /mang giấy tờ/, current: true },
    { status: 'payment_requested', label: 'Chờ nộp phí, lệ phí', due: /ngày làm việc|hôm nay/, todo: /nộp phí/, current: true },
    { status: 'withdrawn', label: 'Đã rút hồ sơ', due: /^$/, todo: /đã được rút/, current: false },
    { status: 'stopped', label: 'Đã dừng xử lý', due: /^$/, todo: /dừng xử lý/, current: false },
    { status: 'resolved', label: 'Đã có kết quả', due: /Kết quả đã sẵn sàng/, todo: /Kết quả đã sẵn sàng/, current: true },
    { status: 'returned', label: 'Đã trả kết quả', due: /đúng hạn|trước hạn|quá hạn/, todo: /đã được trả/, current: false },
  ];

  for (const expected of expectations) {
    it(`shows a ${expected.status} dossier: status in words and icon, due date, steps, what to do now`, async () => {
      const d = demo(expected.status, expected.timing);
      const el = await track(d.code);
      const result = root(el).querySelector('[part="result"]')!;
      expect(result.getAttribute('data-status')).to.equal(expected.status);
      // Status: words next to a decorative icon, never colour alone.
      expect(text(el, '[part="status"]')).to.equal(expected.label);
      expect(root(el).querySelector('[part="status"] svg')!.getAttribute('aria-hidden')).to.equal('true');
      expect(text(el, '[part="details"]')).to.contain('Thủ tục');
      const due = root(el).querySelector('.due-state');
      if (expected.due.source === '^$') expect(due?.textContent ?? '').to.equal('');
      else expect(text(el, '.due-state')).to.match(expected.due);
      expect(text(el, '[part="todo"]')).to.match(expected.todo);
      // Timeline: an ordered list; the current step is marked for assistive technology, not only visually.
      const steps = [...root(el).querySelectorAll('[part="timeline"] > li')];
      expect(root(el).querySelector('[part="timeline"]')!.tagName).to.equal('OL');
      expect(steps.length).to.be.greaterThan(0);
      const current = steps.filter((li) => li.getAttribute('aria-current') === 'step');
      expect(current.length).to.equal(expected.current ? 1 : 0);
      if (expected.current) expect(current[0]!.querySelector('.visually-hidden')!.textContent).to.equal('Đang thực hiện:');
      // Steps before the current one are completed, the ones after it are next.
      const position = expected.current ? steps.indexOf(current[0]!) : steps.length;
      steps.forEach((li, i) => {
        const hidden = li.querySelector('.visually-hidden')!.textContent;
        expect(hidden).to.equal(i < position ? 'Đã xong:' : i === position ? 'Đang thực hiện:' : 'Bước tiếp theo:');
      });
      // Nothing personal in the public view.
      expect(root(el).textContent).not.to.contain(d.applicantName);
      await expect(el).to.be.accessible();
    });
  }

  it('shows an overdue dossier as overdue by N working days, with advice', async () => {
    const el = await track(demo('processing', 'overdue').code);
    expect(text(el, '.due-state')).to.match(/Quá hạn \d+ ngày làm việc/);
    expect(text(el, '.due-state')).to.contain('chưa trừ ngày nghỉ lễ');
    expect(text(el, '[part="todo"]')).to.contain('quá ngày hẹn trả');
    expect(text(el, '[part="details"]')).to.contain('Ngày hẹn trả kết quả (theo quy định)');
    await expect(el).to.be.accessible();
  });

  it('shows the payment amount and the supplement note', async () => {
    const pay = await track(demo('payment_requested').code);
    expect(text(pay, '[part="todo"]')).to.match(/Số tiền: [\d.]+\s?₫/);
    const supplement = await track(demo('supplement_requested').code);
    expect(text(supplement, '[part="todo"] blockquote').length).to.be.greaterThan(5);
  });

  it('speaks English when asked', async () => {
    const el = await track(demo('resolved').code, undefined, 'en');
    expect(text(el, '[part="status"]')).to.equal('Result ready');
    expect(text(el, '[part="details"]')).to.contain('Legal due date (ngày hẹn trả)');
  });

  it('says kindly when a dossier is not found', async () => {
    const today = demo('submitted').code.split('-')[1];
    const el = await track(`${DEMO_AGENCY}-${today}-9098`, clientAt('198.51.100.7'));
    expect(root(el).querySelector('[part="message"]')!.getAttribute('data-kind')).to.equal('not_found');
    expect(text(el, '[part="message"]')).to.contain('Chưa tìm thấy hồ sơ');
    await expect(el).to.be.accessible();
  });

  it('verifies ownership with the last 4 phone digits, showing only the masked name and storing nothing', async () => {
    const d = demo('processing', 'in_progress');
    const el = await track(d.code, clientAt('198.51.100.8'));
    const toggle = [...root(el).querySelectorAll<HTMLButtonElement>('[part="verify"] button')].find((b) =>
      b.textContent!.includes('Xác minh'),
    )!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const phone = root(el).querySelector<HTMLInputElement>('#phone')!;
    const submit = (): void => root(el).querySelector<HTMLFormElement>('#verify-form')!.requestSubmit();
    // Not four digits: told before any request.
    phone.value = '12a';
    submit();
    await el.updateComplete;
    expect(text(el, '#phone-error')).to.contain('4 chữ số');
    // Wrong digits: the server says no match.
    phone.value = d.phoneLast4 === '0000' ? '1111' : '0000';
    submit();
    await waitUntil(() => text(el, '#phone-error').includes('không khớp'), 'no mismatch message', { timeout: 10_000 });
    await expect(el).to.be.accessible();
    // Right digits: the owner view, with the name masked.
    phone.value = d.phoneLast4;
    submit();
    await waitUntil(() => root(el).querySelector('.applicant'), 'no owner view', { timeout: 10_000 });
    const shown = text(el, '.applicant');
    const [family] = d.applicantName.split(' ');
    expect(shown.startsWith(family!)).to.equal(true);
    expect(shown).to.contain('*');
    expect(shown).not.to.equal(d.applicantName);
    expect(text(el, '.verified')).to.contain('Đã xác minh');
    const stored = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie;
    expect(stored).not.to.contain(d.phoneLast4);
    expect(stored).not.to.contain(shown);
    await expect(el).to.be.accessible();
  });

  it('can be used with the keyboard alone: code, Enter, verify, Enter', async () => {
    const d = demo('received');
    const el = await fixture<MotcuaDossierTracker>(
      html`<motcua-dossier-tracker .client=${clientAt('198.51.100.9')}></motcua-dossier-tracker>`,
    );
    root(el).querySelector<HTMLInputElement>('#code')!.focus();
    await sendKeys({ type: d.code });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(el).querySelector('[part="result"]'), 'no result', { timeout: 10_000 });
    await el.updateComplete;
    // Tab from the code input: the submit button, the read-aloud and text-size controls of the status, then the verify
    // toggle (a few presses, every stop a named control).
    const stops: string[] = [];
    for (let i = 0; i < 5 && !root(el).activeElement?.textContent?.includes('Xác minh đây là hồ sơ của bạn'); i++) {
      await sendKeys({ press: 'Tab' });
      stops.push((root(el).activeElement?.textContent ?? '').trim());
    }
    expect(root(el).activeElement!.textContent, stops.join(' | ')).to.contain('Xác minh đây là hồ sơ của bạn');
    expect(stops.every((label) => label.length > 0)).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await waitUntil(() => root(el).activeElement?.id === 'phone', 'focus did not move to the phone field');
    await sendKeys({ type: d.phoneLast4 });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(el).querySelector('.applicant'), 'no owner view', { timeout: 10_000 });
  });

  it('tells the user when to retry after too many failed look-ups (429 from the server)', async () => {
    const client = clientAt('203.0.113.61');
    const today = demo('submitted').code.split('-')[1];
    // Enumerating codes: the server blocks this address after its limit of look-ups (60 in 10 minutes). Sent together,
    // as an enumerator would: one after the other, the 61 round trips took most of the test's 20 s on a loaded machine.
    const guesses = await Promise.allSettled(
      Array.from({ length: 80 }, (_, i) => client.getDossier(`${DEMO_AGENCY}-${today}-${String(8000 + i).padStart(4, '0')}`)),
    );
    const limited = guesses.some((g) => g.status === 'rejected' && (g.reason as { status?: number }).status === 429);
    expect(limited, 'the server never rate-limited').to.equal(true);
    // The enumerator keeps guessing: the tracker says why it cannot look up now, and when to come back.
    const events: Array<{ kind: string; retryAfter?: number }> = [];
    const el = await fixture<MotcuaDossierTracker>(html`<motcua-dossier-tracker .client=${client}></motcua-dossier-tracker>`);
    el.addEventListener('motcua-dossier-error', (e) => events.push(e.detail));
    el.code = `${DEMO_AGENCY}-${today}-8090`;
    await waitUntil(() => root(el).querySelector('[part="message"][data-kind]'), `no message: ${root(el).textContent}`, {
      timeout: 10_000,
    });
    expect(root(el).querySelector('[part="message"]')!.getAttribute('data-kind')).to.equal('rate_limited');
    expect(text(el, '[part="message"]')).to.match(/thử lại sau \d+ (giây|phút) \(khoảng \d{2}:\d{2}\)/);
    expect(events[0]!.kind).to.equal('rate_limited');
    expect(events[0]!.retryAfter).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });
});
