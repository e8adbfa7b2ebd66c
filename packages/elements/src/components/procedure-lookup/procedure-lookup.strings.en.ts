import type { Translation } from '../../internal/i18n.js';

/** The English terms of the lookup, loaded when a lookup first renders in English (see procedure-lookup.component.ts). */
export const en: Translation = {
  'lookup.label': 'Search procedures',
  'lookup.placeholder': 'e.g. đăng ký khai sinh, birth registration',
  'lookup.hint': 'Type with or without Vietnamese accents. Use the arrow keys to choose and Enter to open.',
  'lookup.results': 'Search results',
  'lookup.filters': 'Filters',
  'lookup.sector': 'Sector',
  'lookup.allSectors': 'All sectors',
  'lookup.online': 'Online public service',
  'lookup.allOnline': 'All levels',
  'lookup.count': ({ count, total }) =>
    count === total
      ? `${count} ${count === 1 ? 'procedure' : 'procedures'}`
      : `${count} matching ${count === 1 ? 'procedure' : 'procedures'} (of ${total})`,
  'lookup.showMore': 'Show {n} more ({rest} left)',
  'lookup.empty': 'No procedure matches “{query}”.',
  'lookup.emptyNoQuery': 'No procedure matches the selected filters.',
  'lookup.emptyHint': 'Try a shorter word, or check the spelling.',
  'lookup.clearFilters': 'Remove filters',
  'lookup.loading': 'Loading the list of procedures…',
  'lookup.error': 'The list of procedures could not be loaded. Please try again.',
  'lookup.offline': 'You are offline. Check your connection and try again.',
  'lookup.offlineCached': 'You are offline: using the list saved on this device.',
  'lookup.stale': 'Showing the saved list; updating…',
  'lookup.retry': 'Try again',
  'lookup.missing_api': 'The API address is not configured (api attribute or a <motcua-portal> element).',
  'lookup.missing_agency': 'No agency chosen (agency attribute).',
  'lookup.common': 'Common',
  'lookup.code': 'Code',
  'lookup.metaTime': 'Time: {v}',
  'lookup.metaFee': 'Fee: {v}',
  'lookup.back': 'Back to the list',
  'lookup.detailLoading': 'Loading the procedure…',
};
