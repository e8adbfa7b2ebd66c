/**
 * The dossier-code checker of the online rating form, as its own import: the kiosk (no dossier) never loads it, an
 * online form loads it as soon as it shows (see `MotcuaSatisfaction.codeCheck`).
 * @module
 */
import { checkDossierCode } from '@motcua/sdk';

/** A valid dossier code in its normal form, and its agency (the SDK's check, without its message tables). */
export function splitDossierCode(raw: string): { code: string; agency: string } | undefined {
  const result = checkDossierCode(raw);
  return result.ok ? result.value : undefined;
}
