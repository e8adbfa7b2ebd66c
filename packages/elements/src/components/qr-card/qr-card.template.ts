/**
 * One procedure card as a Lit template: the QR of its link, its name, code, sector, time, fee and the URL in text (and
 * the fee-payment block `<motcua-qr-card>` hands it). Shared by `<motcua-qr-card>` and `<motcua-qr-sheet>`, which renders
 * cards itself and so downloads neither the element nor the VietQR builder.
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ProcedureSummary } from '@motcua/sdk';
import { translate } from '../../internal/i18n.js';
import { formatFeeSummary, formatProcessingTime } from '../../internal/format.js';
import { qrMatrix } from '../../internal/qr.js';
import type { VietQrInput } from '../../internal/vietqr.js';
import './qr-card.strings.js';

/** Default link of a card: the procedure's deep link on the site's home page. */
export const DEFAULT_URL_TEMPLATE = '{origin}/#thu-tuc={code}';

/**
 * Fills a URL template (`{origin}`, `{code}`, `{agency}`) and returns it only when it is an http(s) URL.
 * @example procedureUrl('https://xa.gov.vn/thu-tuc/{code}', '1.001193') // 'https://xa.gov.vn/thu-tuc/1.001193'
 */
export function procedureUrl(template: string, code: string, agency = ''): string | undefined {
  const origin = typeof location === 'undefined' ? '' : location.origin;
  const filled = (template.trim() || DEFAULT_URL_TEMPLATE)
    .replaceAll('{origin}', origin)
    .replaceAll('{code}', encodeURIComponent(code))
    .replaceAll('{agency}', encodeURIComponent(agency));
  try {
    const url = new URL(filled);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A QR code as an SVG image with a text alternative. */
export function qrSvg(text: string, label: string): TemplateResult {
  const { size, path } = qrMatrix(text);
  return html`<svg part="qr" class="qr" role="img" aria-label=${label} viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">
    <rect width=${size} height=${size} fill="#fff"></rect>
    <path d=${path} fill="#000"></path>
  </svg>`;
}

export interface CardOptions {
  lang: string;
  item: ProcedureSummary;
  urlTemplate: string;
  agency?: string;
  headingLevel?: number;
  /** A card twice as tall (the sheet gives a long procedure name two rows, so that it is printed whole). */
  tall?: boolean;
  /** Optional fee-payment VietQR; drawn by the `cardTemplate` of `qr-card.component.js` (the sheet never shows one). */
  pay?: Omit<VietQrInput, 'purpose'> & { purpose?: string };
}

/**
 * One card's template: the QR, the name, code, sector, time, fee and the URL in text, and `payment` (the fee-payment
 * block, see `cardTemplate` in `qr-card.component.js`) under the QR. Used by the sheet too.
 */
export function cardTemplate(options: CardOptions, payment: TemplateResult | typeof nothing = nothing): TemplateResult {
  const { lang, item } = options;
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
  const url = procedureUrl(options.urlTemplate, item.code, options.agency);
  return html`<article part="card" class=${options.tall ? 'card tall' : 'card'} data-code=${item.code}>
    <p part="name" class="name" role="heading" aria-level=${options.headingLevel ?? 3}>${item.name}</p>
    <div class="codes">
      ${
        url
          ? html`${qrSvg(url, t('qr.alt', { url }))}
              <p class="scan">${t('qr.scan')}</p>`
          : nothing
      }
      ${payment}
    </div>
    <div class="text">
      <dl class="facts">
        <dt>${t('qr.code')}</dt>
        <dd>${item.code}</dd>
        <dt>${t('qr.sector')}</dt>
        <dd>${item.sector.name}</dd>
        <dt>${t('qr.time')}</dt>
        <dd>${formatProcessingTime(lang, item.processingTime)}</dd>
        <dt>${t('qr.fee')}</dt>
        <dd>${formatFeeSummary(lang, item.feeSummary)}</dd>
      </dl>
      ${url ? html`<p part="url" class="url">${url}</p>` : html`<p class="problem" role="alert">${t('qr.badTemplate')}</p>`}
    </div>
  </article>`;
}
