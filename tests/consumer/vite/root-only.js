// Bundled alone by scripts/package-check.mjs: importing a helper from the package root must not bring the components.
import { registerTranslation } from '@motcua/elements';

registerTranslation('km', { 'lookup.label': 'ស្វែងរកនីតិវិធី' });
