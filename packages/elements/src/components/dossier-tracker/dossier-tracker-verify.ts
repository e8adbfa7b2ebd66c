/**
 * The owner-verification form of the dossier tracker, loaded when the citizen asks to verify (most look-ups never do):
 * the last four phone digits, their check, and the server's answer turned into what to show.
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { MotcuaClient } from '@motcua/sdk';
import type { DossierStatus } from '@motcua/sdk/schemas';
import { errorInfo } from '../../internal/error-info.js';
import './dossier-tracker-verify.strings.js';

type Translate = (key: string) => string;

export interface VerifyFormOptions {
  t: Translate;
  open: boolean;
  /** The message under the field, or empty. */
  error: string;
  busy: boolean;
  submit: (event: Event) => void;
}

/** The form: a 4-digit field (never stored) and its button. */
export function verifyForm({ t, open, error, busy, submit }: VerifyFormOptions): TemplateResult {
  return html`<form id="verify-form" class="verify-form" ?hidden=${!open} novalidate @submit=${submit}>
    <label for="phone">${t('tracker.verify.label')}</label>
    <p id="phone-help" class="help">${t('tracker.verify.help')}</p>
    <div class="row">
      <input
        id="phone"
        part="input"
        type="text"
        inputmode="numeric"
        autocomplete="off"
        maxlength="4"
        size="6"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? 'phone-error phone-help' : 'phone-help'}
      />
      <button part="button" type="submit" ?disabled=${busy}>${t('tracker.verify.submit')}</button>
    </div>
    ${error ? html`<p id="phone-error" part="error" class="error" role="alert">${error}</p>` : nothing}
  </form>`;
}

/**
 * After the owner check of a finished dossier not rated yet: the satisfaction form in place, carrying the owner's proof
 * the check returned (so the citizen types nothing more). The form's code loads on first use.
 */
export function ratingInPlace(d: DossierStatus, client: MotcuaClient, lang: string): TemplateResult | typeof nothing {
  if (!d.ratingProof || d.rated !== false || (d.status !== 'resolved' && d.status !== 'returned')) return nothing;
  import('../satisfaction/satisfaction.js').catch(() => undefined);
  return html`<motcua-satisfaction
    part="rating"
    dossier=${d.code}
    lang=${lang}
    .proof=${d.ratingProof.token}
    .client=${client}
  ></motcua-satisfaction>`;
}

/** Statuses after which nothing more is announced (the server refuses alerts for them). */
const FINAL = new Set(['returned', 'withdrawn', 'stopped', 'not_accepted']);

/**
 * After the owner check of a dossier still in progress: the status alerts control (consent, Web Push subscription,
 * revocation), whose code loads on first use.
 */
export function alertsInPlace(d: DossierStatus, client: MotcuaClient, lang: string, pushWorker: string): TemplateResult | typeof nothing {
  if (!d.ratingProof || FINAL.has(d.status)) return nothing;
  import('./dossier-tracker-alerts.js').catch(() => undefined);
  return html`<motcua-dossier-alerts
    part="alerts"
    dossier=${d.code}
    lang=${lang}
    push-worker=${pushWorker}
    .proof=${d.ratingProof.token}
    .client=${client}
  ></motcua-dossier-alerts>`;
}

export type VerifyResult = { owner: DossierStatus; message: string } | { error: string; retryAfter?: number };

/**
 * Checks the digits (no request unless they are four digits) and asks the server. `rateLimited` words a 429 with the
 * time to wait, as the tracker words its own.
 */
export async function verifyOwner(
  client: MotcuaClient,
  code: string,
  digits: string,
  t: Translate,
  rateLimited: (retryAfter: number) => string,
): Promise<VerifyResult> {
  if (!/^\d{4}$/.test(digits)) return { error: t('tracker.verify.invalid') };
  try {
    return { owner: await client.verifyDossier(code, digits), message: t('tracker.verify.done') };
  } catch (error) {
    const { status, kind, retryAfter = 60 } = errorInfo(error);
    if (status === 429) return { error: rateLimited(retryAfter), retryAfter };
    return {
      error: t(
        status !== undefined && status >= 400 && status < 500
          ? 'tracker.verify.failed'
          : kind === 'network'
            ? 'tracker.error.offline'
            : 'tracker.error.server',
      ),
    };
  }
}
