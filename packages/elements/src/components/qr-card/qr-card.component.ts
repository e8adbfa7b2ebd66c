import { html, isServer, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { ProcedureSummary } from '@motcua/sdk';
import { MotcuaElement } from '../../internal/motcua-element.js';
import { baseStyles } from '../../internal/base.styles.js';
import { ConnectionController } from '../../internal/client-resolver.js';
import { registerDefaults, translate } from '../../internal/i18n.js';
import { formatVnd } from '../../internal/format.js';
import type { buildVietQr } from '../../internal/vietqr.js';
import { cardTemplate as plainCard, qrSvg, type CardOptions } from './qr-card.template.js';
import { cardStyles, styles } from './qr-card.styles.js';
import './qr-card.element.strings.js';

export { DEFAULT_URL_TEMPLATE, procedureUrl, type CardOptions } from './qr-card.template.js';

/**
 * The VietQR encoder, loaded when a card first has a fee account (most cards have none: the lookup's detail view and
 * the sheet never show a payment code), before that card renders.
 */
let vietQr: typeof buildVietQr | undefined;
let vietQrLoading: Promise<unknown> | undefined;
/** The last attempt to fetch the encoder failed (offline): the card says the payment code is not available. */
let vietQrFailed = false;

/**
 * Loads the VietQR encoder that {@link cardTemplate} needs for `options.pay` (a `<motcua-qr-card>` with a fee account
 * does this before it renders). Rejects when its chunk cannot be fetched; the next call tries again.
 */
export function loadVietQr(): Promise<unknown> {
  vietQrLoading ??= import('../../internal/vietqr.js').then(
    (m) => {
      vietQr = m.buildVietQr;
      vietQrFailed = false;
    },
    (error: unknown) => {
      vietQrLoading = undefined;
      vietQrFailed = true;
      throw error;
    },
  );
  return vietQrLoading;
}

// A server render (SSR) has no update cycle to wait in: it loads the encoder at once (the browser only when needed).
if (isServer) void loadVietQr().catch(() => undefined);

/**
 * One card's template, with the fee-payment VietQR when `options.pay` is set (the sheet uses the card without it) and
 * the encoder is loaded ({@link loadVietQr}); without it, no payment block, or a line saying the payment code is not
 * available when fetching the encoder failed.
 */
export function cardTemplate(options: CardOptions): TemplateResult {
  const { lang, item, pay } = options;
  if (!pay) return plainCard(options);
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
  if (!vietQr) return plainCard(options, vietQrFailed ? html`<p class="problem" role="alert">${t('qr.payUnavailable')}</p>` : nothing);
  const built = vietQr({ ...pay, purpose: pay.purpose ?? `Le phi ${item.code}` });
  const amount = pay.amount ? formatVnd(pay.amount) : '';
  return plainCard(
    options,
    built.ok
      ? html`<div class="pay">
          ${qrSvg(built.payload, t('qr.payAlt', { amount }))}
          <span>${t('qr.pay')}</span>${amount ? html`<br /><strong>${t('qr.payAmount', { amount })}</strong>` : nothing}
        </div>`
      : html`<p class="problem" role="alert">${t('qr.payInvalid', { field: built.field })}</p>`,
  );
}

/** The English terms, loaded when a card first renders in English: a Vietnamese page does not download them. */
let english: Promise<unknown> | undefined;

/**
 * A printable card for one procedure: an SVG QR code (error correction M, 4-module quiet zone) linking to the
 * procedure's page, with its name, code, sector, processing time, fee and the URL in text. Optionally a VietQR code to
 * pay the fee by bank transfer.
 *
 * @tag motcua-qr-card
 * @summary A QR code card for one procedure, for the wall of the service centre.
 * @attr procedure - National procedure code, e.g. `1.001193`.
 * @attr api - Base URL of the API; not needed inside `<motcua-portal>` or when `data` is set.
 * @attr agency - Agency e-ID (fills `{agency}` in the URL template).
 * @attr url-template - Link of the QR: `{origin}`, `{code}` and `{agency}` are filled in. Default `{origin}/#thu-tuc={code}`.
 * @attr bank-bin - 6-digit NAPAS bank BIN of the fee account, e.g. `970403` (adds a VietQR code).
 * @attr account - Account number of the fee account.
 * @attr amount - Fee in đồng to put in the VietQR code (optional; without it the payer types the amount).
 * @attr purpose - Transfer note of the VietQR code (default `Le phi <code>`; ASCII, up to 25 characters).
 * @attr heading-level - Level of the card's heading (default 3).
 * @attr lang - `vi` (default) or `en`.
 * @csspart card - The card.
 * @csspart qr - Each QR code (SVG).
 * @csspart name - The procedure's name.
 * @csspart url - The URL in text.
 * @cssproperty --motcua-qr-size - Side of the QR code (default 30mm).
 */
export class MotcuaQrCard extends MotcuaElement {
  static override properties = {
    procedure: {},
    api: {},
    agency: {},
    urlTemplate: { attribute: 'url-template' },
    bankBin: { attribute: 'bank-bin' },
    account: {},
    amount: { type: Number },
    purpose: {},
    headingLevel: { type: Number, attribute: 'heading-level' },
    data: { attribute: false },
    loaded: { state: true, attribute: false },
  };
  static override styles = [baseStyles, cardStyles, styles];

  procedure = '';
  api = '';
  agency = '';
  urlTemplate = '';
  bankBin = '';
  account = '';
  amount?: number;
  purpose = '';
  headingLevel = 3;
  /** The procedure to show, when the page already has it (no request is made). Property only. */
  data?: ProcedureSummary;

  private loaded?: { code: string; status: 'loading' | 'ready' | 'error' | 'not_found'; item?: ProcedureSummary };

  private readonly connection = new ConnectionController(this);
  private loadedKey = '';
  private abort?: AbortController;

  protected override willUpdate(changed: PropertyValues): void {
    const key = `${this.connection.key}|${this.procedure}`;
    if (
      !this.data &&
      this.procedure &&
      key !== this.loadedKey &&
      (changed.has('procedure') || changed.has('data') || this.loadedKey !== key)
    ) {
      this.loadedKey = key;
      void this.load();
    }
  }

  /**
   * A card renders in English once its English terms are there, and with a fee account once the VietQR encoder is there
   * (never half translated, never without its payment code at first).
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const waits: Promise<unknown>[] = [];
    // In English once the English terms are there (never half translated): a failed load falls back to Vietnamese and is
    // tried again on the next update.
    if (this.resolvedLang.toLowerCase().startsWith('en')) {
      english ??= import('./qr-card.strings.en.js').then(
        ({ en }) => registerDefaults({ en }),
        () => (english = undefined),
      );
      waits.push(english);
    }
    // Not loaded (offline since the page opened): the card renders and says the payment code is not available.
    if (!vietQr && (this.bankBin || this.account)) waits.push(loadVietQr().catch(() => undefined));
    if (!waits.length) return super.scheduleUpdate();
    return Promise.all(waits).then(() => super.scheduleUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
    this.loadedKey = '';
  }

  private async load(): Promise<void> {
    const client = this.connection.client;
    const code = this.procedure.trim();
    if (!client || !code) return;
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.loaded = { code, status: 'loading' };
    try {
      const item = (await this.fromPageCatalog(code, abort.signal)) ?? (await client.getProcedure(code, { signal: abort.signal }));
      if (!abort.signal.aborted) this.loaded = { code, status: 'ready', item };
    } catch (error) {
      if (abort.signal.aborted) return;
      const status =
        (error as { status?: unknown }).status === 404 || (error as { kind?: unknown }).kind === 'input' ? 'not_found' : 'error';
      this.loaded = { code, status };
    }
  }

  /**
   * The procedure from its agency's catalog when the page downloads that catalog anyway (the embed loader preloads it
   * for a lookup or a QR sheet there, and then asks for no procedure for this card): one request less on a slow link, and
   * the summary a QR sheet shows. Undefined (ask for the procedure) otherwise, or when the catalog lacks the code or fails.
   */
  private async fromPageCatalog(code: string, signal: AbortSignal): Promise<ProcedureSummary | undefined> {
    const { client, agency, api } = this.connection;
    const catalog = `${api}/agencies/${agency}/procedures/catalog`;
    if (
      isServer ||
      !client ||
      !agency ||
      ![...document.querySelectorAll<HTMLLinkElement>('link[rel~="preload"]')].some((l) => l.href === catalog)
    )
      return undefined;
    return (await client.getCatalog(agency, { signal }).catch(() => undefined))?.items.find((item) => item.code === code);
  }

  private retry(): void {
    this.loadedKey = '';
    this.requestUpdate();
  }

  protected override render(): TemplateResult {
    const item = this.data ?? this.loaded?.item;
    if (item) {
      const pay =
        this.bankBin || this.account
          ? {
              bankBin: this.bankBin,
              account: this.account,
              ...(this.amount !== undefined && !Number.isNaN(this.amount) ? { amount: this.amount } : {}),
              ...(this.purpose ? { purpose: this.purpose } : {}),
            }
          : undefined;
      return cardTemplate({
        lang: this.resolvedLang,
        item,
        urlTemplate: this.urlTemplate,
        agency: this.connection.agency,
        headingLevel: this.headingLevel,
        ...(pay ? { pay } : {}),
      });
    }
    if (!this.procedure) return html`<p class="state" role="alert">${this.t('qr.missing')}</p>`;
    // In a portal that has not answered yet: loading (below), not an error.
    if (!this.connection.client && !this.connection.waiting) return html`<p class="state" role="alert">${this.t('qr.missing_api')}</p>`;
    switch (this.loaded?.status) {
      case 'not_found':
        return html`<p class="state" role="alert">${this.t('qr.notFound', { code: this.procedure })}</p>`;
      case 'error':
        return html`<div class="state" role="alert">
          <p>${this.t('qr.error')}</p>
          <button class="button" type="button" @click=${this.retry}>${this.t('qr.retry')}</button>
        </div>`;
      default:
        return html`<p class="state" role="status">${this.t('qr.loading')}</p>`;
    }
  }
}
