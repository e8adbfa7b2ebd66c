// Benchmark part `search-quality`: hit@1, hit@5 and MRR, overall and per kind of query, of the SDK's search, the
// server's `?q=` and MiniSearch out of the box on tests/search/queries.json (201 citizen queries), plus the SDK's on the
// held-out set. Prints a table; returns the figures for results.json.
//   node --import tsx --conditions=motcua-source tests/bench/search-quality/index.ts
import { formatEvaluation, type Evaluation } from '../../search/evaluate.js';
import { measureQuality } from '../../search/quality.js';

const strip = ({ misses, ...figures }: Evaluation) => ({ ...figures, misses: misses.map((m) => `${m.q} → ${m.got.join(', ')}`) });

export default async function bench(context: { log?: (...args: unknown[]) => void } = {}) {
  const log = context.log ?? ((...args: unknown[]) => console.error(...args));
  const quality = await measureQuality();
  log('goal: hit@5 ≥ 90% overall and ≥ 80% in every kind');
  log(formatEvaluation('SDK search (widget, offline)', quality.sdk));
  log(formatEvaluation("server's ?q=", quality.server));
  log(formatEvaluation('MiniSearch 7 out of the box', quality.minisearch));
  log(formatEvaluation('SDK search, held-out set', quality.sdkHoldout));
  return {
    sdk: strip(quality.sdk),
    server: strip(quality.server),
    minisearch: { overall: quality.minisearch.overall, kinds: quality.minisearch.kinds },
    sdkHoldout: strip(quality.sdkHoldout),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
