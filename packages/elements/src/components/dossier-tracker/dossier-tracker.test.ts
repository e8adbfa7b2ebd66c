import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { createClient } from '@motcua/sdk';
import './dossier-tracker.js';
import type { MotcuaDossierTracker } from './dossier-tracker.js';
import type { DossierStatus } from '@motcua/sdk/schemas';
import { waitUntil } from '@open-wc/testing';
import { codeFromUrl } from './dossier-tracker.component.js';
import * as sdkCalendar from '@motcua/sdk/calendar';
import { dueState, holidayCalendar, workingDaysBetween } from '../../internal/working-days.js';
import { registerTranslation } from '../../internal/i18n.js';

/** A client whose fetch records every request and never answers from a server. */
function spyClient() {
  const calls: string[] = [];
  const client = createClient({
    baseUrl: 'http://motcua.invalid/api/v1',
    fetch: async (input) => {
      calls.push(String(input instanceof Request ? input.url : input));
      return new Response('{}', { status: 500 });
    },
    retry: { limit: 0 },
  });
  return { client, calls };
}

const shadow = (el: Element): ShadowRoot => el.shadowRoot!;
const input = (el: MotcuaDossierTracker): HTMLInputElement => shadow(el).querySelector('#code')!;
const errorText = (el: MotcuaDossierTracker): string => shadow(el).querySelector('[part="error"]')?.textContent?.trim() ?? '';

