/**
 * The optional Decree 61 criteria of the online rating form, loaded when the citizen opens them (most ratings are one
 * tap on a face): ten questions, their terms in Vietnamese and English, and the list of criteria from the SDK.
 * @module
 */
import { adoptStyles, css, html, type ReactiveElement, type TemplateResult } from 'lit';
import { CRITERIA, type Criteria, type CriterionScore, type SatisfactionLevel } from '@motcua/sdk/schemas';
import './satisfaction-criteria.strings.js';

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

/** Adds the criteria's styles to the widget's (kept out of the widget's first download, like the criteria). */
export function adoptCriteriaStyles(host: ReactiveElement): void {
  const root = host.renderRoot;
  if (root instanceof ShadowRoot) adoptStyles(root, [...root.adoptedStyleSheets, criteriaStyles]);
}

const criteriaStyles = css`
  .criterion {
    padding: 0.5em 0;
    border-top: 1px solid var(--_border);
  }
  .score {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    min-height: var(--_target);
    margin-inline-end: 1.25em;
    cursor: pointer;
  }
  .score input {
    width: 22.4px;
    height: 22.4px;
    margin: 0;
    accent-color: var(--_primary);
  }
`;
