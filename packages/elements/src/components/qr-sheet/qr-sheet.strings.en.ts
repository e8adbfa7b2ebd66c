import type { Translation } from '../../internal/i18n.js';

/** The English terms of the QR sheet, loaded when it first renders in English (see qr-sheet.component.ts). */
export const en: Translation = {
  'sheet.heading': 'QR codes of administrative procedures',
  'sheet.print': 'Print the QR sheet',
  'sheet.sector': 'Sector',
  'sheet.allSectors': 'All sectors',
  'sheet.summary': ({ count, pages }) =>
    `${count} ${count === 1 ? 'procedure' : 'procedures'} · ${pages} A4 ${pages === 1 ? 'page' : 'pages'}`,
  'sheet.page': 'Page {n} of {total}',
  'sheet.preparing': 'Showing {n} of {total} cards (printing prints all)',
  'sheet.calibration': 'Print-scale check: exactly 50 mm when printed at 100%',
  'sheet.hint': 'When printing, choose A4, scale 100% (not “fit to page”), and turn on background graphics.',
  'sheet.loading': 'Loading the list of procedures…',
  'sheet.error': 'The list of procedures could not be loaded.',
  'sheet.offline': 'You are offline. Check your connection and try again.',
  'sheet.empty': 'There is no procedure to print.',
  'sheet.retry': 'Try again',
  'sheet.missing_api': 'The API address is not configured (api attribute or a <motcua-portal> element).',
  'sheet.missing_agency': 'No agency chosen (agency attribute).',
};
