/**
 * `@motcua/sdk/text/communes`: "find my commune". An as-you-type index over the communes, wards and special zones of
 * the directory that understands how people name places: diacritics and old tone-mark placement folded (`Hoà` =
 * `Hòa` = `hoa`), the prefixes `xã`, `phường`, `thị trấn`, `đặc khu` and their abbreviations (`X.`, `P.`, `TT.`)
 * optional, typos (one edit per word, swapped letters, missing spaces) and **old names**: a pre-merger commune finds
 * the unit it became part of, and says so (`via`).
 * @example
 * ```ts
 * import { createCommuneIndex } from '@motcua/sdk/text/communes';
 * const index = createCommuneIndex(units);
 * const [hit] = index.search('hoa phong');
 * hit?.unit.name; // 'Xã Hoà Vang'
 * hit?.via; // 'Xã Hòa Phong'
 * ```
 * @module
 */
import { foldVietnamese } from './fold.js';

/** What the index needs of a unit (an `AdminUnit` of the directory fits). */
export interface CommuneLike {
  code: string;
  province: string;
  name: string;
  formerly: readonly string[];
}

/** One answer: the unit, and the former name that matched when it was found by an old name. */
export interface CommuneHit<T extends CommuneLike = CommuneLike> {
  unit: T;
  /** The pre-merger name the query matched, when the unit's own name did not. */
  via?: string;
  score: number;
}

export interface CommuneSearchOptions {
  /** Most hits returned (default 10). */
  limit?: number;
  /** Only units of this province (GSO code). */
  province?: string;
}

export interface CommuneIndex<T extends CommuneLike = CommuneLike> {
  search(query: string, options?: CommuneSearchOptions): CommuneHit<T>[];
  readonly size: number;
}

/** Folded unit-type prefixes and what they mean (`x`, `p`, `tt` are the usual abbreviations). */
const KINDS: ReadonlyArray<readonly [string, string]> = [
  ['thi tran', 'tt'],
  ['dac khu', 'dk'],
  ['phuong', 'p'],
  ['xa', 'x'],
  ['tt', 'tt'],
  ['dk', 'dk'],
  ['p', 'p'],
  ['x', 'x'],
];

/** Folded text split into words (letters and digits only). */
const words = (text: string): string[] =>
  foldVietnamese(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** Removes a leading unit-type word; returns the rest and the kind it named. */
function stripKind(tokens: string[]): { tokens: string[]; kind: string | undefined } {
  for (const [word, kind] of KINDS) {
    const parts = word.split(' ');
    if (tokens.length > parts.length && parts.every((p, i) => tokens[i] === p)) return { tokens: tokens.slice(parts.length), kind };
  }
  return { tokens, kind: undefined };
}

/** Damerau–Levenshtein (optimal string alignment) distance, or `max + 1` as soon as it exceeds `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      row.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

interface Entry {
  unit: number;
  /** Index of the former name, or -1 for the unit's own name. */
  former: number;
  key: string;
  compact: string;
  kind: string | undefined;
  tokens: number[];
}

/**
 * Builds the index (a few milliseconds for the 3,321 units of the country).
 * @param units The directory's units (`AdminUnit`s).
 * @example
 * ```ts
 * createCommuneIndex(units).search('P. Hai Chau', { province: '48' })[0]?.unit.code; // '20242'
 * ```
 */
