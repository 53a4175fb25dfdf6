/**
 * The EDGAR source's pure parsers, one module per format: the latest-filings Atom feed
 * (atom-feed.ts), the daily form and master indexes (daily-index.ts), the `{accession}-index.htm`
 * filing detail page (filing-index-page.ts), the SGML header of a submission (sgml-header.ts),
 * the submissions JSON's filings (submissions.ts) and the folder's index.json (folder-index.ts).
 * Each takes the body and the URL it came from; anything that is not the expected format throws
 * an `EdgarParseError` naming the URL and the problem (never an empty success). index.ts does
 * the I/O; this file only gathers the parsers for a caller that reads a body it already has.
 */
import { binaryKind } from '../../text/binary-kind.js';

export { isRateThresholdPage, isS3MissingKeyBody } from './answer-pages.js';
export { groupFeedEntries, parseAtomFeed, type FeedEntry } from './atom-feed.js';
export { parseFormIndex, parseMasterIndex } from './daily-index.js';
export {
  parseFilingIndexPage,
  pickPrimaryDocument,
  type FilingIndexPage,
} from './filing-index-page.js';
export { folderDocuments } from './folder-index.js';
export { normalizeAccession, normalizeCik, normalizeDate } from './identifiers.js';
export { parseSgmlHeader, type SgmlHeader } from './sgml-header.js';
export { parseSubmissionFilings } from './submissions.js';

/**
 * What kind of binary a primary document is ('a PDF', 'a PNG image', 'a ZIP archive' ...), from
 * its first bytes, its Content-Type and its name; null when it may be HTML or text. The kinds are
 * the ones every reader of a filing refuses (src/text/binary-kind.ts); this is EDGAR's phrasing.
 */
export function detectBinaryDocument(
  bytes: Uint8Array,
  contentType: string,
  filename: string,
): string | null {
  return binaryKind(bytes, { contentType, filename })?.phrase ?? null;
}
