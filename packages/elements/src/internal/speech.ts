/**
 * Reading aloud with the Web Speech API, loaded on the first press of a widget's "Nghe" button (see read-aloud.ts):
 * the voice for the language (voices arrive asynchronously on Chrome: `voiceschanged`), the text in chunks short
 * enough for Chrome (which cuts long utterances), dates and amounts in words a speech engine reads correctly, and the
 * messages when no voice can read the language.
 * @module
 */
import { translate } from './i18n.js';
import { voiceTag } from './languages.js';
import type { ReadAloudController } from './read-aloud.js';
import './speech.strings.js';

/** Longest chunk in characters: Chrome stops an utterance after about 15 seconds of speech. */
export const CHUNK = 180;

const CENTRE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Splits `parts` into chunks of at most `max` characters: at sentence ends, then at commas, then at spaces. */
export function chunk(parts: readonly string[], max = CHUNK): string[] {
  const out: string[] = [];
  const split = (text: string, separators: readonly RegExp[]): void => {
    if (text.length <= max) {
      if (text) out.push(text);
      return;
    }
    const [separator, ...rest] = separators;
    if (!separator) {
      for (let i = 0; i < text.length; i += max) out.push(text.slice(i, i + max).trim());
      return;
    }
    let current = '';
    for (const piece of text.split(separator)) {
      if (!piece) continue;
      if (current && current.length + piece.length > max) {
        split(current.trim(), rest);
        current = '';
      }
      current += piece;
    }
    split(current.trim(), rest);
  };
  for (const part of parts) split(part.replace(/\s+/g, ' ').trim(), [/(?<=[.!?;:…] )/, /(?<=, ?)/, /(?<= )/]);
  return out;
}

const isVi = (lang: string): boolean => lang.toLowerCase().startsWith('vi');

/** `2026-12-04T…` → `ngày 4 tháng 12 năm 2026` (Vietnam's date), `4 December 2026` in English. */
export function spokenDate(lang: string, iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  if (!isVi(lang))
    return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: CENTRE_TIME_ZONE }).format(date);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: CENTRE_TIME_ZONE })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `ngày ${Number(parts.day)} tháng ${Number(parts.month)} năm ${parts.year}`;
}

/** `50000` → `50.000 đồng` (`50,000 dong` in English): "₫" is read as nothing or as "d" by most voices. */
export function spokenAmount(lang: string, amount: number): string {
  return isVi(lang) ? `${new Intl.NumberFormat('vi-VN').format(amount)} đồng` : `${new Intl.NumberFormat('en-GB').format(amount)} dong`;
}

/**
 * Rewrites what voices misread in free text: `04/12/2026` (read as a fraction) as a date in words, amounts with
 * `₫`, `đ`, `VNĐ` as `đồng`, `–` in ranges as `đến`.
 */
export function speakable(lang: string, text: string): string {
  const vi = isVi(lang);
  return text
    .replace(/(ngày\s+)?\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/giu, (whole, said: string | undefined, d: string, m: string, y: string) =>
      Number(d) >= 1 && Number(d) <= 31 && Number(m) >= 1 && Number(m) <= 12
        ? vi
          ? `${said ?? ''}${said ? '' : 'ngày '}${Number(d)} tháng ${Number(m)} năm ${y}`
          : `${said ?? ''}${spokenDate('en', `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}T12:00:00+07:00`)}`
        : whole,
    )
    .replace(/(\d[\d.,]*)\s*(?:₫|VNĐ|VND|đ\b)/gu, (_, n: string) => `${n} ${vi ? 'đồng' : 'dong'}`)
    .replace(/(\S)\s*[–—]\s*(\S)/g, `$1 ${vi ? 'đến' : 'to'} $2`);
}

/** The device's voices; on Chrome the list is empty until `voiceschanged` (waits for it, at most 2 s). */
function voices(synth: SpeechSynthesis): Promise<SpeechSynthesisVoice[]> {
  const now = synth.getVoices();
  if (now.length) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      synth.removeEventListener('voiceschanged', done);
      resolve(synth.getVoices());
    };
    const timer = setTimeout(done, 2000);
    synth.addEventListener('voiceschanged', done);
  });
}

