/**
 * The owner-verification form of the dossier tracker, loaded when the citizen asks to verify (most look-ups never do):
 * the last four phone digits, their check, and the server's answer turned into what to show.
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { MotcuaClient } from '@motcua/sdk';
import type { DossierStatus } from '@motcua/sdk/schemas';
import { registerDefaults } from '../../internal/i18n.js';
import { errorInfo } from '../../internal/error-info.js';

registerDefaults({
  vi: {
    'tracker.verify.label': '4 chữ số cuối số điện thoại đã khai khi nộp hồ sơ',
    'tracker.verify.help': 'Dùng để hiện họ tên người nộp (đã che một phần). Không lưu trên thiết bị.',
    'tracker.verify.submit': 'Xác minh',
    'tracker.verify.invalid': 'Nhập đúng 4 chữ số cuối của số điện thoại, ví dụ 0361.',
    'tracker.verify.failed': 'Số điện thoại không khớp với hồ sơ. Kiểm tra lại 4 chữ số cuối.',
    'tracker.verify.done': 'Đã xác minh. Đây là hồ sơ của bạn.',
  },
  en: {
    'tracker.verify.label': 'Last 4 digits of the phone number given when applying',
    'tracker.verify.help': 'Shows the applicant name (partly hidden). Nothing is stored on this device.',
    'tracker.verify.submit': 'Verify',
    'tracker.verify.invalid': 'Enter exactly the last 4 digits of the phone number, for example 0361.',
    'tracker.verify.failed': 'The phone number does not match this dossier. Check the last 4 digits.',
    'tracker.verify.done': 'Verified. This is your dossier.',
  },
});

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
