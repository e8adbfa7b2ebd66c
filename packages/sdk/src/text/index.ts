/**
 * `@motcua/sdk/text`: Vietnamese text folding and an as-you-type search index over procedure summaries.
 * @example
 * ```ts
 * import { createSearchIndex, foldVietnamese } from '@motcua/sdk/text';
 * foldVietnamese('Đăng ký khai sinh'); // 'dang ky khai sinh'
 * createSearchIndex(catalog.items).search('khai s');
 * ```
 * @module
 */
export { foldVietnamese } from './fold.js';
export { createSearchIndex, type SearchableProcedure, type SearchHit, type SearchIndex, type SearchOptions } from './search.js';