export function createCommuneIndex<T extends CommuneLike>(units: readonly T[]): CommuneIndex<T> {
  const vocabulary = new Map<string, number>();
  const vocab: string[] = [];
  const postings: number[][] = [];
  const entries: Entry[] = [];
  const tokenId = (t: string): number => {
    let id = vocabulary.get(t);
    if (id === undefined) {
      id = vocab.length;
      vocabulary.set(t, id);
      vocab.push(t);
      postings.push([]);
    }
    return id;
  };
  units.forEach((unit, u) => {
    const names = [unit.name, ...unit.formerly];
    const seen = new Set<string>();
    names.forEach((name, n) => {
      const { tokens, kind } = stripKind(words(name));
      const key = tokens.join(' ');
      if (!key || seen.has(key)) return;
      seen.add(key);
      const e = entries.length;
      const ids = tokens.map(tokenId);
      for (const id of new Set(ids)) postings[id]?.push(e);
      entries.push({ unit: u, former: n - 1, key, compact: tokens.join(''), kind, tokens: ids });
    });
  });

  // The vocabulary sorted, so the words a prefix starts are one binary search away.
  const sorted = vocab.map((_, id) => id).sort((a, b) => ((vocab[a] as string) < (vocab[b] as string) ? -1 : 1));
  const lowerBound = (prefix: string): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((vocab[sorted[mid] as number] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Entries sorted by their words run together, for queries typed without spaces.
  const byCompact = entries.map((_, e) => e).sort((a, b) => ((entries[a] as Entry).compact < (entries[b] as Entry).compact ? -1 : 1));
  // Scratch space reused by every search (no allocation per entry): the running score of each entry and the number of
  // query words it has matched so far, and the best entry of each unit.
  const acc = new Float64Array(entries.length);
  const matched = new Int32Array(entries.length);
  const stamp = new Int32Array(entries.length);
  const lastWeight = new Float64Array(entries.length);
  const unitBest = new Float64Array(units.length);
  const unitEntry = new Int32Array(units.length);
  const unitStamp = new Int32Array(units.length);
  let generation = 0;

  /** Token ids a query word matches, with a weight: exact 3, prefix 2 (1.5 inside the query), one typo 1. */
  function expand(word: string, last: boolean): Array<[number, number]> {
    const found: Array<[number, number]> = [];
    const exact = vocabulary.get(word);
    if (exact !== undefined) found.push([exact, 3]);
    if (last || exact === undefined)
      for (let i = lowerBound(word); i < sorted.length; i++) {
        const id = sorted[i] as number;
        const t = vocab[id] as string;
        if (!t.startsWith(word)) break;
        if (id !== exact) found.push([id, last ? 2 : 1.5]);
      }
    if (found.length === 0 && word.length >= 3) {
      const max = word.length >= 7 ? 2 : 1;
      const first = word.charCodeAt(0);
      for (let id = 0; id < vocab.length; id++) {
        const t = vocab[id] as string;
        if (t.charCodeAt(0) !== first) continue;
        if (Math.abs(t.length - word.length) <= max && distance(word, t, max) <= max) found.push([id, 1]);
        else if (last && word.length >= 4 && t.length > word.length && distance(word, t.slice(0, word.length), 1) <= 1)
          found.push([id, 0.8]);
      }
    }
    return found;
  }

  function search(query: string, options: CommuneSearchOptions = {}): CommuneHit<T>[] {
    const limit = Math.max(1, Math.min(options.limit ?? 10, 100));
    const raw = words(String(query ?? '').slice(0, 200)).slice(0, 8);
    if (raw.length === 0) return [];
    const { tokens, kind } = stripKind(raw);
    const q = tokens.join(' ');
    generation++;
    const g = generation;
    const candidates: number[] = [];
    let fuzzy = false;
    // Entries holding every query word (AND): each word adds the best weight among the vocabulary words it matches.
    const perWord = tokens.map((w, i) => expand(w, i === tokens.length - 1));
    if (perWord.every((m) => m.length > 0)) {
      perWord.forEach((matches, w) => {
        for (const [id, weight] of matches) {
          if (weight < 1.5) fuzzy = true;
          for (const e of postings[id] ?? []) {
            if (w === 0) {
              if (stamp[e] !== g) {
                stamp[e] = g;
                matched[e] = 1;
                acc[e] = weight;
                candidates.push(e);
              } else if (weight > (acc[e] as number)) acc[e] = weight;
            } else if (stamp[e] === g && (matched[e] as number) >= w) {
              // First match of word w for this entry, or a better one.
              if (matched[e] === w) {
                matched[e] = w + 1;
                acc[e] = (acc[e] as number) + weight;
                lastWeight[e] = weight;
              } else if (weight > (lastWeight[e] as number)) {
                acc[e] = (acc[e] as number) - (lastWeight[e] as number) + weight;
                lastWeight[e] = weight;
              }
            }
          }
        }
      });
    }
    // Words run together or split differently ("hoavang").
    const compact = tokens.join('');
    const needed = tokens.length;
    if (compact.length >= 4 && tokens.length <= 2)
      for (let lo = 0, hi = byCompact.length, i = 0; ;) {
        if (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if ((entries[byCompact[mid] as number] as Entry).compact < compact) lo = mid + 1;
          else hi = mid;
          continue;
        }
        const e = byCompact[lo + i++];
        if (e === undefined || !(entries[e] as Entry).compact.startsWith(compact)) break;
        if (stamp[e] === g && matched[e] === needed && (acc[e] as number) >= 3 * needed) continue;
        if (stamp[e] !== g) candidates.push(e);
        stamp[e] = g;
        matched[e] = needed;
        acc[e] = 3 * needed;
      }
    // Best entry per unit.
    const found: number[] = [];
    for (const e of candidates) {
      if (matched[e] !== needed) continue;
      const entry = entries[e] as Entry;
      const unit = units[entry.unit] as T;
      if (options.province !== undefined && unit.province !== options.province) continue;
      let score = acc[e] as number;
      if (entry.key === q || entry.compact === compact) score += 10;
      else if (entry.key.startsWith(q)) score += 5;
      else if (fuzzy && distance(q, entry.key, 2) <= 2) score += 4;
      if (entry.former >= 0) score -= 1;
      if (kind !== undefined && entry.kind === kind) score += 0.5;
      score -= 0.05 * Math.max(0, entry.tokens.length - tokens.length);
      const u = entry.unit;
      if (unitStamp[u] !== g) {
        unitStamp[u] = g;
        unitBest[u] = score;
        unitEntry[u] = e;
        found.push(u);
      } else if (score > (unitBest[u] as number)) {
        unitBest[u] = score;
        unitEntry[u] = e;
      }
    }
    // Top `limit` by score, then the shorter name, then directory order (selection: no sort of thousands of hits).
    const better = (a: number, b: number): boolean => {
      const d = (unitBest[a] as number) - (unitBest[b] as number);
      if (d !== 0) return d > 0;
      const la = (entries[unitEntry[a] as number] as Entry).key.length;
      const lb = (entries[unitEntry[b] as number] as Entry).key.length;
      return la !== lb ? la < lb : a < b;
    };
    const top: number[] = [];
    for (const u of found) {
      if (top.length === limit && !better(u, top[limit - 1] as number)) continue;
      let i = Math.min(top.length, limit - 1);
      top[i] = u;
      while (i > 0 && better(u, top[i - 1] as number)) {
        top[i] = top[i - 1] as number;
        top[i - 1] = u;
        i--;
      }
    }
    return top.map((u) => {
      const entry = entries[unitEntry[u] as number] as Entry;
      const unit = units[u] as T;
      const score = unitBest[u] as number;
      const via = entry.former >= 0 ? unit.formerly[entry.former] : undefined;
      return via !== undefined ? { unit, via, score } : { unit, score };
    });
  }

  return { search, size: units.length };
}