/** The voice for a BCP 47 tag: the exact language and region first, then the language alone (`vi_VN` on Android too). */
export function pickVoice(list: readonly SpeechSynthesisVoice[], tag: string): SpeechSynthesisVoice | undefined {
  const norm = (lang: string): string => lang.replace(/_/g, '-').toLowerCase();
  const wanted = norm(tag);
  const base = wanted.split('-')[0];
  const exact = list.filter((v) => norm(v.lang) === wanted);
  const same = exact.length ? exact : list.filter((v) => norm(v.lang).split('-')[0] === base);
  return same.find((v) => v.localService) ?? same[0];
}

/** What {@link read} did: reading, or why it could not (a message for the live region, and a language to offer). */
export type Outcome = { ok: true } | { ok: false; message: string; offer?: string };

/** The reading in progress on this page (one at a time: the speech queue is the browser's). */
let session: { onEnd: () => void; utterances: SpeechSynthesisUtterance[] } | undefined;

const synthesis = (): SpeechSynthesis | undefined =>
  typeof globalThis.speechSynthesis === 'object' && typeof globalThis.SpeechSynthesisUtterance === 'function'
    ? globalThis.speechSynthesis
    : undefined;

/** Stops any reading on the page; its widget is told it ended. */
export function stop(): void {
  const ended = session;
  session = undefined;
  synthesis()?.cancel();
  ended?.onEnd();
}

/**
 * Reads `parts` in `lang`, chunk after chunk, then calls `onEnd` (also when stopped, or when another widget starts).
 * Messages are in `uiLang`, the widget's language.
 */
export async function read(lang: string, uiLang: string, parts: readonly string[], onEnd: () => void): Promise<Outcome> {
  const synth = synthesis();
  const say = (key: string, params?: Record<string, string | number>): string => translate(uiLang, key, params);
  if (!synth) return { ok: false, message: say('speech.unsupported') };
  const list = await voices(synth);
  const tag = voiceTag(lang);
  const voice = pickVoice(list, tag);
  if (!voice) {
    const viVoice = isVi(lang) ? undefined : pickVoice(list, 'vi-VN');
    const name = languageName(uiLang, lang);
    const message = isVi(lang)
      ? say('speech.noVoice.vi')
      : `${say('speech.noVoice', { language: name })}${viVoice ? ` ${say('speech.offerHint')}` : ''}`;
    return viVoice ? { ok: false, message, offer: 'vi' } : { ok: false, message };
  }
  stop();
  const texts = chunk(parts.map((p) => speakable(lang, p)));
  const utterances = texts.map((text) => {
    const u = new SpeechSynthesisUtterance(text);
    u.lang = voice.lang.replace(/_/g, '-') || tag;
    u.voice = voice;
    u.rate = 0.9;
    return u;
  });
  const current = { onEnd, utterances };
  session = current;
  const next = (i: number): void => {
    if (session !== current) return;
    const u = utterances[i];
    if (!u) {
      session = undefined;
      onEnd();
      return;
    }
    u.onend = () => next(i + 1);
    u.onerror = () => {
      if (session !== current) return;
      session = undefined;
      synth.cancel();
      onEnd();
    };
    synth.speak(u);
  };
  // Chrome may keep a paused or stuck queue from an earlier page: start clean.
  synth.cancel();
  next(0);
  return { ok: true };
}

/** The language's name in the widget's language (`tiếng H’Mông`), else the pack's own `language.name`, else the code. */
function languageName(uiLang: string, lang: string): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([uiLang, 'vi'], { type: 'language' }).of(lang);
  } catch {
    name = undefined;
  }
  if (!name || name.toLowerCase() === lang.toLowerCase()) {
    const own = translate(lang, 'language.name');
    name = own === 'language.name' ? lang : own;
  }
  return name.replace(/^Tiếng /, 'tiếng ');
}

/** Reads the widget's content for its "Nghe" button (read-aloud.ts), unless a later press or new content came first. */
export async function start(c: ReadAloudController, lang: string, run: number): Promise<void> {
  const current = (): boolean => run === c.run;
  try {
    const parts = await c.source.text(lang);
    if (!current()) return;
    const outcome = await read(lang, c.host.resolvedLang, parts, () => {
      if (!current()) return;
      c.reading = false;
      c.host.requestUpdate();
    });
    if (!current() || outcome.ok) return;
    c.message = outcome.message;
    c.offer = outcome.offer ?? '';
  } catch {
    if (!current()) return;
    c.message = translate(c.host.resolvedLang, 'speech.unavailable');
  }
  c.reading = false;
  c.host.requestUpdate();
}
