import type { ProcedureSummary } from '../schemas/procedure.js';
import { foldCode, foldPlain, fromCodes, repairTelex } from './fold.js';

/** The fields the index reads: any object with a procedure's `code`, `name` and `sector`. */
export type SearchableProcedure = Pick<ProcedureSummary, 'code' | 'name'> & { sector: { code?: string; name: string } };

/** One result of {@link SearchIndex.search}. */
export interface SearchHit<T extends SearchableProcedure = ProcedureSummary> {
  item: T;
  /** Higher is better; only meaningful for comparing hits of the same query. */
  score: number;
  /** Matched ranges in `item.name`, as `[start, end)` UTF-16 offsets, sorted and not overlapping. */
  highlights: Array<[start: number, end: number]>;
}

/** Options of {@link SearchIndex.search}. */
export interface SearchOptions<T extends SearchableProcedure = ProcedureSummary> {
  /** Most hits to return (default 20). */
  limit?: number;
  /** Keeps only the items for which it returns true (e.g. one sector, fully online only). */
  filter?: (item: T) => boolean;
}

/** An in-memory, as-you-type search index over procedure summaries. */
export interface SearchIndex<T extends SearchableProcedure = ProcedureSummary> {
  search(query: string, options?: SearchOptions<T>): SearchHit<T>[];
  /** Number of items indexed. */
  readonly size: number;
}

const FIELD_NAME = 0;
const FIELD_CODE = 1;
const FIELD_SECTOR = 2;
/** Name matches outrank code matches, which outrank sector matches, even with the diacritic bonus. */
const FIELD_WEIGHT = [10, 6, 4];
/** Bonus when the word matches with its diacritics exactly as typed. */
const EXACT_BONUS = 3;
/** Bonus when the word directly follows the previous query word in the name ("khai sinh" as a phrase). */
const PHRASE_BONUS = 3;
const MAX_WORDS = 16;
/** Words of raw text, for text whose folded form is not aligned with it (rare: text not in NFC). */
const RAW_WORD = /[\p{L}\p{N}\p{M}]+(?:\.\p{N}+)*/gu;
const COMBINING = /[\u0300-\u036f]/;
const HAS_DIGIT = /\d/;

/** Whether a folded UTF-16 code is part of a word: a–z, 0–9, letters beyond Latin-1 punctuation. */
function isWordCode(f: number): boolean {
  return (f >= 97 && f <= 122) || (f >= 48 && f <= 57) || (f >= 0xc0 && f !== 0xd7 && f !== 0xf7 && (f < 0x2000 || f >= 0x2070));
}

const isDigitCode = (f: number): boolean => f >= 48 && f <= 57;

let codes = new Uint16Array(1024);

/** Calls `word(start, end)` for each word of the first `length` folded codes in `codes`; dotted numbers stay one word. */
function scan(length: number, word: (start: number, end: number) => void): void {
  let start = -1;
  for (let i = 0; i <= length; i++) {
    const f = i < length ? (codes[i] as number) : 32;
    if (isWordCode(f)) {
      if (start < 0) start = i;
    } else if (f === 46 && start >= 0 && isDigitCode(codes[i - 1] as number) && i + 1 < length && isDigitCode(codes[i + 1] as number)) {
      continue;
    } else if (start >= 0) {
      word(start, i);
      start = -1;
    }
  }
}

interface Variant {
  /** The word as written (NFC, lower case, with diacritics). */
  raw: string;
  /** `(doc << 2) | field`, ascending. */
  postings: Int32Array;
  /** For each posting, the word's positions in the name as a bit mask (position mod 32); 0 for other fields. */
  masks: Int32Array;
}

interface Term {
  /** The folded word. */
  key: string;
  variants: Variant[];
}

interface QueryWord {
  raw: string;
  key: string;
  prefix: boolean;
}

/** Spelling variants y/i after a consonant (lý/lí, kỹ/kĩ, mỹ/mĩ): both fold to `i`. */
function normaliseKey(key: string): string {
  return key.length > 1 && key.charCodeAt(key.length - 1) === 121 && /^[bcdghklmnpqrstvx]+y$/.test(key) ? `${key.slice(0, -1)}i` : key;
}

/** NFC, lower case, legacy Ð → đ: the "raw" form compared for exact diacritic matches. */
function rawForm(text: string): string {
  const s = (COMBINING.test(text) ? text.normalize('NFC') : text).toLowerCase();
  return s.includes('ð') ? s.replace(/ð/g, 'đ') : s;
}

/**
 * Splits raw text (see {@link rawForm}) into words with their folded keys; returns the folded text when it is aligned
 * with `raw` character for character (then word offsets in one are offsets in the other).
 */
