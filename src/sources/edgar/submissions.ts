/**
 * The filings of a company's submissions JSON (`recent`, or one overflow page), from the
 * column arrays EDGAR sends to one object per filing. The JSON's shape is checked by schema.ts
 * first; this checks what a shape cannot: each accession and date. Pure.
 */
import { easternWallClockToIso } from './eastern-time.js';
import { EdgarParseError } from './errors.js';
import { normalizeAccession, normalizeDate } from './identifiers.js';
import type { SubmissionsRecent } from './schema.js';
import type { SubmissionFiling } from './types.js';

/** One `SubmissionFiling` per row of the columns; throws on a row without a real accession or date. */
export function parseSubmissionFilings(r: SubmissionsRecent, url: string): SubmissionFiling[] {
  return r.accessionNumber.map((accRaw, i) => {
    const accession = normalizeAccession(accRaw);
    const filingDate = normalizeDate(r.filingDate[i] ?? '');
    if (!accession || !filingDate)
      throw new EdgarParseError(
        url,
        `filing ${i}: bad accession "${accRaw}" or date "${r.filingDate[i]}"`,
      );
    const raw = r.acceptanceDateTime[i] || null;
    const size = r.size?.[i];
    return {
      accession,
      form: r.form[i] ?? '',
      filingDate,
      // The trailing Z is not true for many filers: read the wall clock as New York time.
      acceptedAt: raw ? easternWallClockToIso(raw) : null,
      acceptedAtRaw: raw,
      fileNumber: r.fileNumber?.[i] || null,
      primaryDocument: r.primaryDocument?.[i] || null,
      size: typeof size === 'number' ? size : null,
    };
  });
}
