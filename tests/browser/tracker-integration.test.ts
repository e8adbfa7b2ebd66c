// Done when (issue 13): a provincial system pushes a day's events with its API key, and the dossier tracker, in
// Chromium, against the real reference server, shows the new status and the due date; without a key, or with another
// agency's key, nothing changes.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../packages/elements/src/components/dossier-tracker/dossier-tracker.js';
import type { MotcuaDossierTracker } from '../../packages/elements/src/components/dossier-tracker/dossier-tracker.js';

const A = '000.30.01.H17';
const api = new URL('/api/v1', location.origin).href;
const root = (el: Element): ShadowRoot => el.shadowRoot!;
const text = (el: Element, selector: string): string => (root(el).querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Today in Vietnam as yyyyMMdd (the national sync format's date part). */
const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
const code = `${A}-${today.slice(2)}-0951`;

async function track(): Promise<MotcuaDossierTracker> {
  const el = await fixture<MotcuaDossierTracker>(html`<motcua-dossier-tracker lang="vi" code=${code}></motcua-dossier-tracker>`);
  await waitUntil(() => root(el).querySelector('[part="result"], [part="message"]:not(.loading)'), 'the tracker showed nothing', {
    timeout: 15_000,
  });
  await el.updateComplete;
  return el;
}

const push = (key: string | undefined, events: unknown[]): Promise<Response> =>
  fetch(`${api}/agencies/${A}/dossier-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ events }),
  });

describe('dossier tracker shows pushed events', () => {
  it('nothing without the right key; with it, the new status and the calendar due date', async () => {
    const keys = (await executeServerCommand('motcua-integration-keys')) as Array<{ agency: string; key: string }>;
    const own = keys.find((k) => k.agency === A)!.key;
    const other = keys.find((k) => k.agency !== A)!.key;
    const events = [
      {
        id: `browser-${code}-2`,
        dossier: code,
        type: 'step_started',
        at: `${today}073500`,
        step: { name: 'Thẩm định hồ sơ', unit: 'Công chức Tư pháp - Hộ tịch' },
      },
      {
        id: `browser-${code}-1`,
        dossier: code,
        type: 'received',
        at: `${today}073000`,
        dossierInfo: { procedure: { code: '1.004873' }, channel: 1, applicant: { name: 'Nguyễn Văn An', phone: '0905123456' } },
      },
    ];
    expect((await push(undefined, events)).status).to.equal(401);
    expect((await push(other, events)).status).to.equal(403);
    const before = await track();
    expect(root(before).querySelector('[part="result"]')).to.equal(null, 'not found before the push');

    const res = await push(own, events);
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { applied: number };
    expect(body.applied).to.equal(2);
    const stored = (await (await fetch(`${api}/dossiers/${code}`)).json()) as { dueAt: string };

    const el = await track();
    expect(root(el).querySelector('[part="result"]')!.getAttribute('data-status')).to.equal('processing');
    expect(text(el, '[part="status"]')).to.equal('Đang giải quyết');
    const dueDay = new Intl.DateTimeFormat('vi', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'Asia/Ho_Chi_Minh',
    }).format(new Date(stored.dueAt));
    expect(text(el, '[part="details"]')).to.contain('Ngày hẹn trả kết quả (theo quy định)');
    expect(text(el, '[part="details"]')).to.contain(dueDay);
    expect(text(el, '[part="timeline"]')).to.contain('Thẩm định hồ sơ');
    expect(root(el).textContent).not.to.contain('Nguyễn Văn An');
    await expect(el).to.be.accessible();
  });
});
