// Type-level check (run by `tsc -p tsconfig.json`): the hand-written declarations the package ships
// (types/motcua.d.ts) match the autoloader's source and the components' Translation type.
import type { Translation as ElementsTranslation } from '../../elements/src/internal/i18n.js';
import type * as Declared from '../types/motcua.js';
import type * as Source from './motcua.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const translationMatches: Same<Declared.Translation, ElementsTranslation> = true;
export const registerTranslationMatches: Same<typeof Declared.registerTranslation, typeof Source.registerTranslation> = true;
export const registerLanguageMatches: Same<typeof Declared.registerLanguage, typeof Source.registerLanguage> = true;
export const exportsMatch: Same<keyof typeof Declared, keyof typeof Source> = true;
