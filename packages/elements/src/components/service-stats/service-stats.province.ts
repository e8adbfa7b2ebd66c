// The province view of <motcua-service-stats scope="province">: the communes' own figures in a table sortable by any
// column (and a bar per commune of its on-time rate a phone can read). Loaded only when a province is shown.
import { html, nothing, type TemplateResult } from 'lit';
import type { ProvinceStats } from '@motcua/sdk/schemas';

export type CommuneSortKey = 'name' | 'received' | 'onTime' | 'online' | 'satisfaction';
export interface CommuneSort {
  key: CommuneSortKey;
  descending: boolean;
}

type Commune = ProvinceStats['communes'][number];

const value = (c: Commune, key: CommuneSortKey): number | string => {
  switch (key) {
    case 'name':
      return c.name;
    case 'received':
      return c.received.total;
    case 'onTime':
      return c.onTimeRate ?? -1;
    case 'online':
      return c.onlineRate ?? -1;
    case 'satisfaction':
      return c.satisfaction.rate ?? -1;
  }
};

/** The communes in the order of `sort` (names in Vietnamese collation; a missing rate sorts below every rate). */
export function sortCommunes(communes: readonly Commune[], sort: CommuneSort, locale: string): Commune[] {
  const collator = new Intl.Collator(locale);
  const sign = sort.descending ? -1 : 1;
  return [...communes].sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    const order = typeof x === 'string' && typeof y === 'string' ? collator.compare(x, y) : Number(x) - Number(y);
    return order !== 0 ? sign * order : collator.compare(a.name, b.name);
  });
}

export interface ProvinceViewContext {
  t: (key: string, params?: Record<string, string | number>) => string;
  number: (n: number) => string;
  percent: (rate: number | null) => string;
  locale: string;
  sort: CommuneSort;
  onSort: (key: CommuneSortKey) => void;
}

const COLUMNS: ReadonlyArray<[CommuneSortKey, string]> = [
  ['name', 'stats.province.commune'],
  ['received', 'stats.table.received'],
  ['onTime', 'stats.table.onTime'],
  ['online', 'stats.table.online'],
  ['satisfaction', 'stats.table.satisfaction'],
];

export function renderCommunes(stats: ProvinceStats, ctx: ProvinceViewContext): TemplateResult {
  const rows = sortCommunes(stats.communes, ctx.sort, ctx.locale);
  const sortLabel = ctx.t(ctx.sort.descending ? 'stats.province.sortedDesc' : 'stats.province.sortedAsc', {
    column: ctx.t(COLUMNS.find(([k]) => k === ctx.sort.key)?.[1] ?? ''),
  });
  return html`<h3 id="communes">${ctx.t('stats.province.communes', { n: stats.communes.length, province: stats.province.name })}</h3>
    <ol class="bars" part="chart" aria-label=${ctx.t('stats.province.chart')}>
      ${rows.map(
        (c) =>
          html`<li class="bar-row">
            <span class="bar-name">${c.name}</span>
            <meter class="bar-track" aria-hidden="true" min="0" max="1" .value=${c.onTimeRate ?? 0}></meter>
            <span class="bar-value">${ctx.percent(c.onTimeRate)}</span>
          </li>`,
      )}
    </ol>
    <div class="table-wrap">
      <table part="table" aria-describedby="sort-note">
        <caption>
          ${ctx.t('stats.province.caption')}
        </caption>
        <thead>
          <tr>
            ${COLUMNS.map(
              ([key, label]) =>
                html`<th scope="col" aria-sort=${ctx.sort.key === key ? (ctx.sort.descending ? 'descending' : 'ascending') : nothing}>
                  <button type="button" class="sort" @click=${() => ctx.onSort(key)}>
                    ${ctx.t(label)}<span aria-hidden="true">${ctx.sort.key === key ? (ctx.sort.descending ? ' ▼' : ' ▲') : ''}</span>
                  </button>
                </th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (c) =>
              html`<tr>
                <th scope="row">${c.name}</th>
                <td>${ctx.number(c.received.total)}</td>
                <td>${ctx.percent(c.onTimeRate)}</td>
                <td>${ctx.percent(c.onlineRate)}</td>
                <td>${ctx.percent(c.satisfaction.rate)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <p id="sort-note" class="muted">${sortLabel}</p>
    </div>`;
}
