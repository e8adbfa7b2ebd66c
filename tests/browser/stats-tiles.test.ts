// <motcua-service-stats> against the REAL reference server: the tiles show the server's figures for the period,
// formatted vi-VN, with an accessible SVG chart and the same figures as a table.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { createClient } from '@motcua/sdk';
import '../../packages/elements/src/components/service-stats/service-stats.js';
import type { MotcuaServiceStats } from '../../packages/elements/src/components/service-stats/service-stats.js';
import { periodRange } from '../../packages/elements/src/components/service-stats/service-stats.component.js';
import { calendarDate } from '../../packages/elements/src/internal/working-days.js';

const api = new URL('/api/v1', location.origin).href;
const AGENCY = '000.30.01.H17';
const root = (el: Element): ShadowRoot => el.shadowRoot!;
const tile = (el: Element, id: string): string => (root(el).querySelector(`[data-tile="${id}"] [part="value"]`)?.textContent ?? '').trim();

/**
 * Mounts the widget with the test's "now": the period the widget shows and the one a test expects come from the same
 * moment (Vietnam time), so a run across a Vietnamese midnight or new year (17:00 UTC) cannot see two different periods.
 */
async function mount(attrs: { period?: string; lang?: string; now?: Date } = {}): Promise<MotcuaServiceStats> {
  const el = await fixture<MotcuaServiceStats>(
    html`<motcua-service-stats
      agency=${AGENCY}
      period=${attrs.period ?? 'month'}
      lang=${attrs.lang ?? 'vi'}
      .now=${attrs.now}
    ></motcua-service-stats>`,
  );
  await waitUntil(() => root(el).querySelector('[part="table"]'), 'no figures', { timeout: 15_000 });
  return el;
}

