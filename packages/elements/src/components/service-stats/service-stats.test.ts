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

  it('says when no agency is configured', async () => {
    const el = await fixture<MotcuaServiceStats>(html`<motcua-service-stats></motcua-service-stats>`);
    expect(el.shadowRoot!.textContent).to.contain('thiếu mã đơn vị');
    await expect(el).to.be.accessible();
  });
});
