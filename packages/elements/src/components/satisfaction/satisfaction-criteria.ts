/**
 * The optional Decree 61 criteria of the online rating form, loaded when the citizen opens them (most ratings are one
 * tap on a face): ten questions, their terms in Vietnamese and English, and the list of criteria from the SDK.
 * @module
 */
import { html, type TemplateResult } from 'lit';
import { CRITERIA, type Criteria, type CriterionScore, type SatisfactionLevel } from '@motcua/sdk/schemas';
import { registerDefaults } from '../../internal/i18n.js';

registerDefaults({
  vi: {
    'satisfaction.criteria.intro': 'Chấm điểm từng tiêu chí theo Nghị định 61/2018/NĐ-CP. Bỏ qua tiêu chí không áp dụng.',
    'satisfaction.criteria.totalTime': '1. Tổng thời gian giải quyết so với thời hạn theo quy định',
    'satisfaction.criteria.stepTime': '2. Thời gian thực hiện tại từng cơ quan, đơn vị',
    'satisfaction.criteria.contactCount': '3. Số lần phải liên hệ để hoàn thiện hồ sơ',
    'satisfaction.criteria.agencyCount': '4. Số cơ quan, đơn vị phải liên hệ',
    'satisfaction.criteria.oneStopCounter': '5. Tiếp nhận và trả kết quả tại Bộ phận Một cửa',
    'satisfaction.criteria.publicPosting': '6. Công khai thủ tục hành chính',
    'satisfaction.criteria.staffAttitude': '7. Thái độ của cán bộ, công chức',
    'satisfaction.criteria.feedbackHandling': '8. Tiếp thu, giải trình ý kiến góp ý, phản ánh',
    'satisfaction.criteria.onlineService': '9. Tiến độ và chất lượng dịch vụ công trực tuyến',
    'satisfaction.criteria.convenience': '10. Mức độ thuận tiện khi thực hiện thủ tục',
    'satisfaction.score.2': 'Tốt (2 điểm)',
    'satisfaction.score.1': 'Đạt (1 điểm)',
    'satisfaction.score.0': 'Chưa tốt (0 điểm)',
  },
  en: {
    'satisfaction.criteria.intro': 'Score each criterion as set by Decree 61/2018/NĐ-CP. Skip those that do not apply.',
    'satisfaction.criteria.totalTime': '1. Total processing time compared with the legal time limit',
    'satisfaction.criteria.stepTime': '2. Time taken at each agency or unit',
    'satisfaction.criteria.contactCount': '3. Number of contacts needed to complete the dossier',
    'satisfaction.criteria.agencyCount': '4. Number of agencies or units contacted',
    'satisfaction.criteria.oneStopCounter': '5. Receipt and return of results at the one-stop counter',
    'satisfaction.criteria.publicPosting': '6. Public posting of the procedure',
    'satisfaction.criteria.staffAttitude': '7. Attitude of the officers',
    'satisfaction.criteria.feedbackHandling': '8. Handling of comments and complaints',
    'satisfaction.criteria.onlineService': '9. Progress and quality of the online service',
    'satisfaction.criteria.convenience': '10. Convenience of the procedure',
    'satisfaction.score.2': 'Good (2 points)',
    'satisfaction.score.1': 'Fair (1 point)',
    'satisfaction.score.0': 'Poor (0 points)',
  },
});

const SCORES: readonly CriterionScore[] = [2, 1, 0];

export interface CriteriaOptions {
  t: (key: string) => string;
  criteria: Criteria;
  levels: readonly SatisfactionLevel[];
  change: (criteria: Criteria) => void;
}

/** The criteria: indices 1–9 scored 2/1/0, index 10 (convenience) answered with a satisfaction level. */
export function criteriaTemplate({ t, criteria, levels, change }: CriteriaOptions): TemplateResult {
  const choice = (name: string, checked: boolean, label: string, pick: () => void): TemplateResult =>
    html`<label class="score"><input type="radio" name=${name} .checked=${checked} @change=${pick} />${label}</label>`;
  return html`<p class="muted">${t('satisfaction.criteria.intro')}</p>
    ${CRITERIA.map(
      (criterion) =>
        html`<fieldset class="criterion">
          <legend>${t(`satisfaction.criteria.${criterion}`)}</legend>
          ${SCORES.map((score) =>
            choice(`c-${criterion}`, criteria[criterion] === score, t(`satisfaction.score.${score}`), () =>
              change({ ...criteria, [criterion]: score }),
            ),
          )}
        </fieldset>`,
    )}
    <fieldset class="criterion">
      <legend>${t('satisfaction.criteria.convenience')}</legend>
      ${levels.map((level) =>
        choice('c-convenience', criteria.convenience === level, t(`satisfaction.level.${level}`), () =>
          change({ ...criteria, convenience: level }),
        ),
      )}
    </fieldset>`;
}
