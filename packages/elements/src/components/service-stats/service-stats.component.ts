import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import type { MotcuaClient } from '@motcua/sdk';
import type { ProvinceStats, ServiceStats, StatsTotals } from '@motcua/sdk/schemas';
import type { CommuneSort, CommuneSortKey } from './service-stats.province.js';
import { MotcuaElement } from '../../internal/motcua-element.js';
import { ConnectionController, sharedClient } from '../../internal/client-resolver.js';
import { formatLocale, registerDefaults } from '../../internal/i18n.js';
import { styles } from './service-stats.styles.js';
import './service-stats.strings.js';

export type StatsPeriod = 'month' | 'quarter' | 'year';

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
/** A number formatter made once per locale and options: making one costs far more than using it (one per table cell before). */
const numberFormat = (locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat => {
  const key = `n ${locale} ${JSON.stringify(options)}`;
  if (!formats.has(key)) formats.set(key, new Intl.NumberFormat(locale, options));
  return formats.get(key) as Intl.NumberFormat;
};
/** A date formatter made once per locale and options. */
const dateFormat = (locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  const key = `d ${locale} ${JSON.stringify(options)}`;
  if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat(locale, options));
  return formats.get(key) as Intl.DateTimeFormat;
};

/** The first day of the period containing `today` (`YYYY-MM-DD`), and its label parts. */
export function periodRange(
  period: StatsPeriod,
  today: string,
): { from: string; to: string; year: number; month: number; quarter: number } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const quarter = Math.floor((month - 1) / 3) + 1;
  const startMonth = period === 'year' ? 1 : period === 'quarter' ? (quarter - 1) * 3 + 1 : month;
  return { from: `${year}-${String(startMonth).padStart(2, '0')}-01`, to: today, year, month, quarter };
}

/** The first day of the month `count - 1` months before `today`'s month. */
export function monthsBack(today: string, count: number): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - (count - 1);
  const date = new Date(Date.UTC(year, month - 1, 1));
  return date.toISOString().slice(0, 10);
}

/**
 * What a failed load shows: `offline` for a network error (retried when the browser is back online), else `error`. Only
 * the SDK error's `kind` is read (not `errorInfo`, whose chunk the statistics page would download for this one field);
 * an aborted load never gets here (its controller is checked first).
 */
const failedStatus = (error: unknown): 'offline' | 'error' =>
  (error as { kind?: unknown } | null)?.kind === 'network' ? 'offline' : 'error';

/** The English terms, loaded when the statistics widget first renders in English: a Vietnamese page does not download them. */
let english: Promise<unknown> | undefined;

/**
 * Publishes an agency's service figures for the current period: dossiers received, on-time rate, online rate and
 * satisfaction rate, with a small bar chart of the last months and the same figures as a table.
 *
 * @tag motcua-service-stats
 * @summary Service statistics tiles and a monthly chart with a table alternative.
 *
 * @attr agency - Agency e-ID, e.g. `000.00.06.H56` (or from the portal).
 * @attr period - `month` (default), `quarter` or `year`: the period of the tiles, up to today.
 * @attr months - Number of months in the chart and table (default 6, at most 24).
 * @attr api - Base URL of the motcua API (default: the portal's, else `/api/v1` on this site).
 * @attr lang - Language (`vi` default, `en`).
 * @attr scope - `agency` (default): one agency's figures; `province`: the figures of a province over its communes that
 *   report, with a table of the communes sortable by any column.
 * @attr province - GSO code of the province (e.g. `48`) when `scope="province"`.
 *
 * @csspart base - The wrapper.
 * @csspart tiles - The list of tiles.
 * @csspart tile - One tile.
 * @csspart value - A tile's big number.
 * @csspart chart - The SVG chart.
 * @csspart table - The table of monthly figures.
 * @csspart message - Loading and error messages.
 *
 * @cssproperty --motcua-stats-bar - Colour of the chart bars (default the primary colour).
 */
export class MotcuaServiceStats extends MotcuaElement {
  static override properties = {
    agency: {},
    api: {},
    period: { reflect: true },
    months: { type: Number },
    scope: {},
    province: {},
    provinceStats: { state: true, attribute: false },
    sort: { state: true, attribute: false },
    client: { attribute: false },
    now: { attribute: false },
    stats: { state: true, attribute: false },
    series: { state: true, attribute: false },
    status: { state: true, attribute: false },
    chartWidth: { state: true, attribute: false },
  };
  static override styles = styles;

