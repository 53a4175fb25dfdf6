import { RegwatchError } from '../../errors.js';

/**
 * An EDGAR response could not be read as what it should be (bad Atom, bad JSON, a JSON shape
 * the schema rejects, an index page that parses to nothing). Names the URL and the problem,
 * so nobody mistakes a broken answer for "no new filings".
 */
export class EdgarParseError extends RegwatchError {
  override readonly code = 'EDGAR_PARSE';
  constructor(
    readonly url: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${url}: ${problem}`, options);
  }
}

/**
 * The primary document is not something the extractor can read (PDF, image, archive).
 * `fetchPrimaryDocument` raises it internally and falls back to the full submission `.txt`.
 */
export class EdgarUnsupportedDocumentError extends RegwatchError {
  override readonly code = 'EDGAR_UNSUPPORTED_DOCUMENT';
  constructor(
    readonly url: string,
    readonly detected: string,
  ) {
    super(
      `${url}: the primary document is ${detected}, not HTML or text; use the full submission .txt instead`,
    );
  }
}

/**
 * EDGAR answered 403 with its "Request Rate Threshold Exceeded" page where a 403 is otherwise
 * an answer (the daily index). Never read as "not published yet": all SEC traffic must stop
 * for at least 10 minutes (https://www.sec.gov/os/accessing-edgar-data).
 */
export class EdgarRateThresholdError extends RegwatchError {
  override readonly code = 'SEC_RATE_THRESHOLD';
  constructor(readonly url: string) {
    // Transient: waiting out the SEC's block is the cure.
    super(
      `${url}: the SEC answered 403 "Request Rate Threshold Exceeded"; stop all SEC requests for at least 10 minutes`,
      { kind: 'transient' },
    );
  }
}

/** An EDGAR status that is neither data nor a documented "nothing here" answer. */
export class EdgarUnexpectedResponseError extends RegwatchError {
  override readonly code = 'EDGAR_UNEXPECTED_RESPONSE';
  constructor(
    readonly url: string,
    readonly status: number,
    readonly detail: string,
  ) {
    // A server error may pass; any other unexpected answer will be the same next time.
    super(`${url}: unexpected HTTP ${status}: ${detail}`, {
      kind: status >= 500 ? 'transient' : 'permanent',
    });
  }
}
