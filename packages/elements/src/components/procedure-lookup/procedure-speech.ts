/**
 * What the "Nghe" button of the procedure detail reads, built from the procedure record (never from the rendered
 * HTML): name, processing time, fee (amounts in words, `50.000 đồng`), online level, where to submit, the documents
 * to bring and the steps. Loaded with the speech chunk on the first press; the terms it reads are the detail view's
 * (`procedure-detail.strings.ts`), which the lookup loads with it.
 * @module
 */
import type { FeeSummary, Procedure } from '@motcua/sdk';
import { translate } from '../../internal/i18n.js';
import { formatOnline, formatProcessingTime } from '../../internal/format.js';
import { spokenAmount } from '../../internal/speech.js';

/** A fee summary in words: free, one amount, a range, or "not published". */
export function spokenFee(lang: string, fee: FeeSummary | null | undefined): string {
  if (!fee) return translate(lang, 'format.feeUnknown');
  if (fee.maxVnd === 0) return translate(lang, 'format.free');
  if (fee.minVnd === fee.maxVnd) return spokenAmount(lang, fee.minVnd);
  const min = fee.minVnd === 0 ? translate(lang, 'format.free') : spokenAmount(lang, fee.minVnd);
  return translate(lang, 'speech.range', { min, max: spokenAmount(lang, fee.maxVnd) });
}

/** The procedure as sentences, in `lang`. */
export function procedureSpeech(lang: string, p: Procedure): string[] {
  const t = (key: string, params?: Record<string, string | number>): string => translate(lang, key, params);
  /** Text ending in one full stop (records often end theirs with `.`, `;` or `:`). */
  const stop = (text: string): string => `${text.trim().replace(/[\s.;:,]+$/u, '')}.`;
  const sentence = (label: string, value: string): string => stop(`${label}: ${value}`);
  const parts = [
    stop(p.name),
    sentence(t('lookup.time'), formatProcessingTime(lang, p.processingTime)),
    sentence(t('lookup.fee'), spokenFee(lang, p.feeSummary)),
    sentence(t('lookup.onlineLabel'), formatOnline(lang, p.onlineService)),
  ];
  if (p.implementingUnits.length) parts.push(sentence(t('lookup.where'), p.implementingUnits.join('; ')));
  const components = p.componentGroups.flatMap((g) => g.components);
  if (components.length) {
    parts.push(`${t('lookup.components')}:`);
    components.forEach((c, i) =>
      parts.push(
        `${i + 1}. ${stop(c.name.replace(/^[\s\-+–]+/u, ''))} ${stop(`${t('lookup.originals', { n: c.originals })}, ${t('lookup.copies', { n: c.copies })}`)}`,
      ),
    );
  }
  if (p.steps.length) {
    parts.push(`${t('lookup.steps')}:`);
    p.steps.forEach((s, i) => parts.push(`${i + 1}. ${stop(s.name)}`));
  }
  return parts;
}
