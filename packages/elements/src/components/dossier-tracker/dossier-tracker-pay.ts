/**
 * The fee payment block of the dossier tracker, loaded only for a dossier whose centre asks for a fee and sent the
 * account to pay it to: a VietQR code with the exact amount and the dossier code as the transfer note, and the same
 * details as text with copy buttons (a citizen reading the tracker on their phone cannot scan their own screen).
 * @module
 */
import { css, html, nothing, type CSSResult, type TemplateResult } from 'lit';
import type { DossierStatus } from '@motcua/sdk/schemas';
import { qrMatrix } from '../../internal/qr.js';
import { buildVietQr } from '../../internal/vietqr.js';
import './dossier-tracker-pay.strings.js';

/** Styles of the block (adopted by the tracker when the block loads). */
export const payStyles: CSSResult = css`
  .pay {
    margin-top: 12px;
    display: flex;
    flex-wrap: wrap;
    gap: 16px;
    align-items: flex-start;
  }
  .pay h5 {
    flex-basis: 100%;
    margin: 0;
    font-size: 1.05em;
  }
  .pay svg {
    width: 184px;
    height: 184px;
    background: #fff;
    border: 1px solid var(--_border);
  }
  .pay dl {
    flex: 1 1 240px;
    margin: 0;
  }
  .pay dd {
    margin: 0 0 8px;
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .pay p {
    flex-basis: 100%;
    margin: 0;
  }
`;

/** What the block needs of its tracker: its terms and its shadow root. */
export interface PaymentHost {
  t: (key: string, values?: Record<string, string | number>) => string;
  root: ShadowRoot | null;
}

/** Copies a payment detail and says whether it worked (a failed copy selects the text to copy by hand). */
function copyDetail(host: PaymentHost, announce: (message: string) => void, value: string, key: string, what: string): void {
  const failed = (): void => {
    const span = host.root?.querySelector(`[data-field="${key}"]`);
    if (span) getSelection()?.selectAllChildren(span);
    announce(host.t('tracker.pay.copyFailed', { what: what.toLowerCase() }));
  };
  if (!navigator.clipboard) return failed();
  navigator.clipboard.writeText(value).then(() => announce(host.t('tracker.pay.copied', { what })), failed);
}

/** The last code drawn: the tracker renders again on every announcement and refresh, the payment rarely changes. */
let drawn: { payload: string; matrix: ReturnType<typeof qrMatrix> } | undefined;
const matrixOf = (payload: string): ReturnType<typeof qrMatrix> =>
  (drawn?.payload === payload ? drawn : (drawn = { payload, matrix: qrMatrix(payload) })).matrix;

/** The block, or nothing when the dossier has no payment to make by transfer. */
export function paymentBlock(
  host: PaymentHost,
  dossier: DossierStatus,
  /** The amount as the tracker formats it (e.g. `20.000 ₫`). */
  amountText: string,
  announce: (message: string) => void,
): TemplateResult | typeof nothing {
  const { t } = host;
  const pending = dossier.pending;
  if (dossier.status !== 'payment_requested' || pending?.kind !== 'payment' || !pending.payTo || !pending.amountVnd) return nothing;
  const { payTo } = pending;
  const note = dossier.code;
  const qr = buildVietQr({ bankBin: payTo.bankBin, account: payTo.account, amount: pending.amountVnd, purpose: note });
  if (!qr.ok) return html`<p part="payment" class="pay" role="alert">${t('tracker.pay.invalid')}</p>`;
  const { size, path } = matrixOf(qr.payload);
  const field = (key: string, value: string, copyable: boolean): TemplateResult => {
    const what = t(`tracker.pay.${key}`);
    return html`<dt>${what}</dt>
      <dd>
        <span data-field=${key}>${value}</span>
        ${
          copyable
            ? html`<button
                part="button"
                type="button"
                data-copy=${key}
                @click=${() => copyDetail(host, announce, key === 'amount' ? String(pending.amountVnd) : value, key, what)}
              >
                ${t('tracker.pay.copy', { what: what.toLowerCase() })}
              </button>`
            : nothing
        }
      </dd>`;
  };
  return html`<div part="payment" class="pay">
    <h5>${t('tracker.pay.heading')}</h5>
    <svg
      part="payment-qr"
      role="img"
      aria-label=${t('tracker.pay.qrLabel', { amount: amountText, account: payTo.account, note })}
      viewBox="0 0 ${size} ${size}"
      shape-rendering="crispEdges"
    >
      <path d=${path} fill="#000"></path>
    </svg>
    <dl>
      ${field('amount', amountText, true)} ${payTo.bankName ? field('bank', payTo.bankName, false) : nothing}
      ${field('account', payTo.account, true)} ${payTo.accountName ? field('accountName', payTo.accountName, false) : nothing}
      ${field('note', note, true)}
    </dl>
    <p>${t('tracker.pay.scan')} ${t('tracker.pay.manual')}</p>
    <p><strong>${t('tracker.pay.keepNote')}</strong></p>
  </div>`;
}
