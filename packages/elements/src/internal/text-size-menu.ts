/**
 * The text-size menu (A− / A / A+), loaded on the first press of a widget's "Cỡ chữ" button (see read-aloud.ts).
 * The choice applies to every motcua widget on the page and is kept on the device (text-size.ts).
 * @module
 */
import { html, type TemplateResult } from 'lit';
import { registerDefaults, translate } from './i18n.js';
import { TEXT_SCALES, setTextScale, textScale } from './text-size.js';

registerDefaults({
  vi: {
    'textSize.group': 'Cỡ chữ: {percent}',
    'textSize.smaller': 'Chữ nhỏ hơn',
    'textSize.reset': 'Cỡ chữ mặc định',
    'textSize.larger': 'Chữ lớn hơn',
  },
  en: {
    'textSize.group': 'Text size: {percent}',
    'textSize.smaller': 'Smaller text',
    'textSize.reset': 'Default text size',
    'textSize.larger': 'Larger text',
  },
});

/** The three buttons; `update` re-renders the widget after a change (the others follow the page event). */
export function renderMenu(lang: string, update: () => void): TemplateResult {
  const scale = textScale();
  const step = TEXT_SCALES.indexOf(scale);
  const t = (key: string, params?: Record<string, string | number>): string => translate(lang, key, params);
  const percent = new Intl.NumberFormat(lang.toLowerCase().startsWith('vi') ? 'vi-VN' : 'en-GB', { style: 'percent' }).format(scale);
  const choose = (target: number | undefined): void => {
    if (target === undefined || target === scale) return;
    setTextScale(target);
    update();
  };
  // aria-disabled, not disabled: the pressed button keeps the focus at either end of the scale.
  return html`<div part="text-size-menu" role="group" aria-label=${t('textSize.group', { percent })}>
    <button type="button" aria-disabled=${step <= 0 ? 'true' : 'false'} @click=${() => choose(TEXT_SCALES[step - 1])}>
      <span aria-hidden="true">A−</span><span class="visually-hidden">${t('textSize.smaller')}</span>
    </button>
    <button type="button" aria-pressed=${scale === 1 ? 'true' : 'false'} @click=${() => choose(1)}>
      <span aria-hidden="true">A</span><span class="visually-hidden">${t('textSize.reset')}</span>
    </button>
    <button type="button" aria-disabled=${step >= TEXT_SCALES.length - 1 ? 'true' : 'false'} @click=${() => choose(TEXT_SCALES[step + 1])}>
      <span aria-hidden="true">A+</span><span class="visually-hidden">${t('textSize.larger')}</span>
    </button>
    <span aria-hidden="true">${percent}</span>
  </div>`;
}
