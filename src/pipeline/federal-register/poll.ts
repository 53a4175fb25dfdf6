import type { HttpClient } from '../../http/types.js';
import { logFailure } from '../../log/failure.js';
import { findFrDocument, listPublicInspectionDocuments, recordFrPoll } from '../../store/fr.js';
import {
  isBusinessDay,
  normalizeDocumentNumber,
  registerDate,
} from '../../sources/federal-register/parse.js';
import type { FrPublicInspectionDocument } from '../../sources/federal-register/schema.js';
import { watchNames } from './analyze.js';
import type { FrPollDeps, FrPollStats, FrRun } from './deps.js';
import { discoverInspection, discoverPublished } from './discover.js';
import { isConfiguredInspection, processInspection } from './process-inspection.js';
import { processPublished } from './process-published.js';
import { settleInspection } from './settle-inspection.js';

export type { FrPollDeps, FrPollStats } from './deps.js';

/** Counts requests made through a client (the stats' `requests`). */
function countRequests(client: HttpClient): { client: HttpClient; count: () => number } {
  let n = 0;
  return {
    client: {
      name: client.name,
      get: (url, options) => {
        n++;
        return client.get(url, options);
      },
    },
    count: () => n,
  };
}

/**
 * One Federal Register poll, in the EDGAR pipeline's steps (discover -> fetch -> analyse ->
 * commit -> queue): the published documents of the configured agencies and types for today
 * and the last few business days, then (on business days) the public-inspection list, then
 * the documents left on inspection (published since, or withdrawn). Each document is stored
 * with its version and its alerts in one transaction; a document that fails (its full text
 * unreadable, a bad response) is counted, logged and left unstored, so the next poll tries it
 * again. One failure never stops the others.
 */
export async function pollFederalRegister(deps: FrPollDeps): Promise<FrPollStats> {
  const counted = countRequests(deps.client);
  const watches = watchNames(deps.db, deps.config.watches);
  const started = deps.now();
  const run: FrRun = {
    deps,
    client: counted.client,
    fr: deps.config.federalRegister,
    logger: deps.logger.child({ source: 'federal-register' }),
    watches,
    today: registerDate(started),
    stats: {
      documentsSeen: 0,
      documentsNew: 0,
      documentsUpdated: 0,
      publicInspectionNew: 0,
      alertsQueued: 0,
      errors: 0,
    },
  };
  await pollPublished(run, started);
  if (run.fr.publicInspection && isBusinessDay(run.today)) await pollInspection(run);

  const { stats } = run;
  stats.requests = counted.count();
  recordFrPoll(deps.db, { ...stats }, deps.now());
  run.logger.info(
    { ...stats, ms: deps.now().getTime() - started.getTime() },
    'federal-register: poll done',
  );
  return stats;
}

/** 1. Published documents, one search per publication date; each processed on its own. */
async function pollPublished(run: FrRun, started: Date): Promise<void> {
  for await (const d of discoverPublished(run, started)) {
    try {
      await processPublished(run, d);
    } catch (err) {
      run.stats.errors++;
      logFailure(
        run.logger,
        err,
        { documentNumber: d.document_number },
        'federal-register: document not stored; it will be retried on the next poll',
      );
    }
  }
}

/** 2. Public inspection (business days): new documents of the configured agencies and types, then 3. those left on it. */
async function pollInspection(run: FrRun): Promise<void> {
  const onInspection = await discoverInspection(run);
  for (const p of onInspection ?? []) {
    // The list holds every agency's filings: only the configured agencies and types count.
    if (!isConfiguredInspection(run, p)) continue;
    run.stats.documentsSeen++;
    if (findFrDocument(run.deps.db, normalizeDocumentNumber(p.document_number))) continue; // already on inspection, or already published: nothing new
    try {
      await processInspection(run, p);
    } catch (err) {
      run.stats.errors++;
      logFailure(
        run.logger,
        err,
        { documentNumber: p.document_number },
        'federal-register: public-inspection document not stored; retried next poll',
      );
    }
  }
  if (onInspection !== null) await settleLeftInspection(run, onInspection);
}

/** 3. Documents left on inspection: published since (linked), or withdrawn. */
async function settleLeftInspection(
  run: FrRun,
  onInspection: FrPublicInspectionDocument[],
): Promise<void> {
  const listed = onInspection.map((p) => ({
    normalizedNumber: normalizeDocumentNumber(p.document_number),
    publicationDate: p.publication_date,
  }));
  for (const row of listPublicInspectionDocuments(run.deps.db)) {
    try {
      await settleInspection(run, row, listed);
    } catch (err) {
      run.stats.errors++;
      logFailure(
        run.logger,
        err,
        { documentNumber: row.documentNumber },
        'federal-register: could not settle a public-inspection document; tried again next poll',
      );
    }
  }
}