async function typeAndSubmit(el: MotcuaDossierTracker, value: string): Promise<void> {
  const field = input(el);
  field.value = value;
  field.dispatchEvent(new Event('input'));
  shadow(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await el.updateComplete;
}

describe('<motcua-dossier-tracker> without a server', () => {
  it('downloads the English terms only for a tracker in English, which renders in English from its first render', async () => {
    const englishTerms = () => performance.getEntriesByType('resource').some((e) => e.name.includes('dossier-tracker.strings.en'));
    const { client } = spyClient();
    const vi = await fixture<MotcuaDossierTracker>(html`<motcua-dossier-tracker .client=${client}></motcua-dossier-tracker>`);
    expect(shadow(vi).querySelector('h2')?.textContent?.trim()).to.equal('Tra cứu hồ sơ');
    expect(englishTerms(), 'a Vietnamese tracker loaded the English terms').to.equal(false);
    registerTranslation('en', { 'tracker.submit': 'Check my dossier' });
    const el = document.createElement('motcua-dossier-tracker');
    el.setAttribute('lang', 'en');
    document.body.append(el);
    try {
      await el.updateComplete;
      expect(shadow(el).querySelector('h2')?.textContent?.trim()).to.equal('Track a dossier');
      expect(englishTerms()).to.equal(true);
      // A host page's own wording, registered before the built-in English terms arrived, still wins.
      expect(shadow(el).querySelector('button[type="submit"]')?.textContent?.trim()).to.equal('Check my dossier');
    } finally {
      el.remove();
    }
  });

  const cases: Array<[string, string, RegExp]> = [
    ['', 'empty', /Nhập mã hồ sơ/],
    ['000.00.06.H56-231027-0361-000000000000000000', 'too_long', /quá dài/],
    ['000.00.06.H56 231027 0361', 'invalid_characters', /chỉ gồm chữ số/],
    ['000.00.06.H56-2310270361', 'wrong_shape', /ba phần/],
    ['000.0.06.H56-231027-0361', 'invalid_agency', /mã cơ quan/],
    ['000.00.06.H56-231327-0361', 'invalid_date', /năm-tháng-ngày/],
    ['000.00.06.H56-991231-0361', 'future_date', /chưa tới/],
    ['000.00.06.H56-231027-0000', 'invalid_sequence', /0001/],
  ];
  for (const [value, reason, message] of cases) {
    it(`explains a code that is ${reason} without sending any request`, async () => {
      const { client, calls } = spyClient();
      const el = await fixture<MotcuaDossierTracker>(html`<motcua-dossier-tracker .client=${client}></motcua-dossier-tracker>`);
      const errored = oneEvent(el, 'motcua-dossier-error');
      await typeAndSubmit(el, value);
      const event = await errored;
      expect(event.detail).to.include({ kind: 'invalid', reason });
      expect(errorText(el)).to.match(message);
      expect(input(el).getAttribute('aria-invalid')).to.equal('true');
      expect(input(el).getAttribute('aria-describedby')).to.contain('code-error');
      // The user's text is kept so they can fix it, and focus returns to the field.
      expect(input(el).value).to.equal(value);
      expect(shadow(el).activeElement).to.equal(input(el));
      expect(calls).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });
  }

  it('explains the problem in English too', async () => {
    const { client } = spyClient();
    const el = await fixture<MotcuaDossierTracker>(html`<motcua-dossier-tracker lang="en" .client=${client}></motcua-dossier-tracker>`);
    await typeAndSubmit(el, '000.00.06.H56-231327-0361');
    expect(errorText(el)).to.match(/year-month-day/);
  });

  it('reads the code from ?ma-ho-so= or #ma-ho-so= (the QR on a paper receipt)', () => {
    expect(codeFromUrl('https://x.gov.vn/tra-cuu?ma-ho-so=000.00.06.H56-231027-0361')).to.equal('000.00.06.H56-231027-0361');
    expect(codeFromUrl('https://x.gov.vn/tra-cuu#ma-ho-so=000.00.06.H56-231027-0361')).to.equal('000.00.06.H56-231027-0361');
    expect(codeFromUrl('https://x.gov.vn/tra-cuu#thu-tuc=1.001193')).to.equal('');
  });

  it('pre-fills and looks up the code from the page URL', async () => {
    const { client, calls } = spyClient();
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}#ma-ho-so=000.00.06.H56-231027-0361`);
    try {
      const el = await fixture<MotcuaDossierTracker>(html`<motcua-dossier-tracker .client=${client}></motcua-dossier-tracker>`);
      expect(input(el).value).to.equal('000.00.06.H56-231027-0361');
      await oneEvent(el, 'motcua-dossier-error');
      expect(calls.length).to.be.greaterThan(0);
      expect(calls[0]).to.contain('/dossiers/000.00.06.H56-231027-0361');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('shows a kind server-error state (not a blank widget) when the server fails', async () => {
    const { client } = spyClient();
    const el = await fixture<MotcuaDossierTracker>(html`<motcua-dossier-tracker .client=${client}></motcua-dossier-tracker>`);
    const errored = oneEvent(el, 'motcua-dossier-error');
    await typeAndSubmit(el, '000.00.06.H56-231027-0361');
    expect((await errored).detail.kind).to.equal('server');
    await el.updateComplete;
    const message = shadow(el).querySelector('[part="message"]')!;
    expect(message.textContent).to.contain('Hệ thống đang bận');
    expect(message.querySelector('button')!.textContent).to.contain('Thử lại');
    await expect(el).to.be.accessible();
  });

  it('shows the offline state when the network is down, keeping the code typed', async () => {
    const client = createClient({
      baseUrl: 'http://motcua.invalid/api/v1',
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      retry: { limit: 0 },
    });
    const el = await fixture<MotcuaDossierTracker>(html`<motcua-dossier-tracker .client=${client}></motcua-dossier-tracker>`);
    const errored = oneEvent(el, 'motcua-dossier-error');
    await typeAndSubmit(el, '000.00.06.H56-231027-0361');
    expect((await errored).detail.kind).to.equal('offline');
    await el.updateComplete;
    expect(shadow(el).querySelector('[data-kind="offline"]')!.textContent).to.contain('Không có kết nối mạng');
    expect(input(el).value).to.equal('000.00.06.H56-231027-0361');
  });

  it('is usable with the keyboard alone: type, Enter submits', async () => {
    const { client } = spyClient();
    const el = await fixture<MotcuaDossierTracker>(html`<motcua-dossier-tracker .client=${client}></motcua-dossier-tracker>`);
    input(el).focus();
    await sendKeys({ type: '000.00.06.H56-231327-0361' });
    const errored = oneEvent(el, 'motcua-dossier-error');
    await sendKeys({ press: 'Enter' });
    expect((await errored).detail.reason).to.equal('invalid_date');
  });
});

describe('working days (weekends skipped; holidays when given)', () => {
  it('counts working days after one date up to another', () => {
    // Fri 2026-11-20 → Mon 2026-11-23: one working day (Monday).
    expect(workingDaysBetween('2026-11-20', '2026-11-23')).to.equal(1);
    expect(workingDaysBetween('2026-11-16', '2026-11-20')).to.equal(4);
    expect(workingDaysBetween('2026-11-23', '2026-11-20')).to.equal(-1);
    expect(workingDaysBetween('2026-08-31', '2026-09-03', holidayCalendar(['2026-09-01', '2026-09-02']))).to.equal(1);
  });

  it('says due today, due in N, or overdue by N, in Vietnam time', () => {
    const now = new Date('2026-11-20T03:00:00Z'); // Friday 10:00 in Hà Nội
    expect(dueState('2026-11-20T16:00:00+07:00', now)).to.deep.equal({ kind: 'due', workingDays: 0 });
    expect(dueState('2026-11-24T09:00:00+07:00', now)).to.deep.equal({ kind: 'due', workingDays: 2 });
    expect(dueState('2026-11-18T09:00:00+07:00', now)).to.deep.equal({ kind: 'overdue', workingDays: 2 });
    // Due Friday, seen on Sunday: overdue by at least one day even though no working day has passed.
    expect(dueState('2026-11-20T09:00:00+07:00', new Date('2026-11-22T03:00:00Z'))).to.deep.equal({ kind: 'overdue', workingDays: 1 });
    expect(dueState(null, now)).to.deep.equal({ kind: 'none' });
  });

  it('counts a make-up working Saturday (Sat 10 January 2026, 12729/VPCP-KGVX) and the swapped Friday 2 January', () => {
    const cal = holidayCalendar(['2026-01-01', '2026-01-02'], ['2026-01-10']);
    expect(workingDaysBetween('2026-01-08', '2026-01-12', cal)).to.equal(3);
    expect(workingDaysBetween('2025-12-31', '2026-01-05', cal)).to.equal(1);
    const thursday = new Date('2026-01-08T03:00:00Z'); // Thu 8 January, 10:00 in Hà Nội
    expect(dueState('2026-01-12T08:00:00+07:00', thursday, cal)).to.deep.equal({ kind: 'due', workingDays: 3 });
    // The same numbers as the SDK module the server computes due dates with.
    expect(sdkCalendar.dueState('2026-01-12T08:00:00+07:00', thursday, cal)).to.deep.equal({ kind: 'due', workingDays: 3 });
    expect(sdkCalendar.vnDate(sdkCalendar.dueDate(new Date('2026-01-08T08:00:00+07:00'), { value: 3, unit: 'working_day' }, cal))).to.equal(
      '2026-01-12',
    );
  });

  it('reads holidays and make-up working days from attributes', async () => {
    const el = await fixture<MotcuaDossierTracker>(
      html`<motcua-dossier-tracker holidays="2026-01-01, 2026-01-02 bad" workdays="2026-01-10"></motcua-dossier-tracker>`,
    );
    expect(el.holidays).to.deep.equal(['2026-01-01', '2026-01-02']);
    expect(el.workdays).to.deep.equal(['2026-01-10']);
  });
});

const CODE = '000.30.01.H17-261120-0042';
function dossier(status: DossierStatus['status']): DossierStatus {
  const resolved = status === 'resolved';
  return {
    code: CODE,
    view: 'public',
    procedure: { code: '1.001193', name: 'Đăng ký khai sinh' },
    agency: { code: '000.30.01.H17', name: 'UBND xã Hòa Vang' },
    status,
    statusCode: resolved ? 9 : 4,
    submittedAt: '2026-11-20T08:00:00+07:00',
    receivedAt: '2026-11-20T08:30:00+07:00',
    dueAt: '2026-11-21T16:30:00+07:00',
    finishedAt: resolved ? '2026-11-21T10:00:00+07:00' : null,
    returnedAt: null,
    timing: resolved ? 'early' : 'in_progress',
    channel: 'online',
    resultDelivery: 'counter',
    steps: [{ name: 'Tiếp nhận hồ sơ', unit: 'Bộ phận Một cửa', startedAt: '2026-11-20T08:30:00+07:00' }],
    pending: null,
    reason: null,
    rated: false,
  };
}

/** A server that answers with `answers[i]` for the i-th look-up (the last one repeats): a status, or an HTTP status to fail with. */
function scriptedClient(answers: Array<DossierStatus['status'] | number>) {
  let calls = 0;
  const client = createClient({
    baseUrl: 'http://motcua.invalid/api/v1',
    retry: { limit: 0 },
    fetch: async () => {
      const answer = answers[Math.min(calls, answers.length - 1)]!;
      calls++;
      if (typeof answer === 'number') return new Response('{}', { status: answer });
      return new Response(JSON.stringify(dossier(answer)), { headers: { 'content-type': 'application/json' } });
    },
  });
  return { client, calls: () => calls };
}

describe('<motcua-dossier-tracker refresh>', () => {
  it('refreshes by itself and announces a status change', async () => {
    const { client } = scriptedClient(['processing', 'resolved']);
    const el = await fixture<MotcuaDossierTracker>(
      html`<motcua-dossier-tracker refresh="1" .client=${client} code=${CODE}></motcua-dossier-tracker>`,
    );
    const changed = await new Promise<boolean>((resolve) =>
      el.addEventListener('motcua-dossier-load', (e) => {
        if (e.detail.changed) resolve(true);
      }),
    );
    expect(changed).to.equal(true);
    await el.updateComplete;
    expect(shadow(el).querySelector('[role="status"]')!.textContent).to.contain('Trạng thái hồ sơ đã thay đổi: Đã có kết quả.');
    expect(shadow(el).querySelector('[part="status"]')!.textContent!.trim()).to.equal('Đã có kết quả');
  });

  it('keeps the last good status on screen when a refresh fails, and tries again later', async () => {
    const { client, calls } = scriptedClient(['processing', 503, 503, 'processing']);
    const el = await fixture<MotcuaDossierTracker>(
      html`<motcua-dossier-tracker refresh="1" .client=${client} code=${CODE}></motcua-dossier-tracker>`,
    );
    await waitUntil(() => calls() >= 2, 'no refresh', { timeout: 5000 });
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="result"]')).not.to.equal(null);
    expect(shadow(el).querySelector('[part="message"]')).to.equal(null);
    await waitUntil(() => calls() >= 3, 'no retry after the error', { timeout: 8000 });
  });

  it('pauses while the tab is hidden and resumes when it is shown again', async () => {
    const { client, calls } = scriptedClient(['processing']);
    const el = await fixture<MotcuaDossierTracker>(
      html`<motcua-dossier-tracker refresh="1" .client=${client} code=${CODE}></motcua-dossier-tracker>`,
    );
    await waitUntil(() => calls() >= 1);
    const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')!;
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      const hiddenAt = calls();
      await new Promise((r) => setTimeout(r, 2500));
      expect(calls()).to.equal(hiddenAt);
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
      Object.defineProperty(Document.prototype, 'visibilityState', visibility);
    }
    const before = calls();
    document.dispatchEvent(new Event('visibilitychange'));
    await waitUntil(() => calls() > before, 'did not resume', { timeout: 3000 });
    el.remove();
  });
});

describe('<motcua-dossier-tracker> rating in place', () => {
  const TOKEN = `p1.${'k'.repeat(6)}.${'A'.repeat(43)}`;
  /** A server: the public view, the owner view with a proof after the right digits, and a ratings endpoint that records what it got. */
  function ratingServer(status: DossierStatus['status']) {
    const ratings: Array<{ proof: string | null; body: Record<string, unknown> }> = [];
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    const { rated: _rated, ...publicView } = dossier(status);
    const client = createClient({
      baseUrl: 'http://motcua.invalid/api/v1',
      retry: { limit: 0 },
      fetch: async (input, init) => {
        const request = new Request(input, init);
        const path = new URL(request.url).pathname;
        if (path.endsWith('/verify'))
          return json({
            ...publicView,
            view: 'owner',
            applicantName: 'Nguyễn V** A**',
            rated: false,
            ratingProof: { token: TOKEN, expiresAt: '2026-11-21T11:00:00+07:00' },
          });
        if (path.endsWith('/ratings')) {
          const body = (await request.json()) as Record<string, unknown>;
          ratings.push({ proof: request.headers.get('motcua-owner-proof'), body });
          return json(
            { id: 'r_1', agency: body.agency, dossierCode: CODE, overall: body.overall, ratedAt: body.ratedAt, receivedAt: body.ratedAt },
            201,
          );
        }
        return json(publicView);
      },
    });
    return { client, ratings };
  }

  async function verified(status: DossierStatus['status']) {
    const server = ratingServer(status);
    const el = await fixture<MotcuaDossierTracker>(
      html`<motcua-dossier-tracker .client=${server.client} code=${CODE}></motcua-dossier-tracker>`,
    );
    await waitUntil(() => shadow(el).querySelector('[part="verify"] button'), 'no verify button', { timeout: 5000 });
    shadow(el).querySelector<HTMLButtonElement>('[part="verify"] button')!.click();
    await el.updateComplete;
    shadow(el).querySelector<HTMLInputElement>('#phone')!.value = '1078';
    shadow(el).querySelector<HTMLFormElement>('#verify-form')!.requestSubmit();
    await waitUntil(() => shadow(el).querySelector('.verified'), 'not verified', { timeout: 5000 });
    await el.updateComplete;
    return { el, ...server };
  }

  it('offers the rating right after the owner check of a finished dossier, and sends it with the owner’s proof', async () => {
    const { el, ratings } = await verified('resolved');
    const form = shadow(el).querySelector('motcua-satisfaction')!;
    expect(form).not.to.equal(null);
    // (The form's code loads on first use.)
    await waitUntil(() => form.shadowRoot?.querySelector('input[value="very_satisfied"]'), 'the rating form did not load', {
      timeout: 10_000,
    });
    const inner = form.shadowRoot!;
    expect(inner.querySelector('#digits')).to.equal(null, 'the citizen is not asked for the digits again');
    inner.querySelector<HTMLInputElement>('input[value="very_satisfied"]')!.click();
    inner.querySelector('form')!.requestSubmit();
    await waitUntil(() => inner.querySelector('[data-screen="thanks"]'), 'no thanks', { timeout: 10_000 });
    expect(ratings).to.have.length(1);
    expect(ratings[0]!.proof).to.equal(TOKEN);
    expect(ratings[0]!.body).to.include({ dossierCode: CODE, channel: 'online', overall: 'very_satisfied' });
    await expect(el).to.be.accessible();
  });

  it('at 320 px, moves focus to the confirmation after the owner check, and to the owner button after hiding it', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const { el } = await verified('processing');
      await waitUntil(() => shadow(el).activeElement, 'focus fell out of the widget');
      expect(shadow(el).activeElement).to.equal(shadow(el).querySelector('.verified'));
      expect(document.activeElement).to.equal(el);
      const hide = [...shadow(el).querySelectorAll<HTMLButtonElement>('[part="verify"] button')].at(-1)!;
      hide.click();
      await waitUntil(() => !shadow(el).querySelector('.verified') && shadow(el).activeElement, 'focus fell to <body> after hiding');
      expect(shadow(el).activeElement?.getAttribute('aria-expanded')).to.equal('false');
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('offers no rating for a dossier still being processed', async () => {
    const { el } = await verified('processing');
    expect(shadow(el).querySelector('motcua-satisfaction')).to.equal(null);
  });
});

describe('<motcua-dossier-tracker> fee payment by transfer', () => {
  const PAY_TO = { bankBin: '970415', account: '113000123456', accountName: 'UBND XA HOA VANG', bankName: 'VietinBank' };
  function awaitingPayment(payTo: object | undefined, amountVnd = 20_000): DossierStatus {
    return {
      ...dossier('processing'),
      status: 'payment_requested',
      statusCode: 6,
      pending: {
        kind: 'payment',
        requestedAt: '2026-11-20T09:00:00+07:00',
        note: 'Nộp lệ phí 20.000 đồng.',
        amountVnd,
        ...(payTo ? { payTo: payTo as NonNullable<DossierStatus['pending']>['payTo'] } : {}),
      },
    };
  }
  function clientFor(body: DossierStatus) {
    return createClient({
      baseUrl: 'http://motcua.invalid/api/v1',
      retry: { limit: 0 },
      fetch: async () => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }),
    });
  }
  async function mount(body: DossierStatus, shown = '[part="result"]'): Promise<MotcuaDossierTracker> {
    const el = await fixture<MotcuaDossierTracker>(
      html`<motcua-dossier-tracker .client=${clientFor(body)} code=${CODE}></motcua-dossier-tracker>`,
    );
    await waitUntil(() => shadow(el).querySelector(shown), `nothing matches ${shown}`, { timeout: 5000 });
    await el.updateComplete;
    return el;
  }

  it('shows a VietQR code with the exact amount and the dossier code as the transfer note, and the details as text', async () => {
    const el = await mount(awaitingPayment(PAY_TO));
    const block = shadow(el).querySelector('[part="payment"]');
    expect(block, 'payment block').not.to.equal(null);
    const { buildVietQr } = await import('../../internal/vietqr.js');
    const { qrMatrix } = await import('../../internal/qr.js');
    const payload = buildVietQr({ bankBin: '970415', account: '113000123456', amount: 20_000, purpose: CODE });
    expect(payload.ok).to.equal(true);
    const text = payload.ok ? payload.payload : '';
    // The amount (field 54) and the dossier code (field 62, purpose 08) are in the code the banking app reads.
    expect(text).to.contain('540520000');
    expect(text).to.contain(`08${String(CODE.length).padStart(2, '0')}${CODE}`);
    const svg = block!.querySelector('[part="payment-qr"]')!;
    expect(svg.querySelector('path')!.getAttribute('d')).to.equal(qrMatrix(text).path);
    expect(svg.getAttribute('aria-label')).to.contain(CODE).and.to.contain('113000123456');
    const fields = Object.fromEntries(
      [...block!.querySelectorAll('[data-field]')].map((f) => [f.getAttribute('data-field'), f.textContent]),
    );
    expect(fields.account).to.equal('113000123456');
    expect(fields.note).to.equal(CODE);
    expect(fields.bank).to.equal('VietinBank');
    expect(fields.accountName).to.equal('UBND XA HOA VANG');
    expect(fields.amount!.replace(/\D/g, '')).to.equal('20000');
    await expect(el).to.be.accessible();
  });

  it('copies the transfer note and says so; a refused copy selects the text and says to copy it by hand', async () => {
    const el = await mount(awaitingPayment(PAY_TO));
    const written: string[] = [];
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    let refuse = false;
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (v: string) => (refuse ? Promise.reject(new Error('denied')) : void written.push(v)) },
    });
    try {
      shadow(el).querySelector<HTMLButtonElement>('[data-copy="note"]')!.click();
      await waitUntil(() => written.length === 1, 'nothing copied');
      expect(written[0]).to.equal(CODE);
      await waitUntil(() => shadow(el).querySelector('[role="status"]')!.textContent!.includes('Đã sao chép'), 'no announcement');
      shadow(el).querySelector<HTMLButtonElement>('[data-copy="amount"]')!.click();
      await waitUntil(() => written.length === 2, 'amount not copied');
      expect(written[1]).to.equal('20000');
      refuse = true;
      shadow(el).querySelector<HTMLButtonElement>('[data-copy="account"]')!.click();
      await waitUntil(
        () => shadow(el).querySelector('[role="status"]')!.textContent!.includes('Không sao chép được'),
        'no failure message',
      );
      expect(String(getSelection())).to.equal('113000123456');
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
      if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original);
    }
  });

  it('shows no code when the centre sent no account (the amount and the note stay), nor once the fee is paid', async () => {
    const el = await mount(awaitingPayment(undefined));
    expect(shadow(el).querySelector('[part="payment"]')).to.equal(null);
    expect(shadow(el).querySelector('.amount')!.textContent).to.contain('20.000');
    const paid = await mount({
      ...dossier('processing'),
      steps: [
        {
          name: 'Nộp phí, lệ phí',
          unit: 'Người nộp hồ sơ',
          startedAt: '2026-11-20T09:00:00+07:00',
          finishedAt: '2026-11-20T10:00:00+07:00',
        },
      ],
    });
    expect(shadow(paid).querySelector('[part="payment"]')).to.equal(null);
    expect(shadow(paid).querySelector('[part="timeline"]')!.textContent).to.contain('Nộp phí, lệ phí');
  });

  it('a dossier with a malformed fee account is refused as a whole with a clear error, never shown with a wrong code', async () => {
    const el = await mount(awaitingPayment({ bankBin: '97041', account: '113000123456' }), '[part="message"]');
    expect(shadow(el).querySelector('[part="result"]')).to.equal(null);
    expect(shadow(el).querySelector('[part="message"]')!.textContent!.trim()).not.to.equal('');
  });
});