describe('<motcua-service-stats> against the reference server', () => {
  it("shows the period's figures from the server, formatted vi-VN", async () => {
    const now = new Date();
    const el = await mount({ now });
    const range = periodRange('month', calendarDate(now));
    const stats = await createClient({ baseUrl: api }).getStats(AGENCY, { from: range.from, to: range.to });
    const vi = new Intl.NumberFormat('vi-VN');
    const pct = (r: number | null): string =>
      r === null ? 'Chưa có số liệu' : new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 }).format(r);
    expect(tile(el, 'received')).to.equal(vi.format(stats.received.total));
    expect(tile(el, 'on-time')).to.equal(pct(stats.onTimeRate));
    expect(tile(el, 'online')).to.equal(pct(stats.onlineRate));
    expect(tile(el, 'satisfaction')).to.equal(pct(stats.satisfaction.rate));
    // vi-VN: a comma for decimals and a dot for thousands.
    if (stats.onTimeRate !== null && stats.onTimeRate < 1 && stats.onTimeRate > 0)
      expect(tile(el, 'on-time')).to.match(/^\d{1,3}(,\d)?\s?%$/);
    expect(root(el).querySelector('h2')!.textContent).to.contain(`Tháng ${range.month}/${range.year}`);
    await expect(el).to.be.accessible();
  });

  it('draws an accessible chart of the last 6 months with the same figures in a table', async () => {
    const el = await mount();
    const chart = root(el).querySelector('svg[part="chart"]')!;
    expect(chart.getAttribute('role')).to.equal('img');
    expect(chart.querySelector('title')!.textContent).to.contain('Số hồ sơ tiếp nhận 6 tháng gần nhất');
    expect(chart.querySelectorAll('rect').length).to.equal(6);
    const rows = [...root(el).querySelectorAll('[part="table"] tbody tr')];
    expect(rows.length).to.equal(6);
    // Each bar's label equals the table's "received" cell for that month.
    const bars = [...chart.querySelectorAll('.bar-value')].map((t) => t.textContent!.trim());
    expect(rows.map((r) => r.querySelectorAll('td')[0]!.textContent!.trim())).to.deep.equal(bars);
    expect(root(el).querySelectorAll('[part="table"] th[scope="col"]').length).to.equal(6);
  });

  for (const width of [320, 360]) {
    it(`at ${width} px draws the chart at its real size: labels of 12 px that do not overlap; the table scrolls by keyboard`, async () => {
      await setViewport({ width, height: 640 });
      try {
        const el = await mount();
        const chart = root(el).querySelector<SVGSVGElement>('svg[part="chart"]')!;
        // Settled: the widget has the new viewport's width and the chart has been drawn for it.
        await waitUntil(
          () =>
            el.getBoundingClientRect().right <= document.documentElement.clientWidth &&
            chart.getBoundingClientRect().width <= el.getBoundingClientRect().width + 0.5,
          'chart wider than the widget',
        );
        const scale = chart.getBoundingClientRect().width / chart.viewBox.baseVal.width;
        const labels = [...chart.querySelectorAll<SVGTextElement>('text')];
        for (const label of labels) expect(parseFloat(getComputedStyle(label).fontSize) * scale, label.textContent!).to.be.at.least(11.99);
        const boxes = [...chart.querySelectorAll('.bar-label')].map((t) => t.getBoundingClientRect());
        boxes.slice(1).forEach((box, i) => expect(box.left, 'labels overlap').to.be.at.least(boxes[i]!.right));
        expect(chart.getBoundingClientRect().right).to.be.at.most(width);
        const wrap = root(el).querySelector<HTMLElement>('.table-wrap')!;
        expect(wrap.tabIndex).to.equal(0);
        expect(wrap.getAttribute('role')).to.equal('region');
        expect(wrap.getAttribute('aria-label')).to.not.equal(null);
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  }

  it('redraws the chart when a phone turns or a window narrows, without reporting an error to the host page', async () => {
    const errors: string[] = [];
    const onError = (e: ErrorEvent): void => {
      errors.push(e.message);
      e.preventDefault();
    };
    const onerror = window.onerror;
    window.onerror = null; // mocha's handler would fail the test before the assertion below names the error
    window.addEventListener('error', onError);
    try {
      const el = await mount();
      const chart = (): SVGSVGElement => root(el).querySelector<SVGSVGElement>('svg[part="chart"]')!;
      const wide = chart().viewBox.baseVal.width;
      await setViewport({ width: 340, height: 640 });
      await waitUntil(() => chart().viewBox.baseVal.width < wide, 'the chart was not redrawn for the narrower widget');
      for (let i = 0; i < 3; i++) await new Promise(requestAnimationFrame);
      expect(chart().getBoundingClientRect().width).to.equal(chart().viewBox.baseVal.width); // drawn at its real size
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
      window.onerror = onerror;
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('covers a quarter or a year, and speaks English', async () => {
    // The year in Vietnam (the browser's own clock may be in UTC, seven hours behind on New Year's Eve).
    const now = new Date();
    const year = await mount({ period: 'year', now });
    expect(root(year).querySelector('h2')!.textContent).to.contain(`Năm ${calendarDate(now).slice(0, 4)}`);
    const en = await mount({ period: 'quarter', lang: 'en' });
    expect(root(en).querySelector('h2')!.textContent).to.match(/Q[1-4] \d{4}/);
    expect(root(en).textContent).to.contain('Resolved on time');
  });

  it('shows a kind error with a retry button when the figures cannot load', async () => {
    const client = createClient({ baseUrl: api, retry: { limit: 0 }, fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    const el = await fixture<MotcuaServiceStats>(html`<motcua-service-stats agency=${AGENCY} .client=${client}></motcua-service-stats>`);
    await waitUntil(() => root(el).querySelector('[role="alert"]'), 'no error', { timeout: 10_000 });
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('Không có kết nối mạng');
    expect(root(el).querySelector('[role="alert"] button')!.textContent).to.contain('Thử lại');
    await expect(el).to.be.accessible();
  });
});
