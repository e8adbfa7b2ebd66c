import type { ProcedureSummary } from '../schemas/procedure.js';
import { foldPlain, repairTelex } from './fold.js';

/**
 * The fields the index reads: any object with a procedure's `code`, `name` and `sector`.
 * @example
 * ```ts
 * const rows: SearchableProcedure[] = [{ code: '1.001193', name: 'Đăng ký khai sinh', sector: { name: 'Hộ tịch' } }];
 * createSearchIndex(rows);
 * ```
 */
export type SearchableProcedure = Pick<ProcedureSummary, 'code' | 'name'> & { sector: { code?: string; name: string } };

/**
 * One result of {@link SearchIndex.search}.
 * @example
 * ```ts
 * for (const hit of index.search('khai sinh')) {
 *   const [start, end] = hit.highlights[0] ?? [0, 0];
 *   console.log(hit.item.name.slice(start, end), hit.score);
 * }
 * ```
 */
export interface SearchHit<T extends SearchableProcedure = ProcedureSummary> {
  item: T;
  /** Higher is better; only meaningful for comparing hits of the same query. */
  score: number;
  /** Matched ranges in `item.name`, as `[start, end)` UTF-16 offsets, sorted and not overlapping. */
  highlights: Array<[start: number, end: number]>;
}

/**
 * Options of {@link SearchIndex.search}.
 * @example
 * ```ts
 * index.search('đăng ký', { limit: 10, filter: (p) => p.onlineService === 'full' });
 * ```
 */
export interface SearchOptions<T extends SearchableProcedure = ProcedureSummary> {
  /** Most hits to return (default 20). */
  limit?: number;
  /** Keeps only the items for which it returns true (e.g. one sector, fully online only). */
  filter?: (item: T) => boolean;
}

/**
 * An in-memory, as-you-type search index over procedure summaries.
 * @example
 * ```ts
 * const index: SearchIndex = createSearchIndex(catalog.items);
 * index.size; // catalog.items.length
 * ```
 */
export interface SearchIndex<T extends SearchableProcedure = ProcedureSummary> {
  /** The best hits for `query` (as typed so far), best first; `[]` for an empty query or when a word matches nothing. */
  search(query: string, options?: SearchOptions<T>): SearchHit<T>[];
  /** Number of items indexed. */
  readonly size: number;
}

/**
 * Scores in hundredths (integers, so equal scores are equal). A word's match in the name, the code, the sector: name
 * outranks code outranks sector, even with the bonuses; then the same for a prefix match, at 0.8 of a whole word (flat:
 * a short completion is not a better one).
 */
const WEIGHT = [1000, 600, 400, 800, 480, 320];
/** Bonus when a word matches with its diacritics exactly as typed, and when it directly follows the previous query word. */
const BONUS = 300;
/**
 * A word: digits, letters and every character from U+00C0 on (Vietnamese letters, marks) but × ÷ and general
 * punctuation; a dot between digits stays inside (`1.001193`). Not a Unicode-mode regex: those are several times slower.
 */
const WORD = /(?:[0-9A-Za-z\xc0-\xd6\xd8-\xf6\xf8-\u1fff\u2070-\uffff]|(?<=\d)\.(?=\d))+/g;

/** The search key of a word: folded, and `y` after consonants only read as `i` (lý/lí, kỹ/kĩ, mỹ/mĩ). */
const keyOf = (word: string): string => foldPlain(word).replace(/^([bcdghklmnpqrstvx]+)y$/, '$1i');

/** NFC, lower case, legacy Ð → đ: the form compared for exact diacritic matches. */
const rawForm = (text: string): string => text.normalize('NFC').toLowerCase().replace(/ð/g, 'đ');

const wordsOf = (text: string): string[] => text.match(WORD) ?? [];

interface QueryWord {
  raw: string;
  key: string;
  prefix: boolean;
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
 * A keystroke query over the 5,670-procedure national catalogue takes a fraction of a millisecond
 * (figures: `node tests/bench/search/index.mjs`, beside MiniSearch and FlexSearch).
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
  // Each distinct word as written (a variant) gets an id. An item is a run of entries, one per word:
  // variant << 7 | field << 5 (name 0, code 1, sector 2) | position in the name (its bit, for the phrase bonus).
  // (A dictionary object rather than a Map: its lookups are faster for the words of a catalog.)
  const ids: Record<string, number> = Object.create(null);
  const variants: string[] = [];
  const entries: number[] = [];
  const starts = [0];
  const nameLength: number[] = [];
  const sectors = new Map<string, number[]>();
  const idOf = (word: string): number => {
    let id = ids[word];
    if (id === undefined) ids[word] = id = variants.push(word) - 1;
    return id << 7;
  };
  for (const item of items) {
    const name = wordsOf(rawForm(item.name));
    name.forEach((word, i) => entries.push(idOf(word) | (i & 31)));
    nameLength.push(Math.min(name.length, 100));
    entries.push(idOf(item.code.toLowerCase()) | 32);
    // The same few sectors recur: their words are looked up once per sector.
    const sector = `${item.sector.name} ${item.sector.code ?? ''}`;
    let words = sectors.get(sector);
    if (!words) sectors.set(sector, (words = wordsOf(rawForm(sector)).map((word) => idOf(word) | 64)));
    entries.push(...words);
    starts.push(entries.length);
  }

