// Runs in headless Chromium (bundled by index.mjs with esbuild): builds each library's index over the national
// catalogue and times every keystroke of real queries typed letter by letter. Nothing here asserts on time.
import MiniSearch from 'minisearch';
import { Encoder, Index as FlexIndex } from 'flexsearch';
import { createSearchIndex } from '../../../packages/sdk/src/text/index.js';

interface Row {
  id: number;
  code: string;
  name: string;
  sector: { name: string };
}

interface Library {
  name: string;
  build(rows: Row[]): unknown;
  search(index: unknown, query: string): string[];
}

export interface LibraryFigures {
  name: string;
  buildFirstMs: number;
  buildMinMs: number;
  buildMedianMs: number;
  medianMs: number;
  p95Ms: number;
  /**
   * p95 over the keystrokes of each keystroke's fastest round: the cost of the search itself, with little of the
   * scheduling delay a loaded machine adds to single rounds (reported beside `p95Ms`, which stays the goal's figure).
   */
  p95FastestMs: number;
  maxMs: number;
  keystrokes: number;
  /** The slowest keystroke queries (median over the rounds), in ms. */
  slowest: Array<[query: string, ms: number]>;
  top: Record<string, string>;
}

export interface BrowserFigures {
  catalog: number;
  queries: number;
  keystrokes: number;
  timerResolutionMs: number;
  crossOriginIsolated: boolean;
  libraries: LibraryFigures[];
}

const LIMIT = 20;

/** The usual accent fold (the domain notes' recipe), given to MiniSearch and FlexSearch. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐÐð]/g, 'd')
    .toLowerCase();
}

const libraries: Library[] = [
  {
    name: 'motcua (@motcua/sdk/text)',
    build: (rows) => createSearchIndex(rows),
    search: (index, query) =>
      (index as ReturnType<typeof createSearchIndex<Row>>).search(query, { limit: LIMIT }).map((hit) => hit.item.name),
  },
  {
    name: 'MiniSearch 7',
    build: (rows) => {
      const index = new MiniSearch<Row>({
        fields: ['name', 'code', 'sector'],
        storeFields: ['name'],
        extractField: (row, field) => (field === 'sector' ? row.sector.name : String(row[field as keyof Row])),
        tokenize: (text) => text.split(/[^\p{L}\p{N}.]+/u).filter(Boolean),
        processTerm: (term) => fold(term),
        searchOptions: {
          prefix: (_term, i, terms) => i === terms.length - 1,
          combineWith: 'AND',
          boost: { name: 3, code: 2 },
        },
      });
      index.addAll(rows);
      return index;
    },
    search: (index, query) =>
      (index as MiniSearch<Row>)
        .search(query)
        .slice(0, LIMIT)
        .map((result) => String(result.name)),
  },
  {
    name: 'FlexSearch 0.8',
    build: (rows) => {
      const index = new FlexIndex({
        tokenize: 'forward',
        cache: false,
        encoder: new Encoder({ normalize: fold, split: /[^\p{L}\p{N}.]+/u }),
      });
      for (const row of rows) index.add(row.id, `${row.name} ${row.code} ${row.sector.name}`);
      return { index, rows };
    },
    search: (built, query) => {
      const { index, rows } = built as { index: FlexIndex; rows: Row[] };
      return (index.search(query, { limit: LIMIT }) as number[]).map((id) => rows[id]?.name ?? '');
    },
  },
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

function timerResolution(): number {
  let smallest = Infinity;
  for (let i = 0; i < 50; i++) {
    const a = performance.now();
    let b = performance.now();
    while (b === a) b = performance.now();
    smallest = Math.min(smallest, b - a);
  }
  return smallest;
}

async function run(options: { queries: string[]; rounds: number; builds: number; topQueries: string[] }): Promise<BrowserFigures> {
  const catalog = (await (await fetch('/catalog.json')).json()) as { sectors: string[]; rows: Array<[string, string, number]> };
  const rows: Row[] = catalog.rows.map(([code, name, sector], id) => ({ id, code, name, sector: { name: catalog.sectors[sector] ?? '' } }));
  const keystrokes = options.queries.flatMap((query) => Array.from({ length: query.length }, (_, i) => query.slice(0, i + 1)));
  const figures: LibraryFigures[] = [];
  for (const library of libraries) {
    const builds: number[] = [];
    let index: unknown;
    for (let b = 0; b < options.builds; b++) {
      const started = performance.now();
      index = library.build(rows);
      builds.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    // One warm-up pass (not recorded), then every keystroke of every query, `rounds` times.
    for (const query of keystrokes) library.search(index, query);
    const times: number[] = [];
    const perQuery = keystrokes.map(() => [] as number[]);
    for (let round = 0; round < options.rounds; round++) {
      for (let k = 0; k < keystrokes.length; k++) {
        const started = performance.now();
        library.search(index, keystrokes[k] as string);
        const elapsed = performance.now() - started;
        times.push(elapsed);
        perQuery[k]?.push(elapsed);
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    times.sort((a, b) => a - b);
    const top: Record<string, string> = {};
    for (const query of options.topQueries) top[query] = library.search(index, query)[0] ?? '(no result)';
    figures.push({
      name: library.name,
      buildFirstMs: builds[0] ?? 0,
      buildMinMs: Math.min(...builds),
      buildMedianMs: percentile(
        [...builds].sort((a, b) => a - b),
        0.5,
      ),
      medianMs: percentile(times, 0.5),
      p95Ms: percentile(times, 0.95),
      p95FastestMs: percentile(
        perQuery.map((list) => Math.min(...list)).sort((a, b) => a - b),
        0.95,
      ),
      maxMs: times[times.length - 1] ?? 0,
      keystrokes: times.length,
      slowest: perQuery
        .map((list, k): [string, number] => [
          keystrokes[k] as string,
          percentile(
            list.sort((a, b) => a - b),
            0.5,
          ),
        ])
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8),
      top,
    });
  }
  return {
    catalog: rows.length,
    queries: options.queries.length,
    keystrokes: keystrokes.length,
    timerResolutionMs: timerResolution(),
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    libraries: figures,
  };
}

(globalThis as unknown as { motcuaSearchBench: typeof run }).motcuaSearchBench = run;