  /** Renders in English once the English terms are there (never half translated). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (!this.resolvedLang.toLowerCase().startsWith('en')) return super.scheduleUpdate();
    // A failed load falls back to Vietnamese and is tried again on the next update.
    english ??= import('./service-stats.strings.en.js').then(
      ({ en }) => registerDefaults({ en }),
      () => (english = undefined),
    );
    return english.then(() => super.scheduleUpdate());
  }

  agency = '';
  api = '';
  period: StatsPeriod = 'month';
  months = 6;
  /** `agency` (default) or `province`. */
  scope: 'agency' | 'province' = 'agency';
  /** GSO code of the province when `scope="province"`. */
  province = '';
  /** A client to use instead of the portal's or the widget's own. */
  client?: MotcuaClient;
  /** "Today" for the period (tests and archived pages); default: the current date in Vietnam. */
  now?: Date;

  protected readonly connection = new ConnectionController(this);

  private stats: ServiceStats | undefined;
  private series: ServiceStats | undefined;
  private status: 'idle' | 'loading' | 'ready' | 'error' | 'offline' = 'idle';
  private loadedKey = '';
  private controller?: AbortController;
  private provinceStats: ProvinceStats | undefined;
  private provinceView?: typeof import('./service-stats.province.js');
  private sort: CommuneSort = { key: 'onTime', descending: true };

  private readonly onOnline = (): void => {
    if (this.status === 'offline') void this.load();
  };