  // Variant ids in key order, so the variants a query word matches (its key, or all keys it is a prefix of) are a range.
  const sorted = variants.map((raw, id): [string, string, number] => [keyOf(raw), raw, id]).sort(([a], [b]) => (a < b ? -1 : +(a > b)));
  const keys = sorted.map(([key]) => key);
  const raws = sorted.map(([, raw]) => raw);
  /** 1 when a variant is written without diacritics (its key), e.g. every procedure code. */
  const plain = Uint8Array.from(sorted, ([key, raw]) => +(key === raw));
  const rank = new Int32Array(sorted.length);
  sorted.forEach(([, , id], v) => (rank[id] = v));
  const forward = new Int32Array(entries.length);
  entries.forEach((entry, e) => (forward[e] = ((rank[entry >> 7] as number) << 7) | (entry & 127)));
  /** For each variant, its entries with the item in place of the variant, in item order. */
  const postings = keys.map((): number[] => []);
  for (let doc = 0; doc < n; doc++)
    // Each item's entries in variant order: those a query word matches are a run.
    for (const entry of forward.subarray(starts[doc], starts[doc + 1]).sort())
      (postings[entry >> 7] as number[]).push((doc << 7) | (entry & 127));
  /** Bit w set when the variant matches query word w with its diacritics as typed (valid inside word w's range). */
  const exact = new Int32Array(keys.length);
  // The current query: each word's range of variants [lo, hi), and the end of those whose key is the whole word
  // (they come first in the range; the others complete a prefix).
  let los: number[] = [];
  let his: number[] = [];
  let wholes: number[] = [];

