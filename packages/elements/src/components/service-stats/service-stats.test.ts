import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createClient } from '@motcua/sdk';
import './service-stats.js';
import type { MotcuaServiceStats } from './service-stats.js';
import { monthsBack, periodRange } from './service-stats.component.js';

describe('<motcua-service-stats> periods', () => {
  it('starts the month, quarter and year on their first day and ends today', () => {
    expect(periodRange('month', '2026-11-21')).to.include({ from: '2026-11-01', to: '2026-11-21' });
    expect(periodRange('quarter', '2026-11-21')).to.include({ from: '2026-10-01', quarter: 4 });
    expect(periodRange('quarter', '2026-02-03')).to.include({ from: '2026-01-01', quarter: 1 });
    expect(periodRange('year', '2026-11-21')).to.include({ from: '2026-01-01' });
    expect(monthsBack('2026-11-21', 6)).to.equal('2026-06-01');
    expect(monthsBack('2026-02-10', 6)).to.equal('2025-09-01');
  });

  it('asks the server for the period and for the months of the chart', async () => {
    const asked: string[] = [];
    const client = createClient({
      baseUrl: 'http://motcua.invalid/api/v1',
      retry: { limit: 0 },
      fetch: async (input) => {
        const url = new URL(String(input instanceof Request ? input.url : input));
        asked.push(`${url.searchParams.get('from')}..${url.searchParams.get('to')}`);
        return new Response('{}', { status: 503 });
      },
    });
    const el = await fixture<MotcuaServiceStats>(
      html`<motcua-service-stats
        agency="000.30.01.H17"
        period="quarter"
        months="3"
        .now=${new Date('2026-11-21T03:00:00Z')}
        .client=${client}
      ></motcua-service-stats>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'no error shown');
    expect(asked.sort()).to.deep.equal(['2026-09-01..2026-11-21', '2026-10-01..2026-11-21']);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Chưa tải được số liệu');
  });

  it('shows the period’s figures without waiting for the chart’s months', async () => {
    const body = (from: string, months: Array<{ month: string; received: number }>) => ({
      received: { total: 42, carriedOver: 0, online: 20, direct: 22, postal: 0 },
      resolved: { total: 10, early: 5, onTime: 4, late: 1 },
      inProgress: { total: 0, notDue: 0, overdue: 0, waitingSupplement: 0 },
      withdrawn: 0,
      notAccepted: 0,
      onTimeRate: 0.9,
      onlineRate: 0.48,
      satisfaction: { total: 0, verySatisfied: 0, satisfied: 0, notSatisfied: 0, rate: null },
      agency: '000.30.01.H17',
      from,
      to: '2026-11-21',
      months: months.map((m) => ({ ...m, resolved: 1, onTimeRate: 1, onlineRate: 0.5, satisfactionRate: null })),
    });
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const client = createClient({
      baseUrl: 'http://motcua.invalid/api/v1',
      retry: { limit: 0 },
      fetch: async (input) => {
        const from = new URL(String(input instanceof Request ? input.url : input)).searchParams.get('from')!;
        // The chart's six months answer only when released; the month's figures at once.
        if (from !== '2026-11-01') await held;
        const months = from === '2026-11-01' ? [] : ['06', '07', '08', '09', '10', '11'].map((m) => ({ month: `2026-${m}`, received: 7 }));
        return new Response(JSON.stringify(body(from, months)), { headers: { 'content-type': 'application/json' } });
      },
    });
    const el = await fixture<MotcuaServiceStats>(
      html`<motcua-service-stats agency="000.30.01.H17" .now=${new Date('2026-11-21T03:00:00Z')} .client=${client}></motcua-service-stats>`,
    );
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('[part~="tile"]'), 'the figures waited for the chart');
    expect(root.querySelector('[part~="value"]')!.textContent).to.equal('42');
    expect(root.querySelector('[aria-busy="true"]')).to.equal(null);
    expect(root.querySelector('[part~="chart"]')).to.equal(null);
    release();
    await waitUntil(() => root.querySelector('[part~="chart"]'), 'no chart once its months arrived');
    await expect(el).to.be.accessible();
  });

  it('says when no agency is configured', async () => {
    const el = await fixture<MotcuaServiceStats>(html`<motcua-service-stats></motcua-service-stats>`);
    expect(el.shadowRoot!.textContent).to.contain('thiếu mã đơn vị');
    await expect(el).to.be.accessible();
  });
});

describe('<motcua-service-stats scope="province">', () => {
  const totals = (received: number, onTime: number | null) => ({
    received: { total: received, carriedOver: 0, online: 1, direct: received - 1, postal: 0 },
    resolved: { total: 10, early: 5, onTime: 4, late: 1 },
    inProgress: { total: 0, notDue: 0, overdue: 0, waitingSupplement: 0 },
    withdrawn: 0,
    notAccepted: 0,
    onTimeRate: onTime,
    onlineRate: 0.1,
    satisfaction: { total: 0, verySatisfied: 0, satisfied: 0, notSatisfied: 0, rate: null },
  });
  const body = {
    ...totals(60, 0.9),
    province: { code: '48', name: 'Thành phố Đà Nẵng' },
    from: '2026-10-01',
    to: '2026-11-21',
    communes: [
      { ...totals(10, 0.8), agency: '000.48.10.H17', name: 'Phường Hải Vân', unit: '20194' },
      { ...totals(30, 0.95), agency: '000.30.01.H17', name: 'Xã Hoà Vang', unit: '20320' },
      { ...totals(20, null), agency: '000.48.11.H17', name: 'Phường An Khê', unit: '20305' },
    ],
  };

  it('shows the province’s tiles and a table of communes sortable by any column', async () => {
    const asked: string[] = [];
    const client = createClient({
      baseUrl: 'http://motcua.invalid/api/v1',
      retry: { limit: 0 },
      fetch: async (input) => {
        asked.push(new URL(String(input instanceof Request ? input.url : input)).pathname);
        return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
      },
    });
    const el = await fixture<MotcuaServiceStats>(
      html`<motcua-service-stats
        scope="province"
        province="48"
        .now=${new Date('2026-11-21T03:00:00Z')}
        .client=${client}
      ></motcua-service-stats>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('tbody tr'), 'no commune table');
    expect(asked).to.deep.equal(['/api/v1/provinces/48/stats']);
    const names = () => [...el.shadowRoot!.querySelectorAll('tbody th')].map((th) => th.textContent?.trim());
    expect(names(), 'on-time rate, best first').to.deep.equal(['Xã Hoà Vang', 'Phường Hải Vân', 'Phường An Khê']);
    expect(el.shadowRoot!.querySelector('[data-tile="on-time"]')!.textContent).to.contain('90');
    await expect(el).to.be.accessible();
    const header = (i: number) => el.shadowRoot!.querySelectorAll<HTMLButtonElement>('thead button')[i]!;
    header(0).click();
    await el.updateComplete;
    expect(names()).to.deep.equal(['Phường An Khê', 'Phường Hải Vân', 'Xã Hoà Vang']);
    expect(el.shadowRoot!.querySelector('thead th')!.getAttribute('aria-sort')).to.equal('ascending');
    header(1).click();
    await el.updateComplete;
    expect(names(), 'received, most first').to.deep.equal(['Xã Hoà Vang', 'Phường An Khê', 'Phường Hải Vân']);
    header(1).click();
    await el.updateComplete;
    expect(names()).to.deep.equal(['Phường Hải Vân', 'Phường An Khê', 'Xã Hoà Vang']);
  });

  it('says when the province is missing', async () => {
    const el = await fixture<MotcuaServiceStats>(html`<motcua-service-stats scope="province"></motcua-service-stats>`);
    expect(el.shadowRoot!.textContent).to.contain('thiếu mã tỉnh');
  });
});
