import { RegwatchError } from '../../errors.js';
import { filingByAccession, loadPrimaryDocument } from '../../store/filings.js';
import type { EdgarDeps } from './deps.js';
import {
  fetchFiling,
  storeFiling,
  type FetchedFiling,
  type ProcessOutcome,
} from './process-filing.js';

export class UnknownFilingError extends RegwatchError {
  override readonly code = 'UNKNOWN_FILING';
}

/**
 * Extracts a stored filing again with the current extractor (from its stored document, or
 * fetched when none was stored, as for a filing that failed), stores the new section and its
 * diff, and queues alerts only when asked. The way to recover a filing whose risk factors an
 * older extractor could not read.
 */
export async function reprocessFiling(
  deps: EdgarDeps,
  accession: string,
  options: { alert: boolean },
): Promise<ProcessOutcome & { fetched: boolean }> {
  const filing = filingByAccession(deps.db, accession);
  if (!filing)
    throw new UnknownFilingError(
      `no filing ${accession} in the store; run \`regwatch backfill --cik <cik>\` for its company first`,
    );
  const stored = loadPrimaryDocument(deps.db, filing.id);
  const fetched: FetchedFiling = stored
    ? {
        fileNumber: filing.fileNumber,
        primaryDocument: stored.filename,
        companyName: null,
        acceptedAt: null,
        document: {
          filename: stored.filename,
          url: '',
          contentType: stored.contentType,
          bytes: stored.bytes,
          via: 'primary',
        },
      }
    : await fetchFiling(deps, filing);
  const out = storeFiling(deps, filing, fetched, options);
  return { ...out, fetched: !stored };
}
