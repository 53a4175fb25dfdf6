import { UsageError } from '../errors.js';
import { formFamily } from '../extract/detect-form.js';
import { extractRiskFactors, type ExtractionResult } from '../extract/extract-risk-factors.js';
import { KNOWN_FORMS, normalizeForm } from '../forms.js';

/**
 * The form a `--form` flag names, normalised (`10-k` -> `10-K`); undefined when absent.
 * @throws UsageError for an empty or unknown form, listing the known ones.
 */
export function parseFormFlag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new UsageError('--form: empty; give a form such as S-1 or 10-K, or leave --form out to detect it from the document');
  const form = normalizeForm(value);
  if (form === null) throw new UsageError(`--form "${value}": unknown form; known forms: ${KNOWN_FORMS.join(', ')}`);
  return form;
}

/**
 * Extracts the Risk Factors, with the form the user named when there is one. When that form
 * does not fit the document (`--form S-1` on a 10-K looks for the wrong kind of heading), the
 * document wins, with a warning, instead of a false "no Risk Factors heading found".
 */
export function extractFiling(bytes: Uint8Array, form: string | undefined): ExtractionResult {
  const named = extractRiskFactors(bytes, { form });
  if (form === undefined || named.found) return named;
  const detected = extractRiskFactors(bytes);
  if (!detected.form || formFamily(detected.form) === formFamily(form)) return named;
  const mismatch = `--form ${form} does not match the document (its form is ${detected.form})`;
  if (detected.found) return { ...detected, warnings: [`${mismatch}; read as ${detected.form}`, ...detected.warnings] };
  return { ...named, reason: `${mismatch} (${detected.reason})` };
}
