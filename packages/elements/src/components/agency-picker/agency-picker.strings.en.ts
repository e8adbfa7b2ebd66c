import type { Translation } from '../../internal/i18n.js';

/** The English terms of the agency picker, loaded when it first renders in English (see agency-picker.component.ts). */
export const en: Translation = {
  'picker.label': 'Your commune or ward',
  'picker.hint': 'Type the new or the old (pre-merger) name, with or without diacritics. Use the arrow keys to choose, Enter to confirm.',
  'picker.placeholder': 'e.g. Hòa Phong, P. Hải Châu',
  'picker.results': 'Matching communes and wards',
  'picker.count': ({ count }) =>
    count === 0 ? 'No matching commune or ward.' : `${count} matching commune${count === 1 ? '' : 's'} or ward${count === 1 ? '' : 's'}.`,
  'picker.via': 'includes former {old}',
  'picker.notServed': 'not connected yet',
  'picker.current': 'Showing information for {name}.',
  'picker.chosen': 'Chose {name}. The information below now shows {name}.',
  'picker.chosenVia': '{old} is now part of {name}. The information below now shows {name}.',
  'picker.unserved': '{name} is not connected to this service yet. Please contact its People’s Committee directly.',
  'picker.loading': 'Loading communes and wards…',
  'picker.error': 'Could not load the communes and wards. Please try again.',
  'picker.retry': 'Try again',
  'picker.missing_api': 'No API address configured (the api attribute or a <motcua-portal>).',
};
