/**
 * Server-side search of `<motcua-procedure-lookup>`, used only when the agency's catalog cannot be loaded: the lookup
 * loads this module then, so the usual page (which searches the catalog on the device) does not download it.
 * @module
 */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { MotcuaClient, OnlineService, ProcedureSummary, Sector } from '@motcua/sdk';
import { createSearchIndex } from '@motcua/sdk/text/search';
import { registerDefaults } from '../../internal/i18n.js';

registerDefaults({
  vi: {
    'lookup.countServer': '{count} thủ tục phù hợp',
    'lookup.searching': 'Đang tìm…',
    'lookup.serverMode': 'Đang tìm trực tiếp trên máy chủ (không tải được toàn bộ danh mục).',
  },
  en: {
    'lookup.countServer': ({ count }) => `${count} matching ${count === 1 ? 'procedure' : 'procedures'}`,
    'lookup.searching': 'Searching…',
    'lookup.serverMode': 'Searching on the server (the full list could not be loaded).',
  },
});

/** What to search for. */
export interface ServerQuery {
  query: string;
  sector: string;
  online: OnlineService | '';
  pageSize: number;
}

/** One agency's procedures searched on the server, a page at a time; asks its host to re-render when anything changes. */
export class ServerSearch {
  /** The results of every page asked for so far, each with the query's words highlighted. */
  rows: Array<{ item: ProcedureSummary; highlights: Array<[number, number]> }> = [];
  /** How many results the server has. */
  total = 0;
  /** Whether a request is in flight. */
  busy = false;
  /** The agency's sectors, for the sector filter. */
  sectors: Sector[] = [];
  private readonly host: ReactiveControllerHost;
  private readonly client: MotcuaClient;
  private readonly agency: string;
  private page = 1;
  private abort?: AbortController;

  constructor(host: ReactiveControllerHost, client: MotcuaClient, agency: string) {
    this.host = host;
    this.client = client;
    this.agency = agency;
    client.getSectors().then(
      (sectors) => {
        this.sectors = sectors;
        host.requestUpdate();
      },
      () => undefined,
    );
  }

  /**
   * Asks for the first page of `query`, or the next one (`more`). Resolves with the number of results, or undefined
   * when a newer search replaced this one; rejects when the request fails.
   */
  async search({ query, sector, online, pageSize }: ServerQuery, more = false): Promise<number | undefined> {
    this.stop();
    const abort = (this.abort = new AbortController());
    this.page = more ? this.page + 1 : 1;
    this.busy = true;
    this.host.requestUpdate();
    try {
      const result = await this.client.searchProcedures(
        this.agency,
        {
          ...(query ? { q: query.slice(0, 200) } : {}),
          ...(sector ? { sector } : {}),
          ...(online ? { online } : {}),
          page: this.page,
          pageSize: Math.min(Math.max(pageSize, 1), 100),
        },
        { signal: abort.signal },
      );
      if (abort.signal.aborted) return undefined;
      // The SDK's index over this page of results highlights the words the way a search on the device does.
      const hits = query ? createSearchIndex(result.items).search(query, { limit: result.items.length }) : [];
      const marks = new Map(hits.map((hit) => [hit.item, hit.highlights]));
      const rows = result.items.map((item) => ({ item, highlights: marks.get(item) ?? [] }));
      this.rows = more ? [...this.rows, ...rows] : rows;
      this.total = result.total;
      return result.total;
    } catch (error) {
      if (abort.signal.aborted || (error as { kind?: unknown } | null)?.kind === 'aborted') return undefined;
      throw error;
    } finally {
      if (!abort.signal.aborted) {
        this.busy = false;
        this.host.requestUpdate();
      }
    }
  }

  /** Cancels the request in flight, if any. */
  stop(): void {
    this.abort?.abort();
  }

  /** The server mode's notice, then "searching…", the number of results, or `empty` when there are none. */
  render(t: (key: string, params?: Record<string, number>) => string, empty: TemplateResult): TemplateResult {
    return html`<p part="status" class="status notice">${t('lookup.serverMode')}</p>
      ${
        this.busy && !this.rows.length
          ? html`<p part="status" class="status"><span class="spinner" aria-hidden="true"></span>${t('lookup.searching')}</p>`
          : this.rows.length
            ? html`<p part="count" class="count">${t('lookup.countServer', { count: this.total })}</p>`
            : empty
      }`;
  }
}
