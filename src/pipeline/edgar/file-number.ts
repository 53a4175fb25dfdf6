import { fetchSubmissions, type FetchedDocument } from '../../sources/edgar/index.js';
import { EdgarParseError } from '../../sources/edgar/errors.js';
import { normalizeCik, parseSgmlHeader } from '../../sources/edgar/parse.js';
import { endpointsOf, type EdgarDeps } from './deps.js';

/** The header is at the start of a full submission; its end is well inside this many bytes. */
const HEADER_BYTES = 256 * 1024;

/**
 * The SEC file number of a filing whose `-index.htm` page could not be read (the folder's
 * index.json has none): from the full submission's `<SEC-HEADER>` when that is the document
 * in hand, else from the company's submissions JSON. Without it an S-1/A would not be threaded
 * to its S-1 (the offering is known by its file number). Null when neither says.
 */
export async function recoverFileNumber(
  deps: EdgarDeps,
  f: { cik: string; accession: string },
  document: FetchedDocument | null,
): Promise<string | null> {
  const cik = normalizeCik(f.cik);
  if (document?.via === 'full-submission') {
    try {
      const head = Buffer.from(document.bytes.subarray(0, HEADER_BYTES)).toString('latin1');
      const header = parseSgmlHeader(head, document.url);
      const own =
        header.filers.find((p) => p.cik === cik && p.fileNumber) ??
        header.filers.find((p) => p.fileNumber);
      if (own?.fileNumber) return own.fileNumber;
    } catch (err) {
      if (!(err instanceof EdgarParseError)) throw err;
      const fields = { accession: f.accession, reason: err.message };
      deps.logger.debug(
        fields,
        'no file number in the full submission header; asking the submissions JSON',
      );
    }
  }
  try {
    const submissions = await fetchSubmissions(deps.client, endpointsOf(deps.config), f.cik);
    return submissions.filings.find((s) => s.accession === f.accession)?.fileNumber ?? null;
  } catch (err) {
    if (!(err instanceof EdgarParseError)) throw err;
    const fields = { accession: f.accession, reason: err.message, cause: 'parse' };
    deps.logger.warn(
      fields,
      'file number unknown: the index page and the submissions JSON could not be read',
    );
    return null;
  }
}
