/**
 * Dossier codes (mã hồ sơ): `{agency e-ID}-{yyMMdd}-{NNNN}`, e.g. `000.00.06.H56-231027-0361`.
 * @module
 */

import { checkDossierCode, DOSSIER_CODE_MAX_LENGTH, type DossierCodeProblem, type DossierCodeResult } from './dossier-code-check.js';

export {
  checkDossierCode,
  DOSSIER_CODE_MAX_LENGTH,
  type DossierCodeCheck,
  type DossierCodeProblem,
  type DossierCodeResult,
  type ParsedDossierCode,
} from './dossier-code-check.js';

/**
 * Messages for each {@link DossierCodeProblem}, in Vietnamese (`vi`, used by {@link parseDossierCode}) and English (`en`).
 * @example
 * ```ts
 * const result = parseDossierCode(input);
 * if (!result.ok) showError(DOSSIER_CODE_MESSAGES[lang][result.reason]);
 * ```
 */
export const DOSSIER_CODE_MESSAGES: Readonly<Record<'vi' | 'en', Readonly<Record<DossierCodeProblem, string>>>> = {
  vi: {
    empty: 'Vui lòng nhập mã hồ sơ.',
    too_long: `Mã hồ sơ quá dài: mã đúng có dạng 000.00.06.H56-231027-0361 (tối đa ${DOSSIER_CODE_MAX_LENGTH} ký tự).`,
    invalid_characters: 'Mã hồ sơ chỉ gồm chữ số, chữ cái không dấu, dấu chấm (.) và gạch ngang (-), không có khoảng trắng.',
    wrong_shape: 'Mã hồ sơ phải gồm ba phần nối bằng gạch ngang: mã đơn vị-ngày-số thứ tự, ví dụ 000.00.06.H56-231027-0361.',
    invalid_agency:
      'Phần đầu của mã hồ sơ (mã đơn vị) phải có dạng 000.00.06.H56: ba nhóm chữ số và mã tỉnh gồm một chữ cái và hai chữ số.',
    invalid_date: 'Phần giữa của mã hồ sơ phải là ngày tạo hồ sơ gồm 6 chữ số năm-tháng-ngày (yyMMdd), ví dụ 231027 là ngày 27/10/2023.',
    future_date: 'Ngày trong mã hồ sơ ở tương lai: vui lòng kiểm tra lại phần ngày (yyMMdd) trên giấy tiếp nhận.',
    invalid_sequence: 'Phần cuối của mã hồ sơ phải là số thứ tự gồm 4 chữ số, từ 0001 đến 9999.',
  },
  en: {
    empty: 'Please enter a dossier code.',
    too_long: `The dossier code is too long: a code looks like 000.00.06.H56-231027-0361 (at most ${DOSSIER_CODE_MAX_LENGTH} characters).`,
    invalid_characters: 'A dossier code contains only digits, unaccented letters, dots (.) and hyphens (-), with no spaces.',
    wrong_shape: 'A dossier code has three parts joined by hyphens: agency code-date-number, e.g. 000.00.06.H56-231027-0361.',
    invalid_agency:
      'The first part (agency code) must look like 000.00.06.H56: three groups of digits and a province code of one letter and two digits.',
    invalid_date:
      'The middle part must be the date the dossier was created, 6 digits year-month-day (yyMMdd), e.g. 231027 for 27 October 2023.',
    future_date: 'The date in the dossier code is in the future: please check the date part (yyMMdd) on your receipt.',
    invalid_sequence: 'The last part must be a 4-digit sequence number from 0001 to 9999.',
  },
};

/**
 * Checks a dossier code and splits it into agency, date and sequence. Leading and trailing spaces are trimmed,
 * dash look-alikes (–, —, −) become `-`, and lower-case province letters are upper-cased before checking.
 * On failure, `reason` says precisely what is wrong and `message` explains it in Vietnamese
 * (English in {@link DOSSIER_CODE_MESSAGES}`.en`).
 * @param input What the citizen typed or scanned.
 * @param options `now` (default: the current time) decides which dates are in the future, in Vietnam's time zone.
 * @example
 * ```ts
 * parseDossierCode(' 000.00.06.h56-231027-0361 ');
 * // { ok: true, value: { code: '000.00.06.H56-231027-0361', agency: '000.00.06.H56', date: '2023-10-27', sequence: 361 } }
 * parseDossierCode('000.00.06.H56-231327-0361');
 * // { ok: false, reason: 'invalid_date', message: 'Phần giữa của mã hồ sơ phải là ngày tạo hồ sơ …' }
 * ```
 */
export function parseDossierCode(input: string, options: { now?: Date } = {}): DossierCodeResult {
  const result = checkDossierCode(input, options);
  return result.ok ? result : { ...result, message: DOSSIER_CODE_MESSAGES.vi[result.reason] };
}
