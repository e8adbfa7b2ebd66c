/**
 * The detail view of `<motcua-procedure-lookup>`, loaded only when a procedure is opened (it also brings the QR card),
 * so the first paint of the search box downloads less.
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Procedure, ProcedureSummary } from '@motcua/sdk';
import { translate } from '../../internal/i18n.js';
import { formatFee, formatFeeSummary, formatOnline, formatProcessingTime, safeUrl } from '../../internal/format.js';
import './procedure-detail.strings.js';
export { detailStyles } from './procedure-detail.styles.js';
import '../qr-card/qr-card.js';

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
      <dd>${formatProcessingTime(lang, summary.processingTime)}</dd>
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
              ${t(p.onlineService === 'none' ? 'lookup.viewOnPortal' : 'lookup.submitOnline')}
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
      p.legalBasis.length
        ? section(
            'lookup.legal',
            html`<ul>
              ${p.legalBasis.map((l) => html`<li>${l.code ? html`<strong>${l.code}</strong> ` : nothing}${l.name}</li>`)}
            </ul>`,
          )
        : nothing
    }
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
  `;
}