  const lowerBound = (key: string): number => {
    let lo = 0;
    for (let hi = keys.length; lo < hi;) {
      const mid = (lo + hi) >> 1;
      if ((keys[mid] as string) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  /** The bit of a name entry's position (0 for code and sector entries). */
  const bit = (entry: number): number => (entry & 96 ? 0 : 1 << entry);

  /** For highlights, filled on first use: the key of each word as written, and the keys of each name's words. */
  const keyCache: Record<string, string> = Object.create(null);
  const nameKeys: string[][] = [];
  /** Per item, for the first query word: its best score (0: no match) and the positions it matched. */
  const first = new Int32Array(n);
  const masks = new Int32Array(n);

  /** Scores the first query word from its postings into `first` and `masks`. */
  function scoreFirst(): void {
    for (let v = los[0] as number; v < (his[0] as number); v++) {
      const prefix = v < (wholes[0] as number) ? 0 : 3;
      const bonus = (exact[v] as number) & 1 ? BONUS : 0;
      for (const posting of postings[v] as number[]) {
        const doc = posting >> 7;
        first[doc] = Math.max(first[doc] as number, (WEIGHT[((posting >> 5) & 3) + prefix] as number) + bonus);
        masks[doc] = (masks[doc] as number) | bit(posting);
      }
    }
  }

  /**
   * Adds to `total` the best score of item `doc` for each query word from the second on, through the item's own entries;
   * -1 when a word matches none. `previous`: the positions the first word matched.
   */
  function scoreRest(doc: number, total: number, previous: number): number {
    const end = starts[doc + 1] as number;
    for (let w = 1; w < los.length; w++) {
      const lo = (los[w] as number) << 7;
      const hi = (his[w] as number) << 7;
      const whole = (wholes[w] as number) << 7;
      // The positions right after those of the previous word (phrase bonus).
      const follows = (previous << 1) | (previous >>> 31);
      let best = -1;
      previous = 0;
      let e = starts[doc] as number;
      while (e < end && (forward[e] as number) < lo) e++;
      for (; e < end && (forward[e] as number) < hi; e++) {
        const entry = forward[e] as number;
        best = Math.max(
          best,
          (WEIGHT[((entry >> 5) & 3) + (entry < whole ? 0 : 3)] as number) +
            ((exact[entry >> 7] as number) & (1 << w) ? BONUS : 0) +
            (follows & bit(entry) ? BONUS : 0),
        );
        previous |= bit(entry);
      }
      if (best < 0) return -1;
      total += best;
    }
    return total;
  }

  /**
   * Fills `docs` and `scores` with the best `limit` items (by score, shorter names first among equals, then catalog
   * order); `filter` is asked only about items that would enter. (Hot loops live in small functions that return
   * nothing new after the loop, so code optimised in the middle of a loop has what it needs.)
   */
  function top(limit: number, filter: ((item: T) => boolean) | undefined, docs: number[], scores: number[]): void {
    first.fill(0);
    masks.fill(0);
    scoreFirst();
    for (let doc = 0; doc < n; doc++) {
      const total = first[doc] ? scoreRest(doc, first[doc] as number, masks[doc] as number) : -1;
      if (total < 0) continue;
      const score = total - (nameLength[doc] as number) * 2;
      let at = docs.length;
      if (at === limit && score <= (scores[at - 1] as number)) continue;
      if (filter && !filter(items[doc] as T)) continue;
      while (at > 0 && score > (scores[at - 1] as number)) at--;
      docs.splice(at, 0, doc);
      scores.splice(at, 0, score);
      if (docs.length > limit) {
        docs.pop();
        scores.pop();
      }
    }
  }

  function search(query: string, options: SearchOptions<T> = {}): SearchHit<T>[] {
    const limit = Math.max(0, Math.floor(options.limit ?? 20));
    const text = String(query ?? '');
    const typing = !/[\s,.;:!?)]$/.test(text);
    const parsed = wordsOf(rawForm(text))
      .slice(0, 16)
      .map((raw, i, all): QueryWord => ({ raw, key: keyOf(raw), prefix: typing && i === all.length - 1 }));
    if (!parsed.length || !limit || !n) return [];
    los = [];
    his = [];
    wholes = [];
    for (const [w, word] of parsed.entries()) {
      // As typed, then Telex-repaired; a whole word may fall back to a prefix.
      const repaired = keyOf(repairTelex(word.key));
      let lo = 0;
      let hi = 0;
      const found = (
        [
          [word.key, word.prefix],
          [repaired, word.prefix],
          [word.key, true],
          [repaired, true],
        ] as const
      ).find(([key, prefix]) => key && (lo = lowerBound(key)) < (hi = lowerBound(key + (prefix ? '\uffff' : '\0'))));
      if (!found) return [];
      [word.key, word.prefix] = found;
      los.push(lo);
      his.push(hi);
      wholes.push(lowerBound(`${word.key}\0`));
      // A word typed without diacritics matches the plain variants of its range as typed, without string work.
      const typedPlain = word.raw === word.key;
      for (let v = lo; v < hi; v++) {
        const variant = raws[v] as string;
        const bit = (typedPlain && plain[v]) || (word.prefix ? variant.startsWith(word.raw) : variant === word.raw) ? 1 << w : 0;
        exact[v] = ((exact[v] as number) & ~(1 << w)) | bit;
      }
    }
    const docs: number[] = [];
    const scores: number[] = [];
    top(limit, options.filter, docs, scores);
    return docs.map((doc, i) => {
      const item = items[doc] as T;
      let highlights: Array<[number, number]> | undefined;
      return {
        item,
        score: (scores[i] as number) / 100,
        // Computed on first read: a list usually shows only some of its hits.
        get highlights() {
          return (highlights ??= highlight(
            item.name,
            parsed,
            (nameKeys[doc] ??= wordsOf(item.name).map((word) => (keyCache[word] ??= keyOf(word)))),
          ));
        },
      };
    });
  }

  return { search, size: n };
}

const MARK = /\p{M}/u;

/** Ranges of a name matched by the query words (whole words, or the typed prefix of a word or of a number). */
function highlight(name: string, query: readonly QueryWord[], keys: readonly string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let index = 0;
  for (const [i, word] of wordsOf(name).entries()) {
    index = name.indexOf(word, index);
    const key = keys[i] as string;
    let best = 0;
    for (const q of query) {
      if (key === q.key) best = word.length;
      else if (key.startsWith(q.key) && (q.prefix || /\d/.test(q.key))) {
        // How many UTF-16 units of the word fold to the typed prefix (combining marks fold to nothing).
        let end = 0;
        for (let seen = 0; seen < q.key.length && end < word.length; end++) if (!MARK.test(word[end] as string)) seen++;
        while (MARK.test(word[end] ?? '')) end++;
        best = Math.max(best, end);
      }
    }
    if (best) ranges.push([index, index + best]);
    index += word.length;
  }
  return ranges;
}
