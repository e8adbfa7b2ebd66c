/**
 * Dossier-code check for path parameters and rating bodies, with the SDK's parser (the same rules and messages
 * the widgets show).
 * @module
 */
import { parseDossierCode, type DossierCodeProblem } from '@motcua/sdk';

export type CodeCheck = { ok: true; code: string } | { ok: false; reason: DossierCodeProblem; message: string };

/** Normalises (trim, upper-case) and checks a dossier code `{agency}-{yyMMdd}-{NNNN}`: real date, not in the future, sequence ≥ 1. */
export function parseCode(input: string, now: Date): CodeCheck {
  const result = parseDossierCode(input, { now });
  return result.ok ? { ok: true, code: result.value.code } : { ok: false, reason: result.reason, message: result.message };
}
