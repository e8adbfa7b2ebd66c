/**
 * The detail view of `<motcua-procedure-lookup>`, loaded only when a procedure is opened, so the first paint of the
 * search box downloads less. Its QR card (component, template and encoder: about 6 KB gz) loads after the detail has
 * rendered, when the browser is idle, or sooner when the card comes near the screen ({@link watchQrCard}).
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Agency, MotcuaClient, Procedure, ProcedureSummary } from '@motcua/sdk';
import { translate } from '../../internal/i18n.js';
import { formatFee, formatFeeSummary, formatOnline, formatProcessingTime, safeUrl } from '../../internal/format.js';
import './procedure-detail.strings.js';
export { detailStyles } from './procedure-detail.styles.js';

export interface Detail {
  code: string;
  status: 'loading' | 'ready' | 'error' | 'offline' | 'not_found';
  procedure?: Procedure;
}

export interface DetailContext {
  lang: string;
  detail: Detail;
  /** What the catalog already knows, shown while the full record loads. */
  summary: ProcedureSummary | undefined;
  urlTemplate: string;
  onRetry: () => void;
  /** The lookup's client and agency: the detail shows where that agency's centre is and when it is open. */
  connection: { readonly client: MotcuaClient | undefined; readonly agency: string };
  /** The lookup, rendered again once the centre has loaded. */
  host: { requestUpdate(): void };
}

/** The QR card's module, once asked for (`undefined` again after a failed load, so the next sight of it retries). */
let qrCard: Promise<unknown> | undefined;
const loadQrCard = (): Promise<unknown> =>
  (qrCard ??= import('../qr-card/qr-card.js').catch(() => {
    qrCard = undefined;
  }));
/** Loads the card when it comes within half a screen below the viewport (like `loading="lazy"` images). */
let qrObserver: IntersectionObserver | undefined;
/** The card each lookup's detail shows, as observed (a detail opened again renders a new card). */
let watched = new WeakMap<ParentNode, Element>();
/** The idle-time load is scheduled. */
let qrIdle = false;

/**
 * Called by the lookup after each render of the detail: loads the QR card under `root` once the browser is idle after
 * the detail has rendered (never with it), or sooner when the card comes near the screen; at once where
 * IntersectionObserver is missing. Not on `beforeprint`: the browser lays the page out for printing right after its
 * handlers, before any download could arrive, so a card loaded only then would be printed without its QR. Once loaded,
 * every card on the page upgrades.
 */
export function watchQrCard(root: ParentNode): void {
  const card = root.querySelector('motcua-qr-card');
  if (!card || qrCard || customElements.get('motcua-qr-card')) return;
  if (typeof IntersectionObserver === 'undefined') {
    void loadQrCard();
    return;
  }
  const load = (): void => {
    qrObserver?.disconnect();
    qrObserver = undefined;
    watched = new WeakMap();
    void loadQrCard();
  };
  if (!qrIdle) {
    qrIdle = true;
    const idle = (): void => {
      qrIdle = false;
      if (!qrCard) load();
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(idle, { timeout: 3000 });
    else setTimeout(idle, 1000);
  }
  qrObserver ??= new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && load(), {
    rootMargin: '0px 0px 50% 0px',
  });
  const previous = watched.get(root);
  if (previous === card) return;
  if (previous) qrObserver.unobserve(previous);
  watched.set(root, card);
  qrObserver.observe(card);
}

type CentreState = { agency?: Agency; failedAt?: number };
/** The centres loaded on this page, per client and agency (one request each, shared by every detail opened). */
const centres = new WeakMap<MotcuaClient, Map<string, CentreState>>();
/** After a failed load, how long before another detail tries again. */
const CENTRE_RETRY_MS = 30_000;

/** The agency's centre if it has loaded; starts loading it (once) if not. */
function centreOf(ctx: DetailContext): Agency | undefined {
  const { client, agency } = ctx.connection;
  if (!client || !agency) return undefined;
  let byAgency = centres.get(client);
  if (!byAgency) centres.set(client, (byAgency = new Map()));
  const known = byAgency.get(agency);
  if (known && (known.agency || !known.failedAt || Date.now() - known.failedAt < CENTRE_RETRY_MS)) return known.agency;
  const state: CentreState = {};
  byAgency.set(agency, state);
  client.getAgency(agency).then(
    (found) => {
      state.agency = found;
      ctx.host.requestUpdate();
    },
    // Without it the detail simply has no centre section; the procedure's own "where to submit" stays.
    () => (state.failedAt = Date.now()),
  );
  return undefined;
}

