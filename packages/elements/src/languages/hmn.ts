/**
 * An example language pack: Hmong (`hmn`), written in the Romanized Popular Alphabet (RPA, White Hmong / Hmoob Dawb),
 * for the kiosk's prompts and the "Nghe" / "Cỡ chữ" buttons. Terms it does not have fall back to Vietnamese.
 *
 * SOURCE AND STATUS: a community draft written by a motcua contributor who is not a native speaker, from common
 * RPA vocabulary (txaus siab "satisfied", ua tsaug "thank you", mloog "listen"); it has NOT been checked against a
 * published translation. Have it reviewed by native speakers before use on a real kiosk. Note that many Hmong in
 * Vietnam read the Vietnamese-based Hmong alphabet (1961) and speak Green Hmong (Hmoob Ntsuab) dialects: a commune
 * should ask its own people which writing they read. No common speech engine ships a Hmong voice today, so "Nghe"
 * says so and offers Vietnamese.
 *
 * @example
 * ```js
 * import { registerLanguage } from '@motcua/elements';
 * import { hmn, HMN_VOICE } from '@motcua/elements/languages/hmn.js';
 * registerLanguage('hmn', hmn, { voice: HMN_VOICE });
 * // <motcua-satisfaction mode="kiosk" lang="hmn" …>
 * ```
 * @module
 */
import type { Translation } from '../internal/i18n.js';

/** The voice to ask the speech engine for (BCP 47 `hmn`). */
export const HMN_VOICE = 'hmn';

/** The terms (community draft, see the module's note). */
export const hmn: Translation = {
  'language.name': 'Hmoob',
  'satisfaction.kioskQuestion': 'Koj puas txaus siab rau tus neeg ua haujlwm txoj kev qhia thiab txais koj cov ntaub ntawv?',
  'satisfaction.level.very_satisfied': 'Txaus siab heev',
  'satisfaction.level.satisfied': 'Txaus siab',
  'satisfaction.level.not_satisfied': 'Tsis txaus siab',
  'satisfaction.thanks': 'Ua tsaug koj!',
  'satisfaction.thanksDetail': 'Koj lub tswv yim pab peb ua haujlwm zoo dua.',
  'satisfaction.kiosk.done': 'Tiav lawm',
  'speech.listen': 'Mloog',
  'speech.stop': 'Nres',
  'textSize.button': 'Ntawv loj me',
};
