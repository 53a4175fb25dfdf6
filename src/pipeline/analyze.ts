import { diffSections, type DiffInput, type SectionDiff } from '../diff/diff-sections.js';
import { decodeBytes, primaryDocument } from '../extract/decode.js';
import { detectForm, formFamily } from '../extract/detect-form.js';
import { extractRiskFactors, type ExtractionResult } from '../extract/extract-risk-factors.js';

/**
 * The two steps every path through regwatch shares, the daemon's processing of a filing as
 * much as `regwatch extract` and `regwatch diff`: read a filing's risk factors, and compare
 * two versions. Pure.
 */

/**
 * The form a document's own cover names (SGML `<TYPE>` of a full submission, else "FORM S-1"
 * or "Rule 424(b)(4)" on the cover), read cheaply from the start of its decoded text; null
 * when it names none.
 */
export function coverForm(text: string): string | null {
  const doc = primaryDocument(text.slice(0, 400_000));
  if (doc.sgmlType) return doc.sgmlType;
  const plain = doc.markup.replace(/<[^>]*>/g, ' ').replace(/&(nbsp|#160|#xa0);/gi, ' ');
  return detectForm(plain);
}

/**
 * Extracts the Risk Factors, with the form the user named when there is one. When that form
 * does not fit the document (`--form S-1` on a 10-K looks for the wrong kind of heading, or
 * reads a prospectus as an annual report), the document wins, with a warning, instead of a
 * false "no Risk Factors heading found" or a wrong form. `trustForm`: the form is EDGAR's own
 * (the daemon), not a person's guess, and is used as it is. The bytes are decoded once, here:
 * the extraction, the cover's form and a second extraction all read the same text.
 */
export function extractFiling(
  bytes: Uint8Array,
  form: string | undefined,
  options: { trustForm?: boolean } = {},
): ExtractionResult {
  const text = decodeText(bytes);
  // A document too large for a string: the extractor's own path says so, as a result, not a throw.
  if (text === null) return extractRiskFactors(bytes, { form });
  const named = extractRiskFactors(text, { form });
  if (form === undefined || options.trustForm) return named;
  const own = coverForm(text);
  if (
    named.found &&
    own !== null &&
    formFamily(own) === formFamily(form) &&
    baseForm(own) !== baseForm(form)
  ) {
    // Read the same way (`--form 10-Q` on a 10-K), but still a contradiction: the document's
    // own form is the one reported, and the person is told.
    return {
      ...named,
      form: own,
      warnings: [
        `--form ${form} does not match the document (its form is ${own}); read as ${own}`,
        ...named.warnings,
      ],
    };
  }
  if (named.found && (own === null || formFamily(own) === formFamily(form))) return named;
  const detected = extractRiskFactors(text);
  if (!detected.form || formFamily(detected.form) === formFamily(form)) return named;
  const mismatch = `--form ${form} does not match the document (its form is ${detected.form})`;
  if (detected.found)
    return {
      ...detected,
      warnings: [`${mismatch}; read as ${detected.form}`, ...detected.warnings],
    };
  return { ...named, reason: `${mismatch} (${detected.reason})` };
}

/** The bytes as text, or null when they are too large for one string (a `RangeError`). */
function decodeText(bytes: Uint8Array): string | null {
  try {
    return decodeBytes(bytes);
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
}

/** Below this share of unchanged words two "versions" are more likely two different filings. */
export const UNRELATED_SIMILARITY = 0.2;

/** Warnings when the two documents are plainly not versions of one another. */
export function relatednessWarnings(d: SectionDiff): string[] {
  const matched = d.summary.unchanged + d.summary.modified + d.summary.moved;
  if (d.old.riskFactors > 0 && d.new.riskFactors > 0 && matched === 0) {
    return [
      'no risk factor of one document matches one of the other: they are probably not versions of one filing (different companies?)',
    ];
  }
  if (d.similarity < UNRELATED_SIMILARITY) {
    return [
      `only ${(d.similarity * 100).toFixed(0)}% of the words are unchanged: check that both documents are versions of the same company's filing`,
    ];
  }
  return [];
}

/** Two versions compared, with warnings when they are plainly not versions of one filing. */
export function compareVersions(
  older: DiffInput,
  newer: DiffInput,
  keywords: string[],
): { diff: SectionDiff; warnings: string[] } {
  const diff = diffSections(older, newer, { keywords });
  return { diff, warnings: relatednessWarnings(diff) };
}

/** A form without its amendment suffix: `S-1/A` and `S-1` name the same kind of document. */
function baseForm(form: string): string {
  return form.toUpperCase().replace(/\s*\/\s*A$/, '');
}
