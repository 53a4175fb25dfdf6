import { logFailure } from '../../log/failure.js';
import {
  fetchPublicInspection,
  logPagingEnd,
  searchDocuments,
  type PagingEnd,
} from '../../sources/federal-register/index.js';
import { buildSearchUrl, pollWindow, typeMatches } from '../../sources/federal-register/parse.js';
import type {
  FrDocument,
  FrPublicInspectionDocument,
} from '../../sources/federal-register/schema.js';
import type { FrRun } from './deps.js';

/** Results per search page (the API allows up to 1000; a day of Commerce documents fits in one page). */
const PER_PAGE = 200;
/**
 * Pages followed per day's search. Past page 50 the API either restarts at page 1 (caught as
 * a repeated page) or, with a `search_after_cursor`, goes on; a day never holds this many.
 */
const MAX_PAGES = 100;

/**
 * The discover step for published documents: one search per publication date of the poll's
 * window (today and the last few business days), page by page, yielding each document of a
 * configured type as it is read (the caller processes it before the next page is asked for).
 * Unreadable results, a search stopped early and a failed search are counted and logged; the
 * other dates are still read.
 */
export async function* discoverPublished(run: FrRun, started: Date): AsyncGenerator<FrDocument> {
  const { fr, logger, stats } = run;
  for (const date of pollWindow(started, fr.lookbackDays)) {
    const url = buildSearchUrl(fr.baseUrl, {
      agencies: fr.agencies,
      types: fr.types,
      date,
      perPage: PER_PAGE,
    });
    try {
      const onEnd = (end: PagingEnd, pages: number, at: string): void => {
        // Documents beyond the stop may be missed this time: an error, so status shows it.
        if (end !== 'last-page') stats.errors++;
        logPagingEnd(logger, end, pages, at);
      };
      for await (const page of searchDocuments(run.client, url, { maxPages: MAX_PAGES, onEnd })) {
        for (const problem of page.problems) {
          stats.errors++;
          logger.error({ problem }, 'federal-register: a search result could not be read; skipped');
        }
        for (const d of page.documents) {
          stats.documentsSeen++;
          if (!typeMatches(d.type, fr.types)) {
            logger.debug(
              { documentNumber: d.document_number, type: d.type },
              'federal-register: type not configured; skipped',
            );
            continue;
          }
          yield d;
        }
      }
    } catch (err) {
      stats.errors++;
      logFailure(
        logger,
        err,
        { url, date },
        'federal-register: search failed; documents of this date not read this time',
      );
    }
  }
}

/**
 * The discover step for public inspection: today's whole list (every agency's filings), or
 * null when it could not be read (counted and logged; tried again next poll). Entries that
 * could not be read are counted, logged and left out.
 */
export async function discoverInspection(run: FrRun): Promise<FrPublicInspectionDocument[] | null> {
  const { logger, stats } = run;
  try {
    const list = await fetchPublicInspection(run.client, run.fr.baseUrl);
    for (const problem of list.problems) {
      stats.errors++;
      logger.error(
        { problem },
        'federal-register: a public-inspection entry could not be read; skipped',
      );
    }
    return list.documents;
  } catch (err) {
    stats.errors++;
    logFailure(
      logger,
      err,
      {},
      'federal-register: public-inspection list not read; tried again next poll',
    );
    return null;
  }
}
