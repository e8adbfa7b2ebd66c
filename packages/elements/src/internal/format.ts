/**
 * Formatting shared by the procedure widgets: fees in VND (always `vi-VN`, as posted in Vietnam), processing times,
 * online-service levels, and safe links from API data.
 * @module
 */
import type { FeeSummary, OnlineService, ProcessingTime } from '@motcua/sdk';
import { registerDefaults, translate } from './i18n.js';

registerDefaults({
  vi: {
    'format.free': 'Miễn phí',
    'format.feeUnknown': 'Chưa công bố',
    'format.timeUnknown': 'Chưa công bố',
    'format.range': '{min} – {max}',
    'format.unit.working_day': '{n} ngày làm việc',
    'format.unit.day': '{n} ngày',
    'format.unit.hour': '{n} giờ',
    'format.unit.month': '{n} tháng',
    'format.online.full': 'Trực tuyến toàn trình',
    'format.online.partial': 'Trực tuyến một phần',
    'format.online.none': 'Chỉ nộp trực tiếp',
  },
  en: {
    'format.free': 'Free',
    'format.feeUnknown': 'Not published',
    'format.timeUnknown': 'Not published',
    'format.range': '{min} – {max}',
    'format.unit.working_day': ({ n }) => `${n} working ${n === '1' ? 'day' : 'days'}`,
    'format.unit.day': ({ n }) => `${n} ${n === '1' ? 'day' : 'days'}`,
    'format.unit.hour': ({ n }) => `${n} ${n === '1' ? 'hour' : 'hours'}`,
    'format.unit.month': ({ n }) => `${n} ${n === '1' ? 'month' : 'months'}`,
    'format.online.full': 'Fully online',
    'format.online.partial': 'Partly online',
    'format.online.none': 'In person only',
  },
});

/**
 * A whole number's digits in groups of three (`1234567`, `.` → `1.234.567`), as `Intl.NumberFormat` writes them in vi-VN
 * (`.`) and en-GB (`,`). The first `Intl.NumberFormat` of a page loads the browser's number data: 100–300 ms on a
 * phone-class CPU, in the very render that shows a catalog's first rows; whole amounts and durations need none of it.
 */
function grouped(n: number, separator: string): string {
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += separator + digits.slice(i, i + 3);
  return (n < 0 ? '-' : '') + out;
}

// Made on first use (amounts with a fraction only): loading the currency data takes tens of ms, too long for a module's
// start-up on a slow phone.
let vnd: Intl.NumberFormat | undefined;

/** `8000` → `8.000 ₫` (always Vietnamese formatting: amounts are posted that way). */
export function formatVnd(amount: number): string {
  if (Number.isSafeInteger(amount)) return `${grouped(amount, '.')}\u00a0₫`;
  vnd ??= new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });
  return vnd.format(amount);
}

/** A fee amount, or "free" for 0. */
export function formatFee(lang: string, amount: number): string {
  return amount === 0 ? translate(lang, 'format.free') : formatVnd(amount);
}

/** A fee summary: free, one amount, a range, or "not published". */
export function formatFeeSummary(lang: string, fee: FeeSummary | null | undefined): string {
  if (!fee) return translate(lang, 'format.feeUnknown');
  if (fee.maxVnd === 0) return translate(lang, 'format.free');
  if (fee.minVnd === fee.maxVnd) return formatVnd(fee.minVnd);
  return translate(lang, 'format.range', { min: formatFee(lang, fee.minVnd), max: formatVnd(fee.maxVnd) });
}

/** `{value: 3, unit: 'working_day'}` → `3 ngày làm việc`; free text for unit `other`. */
export function formatProcessingTime(lang: string, time: ProcessingTime | null | undefined): string {
  if (!time) return translate(lang, 'format.timeUnknown');
  if (time.unit === 'other') return time.text?.trim() || translate(lang, 'format.timeUnknown');
  const vi = lang.toLowerCase().startsWith('vi');
  const n = Number.isSafeInteger(time.value)
    ? grouped(time.value, vi ? '.' : ',')
    : numberFormat(vi ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 }).format(time.value);
  return translate(lang, `format.unit.${time.unit}`, { n });
}

/** The online-service level in words. */
export function formatOnline(lang: string, level: OnlineService): string {
  return translate(lang, `format.online.${level}`);
}

/** Returns `url` only when it is an absolute http(s) URL, so API data can never inject `javascript:` links. */
export function safeUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

const formats = new Map<string, Intl.NumberFormat>();

/**
 * An `Intl.NumberFormat`, made once per locale and options: making one costs a thousand times more than using it, and a
 * table of figures formats hundreds of numbers in one render.
 */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `n ${locale} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/**
 * The Vietnamese collator the widgets sort names with (sectors in the lookup's and the QR sheet's filters), one per page.
 * Building the first `Intl.Collator('vi')` of a page loads ICU's Vietnamese rules: 15–30 ms on a desktop, four times
 * that on a phone-class CPU, which made the widget's first render of a catalog one long task. `warmViCollator()` builds
 * it in a task of its own while the catalog is on its way, so the render only uses it. (Here, not in a module of its
 * own, so that the lookup and the QR sheet, which both import this module, fetch no extra chunk for it.)
 */
let collator: Intl.Collator | undefined;
let warming: ReturnType<typeof setTimeout> | undefined;

/** The page's Vietnamese collator (built on first use if `warmViCollator` has not built it yet). */
export function viCollator(): Intl.Collator {
  return (collator ??= new Intl.Collator('vi'));
}

/** Builds the collator in a task of its own, soon (nothing when it is built or about to be). */
export function warmViCollator(): void {
  if (collator || warming !== undefined) return;
  warming = setTimeout(() => {
    viCollator();
  });
}
