/**
 * Dossier-code check for path parameters and rating bodies.
 * @module
 */
import { vnDate } from './working-hours.js';

const SHAPE = /^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(\d{2})(\d{2})(\d{2})-(\d{4})$/;

export type CodeCheck = { ok: true; code: string } | { ok: false; message: string };

/** Normalises (trim, upper-case) and checks a dossier code `{agency}-{yyMMdd}-{NNNN}`: real date, not in the future, sequence ≥ 1. */
export function parseCode(input: string, now: Date): CodeCheck {
  const text = input.trim().toUpperCase();
  if (text.length === 0) return { ok: false, message: 'Vui lòng nhập mã hồ sơ.' };
  if (text.length > 40) return { ok: false, message: 'Mã hồ sơ quá dài.' };
  const m = SHAPE.exec(text);
  if (!m) return { ok: false, message: 'Mã hồ sơ không đúng dạng 000.00.06.H56-231027-0361.' };
  const [, , yy, mm, dd, seq] = m;
  const iso = `20${yy}-${mm}-${dd}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso)
    return { ok: false, message: 'Ngày trong mã hồ sơ không hợp lệ.' };
  if (iso > vnDate(now)) return { ok: false, message: 'Ngày trong mã hồ sơ ở tương lai.' };
  if (seq === '0000') return { ok: false, message: 'Số thứ tự trong mã hồ sơ phải từ 0001.' };
  return { ok: true, code: text };
}
