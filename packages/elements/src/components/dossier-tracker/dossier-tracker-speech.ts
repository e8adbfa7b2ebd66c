/**
 * What the tracker's "Nghe" button reads, built from the dossier status (never from the rendered HTML): the status,
 * the procedure, dates in words (`ngày 4 tháng 12 năm 2026`), the due state, what to do now and the amount due
 * (`50.000 đồng`). Loaded with the speech chunk on the first press.
 * @module
 */
import type { DossierStatus } from '@motcua/sdk/schemas';
import { translate } from '../../internal/i18n.js';
import { spokenAmount, spokenDate } from '../../internal/speech.js';

/** The dossier as sentences, in `lang`; `due` is the tracker's due-state sentence ("Còn 3 ngày làm việc. …"). */
export function dossierSpeech(lang: string, d: DossierStatus, due: string): string[] {
  const t = (key: string, params?: Record<string, string | number>): string => translate(lang, key, params);
  const parts = [
    `${t(`tracker.status.${d.status}`)}.`,
    `${t('tracker.field.procedure')}: ${d.procedure.name}.`,
    `${t('tracker.field.agency')}: ${d.agency.name}.`,
  ];
  const date = (field: string, iso: string | null | undefined): void => {
    if (iso) parts.push(`${t(`tracker.field.${field}`)}: ${spokenDate(lang, iso)}.`);
  };
  date('received', d.receivedAt);
  if (d.status !== 'not_accepted' && d.status !== 'withdrawn') date('due', d.dueAt);
  if (due) parts.push(due);
  date('finished', d.finishedAt);
  date('returned', d.returnedAt);
  parts.push(
    `${t('tracker.todo.heading')}`,
    t(d.status === 'resolved' ? `tracker.todo.resolved.${d.resultDelivery}` : `tracker.todo.${d.status}`),
  );
  if (d.status === 'payment_requested' && d.pending?.amountVnd !== undefined)
    parts.push(`${t('tracker.todo.amount', { amount: spokenAmount(lang, d.pending.amountVnd) })}.`);
  return parts;
}
