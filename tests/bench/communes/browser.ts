// Runs in headless Chromium (bundled by index.mjs with esbuild): builds the "find my commune" index over every unit of
// the country and times every keystroke of the query set typed letter by letter. Nothing here asserts on time.
import { createCommuneIndex, type CommuneLike } from '../../../packages/sdk/src/text/communes.js';

export interface CommuneBenchFigures {
  units: number;
  queries: number;
  keystrokes: number;
  rounds: number;
  buildFirstMs: number;
  buildMedianMs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  timerResolutionMs: number;
  crossOriginIsolated: boolean;
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

async function run(options: { queries: Array<{ q: string; province?: string }>; rounds: number }): Promise<CommuneBenchFigures> {
  const units = (await (await fetch('/units.json')).json()) as CommuneLike[];
  const builds: number[] = [];
  let index = createCommuneIndex(units);
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    index = createCommuneIndex(units);
    builds.push(performance.now() - t);
  }
  let first = performance.now();
  index = createCommuneIndex(units);
  first = performance.now() - first;
  let resolution = Infinity;
  for (let i = 0, last = performance.now(); i < 1000; i++) {
    const now = performance.now();
    if (now > last) resolution = Math.min(resolution, now - last);
    last = now;
  }
  // Per keystroke: the median over the rounds of each prefix's time (the picker searches the whole country when it has
  // no province attribute, so the province is not applied here: the worst case).
  const perKey = new Map<string, number[]>();
  for (let round = 0; round < options.rounds; round++)
    for (const { q } of options.queries)
      for (let i = 1; i <= q.length; i++) {
        const prefix = q.slice(0, i);
        const t = performance.now();
        index.search(prefix, { limit: 10 });
        const ms = performance.now() - t;
        const list = perKey.get(`${q}|${i}`) ?? [];
        list.push(ms);
        perKey.set(`${q}|${i}`, list);
      }
  const medians = [...perKey.values()].map((l) => [...l].sort((a, b) => a - b)[Math.floor(l.length / 2)] ?? 0).sort((a, b) => a - b);
  builds.sort((a, b) => a - b);
  return {
    units: units.length,
    queries: options.queries.length,
    keystrokes: medians.length,
    rounds: options.rounds,
    buildFirstMs: first,
    buildMedianMs: quantile(builds, 0.5),
    medianMs: quantile(medians, 0.5),
    p95Ms: quantile(medians, 0.95),
    maxMs: medians.at(-1) ?? 0,
    timerResolutionMs: resolution,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
  };
}

(globalThis as { motcuaCommuneBench?: typeof run }).motcuaCommuneBench = run;
