import type { ProcedureSummary } from '../schemas/procedure.js';
import { foldPlain, repairTelex } from './fold.js';

/**
 * The fields the index reads: any object with a procedure's `code`, `name` and `sector`, and optionally how many
 * dossiers the agency received for it (`dossierCount`, used to put common procedures first).
 * @example
 * ```ts
 * const rows: SearchableProcedure[] = [{ code: '1.001193', name: 'Đăng ký khai sinh', sector: { name: 'Hộ tịch' } }];
 * createSearchIndex(rows);
 * ```
 */
export type SearchableProcedure = Pick<ProcedureSummary, 'code' | 'name'> & {
  sector: { code?: string; name: string };
  dossierCount?: number | undefined;
};

/**
 * One result of {@link SearchIndex.search}.
 * @example
 * ```ts
 * for (const hit of index.search('khai sinh')) {
 *   const [start, end] = hit.highlights[0] ?? [0, 0];
 *   console.log(hit.item.name.slice(start, end), hit.score, hit.partial);
 * }
 * ```
 */
export interface SearchHit<T extends SearchableProcedure = ProcedureSummary> {
  item: T;
  /** Higher is better; only meaningful for comparing hits of the same query. */
  score: number;
  /** Matched ranges in `item.name`, as `[start, end)` UTF-16 offsets, sorted and not overlapping. */
  highlights: Array<[start: number, end: number]>;
  /**
   * True when the item does not match every word of the query (a nearest result, shown so that a query with one
   * unknown or misspelt word is not left empty: "Did you mean…"). Full matches always rank first.
   */
  partial: boolean;
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
 * Options of {@link createSearchIndex}: what a province adds to the built-in vocabulary, and the popularity weight.
 * @example
 * ```ts
 * createSearchIndex(items, {
 *   synonyms: { 'giấy đi đường': ['giấy thông hành'] }, // a local word for a procedure
 *   stopWords: ['bà con'],
 *   popularity: (p) => counts[p.code] ?? 0,
 * });
 * ```
 */
export interface SearchIndexOptions<T extends SearchableProcedure = ProcedureSummary> {
  /**
   * The base synonym table: `VI_ADMIN_SYNONYMS` (`@motcua/sdk/text/synonyms`) by default from `@motcua/sdk/text`; none
   * from `@motcua/sdk/text/search`, for a page that loads the table later (the lookup widget does).
   */
  vocabulary?: Readonly<Record<string, readonly string[]>>;
  /** More (or replacing) entries of the synonym table, in the form of `VI_ADMIN_SYNONYMS`: a province's own words. */
  synonyms?: Readonly<Record<string, readonly string[]>>;
  /**
   * Other spellings a folded word may be meant as: `viSpellingVariants` (regional spellings, and one-letter typos
   * found in `vocabulary` when given: the index's words one letter shorter to one letter longer than `key`, sorted),
   * by default from `@motcua/sdk/text`. `typing`: the word is being typed (its end is not known yet).
   */
  variants?: (key: string, typing: boolean, vocabulary: readonly string[]) => readonly string[];
  /** Stop words and phrases, dropped from queries: `VI_STOP_WORDS` by default from `@motcua/sdk/text`, none here. */
  stopWords?: readonly string[];
  /**
   * How often each item is used (e.g. dossiers received in a year): common procedures rank first among comparable
   * matches. Default: the item's `dossierCount`, or 0.
   */
  popularity?: (item: T) => number;
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
  /** The best hits for `query` (as typed so far), best first; `[]` for an empty query or when no word matches anything. */
  search(query: string, options?: SearchOptions<T>): SearchHit<T>[];
  /** Number of items indexed. */
  readonly size: number;
}

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
const keysOf = (text: string): string[] => wordsOf(rawForm(text)).map(keyOf);

// Scoring (see docs/architecture.md, "Search"). A word's score is its rarity (idf) times the weight of where and how it
// matched; a query's score sums its words, plus bonuses for words found next to each other as typed, for matching every
// word, and for popular procedures; minus a little per word of the name (shorter names first among equals).
const FIELD = [1, 0.9, 0.35, 0]; // name, code, sector
const PREFIX = 0.8; // the word being typed completes a longer word
const NEAR = 0.7; // a one-letter typo or a regional spelling (ch/tr, s/x, d/gi/r, l/n, -n/-ng, -c/-t)
const EXACT = 1.2; // the word matches with its diacritics as typed
const NEXT = 1.5; // two query words found next to each other in the name
const ALL = 4; // every query word matched
const POPULAR = 2.5; // the most used procedure (log scale down to 0 for unused)
const LENGTH = 0.04; // per word of the name
/** Hits scoring under this share of the best one are left out (noise of partial matches). */
const CUTOFF = 0.3;
/** Items missing a query word are left out when they score under this share of the best item matching every word. */
const NEAR_FULL = 0.8;
/** Most words of a query looked up with one edit (each scans the vocabulary). */
const FUZZY = 4;
/** Most query terms (words after synonym expansion) scored. */
const MAX_TERMS = 24;

interface Term {
  key: string;
  /** The word as typed (NFC, lower case), for the exact-diacritics bonus; undefined for synonym words. */
  raw: string | undefined;
  prefix: boolean;
}

interface Concept {
  /** Alternatives, each a phrase of terms (indexes into the query's terms). */
  alts: number[][];
  /** Query words it stands for (its weight). */
  words: number;
}

/**
 * Builds an in-memory search index over procedure summaries (e.g. an agency's catalog) for instant, as-you-type search
 * in the words citizens use:
 * - accent-insensitive (`dang ky khai sinh`), tolerant of stray Telex/VNI keys (`khai sinhf`, `ddang ky`), of y/i
 *   variants (`lý`/`lí`), of one-letter typos in words of four letters or more (`khai sing`) and of regional spellings
 *   (`thuong chu` → thường trú, `lai se` → lái xe);
 * - abbreviations, everyday words and English through a reviewed synonym table (`VI_ADMIN_SYNONYMS`: `GKS`,
 *   `sổ đỏ`, `nhập hộ khẩu`, `birth certificate`), and stop words dropped (`làm`, `thủ tục`, `thế nào`, `ở đâu`…);
 * - the last word matches as a prefix while the user is typing (`khai s`);
 * - ranked: rare words count more than common ones, name matches above code and sector matches, words found in the order
 *   typed, exact diacritics above folded ones, common procedures (by `popularity`) first among comparable matches;
 * - items matching every word first; then the nearest items (`partial: true`) rather than nothing;
 * - `highlights` gives the matched ranges in each hit's original `name`.
 *
 * A keystroke query over the 5,670-procedure national catalog takes a fraction of a millisecond (figures:
 * `node tests/bench/search/index.mjs`; relevance: `tests/search/`). An empty query returns no hits.
 * @param items The procedures to index (kept by reference and returned in hits).
 * @param options Synonyms and stop words a province adds, and the popularity weight.
 * @example
 * ```ts
 * import { createSearchIndex } from '@motcua/sdk/text';
 * const index = createSearchIndex(catalog.items);
 * const hits = index.search('xin sổ đỏ', { limit: 10 });
 * hits[0]?.item.name; // 'Đăng ký đất đai, … cấp Giấy chứng nhận quyền sử dụng đất …'
 * ```
 */
export function createSearchIndex<T extends SearchableProcedure = ProcedureSummary>(
  items: readonly T[],
  options: SearchIndexOptions<T> = {},
): SearchIndex<T> {
  const build = buildSearchIndex(items, options);
  for (;;) {
    const step = build.next();
    if (step.done) return step.value;
  }
}

/**
 * Options of {@link createSearchIndexInSlices}.
 * @example
 * ```ts
 * const options: SliceOptions = { signal: AbortSignal.timeout(5_000), sliceMs: 8 };
 * ```
 */
export interface SliceOptions {
  /** Stops the build (the promise rejects with the signal's reason), e.g. when the catalog it indexes was replaced. */
  signal?: AbortSignal | undefined;
  /** Longest stretch of work between two pauses, in milliseconds (default 8). */
  sliceMs?: number;
}

/** Lets the browser run (input, rendering) before the next slice of work: `scheduler.yield()` where there is one. */
function pause(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The same index as {@link createSearchIndex}, built a slice of the catalog at a time with pauses between slices, so a
 * page stays responsive while it is built: a 400-procedure catalog takes ~150 ms to index on a mid-range phone, one task
 * long enough to delay a tap or a paint by that much. The index is identical to the one built at once.
 * @param items The procedures to index (kept by reference and returned in hits).
 * @param options Synonyms and stop words a province adds, and the popularity weight.
 * @param slices When to stop, and how long one slice may run.
 * @example
 * ```ts
 * import { createSearchIndexInSlices } from '@motcua/sdk/text/search';
 * const index = await createSearchIndexInSlices(catalog.items, {}, { signal: controller.signal });
 * index.search('khai sinh');
 * ```
 */
export async function createSearchIndexInSlices<T extends SearchableProcedure = ProcedureSummary>(
  items: readonly T[],
  options: SearchIndexOptions<T> = {},
  slices: SliceOptions = {},
): Promise<SearchIndex<T>> {
  const { signal, sliceMs = 8 } = slices;
  const build = buildSearchIndex(items, options);
  let started = performance.now();
  for (;;) {
    signal?.throwIfAborted();
    const step = build.next();
    if (step.done) return step.value;
    if (performance.now() - started < sliceMs) continue;
    await pause();
    started = performance.now();
  }
}

/** The build of {@link createSearchIndex}: it yields between slices of the work, where a caller may pause. */
function* buildSearchIndex<T extends SearchableProcedure>(
  items: readonly T[],
  options: SearchIndexOptions<T>,
): Generator<void, SearchIndex<T>> {
  const n = items.length;
  // The vocabulary: each word's key, with its postings (item << 9 | field << 7 | position in the name) and the word as
  // written (its variant, for the exact-diacritics bonus). The postings are collected in catalog order in flat buffers,
  // then grouped by key with a counting sort (no list per key, no dictionary of strings: most of the build's time).
  const variantIds = new Map<string, number>();
  const variants: string[] = [];
  const variantKeys: string[] = [];
  const nameLength = new Float32Array(n);
  const entries: number[] = [];
  const entryVariant: number[] = [];
  const push = (doc: number, info: number, v: number): number => {
    entries.push((doc << 9) | info);
    return entryVariant.push(v) && v;
  };
  const add = (word: string, doc: number, info: number): number => {
    let v = variantIds.get(word);
    if (v === undefined) {
      variantIds.set(word, (v = variants.push(word) - 1));
      variantKeys.push(info >> 7 === 1 ? word : keyOf(word));
    }
    return push(doc, info, v);
  };
  const sectorVariants = new Map<string, number[]>();
  for (let doc = 0; doc < n; doc++) {
    // A place to pause every few items (the words of 400 names take most of the build's time).
    if (doc % 8 === 7) yield;
    const item = items[doc] as T;
    const name = wordsOf(rawForm(item.name));
    for (let i = 0; i < name.length; i++) add(name[i] as string, doc, Math.min(i, 127));
    nameLength[doc] = name.length;
    add(item.code.toLowerCase(), doc, 1 << 7);
    const sector = `${item.sector.name} ${item.sector.code ?? ''}`;
    const known = sectorVariants.get(sector);
    if (known) for (const v of known) push(doc, 2 << 7, v);
    else
      sectorVariants.set(
        sector,
        wordsOf(rawForm(sector)).map((word) => add(word, doc, 2 << 7)),
      );
  }
  yield;
  const keyIds = new Map<string, number>();
  for (const key of variantKeys) keyIds.set(key, 0);
  const keys = [...keyIds.keys()].sort();
  keys.forEach((key, k) => keyIds.set(key, k));
  const keyOfVariant = Int32Array.from(variantKeys, (key) => keyIds.get(key) as number);
  const plainVariant = Uint8Array.from(variants, (v, i) => +(v === variantKeys[i] || v === foldPlain(v)));
  const count = entries.length;
  const keyStart = new Int32Array(keys.length + 1);
  for (let j = 0; j < count; j++) (keyStart[(keyOfVariant[entryVariant[j] as number] as number) + 1] as number)++;
  for (let k = 0; k < keys.length; k++) keyStart[k + 1] = (keyStart[k + 1] as number) + (keyStart[k] as number);
  const next = keyStart.slice(0, keys.length);
  const post = new Int32Array(count);
  const postVariant = new Int32Array(count);
  /** Per posting: its field, and 4 when its variant is written without diacritics (exact for a plain query word). */
  const postClass = new Uint8Array(count);
  const dfs = new Int32Array(keys.length);
  const lastDoc = new Int32Array(keys.length).fill(-1);
  for (let j = 0; j < count; j++) {
    const v = entryVariant[j] as number;
    const k = keyOfVariant[v] as number;
    const p = (next[k] as number)++;
    const entry = entries[j] as number;
    post[p] = entry;
    postVariant[p] = v;
    postClass[p] = ((entry >> 7) & 3) | ((plainVariant[v] as number) << 2);
    if (entry >> 9 !== lastDoc[k]) {
      (dfs[k] as number)++;
      lastDoc[k] = entry >> 9;
    }
  }
  const idf = Float32Array.from(dfs, (df) => Math.log(1 + n / df));

  const popularityOf = options.popularity ?? ((item: T) => item.dossierCount ?? 0);
  const popularity = Float32Array.from(items, (item) => Math.log1p(Math.max(0, Number(popularityOf(item)) || 0)));
  const mostPopular = Math.max(0, ...popularity);
  if (mostPopular > 0) for (let doc = 0; doc < n; doc++) popularity[doc] = ((popularity[doc] as number) / mostPopular) * POPULAR;

  // The phrase table: folded key phrase → alternatives (each a list of keys); [] for a stop phrase.
  // A one-word entry typed with diacritics must match them ("cần" is a stop word, "căn" is not); typed without, it
  // matches folded, except a stop word that is also a word of the catalog ("can": căn or cần?).
  const phrases = new Map<string, { alts: string[][]; raw: string }>();
  const entry = (phrase: string, alts: string[][]): void => {
    phrases.set(keysOf(phrase).join(' '), { alts, raw: wordsOf(rawForm(phrase)).join(' ') });
  };
  yield;
  let phraseCount = 0;
  for (const table of [options.vocabulary ?? {}, options.synonyms ?? {}])
    for (const [phrase, alternatives] of Object.entries(table)) {
      if (++phraseCount % 64 === 0) yield;
      entry(phrase, alternatives.map(keysOf));
    }
  for (const stop of options.stopWords ?? []) entry(stop, []);
  const phraseOf = (words: ReadonlyArray<{ raw: string; key: string }>): string[][] | undefined => {
    const found = phrases.get(words.map((w) => w.key).join(' '));
    if (!found || words.length > 1) return found?.alts;
    const [word] = words as [{ raw: string; key: string }];
    if (word.raw === found.raw) return found.alts;
    return word.raw === word.key && (found.alts.length || !has(word.key)) ? found.alts : undefined;
  };

  const lowerBound = (key: string): number => {
    let lo = 0;
    for (let hi = keys.length; lo < hi;) {
      const mid = (lo + hi) >> 1;
      if ((keys[mid] as string) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const has = (key: string): boolean => keys[lowerBound(key)] === key;
  const hasPrefix = (key: string): boolean => (keys[lowerBound(key)] ?? '').startsWith(key);

  /** A typed word's key, repaired when it is not a known word (or, while typing, the start of one) but its repair is. */
  function repaired(key: string, prefix: boolean): string {
    const known = (k: string): boolean => has(k) || phrases.has(k) || (prefix && hasPrefix(k));
    if (!key || known(key)) return key;
    const fixed = keyOf(repairTelex(key));
    return known(fixed) ? fixed : key;
  }

  /** Parses a query into terms and concepts (the typed words, or the synonyms replacing a phrase of them). */
  function parse(text: string): { terms: Term[]; concepts: Concept[] } {
    const typing = !/[\s,.;:!?)]$/.test(text);
    const raws = wordsOf(rawForm(text)).slice(0, 16);
    const words = raws.map((raw, i) => ({ raw, key: repaired(keyOf(raw), typing && i === raws.length - 1) }));
    const terms: Term[] = [];
    const concepts: Concept[] = [];
    const termOf = (term: Term): number => terms.push(term) - 1;
    for (let i = 0; i < words.length;) {
      let length = Math.min(4, words.length - i);
      let alternatives: string[][] | undefined;
      for (; length > 0; length--) {
        alternatives = phraseOf(words.slice(i, i + length));
        if (alternatives) break;
      }
      length = Math.max(length, 1);
      const typed = words.slice(i, i + length).map((w, j) => ({ ...w, prefix: typing && i + j === words.length - 1 }));
      i += length;
      if (alternatives && !alternatives.length) continue;
      concepts.push({
        alts: [typed, ...(alternatives ?? []).map((keys) => keys.map((key) => ({ key, raw: undefined, prefix: false })))].map((alt) =>
          alt.map((term) => termOf(term)),
        ),
        words: length,
      });
    }
    // Only stop words: search them as words after all.
    if (!concepts.length)
      for (const [i, w] of words.entries())
        concepts.push({ alts: [[termOf({ ...w, prefix: typing && i === words.length - 1 })]], words: 1 });
    return { terms: terms.slice(0, MAX_TERMS), concepts };
  }

  // Per query term t and item d (at t * n + d): the best score and its name position, valid when its stamp is the query's.
  let best = new Float32Array(0);
  let position = new Int8Array(0);
  let termStamp = new Int32Array(0);
  const stamp = new Int32Array(n);
  /** Per touched item: popularity plus the sum of its terms' best scores (a cheap first ranking). */
  const rough = new Float32Array(n);
  let query = 0;
  const exactOf = new Int8Array(variants.length);

  let fuzzy = 0;
  /** The key ranges a term matches: [first key, end key, factor] (whole word, completions, near spellings). */
  function ranges(term: Term): Array<[number, number, number]> {
    const out: Array<[number, number, number]> = [];
    const { key } = term;
    const at = lowerBound(key);
    if (term.prefix || /^\d/.test(key)) {
      // The word being typed (or a number): itself and its completions, all alike.
      const end = lowerBound(`${key}\uffff`);
      if (end > at) out.push([at, end, PREFIX]);
    } else if (keys[at] === key) out.push([at, at + 1, 1]);
    if (term.raw === undefined || /\d/.test(key) || key.length < 2) return out;
    // One-letter typos are looked for in words of 4 letters or more that are not known words (nor, while typing, a
    // word's start), at most FUZZY such words per query (each scans the words of about its length).
    const near = new Set(
      options.variants?.(key, term.prefix, key.length >= 4 && !out.length && fuzzy-- > 0 ? wordsOfLength(key.length) : []),
    );
    for (const other of near) {
      const k = lowerBound(other);
      if (keys[k] === other) out.push([k, k + 1, NEAR]);
    }
    return out;
  }
  /** The sorted keys one letter shorter to one letter longer than `length`: the only ones one edit away. */
  const byLength: string[][] = [];
  const wordsOfLength = (length: number): string[] => (byLength[length] ??= keys.filter((key) => Math.abs(key.length - length) <= 1));

  /** The items a query touched (the first `touchedCount`), in a buffer reused by every query (no garbage per keystroke). */
  const touched = new Int32Array(n);
  let touchedCount = 0;
  /** The shortlist's histogram, and each touched item's bucket in it (by its place in `touched`). */
  const buckets = new Int32Array(65);
  const bucketOf = new Uint8Array(n);
  /** A key's score per posting class (field, | 4 when written without diacritics), for one term. */
  const classScore = new Float64Array(8);
  /** Scores every term's postings into `best` and `position`, and lists the items touched. */
  function accumulate(terms: readonly Term[], termRanges: ReadonlyArray<Array<[number, number, number]>>): void {
    touchedCount = 0;
    query = (query + 1) | 0 || 1;
    // A short prefix being typed after other words (`khai s`) only refines the items those words found: it is scored
    // last (the second pass), and only on them (its postings cover much of the catalog).
    for (let pass = 0; pass < 2; pass++)
      for (let t = 0; t < terms.length; t++) {
        const term = terms[t] as Term;
        const only = term.prefix && term.key.length <= 2 && terms.length > 1;
        if (+only !== pass) continue;
        const raw = term.raw;
        // Typed without diacritics: a posting is exact when its word is written without them too (its class says so).
        const typedPlain = raw === term.key;
        const checkExact = raw !== undefined && !typedPlain;
        if (checkExact) exactOf.fill(-1);
        const base = t * n;
        for (const [lo, hi, factor] of termRanges[t] ?? []) {
          // The completions of a typed prefix all weigh the same: the rarity of the prefix (else the rarest completion
          // of "s" would decide, not the word before it).
          let df = 0;
          if (factor === PREFIX) for (let k = lo; k < hi; k++) df += dfs[k] as number;
          const flat = Math.log(1 + n / Math.min(n, df || 1));
          let kept: Int32Array | undefined;
          for (let k = lo; k < hi; k++) {
            const weight = (factor === PREFIX ? flat : (idf[k] as number)) * factor;
            for (let c = 0; c < 8; c++) {
              const score = weight * (FIELD[c & 3] as number);
              classScore[c] = typedPlain && c & 4 ? score * EXACT : score;
            }
            let from = keyStart[k] as number;
            let to = keyStart[k + 1] as number;
            if (factor === PREFIX && k === lo && (kept = updating(lo, hi, term))) {
              // A broad prefix: only its postings that can raise an item's score, all keys at once.
              from = 0;
              to = kept.length;
              k = hi;
            }
            for (let j = from; j < to; j++) {
              const p = kept ? (kept[j] as number) : j;
              const entry = post[p] as number;
              const doc = entry >> 9;
              if (stamp[doc] !== query) {
                if (only) continue;
                stamp[doc] = query;
                touched[touchedCount++] = doc;
                rough[doc] = popularity[doc] as number;
              }
              let score = classScore[postClass[p] as number] as number;
              if (checkExact) {
                const v = postVariant[p] as number;
                let exact = exactOf[v] as number;
                if (exact < 0) exactOf[v] = exact = isExact(v, term);
                if (exact) score *= EXACT;
              }
              const i = base + doc;
              const old = termStamp[i] === query ? (best[i] as number) : 0;
              if (score > old) {
                termStamp[i] = query;
                rough[doc] = (rough[doc] as number) + score - old;
                best[i] = score;
                position[i] = (entry >> 7) & 3 ? -9 : entry & 127;
              }
            }
          }
        }
      }
  }

  const isExact = (v: number, term: Term): number =>
    +(term.prefix ? (variants[v] as string).startsWith(term.raw as string) : variants[v] === term.raw);
  /**
   * The postings of a broad prefix's range (keys `lo` to `hi`, scored by `classScore`, the term's first range) that raise
   * their item's score when met in order: the others change nothing (a lower or equal score), so a query skips them.
   * The same for every query typing that prefix the same way: remembered (bounded); `undefined` for a narrow range.
   */
  function updating(lo: number, hi: number, term: Term): Int32Array | undefined {
    const start = keyStart[lo] as number;
    const end = keyStart[hi] as number;
    if (end - start < 2048) return undefined;
    const id = `${lo} ${hi} ${+term.prefix}${term.raw}`;
    let list = updatingOf.get(id);
    if (list) return list;
    if (updatingOf.size >= 64) updatingOf.clear();
    const checkExact = term.raw !== term.key;
    const out = new Int32Array(end - start);
    let count = 0;
    simulated = (simulated + 1) | 0 || 1;
    for (let p = start; p < end; p++) {
      const doc = (post[p] as number) >> 9;
      let score = classScore[postClass[p] as number] as number;
      if (checkExact && isExact(postVariant[p] as number, term)) score *= EXACT;
      if (score > (simulatedStamp[doc] === simulated ? (simulatedBest[doc] as number) : 0)) {
        simulatedStamp[doc] = simulated;
        simulatedBest[doc] = score;
        out[count++] = p;
      }
    }
    updatingOf.set(id, (list = out.slice(0, count)));
    return list;
  }
  const updatingOf = new Map<string, Int32Array>();
  const simulatedBest = new Float32Array(n);
  const simulatedStamp = new Int32Array(n);
  let simulated = 0;

  const positionAt = (t: number, doc: number): number => (termStamp[t * n + doc] === query ? (position[t * n + doc] as number) : -9);
  /** Set by {@link scoreOf}: whether the item matched every concept. */
  let matchedAll = false;
  /** An item's score from its per-term rows (and `matchedAll`). */
  function scoreOf(doc: number, concepts: readonly Concept[]): number {
    let sum = 0;
    let all = true;
    let lastEnd = -99;
    for (const concept of concepts) {
      let bestAlt = 0;
      let full = false;
      let first = -99;
      let last = -99;
      for (const alt of concept.alts) {
        let s = 0;
        let covered = 0;
        let previous = -99;
        let next = 0;
        for (const t of alt) {
          if (t >= MAX_TERMS) continue;
          const i = t * n + doc;
          const score = termStamp[i] === query ? (best[i] as number) : 0;
          if (score > 0) {
            s += score;
            covered++;
            const at = position[i] as number;
            if (at >= 0 && at === previous + 1) next++;
            previous = at;
          } else previous = -99;
        }
        if (!covered) continue;
        const coverage = covered / alt.length;
        const value = (s / alt.length) * coverage * coverage + (alt.length > 1 ? (NEXT * next) / (alt.length - 1) : 0);
        if (value > bestAlt) {
          bestAlt = value;
          full = covered === alt.length;
          first = positionAt(alt[0] as number, doc);
          last = positionAt(alt[alt.length - 1] as number, doc);
        }
      }
      if (!full) all = false;
      if (bestAlt > 0) {
        sum += bestAlt * concept.words;
        if (first >= 0 && first === lastEnd + 1) sum += NEXT;
        lastEnd = last;
      } else lastEnd = -99;
    }
    matchedAll = all;
    return sum;
  }

  function search(text: string, options: SearchOptions<T> = {}): SearchHit<T>[] {
    const limit = Math.max(0, Math.floor(options.limit ?? 20));
    const { terms, concepts } = parse(String(text ?? ''));
    if (!terms.length || !limit || !n) return [];
    if (best.length === 0) {
      best = new Float32Array(n * MAX_TERMS);
      position = new Int8Array(n * MAX_TERMS);
      termStamp = new Int32Array(n * MAX_TERMS);
    }
    fuzzy = FUZZY;
    const termRanges = terms.map(ranges);
    accumulate(terms, termRanges);
    // Only the best items by the cheap first ranking are scored in full (a broad prefix such as "c" touches most items):
    // the bucket `floor` of a 64-bucket histogram of the rough scores (no sort) keeps about `shortlist` items; of the
    // floor bucket's items (often many ties: a lone prefix, no popularity), the first in catalog order fill it.
    const shortlist = Math.max(limit * 4, 150);
    let max = 0;
    for (let j = 0; j < touchedCount; j++) max = Math.max(max, rough[touched[j] as number] as number);
    const scale = 64 / (max || 1);
    let floor = -1;
    let tied = 0;
    if (touchedCount > shortlist) {
      buckets.fill(0);
      for (let j = 0; j < touchedCount; j++) {
        const bucket = Math.min(64, Math.max(0, Math.floor((rough[touched[j] as number] as number) * scale + 1e-6)));
        bucketOf[j] = bucket;
        (buckets[bucket] as number)++;
      }
      let kept = 0;
      floor = 64;
      while (floor > 0 && (kept += buckets[floor] as number) < shortlist) floor--;
      tied = shortlist - (kept - (buckets[floor] as number));
    }
    const docs: number[] = [];
    const scores: number[] = [];
    const full: boolean[] = [];
    let top = 0;
    for (let j = 0; j < touchedCount; j++) {
      if (floor >= 0) {
        const bucket = bucketOf[j] as number;
        if (bucket < floor || (bucket === floor && tied-- <= 0)) continue;
      }
      const doc = touched[j] as number;
      const raw = scoreOf(doc, concepts);
      if (raw <= 0) continue;
      const score = raw + (matchedAll ? ALL : 0) + (popularity[doc] as number) - (nameLength[doc] as number) * LENGTH;
      if (score < top * CUTOFF) continue;
      if (options.filter && !options.filter(items[doc] as T)) continue;
      top = Math.max(top, score);
      docs.push(doc);
      scores.push(score);
      full.push(matchedAll);
    }
    // Items matching every word; items missing one only when they come close to the best of those (or there are none:
    // then the nearest items).
    let bestFull = 0;
    for (let i = 0; i < docs.length; i++) if (full[i]) bestFull = Math.max(bestFull, scores[i] as number);
    const floorOfPartial = Math.max(top * CUTOFF, bestFull * NEAR_FULL);
    const order: number[] = [];
    for (let i = 0; i < docs.length; i++) if ((scores[i] as number) >= (full[i] ? top * CUTOFF : floorOfPartial)) order.push(i);
    order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || (docs[a] as number) - (docs[b] as number));
    const matched = matchedKeys(terms, termRanges);
    return order.slice(0, limit).map((i) => {
      const item = items[docs[i] as number] as T;
      let highlights: Array<[number, number]> | undefined;
      return {
        item,
        score: scores[i] as number,
        partial: !full[i],
        // Computed on first read: a list usually shows only some of its hits.
        get highlights() {
          return (highlights ??= highlight(item.name, matched));
        },
      };
    });
  }

  /** The keys a query matched as whole words, and the prefixes it matched while typing, for highlights. */
  function matchedKeys(
    terms: readonly Term[],
    termRanges: ReadonlyArray<Array<[number, number, number]>>,
  ): { whole: Set<string>; prefixes: string[] } {
    const whole = new Set<string>();
    const prefixes: string[] = [];
    for (const [t, term] of terms.entries()) {
      for (const [lo, hi, factor] of termRanges[t] ?? []) if (factor !== PREFIX) for (let k = lo; k < hi; k++) whole.add(keys[k] as string);
      if (term.prefix || /^\d/.test(term.key)) prefixes.push(term.key);
    }
    return { whole, prefixes };
  }

  return { search, size: n };
}

const MARK = /\p{M}/u;

/** Ranges of a name matched by the query (whole words, or the typed prefix of a word or of a number). */
function highlight(name: string, matched: { whole: Set<string>; prefixes: string[] }): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let index = 0;
  for (const word of wordsOf(name)) {
    index = name.indexOf(word, index);
    const key = keyOf(word);
    let best = matched.whole.has(key) ? word.length : 0;
    for (const prefix of matched.prefixes) {
      if (best || !key.startsWith(prefix)) continue;
      // How many UTF-16 units of the word fold to the typed prefix (combining marks fold to nothing).
      let end = 0;
      for (let seen = 0; seen < prefix.length && end < word.length; end++) if (!MARK.test(word[end] as string)) seen++;
      while (MARK.test(word[end] ?? '')) end++;
      best = Math.max(best, end);
    }
    if (best) ranges.push([index, index + best]);
    index += word.length;
  }
  return ranges;
}