function words(raw: string, out: Array<[raw: string, key: string]>): string | undefined {
  const length = raw.length;
  if (codes.length < length) codes = new Uint16Array(length * 2);
  let aligned = true;
  for (let i = 0; i < length; i++) {
    const f = foldCode(raw.charCodeAt(i));
    if (f === 0) {
      aligned = false;
      break;
    }
    codes[i] = f;
  }
  if (aligned) {
    const folded = fromCodes(codes, length);
    scan(length, (start, end) => void out.push([raw.slice(start, end), normaliseKey(folded.slice(start, end))]));
    return folded;
  }
  RAW_WORD.lastIndex = 0;
  for (let m = RAW_WORD.exec(raw); m; m = RAW_WORD.exec(raw)) out.push([m[0], normaliseKey(foldPlain(m[0]))]);
  return undefined;
}

function lowerBound(terms: readonly Term[], key: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((terms[mid] as Term).key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Builds an in-memory search index over procedure summaries (e.g. an agency's catalog) for instant, as-you-type search:
 * - accent-insensitive (`dang ky khai sinh` finds `Đăng ký khai sinh`), tolerant of stray Telex/VNI keys
 *   (`khai sinhf`, `ddang ky`) and of the y/i spelling variants (`lý`/`lí`);
 * - every word must match; the last word matches as a prefix while the user is typing (`khai s`);
 * - matches with the diacritics as typed rank above accent-folded ones, name matches above code and sector matches,
 *   and shorter names first among equals;
 * - `highlights` gives the matched ranges in each hit's original `name`.
 *
 * Built for speed: 5,670 procedures index in well under 150 ms and a keystroke query takes a fraction of a millisecond.
 * An empty query returns no hits.
 * @param items The procedures to index (kept by reference and returned in hits).
 * @example
 * ```ts
 * import { createSearchIndex } from '@motcua/sdk/text';
 * const index = createSearchIndex(catalog.items);
 * const hits = index.search('khai s', { limit: 10 });
 * hits[0]?.item.name; // 'Đăng ký khai sinh'
 * hits[0]?.highlights; // [[8, 12], [13, 14]]
 * ```
 */
export function createSearchIndex<T extends SearchableProcedure = ProcedureSummary>(items: readonly T[]): SearchIndex<T> {
  const n = items.length;
  // Postings under construction, by variant (a raw word; it determines its key): posting and mask interleaved.
  const variantIds = new Map<string, number>();
  const variantRaw: string[] = [];
  const variantKey: string[] = [];
  const variantData: number[][] = [];
  const nameLength = new Float32Array(n);
  /** Folded names aligned with `item.name` (for fast highlighting; '' when not aligned), computed on first use. */
  const foldedNames: Array<string | undefined> = new Array<string | undefined>(n);
  const buffer: Array<[string, string]> = [];
  const sectorWords = new Map<string, Array<[string, string]>>();

  const add = (raw: string, key: string, posting: number, mask: number): void => {
    const id = variantIds.get(raw);
    if (id === undefined) {
      variantIds.set(raw, variantRaw.length);
      variantRaw.push(raw);
      variantKey.push(key);
      variantData.push([posting, mask]);
      return;
    }
    const data = variantData[id] as number[];
    const last = data.length - 2;
    if (data[last] !== posting) data.push(posting, mask);
    else data[last + 1] = (data[last + 1] as number) | mask;
  };

  for (let doc = 0; doc < n; doc++) {
    const item = items[doc] as T;
    const raw = rawForm(item.name);
    const length = raw.length;
    const namePosting = (doc << 2) | FIELD_NAME;
    if (codes.length < length) codes = new Uint16Array(length * 2);
    let aligned = true;
    for (let i = 0; i < length; i++) {
      const f = foldCode(raw.charCodeAt(i));
      if (f === 0) {
        aligned = false;
        break;
      }
      codes[i] = f;
    }
    if (aligned) {
      // The hot loop: scan the folded codes once; one slice and one map lookup per word (its key is folded only once).
      let start = -1;
      let position = 0;
      for (let i = 0; i <= length; i++) {
        const f = i < length ? (codes[i] as number) : 32;
        if (isWordCode(f)) {
          if (start < 0) start = i;
        } else if (f === 46 && start >= 0 && isDigitCode(codes[i - 1] as number) && i + 1 < length && isDigitCode(codes[i + 1] as number)) {
          continue;
        } else if (start >= 0) {
          const word = raw.slice(start, i);
          const id = variantIds.get(word);
          const mask = 1 << (position++ & 31);
          if (id === undefined) add(word, normaliseKey(fromCodes(codes.subarray(start, i), i - start)), namePosting, mask);
          else {
            const data = variantData[id] as number[];
            const last = data.length - 2;
            if (data[last] !== namePosting) data.push(namePosting, mask);
            else data[last + 1] = (data[last + 1] as number) | mask;
          }
          start = -1;
        }
      }
      nameLength[doc] = position;
    } else {
      buffer.length = 0;
      words(raw, buffer);
      nameLength[doc] = buffer.length;
      for (let position = 0; position < buffer.length; position++) {
        const [word, key] = buffer[position] as [string, string];
        add(word, key, namePosting, 1 << (position & 31));
      }
    }
    const code = rawForm(item.code);
    const codePosting = (doc << 2) | FIELD_CODE;
    add(code, code, codePosting, 0);
    const dot = code.indexOf('.');
    if (dot > 0) add(code.slice(dot + 1), code.slice(dot + 1), codePosting, 0);
    const sectorText = item.sector.code ? `${item.sector.name} ${item.sector.code}` : item.sector.name;
    let sector = sectorWords.get(sectorText);
    if (!sector) {
      sector = [];
      words(rawForm(sectorText), sector);
      sectorWords.set(sectorText, sector);
    }
    const sectorPosting = (doc << 2) | FIELD_SECTOR;
    for (const [word, key] of sector) add(word, key, sectorPosting, 0);
  }

  const byKey = new Map<string, Term>();
  for (let id = 0; id < variantRaw.length; id++) {
    const key = variantKey[id] as string;
    const data = variantData[id] as number[];
    const count = data.length >> 1;
    const postings = new Int32Array(count);
    const masks = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      postings[i] = data[2 * i] as number;
      masks[i] = data[2 * i + 1] as number;
    }
    let term = byKey.get(key);
    if (!term) byKey.set(key, (term = { key, variants: [] }));
    term.variants.push({ raw: variantRaw[id] as string, postings, masks });
  }
  variantIds.clear();
  const terms = [...byKey.values()].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));

  // Per-query scratch space, reused: generation stamps avoid clearing arrays between queries.
  const level = new Int32Array(n);
  const wordStamp = new Int32Array(n);
  const wordScore = new Float32Array(n);
  const total = new Float32Array(n);
  const maskA = new Int32Array(n);
  const maskB = new Int32Array(n);
  let generation = 0;
  let stampCounter = 0;
  let touched = new Int32Array(n);
  let nextTouched = new Int32Array(n);

  /** Terms a query word matches: its exact key, or every key it is a prefix of. */
  function range(key: string, prefix: boolean): [number, number] {
    const lo = lowerBound(terms, key);
    if (!prefix) return lo < terms.length && (terms[lo] as Term).key === key ? [lo, lo + 1] : [lo, lo];
    return [lo, lowerBound(terms, `${key}\uffff`)];
  }

  /** Resolves a word: as typed, then Telex-repaired; a whole word may fall back to a prefix. */
  function resolve(word: QueryWord): [number, number] | undefined {
    const tries: Array<[string, boolean]> = [[word.key, word.prefix]];
    const repaired = normaliseKey(repairTelex(word.key));
    if (repaired !== word.key && repaired !== '') tries.push([repaired, word.prefix]);
    if (!word.prefix) tries.push([word.key, true], [repaired, true]);
    for (const [key, prefix] of tries) {
      if (!key) continue;
      const r = range(key, prefix);
      if (r[1] > r[0]) {
        word.key = key;
        word.prefix = prefix;
        return r;
      }
    }
    return undefined;
  }

  function parse(query: string): QueryWord[] {
    const pairs: Array<[string, string]> = [];
    words(rawForm(query), pairs);
    const typingLast = !/[\s,.;:!?)]$/.test(query);
    return pairs.slice(0, MAX_WORDS).map(([raw, key], i, all) => ({ raw, key, prefix: typingLast && i === all.length - 1 }));
  }

  function search(query: string, options: SearchOptions<T> = {}): SearchHit<T>[] {
    const limit = Math.max(0, Math.floor(options.limit ?? 20));
    const filter = options.filter;
    const parsed = parse(String(query ?? ''));
    if (parsed.length === 0 || limit === 0 || n === 0) return [];
    const ranges: Array<[number, number]> = [];
    for (const word of parsed) {
      const r = resolve(word);
      if (!r) return [];
      ranges.push(r);
    }
    generation++;
    if (generation * 32 + 32 > 0x7fffffff) {
      generation = 1;
      level.fill(0);
    }
    const base = generation * 32;
    let count = 0;
    for (let w = 0; w < parsed.length; w++) {
      const word = parsed[w] as QueryWord;
      const [lo, hi] = ranges[w] as [number, number];
      const stamp = ++stampCounter;
      const need = base + w;
      const qlen = word.key.length;
      const previous = w % 2 === 1 ? maskA : maskB;
      const current = w % 2 === 1 ? maskB : maskA;
      let found = 0;
      for (let t = lo; t < hi; t++) {
        const term = terms[t] as Term;
        const quality = term.key === word.key ? 1 : 0.5 + (0.5 * qlen) / term.key.length;
        for (const variant of term.variants) {
          const exact = word.prefix ? variant.raw.startsWith(word.raw) : variant.raw === word.raw;
          const bonus = exact ? EXACT_BONUS : 0;
          const postings = variant.postings;
          const masks = variant.masks;
          for (let i = 0; i < postings.length; i++) {
            const p = postings[i] as number;
            const doc = p >> 2;
            if (w > 0 && level[doc] !== need) continue;
            const mask = masks[i] as number;
            let s = (FIELD_WEIGHT[p & 3] as number) * quality + bonus;
            if (w > 0 && mask !== 0) {
              const before = previous[doc] as number;
              if ((((before << 1) | (before >>> 31)) & mask) !== 0) s += PHRASE_BONUS;
            }
            if (wordStamp[doc] !== stamp) {
              wordStamp[doc] = stamp;
              wordScore[doc] = s;
              current[doc] = mask;
              nextTouched[found++] = doc;
            } else {
              if (s > (wordScore[doc] as number)) wordScore[doc] = s;
              current[doc] = (current[doc] as number) | mask;
            }
          }
        }
      }
      if (found === 0) return [];
      for (let i = 0; i < found; i++) {
        const doc = nextTouched[i] as number;
        level[doc] = need + 1;
        total[doc] = (w === 0 ? 0 : (total[doc] as number)) + (wordScore[doc] as number);
      }
      [touched, nextTouched] = [nextTouched, touched];
      count = found;
    }

    // Top `limit` by score (shorter names first among equals, then catalog order), by insertion into a small sorted list.
    const topDoc: number[] = [];
    const topScore: number[] = [];
    for (let i = 0; i < count; i++) {
      const doc = touched[i] as number;
      const score = (total[doc] as number) - Math.min(nameLength[doc] as number, 100) * 0.02;
      if (topDoc.length === limit) {
        const worst = topScore[limit - 1] as number;
        if (score < worst || (score === worst && doc > (topDoc[limit - 1] as number))) continue;
      }
      if (filter && !filter(items[doc] as T)) continue;
      let at = topDoc.length;
      while (at > 0 && (score > (topScore[at - 1] as number) || (score === topScore[at - 1] && doc < (topDoc[at - 1] as number)))) at--;
      topDoc.splice(at, 0, doc);
      topScore.splice(at, 0, score);
      if (topDoc.length > limit) {
        topDoc.pop();
        topScore.pop();
      }
    }
    return topDoc.map((doc, i) => {
      const item = items[doc] as T;
      return {
        item,
        score: Math.round((topScore[i] as number) * 1000) / 1000,
        highlights: highlight(item.name, (foldedNames[doc] ??= alignedFold(item.name)), parsed),
      };
    });
  }

  return {
    search,
    get size() {
      return n;
    },
  };
}