  /** Width of the widget in px: the chart is drawn at this width (not scaled), so its 12 px labels stay 12 px on a phone. */
  private chartWidth = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onOnline);
  }

  protected override firstUpdated(): void {
    // The new width is applied in the next frame, not inside the observer's callback: re-rendering there changes the
    // widget's height within the same frame, which Chromium reports to the host page's error handlers as "ResizeObserver
    // loop completed with undelivered notifications" (a CI run saw it while the viewport changed).
    let frame = 0;
    new ResizeObserver(([entry]) => {
      cancelAnimationFrame(frame);
      const width = Math.floor(entry!.contentRect.width);
      frame = requestAnimationFrame(() => (this.chartWidth = width));
    }).observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onOnline);
    this.controller?.abort();
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const key = `${this.connection.key}|${this.client ? 'own' : ''}|${this.period}|${this.months}|${this.scope}|${this.province}`;
    if (key !== this.loadedKey) {
      this.loadedKey = key;
      void this.load();
    }
  }

  private resolveClient(): MotcuaClient {
    return this.client ?? this.connection.client ?? sharedClient('/api/v1');
  }

  /**
   * Today's date in Vietnam (UTC+7 all year), as the SDK's `vnDate` computes it: written out here, not imported, because
   * importing it brought the whole working-day calendar chunk (≈ 0.5 KB gz) onto the statistics page for one line.
   */
  private today(): string {
    return new Date((this.now ?? new Date()).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  }

  /** Loads (or reloads) the figures. */
  async load(): Promise<void> {
    if (this.scope === 'province') return this.loadProvince();
    const agency = this.connection.agency;
    if (!agency) return;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.status = 'loading';
    const today = this.today();
    const range = periodRange(this.period, today);
    const count = Math.min(24, Math.max(1, Math.round(this.months) || 6));
    const client = this.resolveClient();
    // Both requests leave together; the period's figures show as soon as they arrive, the chart when its months do.
    const figures = client.getStats(agency, { from: range.from, to: range.to }, { signal: controller.signal });
    const months = client.getStats(agency, { from: monthsBack(today, count), to: today }, { signal: controller.signal });
    months.catch(() => undefined);
    try {
      const stats = await figures;
      if (controller.signal.aborted) return;
      this.stats = stats;
      this.status = 'ready';
      const series = await months;
      if (controller.signal.aborted) return;
      this.series = series;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.status = failedStatus(error);
    }
  }

  private async loadProvince(): Promise<void> {
    const province = this.province.trim();
    if (!/^\d{2}$/.test(province)) return;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.status = 'loading';
    const range = periodRange(this.period, this.today());
    try {
      const [stats, view] = await Promise.all([
        this.resolveClient().getProvinceStats(province, { from: range.from, to: range.to }, { signal: controller.signal }),
        (this.provinceView ??= await import('./service-stats.province.js')),
      ]);
      if (controller.signal.aborted) return;
      this.provinceView = view;
      this.provinceStats = stats;
      this.stats = undefined;
      this.series = undefined;
      this.status = 'ready';
    } catch (error) {
      if (controller.signal.aborted) return;
      this.status = failedStatus(error);
    }
  }

  private onSort(key: CommuneSortKey): void {
    this.sort = { key, descending: this.sort.key === key ? !this.sort.descending : key !== 'name' };
  }

  private number(n: number): string {
    return numberFormat('vi-VN').format(n);
  }

  private percent(rate: number | null): string {
    if (rate === null) return this.t('stats.noData');
    return numberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 }).format(rate);
  }

  private monthLabel(month: string, long = false): string {
    const [y, m] = month.split('-').map(Number);
    // Short: `11/25` (month/year in both languages), narrow enough for a bar's 44 px column at 12 px.
    if (!long) return `${month.slice(5, 7)}/${month.slice(2, 4)}`;
    const date = new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, 15));
    return dateFormat(formatLocale(this.resolvedLang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  }

  private periodLabel(): string {
    const range = periodRange(this.period, this.today());
    const monthName = dateFormat(formatLocale(this.resolvedLang), { month: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(range.year, range.month - 1, 15)),
    );
    return this.t(`stats.period.${this.period}`, { ...range, monthName });
  }

  private date(iso: string): string {
    const [y, m, d] = iso.split('-').map(Number);
    return dateFormat(formatLocale(this.resolvedLang), {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, d ?? 1)));
  }

  override render(): TemplateResult {
    const province = this.scope === 'province';
    // In a portal that has not answered yet: loading, not "no agency".
    const loading = this.status === 'loading' || this.connection.waiting;
    const missing = province ? !/^\d{2}$/.test(this.province.trim()) : !this.connection.agency && !loading;
    return html`<section part="base" class="base" aria-labelledby="heading" aria-busy=${loading ? 'true' : 'false'}>
      <h2 id="heading">${this.t('stats.heading')} — ${this.periodLabel()}</h2>
      ${missing ? html`<p part="message" class="message">${this.t(province ? 'stats.missing_province' : 'stats.missing_agency')}</p>` : nothing}
      <div role="status" class="status">
        ${loading && !this.stats ? html`<p part="message" class="message">${this.t('stats.loading')}</p>` : nothing}
      </div>
      ${
        this.status === 'error' || this.status === 'offline'
          ? html`<div part="message" class="message error" role="alert">
              <p>${this.t(this.status === 'offline' ? 'stats.offline' : 'stats.error')}</p>
              <button part="button" type="button" @click=${() => void this.load()}>${this.t('stats.retry')}</button>
            </div>`
          : nothing
      }
      ${province && this.provinceStats ? this.renderProvince(this.provinceStats) : nothing}
      ${!province && this.stats ? this.renderTiles(this.stats) : nothing}
      ${!province && this.series ? this.renderChart(this.series) : nothing}
    </section>`;
  }

  private renderProvince(stats: ProvinceStats): TemplateResult {
    const view = this.provinceView;
    return html`<p class="muted">${this.t('stats.province.over', { province: stats.province.name, n: stats.communes.length })}</p>
      ${this.renderTiles(stats)}
      ${
        view
          ? view.renderCommunes(stats, {
              t: (key, params) => this.t(key, params),
              number: (n) => this.number(n),
              percent: (r) => this.percent(r),
              locale: formatLocale(this.resolvedLang),
              sort: this.sort,
              onSort: (key) => this.onSort(key),
            })
          : nothing
      }`;
  }

  private renderTiles(s: StatsTotals & { from: string; to: string }): TemplateResult {
    const n = (v: number): string => this.number(v);
    const newReceived = s.received.online + s.received.direct + s.received.postal;
    const tiles = [
      {
        id: 'received',
        label: this.t('stats.received'),
        value: n(s.received.total),
        detail: this.t('stats.receivedDetail', {
          online: n(s.received.online),
          direct: n(s.received.direct),
          postal: n(s.received.postal),
          carried: n(s.received.carriedOver),
        }),
      },
      {
        id: 'on-time',
        label: this.t('stats.onTime'),
        value: this.percent(s.onTimeRate),
        detail: this.t('stats.onTimeDetail', { ok: n(s.resolved.early + s.resolved.onTime), resolved: n(s.resolved.total) }),
      },
      {
        id: 'online',
        label: this.t('stats.online'),
        value: this.percent(s.onlineRate),
        detail: this.t('stats.onlineDetail', { online: n(s.received.online), received: n(newReceived) }),
      },
      {
        id: 'satisfaction',
        label: this.t('stats.satisfaction'),
        value: this.percent(s.satisfaction.rate),
        detail: this.t('stats.satisfactionDetail', {
          happy: n(s.satisfaction.verySatisfied + s.satisfaction.satisfied),
          total: n(s.satisfaction.total),
        }),
      },
    ];
    return html`<p class="muted">${this.t('stats.asOf', { from: this.date(s.from), to: this.date(s.to) })}</p>
      <ul part="tiles" class="tiles">
        ${tiles.map(
          (tile) =>
            html`<li part="tile" class="tile" data-tile=${tile.id}>
              <span class="label">${tile.label}</span>
              <span part="value" class="value">${tile.value}</span>
              <span class="detail">${tile.detail}</span>
            </li>`,
        )}
      </ul>`;
  }

  private renderChart(s: ServiceStats): TemplateResult {
    const months = s.months;
    if (months.length === 0) return html``;
    const max = Math.max(1, ...months.map((m) => m.received));
    // One column per month, 56 px wide when there is room, narrower to fit the widget (never under 44 px, the width of a
    // 12 px label): the chart is drawn at its real size, so the text is never scaled down.
    const fit = this.chartWidth ? Math.min(640, this.chartWidth) : 0;
    const column = Math.max(44, Math.min(56, fit ? Math.floor(fit / (months.length + 0.4)) : 56));
    const barWidth = Math.round(column * 0.64);
    const gap = column - barWidth;
    const top = 22;
    const chartHeight = 120;
    const width = months.length * column + gap;
    const height = top + chartHeight + 28;
    const first = this.monthLabel(months[0]!.month, true);
    const last = this.monthLabel(months[months.length - 1]!.month, true);
    const heading = this.t('stats.chart.heading', { n: months.length });
    return html`<h3>${heading}</h3>
      <svg
        part="chart"
        class="chart"
        viewBox="0 0 ${width} ${height}"
        role="img"
        aria-labelledby="chart-title"
        preserveAspectRatio="xMinYMin meet"
        width=${width}
      >
        <title id="chart-title">${heading}. ${this.t('stats.chart.summary', { first, last })}</title>
        <line class="axis" x1="0" x2=${width} y1=${top + chartHeight} y2=${top + chartHeight} />
        ${months.map((m, i) => {
          const h = Math.round((m.received / max) * chartHeight);
          const x = gap + i * (barWidth + gap);
          return svg`<g class="bar">
            <rect x=${x} y=${top + chartHeight - h} width=${barWidth} height=${h} rx="3" />
            <text class="bar-value" x=${x + barWidth / 2} y=${top + chartHeight - h - 6} text-anchor="middle">${this.number(m.received)}</text>
            <text class="bar-label" x=${x + barWidth / 2} y=${top + chartHeight + 18} text-anchor="middle">${this.monthLabel(m.month)}</text>
          </g>`;
        })}
      </svg>
      <div class="table-wrap" tabindex="0" role="region" aria-label=${this.t('stats.table.caption')}>
        <table part="table">
          <caption>
            ${this.t('stats.table.caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${this.t('stats.table.month')}</th>
              <th scope="col">${this.t('stats.table.received')}</th>
              <th scope="col">${this.t('stats.table.resolved')}</th>
              <th scope="col">${this.t('stats.table.onTime')}</th>
              <th scope="col">${this.t('stats.table.online')}</th>
              <th scope="col">${this.t('stats.table.satisfaction')}</th>
            </tr>
          </thead>
          <tbody>
            ${months.map(
              (m) =>
                html`<tr>
                  <th scope="row">${this.monthLabel(m.month, true)}</th>
                  <td>${this.number(m.received)}</td>
                  <td>${this.number(m.resolved)}</td>
                  <td>${this.percent(m.onTimeRate)}</td>
                  <td>${this.percent(m.onlineRate)}</td>
                  <td>${this.percent(m.satisfactionRate)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}