/** Everything under the detail view's heading: key facts, then the full record (or its loading and error states). */
export function renderDetail(ctx: DetailContext): TemplateResult {
  const { summary, lang } = ctx;
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
  return html`${summary ? renderFacts(lang, summary) : nothing} ${renderBody(ctx, t)}`;
}

type T = (key: string, params?: Record<string, string | number>) => string;

function renderFacts(lang: string, summary: ProcedureSummary): TemplateResult {
  const t = (key: string) => translate(lang, key);
  return html`<dl class="facts">
    <div>
      <dt>${t('lookup.code')}</dt>
      <dd>${summary.code}</dd>
    </div>
    <div>
      <dt>${t('lookup.sectorLabel')}</dt>
      <dd>${summary.sector.name}</dd>
    </div>
    <div>
      <dt>${t('lookup.onlineLabel')}</dt>
      <dd>${formatOnline(lang, summary.onlineService)}</dd>
    </div>
    <div>
      <dt>${t('lookup.time')}</dt>
      <dd>
        ${formatProcessingTime(lang, summary.processingTime)}
        ${
          summary.processingTime?.text && summary.processingTime.unit !== 'other'
            ? html`<span class="time-note">${summary.processingTime.text}</span>`
            : nothing
        }
      </dd>
    </div>
    <div>
      <dt>${t('lookup.fee')}</dt>
      <dd>${formatFeeSummary(lang, summary.feeSummary)}</dd>
    </div>
  </dl>`;
}

function renderBody(ctx: DetailContext, t: T): TemplateResult {
  const { detail } = ctx;
  switch (detail.status) {
    case 'loading':
      return html`<p part="status" class="status loading"><span class="spinner" aria-hidden="true"></span>${t('lookup.detailLoading')}</p>`;
    case 'not_found':
      return html`<p part="error" class="error" role="alert">${t('lookup.notFound', { code: detail.code })}</p>`;
    case 'error':
    case 'offline':
      return html`<div part="error" class="error" role="alert">
        <p>${t(detail.status === 'offline' ? 'lookup.offline' : 'lookup.detailError')}</p>
        <button part="button retry" class="button" type="button" @click=${ctx.onRetry}>${t('lookup.retry')}</button>
      </div>`;
    case 'ready':
      return detail.procedure ? renderProcedure(ctx, detail.procedure, t) : html``;
  }
}

function renderProcedure(ctx: DetailContext, p: Procedure, t: T): TemplateResult {
  const lang = ctx.lang;
  const portal = safeUrl(p.portalUrl);
  const section = (key: string, body: unknown) =>
    html`<section class="section">
      <h3>${t(key)}</h3>
      ${body}
    </section>`;
  return html`
    ${
      portal
        ? html`<p class="actions">
            <a part="submit-online" class="button primary" href=${portal} target="_blank" rel="noopener noreferrer">
              ${t(p.onlineService === 'none' || !p.detailed ? 'lookup.viewOnPortal' : 'lookup.submitOnline')}
              <span class="visually-hidden">${t('lookup.newWindow')}</span>
            </a>
          </p>`
        : nothing
    }
    ${p.detailed ? nothing : html`<p part="status" class="status notice">${t('lookup.notDetailed')}</p>`}
    ${
      p.channels.length
        ? section(
            'lookup.channels',
            html`<ul class="channels">
              ${p.channels.map(
                (c) =>
                  html`<li>
                    <strong>${t(`lookup.channel.${c.method}`)}</strong>: ${formatProcessingTime(lang, c.processingTime)}
                    ${
                      c.fees.length
                        ? html`<ul>
                            ${c.fees.map((f) => html`<li>${formatFee(lang, f.amountVnd)}${f.description ? ` — ${f.description}` : ''}</li>`)}
                          </ul>`
                        : nothing
                    }
                    ${c.description ? html`<p class="pre">${c.description}</p>` : nothing}
                  </li>`,
              )}
            </ul>`,
          )
        : nothing
    }
    ${
      p.implementingUnits.length
        ? section(
            'lookup.where',
            html`<ul>
              ${p.implementingUnits.map((u) => html`<li>${u}</li>`)}
            </ul>`,
          )
        : nothing
    }
    ${renderCentre(t, centreOf(ctx))}
    ${
      p.applicantTypes.length
        ? section(
            'lookup.applicants',
            html`<ul>
              ${p.applicantTypes.map((a) => html`<li>${a}</li>`)}
            </ul>`,
          )
        : nothing
    }
    ${
      p.steps.length
        ? section(
            'lookup.steps',
            html`<ol class="steps">
              ${p.steps.map((s) => html`<li><strong>${s.name}</strong>${s.description ? html`<p class="pre">${s.description}</p>` : nothing}</li>`)}
            </ol>`,
          )
        : nothing
    }
    ${
      p.componentGroups.length
        ? section(
            'lookup.components',
            p.componentGroups.map(
              (g) =>
                html`${g.name ? html`<h4>${g.name}</h4>` : nothing}
                  <ul class="components">
                    ${g.components.map(
                      (c) =>
                        html`<li>
                          <span class="pre">${c.name}</span>
                          <span class="counts">${t('lookup.originals', { n: c.originals })} · ${t('lookup.copies', { n: c.copies })}</span>
                          ${c.forms.map((f) => {
                            const url = safeUrl(f.url);
                            const label = t('lookup.form', { name: f.name });
                            return url
                              ? html`<a class="form" href=${url} target="_blank" rel="noopener noreferrer" download>${label}</a>`
                              : html`<span class="form">${label}</span>`;
                          })}
                        </li>`,
                    )}
                  </ul>`,
            ),
          )
        : nothing
    }
    ${p.requirements.trim() ? section('lookup.requirements', html`<p class="pre">${p.requirements}</p>`) : nothing}
    ${
      p.results.length
        ? section(
            'lookup.resultsOf',
            html`<ul>
              ${p.results.map((r) => html`<li>${r.name}</li>`)}
            </ul>`,
          )
        : nothing
    }
    ${section(
      'lookup.qr',
      html`<motcua-qr-card
        class="qr"
        .data=${p}
        procedure=${p.code}
        url-template=${ctx.urlTemplate || nothing}
        heading-level="4"
      ></motcua-qr-card>`,
    )}
    ${
      p.legalBasis.length
        ? html`<details class="section legal">
            <summary><h3>${t('lookup.legal')}</h3></summary>
            <ul>
              ${p.legalBasis.map((l) => html`<li>${l.code ? html`<strong>${l.code}</strong> ` : nothing}${l.name}</li>`)}
            </ul>
          </details>`
        : nothing
    }
  `;
}

