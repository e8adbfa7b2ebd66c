/**
 * `@motcua/sdk/text`: Vietnamese text folding and an as-you-type search index over procedure summaries that
 * understands citizens' words (abbreviations, everyday words, typos, English: {@link VI_ADMIN_SYNONYMS}).
 * @example
 * ```ts
 * import { createSearchIndex, foldVietnamese } from '@motcua/sdk/text';
 * foldVietnamese('Đăng ký khai sinh'); // 'dang ky khai sinh'
 * createSearchIndex(catalog.items).search('xin sổ đỏ');
 * ```
 * @module
 */
import type { ProcedureSummary } from '../schemas/procedure.js';
import { createSearchIndex as createIndex, type SearchableProcedure, type SearchIndex, type SearchIndexOptions } from './search.js';
import { VI_ADMIN_SYNONYMS, VI_STOP_WORDS, viSpellingVariants } from './synonyms.js';

export { foldVietnamese } from './fold.js';
export type { SearchableProcedure, SearchHit, SearchIndex, SearchIndexOptions, SearchOptions } from './search.js';
export { VI_ADMIN_SYNONYMS, VI_STOP_WORDS, viSpellingVariants } from './synonyms.js';

/**
 * Builds the search index with the built-in synonym table ({@link VI_ADMIN_SYNONYMS}) unless `options.vocabulary`
 * says otherwise, the regional spelling variants ({@link viSpellingVariants}), and the built-in stop words ({@link VI_STOP_WORDS}) plus `options.stopWords`. See `@motcua/sdk/text/search` for every detail of the search.
 * @param items The procedures to index.
 * @param options A province's synonyms and stop words, and the popularity weight.
 * @example
 * ```ts
 * const index = createSearchIndex(catalog.items, { synonyms: { 'giấy đi đường': ['giấy thông hành'] } });
 * index.search('GKS')[0]?.item.name; // 'Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh'
 * ```
 */
export function createSearchIndex<T extends SearchableProcedure = ProcedureSummary>(
  items: readonly T[],
  options: SearchIndexOptions<T> = {},
): SearchIndex<T> {
  return createIndex(items, {
    vocabulary: VI_ADMIN_SYNONYMS,
    variants: viSpellingVariants,
    ...options,
    stopWords: [...VI_STOP_WORDS, ...(options.stopWords ?? [])],
  });
}
