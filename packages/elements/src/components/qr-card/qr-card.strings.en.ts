import type { Translation } from '../../internal/i18n.js';

/**
 * The English terms of the `<motcua-qr-card>` element (see qr-card.element.strings.ts), loaded when a card first renders
 * in English (see qr-card.component.ts).
 */
export const en: Translation = {
  'qr.payAlt': 'VietQR code to pay the fee of {amount} by bank transfer',
  'qr.pay': 'Scan with a banking app to pay the fee',
  'qr.payAmount': 'Amount: {amount}',
  'qr.payInvalid': 'No VietQR code: the “{field}” attribute is not valid.',
  'qr.payUnavailable': 'The VietQR payment code could not be loaded (offline?). Reload the page to try again.',
  'qr.loading': 'Loading the procedure…',
  'qr.error': 'The procedure could not be loaded.',
  'qr.notFound': 'No procedure has the code “{code}”.',
  'qr.missing': 'No procedure code (procedure attribute).',
  'qr.missing_api': 'The API address is not configured (api attribute or a <motcua-portal> element).',
  'qr.retry': 'Try again',
};