/** Consecutive ISO weekdays as ranges: [1, 2, 3, 4, 5] → "Thứ Hai – Thứ Sáu"; [1, 3] → "Thứ Hai, Thứ Tư". */
function dayList(t: T, days: number[]): string {
  const runs: number[][] = [];
  for (const d of days) {
    const run = runs.at(-1);
    if (run && d === (run.at(-1) ?? 0) + 1) run.push(d);
    else runs.push([d]);
  }
  return runs
    .map((run) => {
      const first = t(`lookup.day.${run[0] ?? 1}`);
      return run.length > 2 ? `${first} – ${t(`lookup.day.${run.at(-1) ?? 1}`)}` : run.map((d) => t(`lookup.day.${d}`)).join(', ');
    })
    .join(', ');
}

/** "Where to go and when": the centre's name, address, phone and opening hours (grouped by days), and its days off. */
function renderCentre(t: T, centre: Agency | undefined): TemplateResult | typeof nothing {
  if (!centre) return nothing;
  const groups = new Map<string, { days: number[]; times: string[] }>();
  for (const h of centre.openingHours) {
    const days = [...new Set(h.days)].sort((a, b) => a - b);
    const key = days.join();
    const group = groups.get(key) ?? { days, times: [] };
    groups.set(key, group);
    group.times.push(`${h.opens}–${h.closes}`);
  }
  const rows = [...groups.values()].sort((a, b) => (a.days[0] ?? 0) - (b.days[0] ?? 0));
  const closed = [1, 2, 3, 4, 5, 6, 7].filter((d) => !groups.size || ![...groups.values()].some((g) => g.days.includes(d)));
  const phone = centre.phone.replace(/[^\d+]/g, '');
  return html`<section class="section centre" part="centre">
    <h3>${t('lookup.centre')}</h3>
    <p><strong>${centre.centreName || centre.name}</strong></p>
    <dl class="centre-facts">
      ${
        centre.address
          ? html`<div>
              <dt>${t('lookup.centreAddress')}</dt>
              <dd>${centre.address}</dd>
            </div>`
          : nothing
      }
      ${
        phone
          ? html`<div>
              <dt>${t('lookup.centrePhone')}</dt>
              <dd><a href=${`tel:${phone}`}>${centre.phone}</a></dd>
            </div>`
          : nothing
      }
      ${
        rows.length
          ? html`<div>
              <dt>${t('lookup.centreHours')}</dt>
              <dd>
                <ul class="hours">
                  ${rows.map((r) => html`<li>${dayList(t, r.days)}: ${[...r.times].sort().join(', ')}</li>`)}
                </ul>
              </dd>
            </div>`
          : nothing
      }
    </dl>
    <p>${closed.length && rows.length ? t('lookup.centreClosed', { days: dayList(t, closed) }) : t('lookup.centreHolidays')}</p>
  </section>`;
}
