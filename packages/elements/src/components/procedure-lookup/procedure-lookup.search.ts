/**
 * The lookup's search, one chunk loaded when a lookup first searches (or falls back to the server's search): the SDK's
 * search index with its vocabulary (synonym table, stop words, regional spellings).
 * @module
 */
export { createSearchIndex } from '@motcua/sdk/text/search';
export { VI_ADMIN_SYNONYMS, VI_STOP_WORDS, viSpellingVariants } from '@motcua/sdk/text/synonyms';