/** The folded form of `name` if it is aligned with it character for character, else ''. */
function alignedFold(name: string): string {
  const folded = foldPlain(name);
  return folded.length === name.length && !COMBINING.test(name) ? folded : '';
}

/** Ranges of `name` matched by the query words (whole words, or the typed prefix of a word). */
function highlight(name: string, folded: string, query: readonly QueryWord[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const mark = (start: number, key: string, length: (prefix: number) => number, whole: number): void => {
    let best = 0;
    for (const q of query) {
      if (key === q.key) best = whole;
      else if ((q.prefix || HAS_DIGIT.test(q.key)) && key.startsWith(q.key)) best = Math.max(best, length(q.key.length));
    }
    if (best > 0) ranges.push([start, start + best]);
  };
  if (folded !== '') {
    if (codes.length < folded.length) codes = new Uint16Array(folded.length * 2);
    for (let i = 0; i < folded.length; i++) codes[i] = folded.charCodeAt(i);
    scan(folded.length, (start, end) => mark(start, normaliseKey(folded.slice(start, end)), (p) => p, end - start));
    return ranges;
  }
  const lower = name.toLowerCase();
  RAW_WORD.lastIndex = 0;
  for (let m = RAW_WORD.exec(lower); m; m = RAW_WORD.exec(lower)) {
    const word = m[0];
    mark(m.index, normaliseKey(foldPlain(word)), (p) => prefixLength(word, p), word.length);
  }
  return ranges;
}

/** How many UTF-16 units of `word` fold to its first `folded` characters (combining marks fold to nothing). */
function prefixLength(word: string, folded: number): number {
  let seen = 0;
  let i = 0;
  while (i < word.length && seen < folded) {
    seen += foldPlain(word[i] as string).length > 0 && !/\p{M}/u.test(word[i] as string) ? 1 : 0;
    i++;
  }
  while (i < word.length && /\p{M}/u.test(word[i] as string)) i++;
  return i;
}
