import { createHash } from 'node:crypto';
import type { Config, Watch } from '../../config/schema.js';
import type { HttpClient } from '../../http/types.js';
import type { Logger } from '../../log/logger.js';
import { logFailure } from '../../log/failure.js';
import { insertAlert } from '../../store/alerts.js';
import {
  findFrDocument,
  frAlertQueued,
  latestFrVersion,
  listPublicInspectionDocuments,
  recordFrPoll,
  recordFrVersion,
  saveFrDocument,
  touchFrDocument,
  watchFilerNames,
  type FrDocumentRow,
} from '../../store/fr.js';
import type { Db } from '../../store/open-database.js';
import { fetchDocument, fetchFullText, fetchPublicInspection, logPagingEnd, searchDocuments } from '../../sources/federal-register/index.js';
import {
  buildSearchUrl,
  diffTrackedFields,
  isBusinessDay,
  normalizeDocumentNumber,
  pollWindow,
  registerDate,
  shortHash,
  trackedFields,
  typeMatches,
  type ChangedField,
  type FullText,
} from '../../sources/federal-register/parse.js';
import { FrDocument, FrPublicInspectionDocument, type FrAgency } from '../../sources/federal-register/schema.js';
import { buildFrAlert, frDedupeKey, type FrAlertDocument, type FrAlertInput } from './alerts.js';
import { classifyDocument, type Classification, type WatchNames } from './classify.js';
import { decidePendingInspection } from './inspection.js';

/** What a Federal Register poll needs; the app object builds it (the CLI's `run --once` and the daemon alike). */
export interface FrPollDeps {
  db: Db;
  client: HttpClient;
  config: Config;
  logger: Logger;
  now: () => Date;
  /** Called after a transaction that queued alerts commits: wakes the sender (see src/daemon/wake-up.ts). */
  alertsCommitted?: () => void;
}

/** What one poll did; also kept in `source_state` (`federal-register.lastPoll`) for `regwatch status`. */
export interface FrPollStats {
  requests?: number;
  documentsSeen: number;
  documentsNew: number;
  documentsUpdated: number;
  publicInspectionNew: number;
  alertsQueued: number;
  errors: number;
}

/** Results per search page (the API allows up to 1000; a day of Commerce documents fits in one page). */
const PER_PAGE = 200;
/**
 * Pages followed per day's search. Past page 50 the API either restarts at page 1 (caught as
 * a repeated page) or, with a `search_after_cursor`, goes on; a day never holds this many.
 */
const MAX_PAGES = 100;

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

function agencyKey(a: FrAgency): string | null {
  if (a.slug) return a.slug;
  const name = a.name ?? a.raw_name;
  return name ? name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') : null;
}

function agencyName(a: FrAgency): string {
  return a.name ?? a.raw_name ?? a.slug ?? 'unknown agency';
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The names each watch's company goes by: watch name, configured company, filer names seen on EDGAR. */
function watchNames(db: Db, watches: readonly Watch[]): WatchNames[] {
  const filers = watchFilerNames(db);
  return watches.map((w) => {
    const names = [w.name, ...(w.company ? [w.company] : []), ...(filers.get(w.name) ?? [])];
    return { name: w.name, names: [...new Set(names)] };
  });
}

function rowFacts(row: FrDocumentRow): Pick<FrDocumentRow, 'documentNumber' | 'normalizedNumber'> {
  return { documentNumber: row.documentNumber, normalizedNumber: row.normalizedNumber };
}

/**
 * One Federal Register poll: the published documents of the configured agencies and types
 * for today and the last few business days, then (on business days) the public-inspection
 * list, then the documents left on inspection (published since, or withdrawn). Each
 * document is stored with its version and its alerts in one transaction; a document that
 * fails (its full text unreadable, a bad response) is counted, logged and left unstored, so
 * the next poll tries it again. One failure never stops the others.
 */
export async function pollFederalRegister(deps: FrPollDeps): Promise<FrPollStats> {
  const { db, config } = deps;
  const fr = config.federalRegister;
  const logger = deps.logger.child({ source: 'federal-register' });
  const counted = countRequests(deps.client);
  const client = counted.client;
  const stats: FrPollStats = { documentsSeen: 0, documentsNew: 0, documentsUpdated: 0, publicInspectionNew: 0, alertsQueued: 0, errors: 0 };
  const watches = watchNames(db, config.watches);
  const started = deps.now();

  const classify = (input: { title: string; abstract: string | null; agencies: string[]; cfr: FrDocument['cfr_references'] }, ft: FullText | null): Classification =>
    classifyDocument({ title: input.title, abstract: input.abstract, text: ft?.text ?? null, cells: ft?.cells ?? [], agencies: input.agencies, cfrReferences: input.cfr }, fr.keywords, watches);

  /** Writes a document, its version and its alert in one transaction. */
  const commit = (write: Parameters<typeof saveFrDocument>[1], version: Parameters<typeof recordFrVersion>[2], alert: Omit<FrAlertInput, 'frNotify' | 'watches'> | null) => {
    const now = deps.now();
    let queued = 0;
    db.transaction(() => {
      const row = saveFrDocument(db, write, now);
      recordFrVersion(db, row.documentNumber, version, now);
      if (alert) {
        const a = buildFrAlert({ ...alert, doc: { ...alert.doc, storedNumber: row.documentNumber }, frNotify: fr.notify, watches: config.watches });
        if (a && insertAlert(db, a, config.recipients, now).created) queued++;
      }
    })();
    stats.alertsQueued += queued;
    if (queued > 0) deps.alertsCommitted?.();
  };

  const alertDoc = (d: FrDocument, storedNumber: string): FrAlertDocument => ({
    storedNumber,
    normalizedNumber: normalizeDocumentNumber(d.document_number),
    documentNumber: d.document_number,
    title: d.title,
    type: d.type,
    agencies: d.agencies.map(agencyName),
    abstract: d.abstract,
    publicationDate: d.publication_date,
    effectiveOn: d.effective_on,
    commentsCloseOn: d.comments_close_on,
    htmlUrl: d.html_url,
    pdfUrl: d.pdf_url,
  });

  /**
   * A published document from a search page or `/documents/{n}.json`: new (or newly published
   * after public inspection), changed in a tracked field (an update), changed elsewhere
   * (stored quietly), unchanged but stored without its text (the text is tried again), or
   * unchanged (only touched).
   */
  const processPublished = async (d: FrDocument): Promise<void> => {
    const n = normalizeDocumentNumber(d.document_number);
    const existing = findFrDocument(db, n);
    const payload = JSON.stringify(d);
    const contentSha256 = sha256(payload);
    const agencies = d.agencies.map(agencyKey).filter((a): a is string => a !== null);
    let outcome: 'new' | 'updated' | 'text' = 'new';
    let changes: ChangedField[] = [];
    let stage: 'published' | 'correction' = 'published';
    let kind: 'fr-document' | 'fr-updated' = 'fr-document';
    let fullText: FullText | null;

    if (existing && existing.status === 'published') {
      const prev = latestFrVersion(db, existing.documentNumber, ['published', 'correction']);
      if (prev && prev.contentSha256 === contentSha256) {
        // Unchanged. Stored without text (not rendered yet when first seen)? Try the text again:
        // matching may now find keywords or companies it could not before.
        fullText = existing.fullText === null && (d.body_html_url || d.raw_text_url) ? await fetchFullText(client, d) : null;
        if (fullText === null) {
          touchFrDocument(db, existing.documentNumber, deps.now());
          return;
        }
        outcome = 'text';
      } else {
        const prevDoc = prev ? FrDocument.safeParse(JSON.parse(prev.payload)) : null;
        changes = prevDoc?.success ? diffTrackedFields(trackedFields(prevDoc.data), trackedFields(d)) : [];
        if (changes.some((c) => c.field === 'corrections')) stage = 'correction';
        if (changes.length === 0) {
          // Metadata outside the tracked fields (a citation assigned later): kept, not alerted.
          const c = { tags: existing.tags, reasons: existing.reasons, matchedWatches: existing.matchedWatches };
          commit(writeOf(d, existing, agencies, existing.fullText, c), { stage, contentSha256, payload }, null);
          return;
        }
        // The body may have changed with the metadata: read it again.
        fullText = await fetchFullText(client, d);
        outcome = 'updated';
        kind = frAlertQueued(db, frDedupeKey('fr-document', n)) ? 'fr-updated' : 'fr-document';
      }
    } else {
      fullText = await fetchFullText(client, d);
      if (existing?.status === 'public-inspection') logger.info({ documentNumber: d.document_number, onInspectionAs: existing.documentNumber }, 'federal-register: a public-inspection document is published');
    }
    if (fullText === null) logger.warn({ documentNumber: d.document_number }, 'federal-register: no full text available yet; stored without it (keyword and company matching read title and abstract only)');
    const c = classify({ title: d.title, abstract: d.abstract, agencies, cfr: d.cfr_references }, fullText);
    const text = fullText?.text ?? existing?.fullText ?? null;
    commit(
      writeOf(d, existing, agencies, text, { tags: c.tags, reasons: c.reasons, matchedWatches: c.watches.map((w) => w.watch) }),
      { stage, contentSha256, payload },
      {
        kind,
        doc: alertDoc(d, existing?.documentNumber ?? d.document_number),
        classification: c,
        fullText: text,
        ...(kind === 'fr-updated' ? { changes, changeHash: shortHash(changes.map((x) => [x.field, x.new])) } : {}),
      },
    );
    // Counted once stored: a document that failed is neither new nor updated yet.
    if (outcome === 'new') stats.documentsNew++;
    else if (outcome === 'updated') stats.documentsUpdated++;
  };

  // 1. Published documents, one search per publication date.
  for (const date of pollWindow(started, fr.lookbackDays)) {
    const url = buildSearchUrl(fr.baseUrl, { agencies: fr.agencies, types: fr.types, date, perPage: PER_PAGE });
    try {
      for await (const page of searchDocuments(client, url, { maxPages: MAX_PAGES, onEnd: (end, pages, at) => {
            // Documents beyond the stop may be missed this time: an error, so status shows it.
            if (end !== 'last-page') stats.errors++;
            logPagingEnd(logger, end, pages, at);
          },
        })) {
        for (const problem of page.problems) {
          stats.errors++;
          logger.error({ problem }, 'federal-register: a search result could not be read; skipped');
        }
        for (const d of page.documents) {
          stats.documentsSeen++;
          if (!typeMatches(d.type, fr.types)) {
            logger.debug({ documentNumber: d.document_number, type: d.type }, 'federal-register: type not configured; skipped');
            continue;
          }
          try {
            await processPublished(d);
          } catch (err) {
            stats.errors++;
            logFailure(logger, err, { documentNumber: d.document_number }, 'federal-register: document not stored; it will be retried on the next poll');
          }
        }
      }
    } catch (err) {
      stats.errors++;
      logFailure(logger, err, { url, date }, 'federal-register: search failed; documents of this date not read this time');
    }
  }

  // 2. Public inspection, on business days.
  const today = registerDate(started);
  if (fr.publicInspection && isBusinessDay(today)) {
    let onInspection: FrPublicInspectionDocument[] | null = null;
    try {
      const list = await fetchPublicInspection(client, fr.baseUrl);
      for (const problem of list.problems) {
        stats.errors++;
        logger.error({ problem }, 'federal-register: a public-inspection entry could not be read; skipped');
      }
      onInspection = list.documents;
    } catch (err) {
      stats.errors++;
      logFailure(logger, err, {}, 'federal-register: public-inspection list not read; tried again next poll');
    }
    for (const p of onInspection ?? []) {
      // The list holds every agency's filings: only the configured agencies and types count.
      const agencies = p.agencies.map(agencyKey).filter((a): a is string => a !== null);
      if (!agencies.some((a) => fr.agencies.includes(a)) || !typeMatches(p.type, fr.types)) continue;
      stats.documentsSeen++;
      const n = normalizeDocumentNumber(p.document_number);
      if (findFrDocument(db, n)) continue; // already on inspection, or already published: nothing new
      try {
        const fullText = await inspectionText(p);
        const title = p.title ?? p.toc_doc ?? p.toc_subject ?? p.document_number;
        const c = classify({ title, abstract: null, agencies, cfr: [] }, fullText);
        const payload = JSON.stringify(p);
        const type = p.type ?? 'Unknown';
        commit(
          {
            documentNumber: p.document_number,
            normalizedNumber: n,
            publishedNumber: null,
            status: 'public-inspection',
            type,
            title,
            agencies,
            abstract: null,
            publicationDate: p.publication_date,
            effectiveOn: null,
            htmlUrl: p.html_url,
            pdfUrl: p.pdf_url,
            filedAt: p.filed_at,
            filingType: p.filing_type,
            tags: c.tags,
            reasons: c.reasons,
            matchedWatches: c.watches.map((w) => w.watch),
            fullText: fullText?.text ?? null,
          },
          { stage: 'public-inspection', contentSha256: sha256(payload), payload },
          {
            kind: 'fr-public-inspection',
            doc: {
              storedNumber: p.document_number,
              normalizedNumber: n,
              documentNumber: p.document_number,
              title,
              type,
              agencies: p.agencies.map(agencyName),
              abstract: null,
              publicationDate: p.publication_date,
              effectiveOn: null,
              htmlUrl: p.html_url,
              pdfUrl: p.pdf_url,
              filedAt: p.filed_at,
              filingType: p.filing_type,
            },
            classification: c,
          },
        );
        stats.publicInspectionNew++;
      } catch (err) {
        stats.errors++;
        logFailure(logger, err, { documentNumber: p.document_number }, 'federal-register: public-inspection document not stored; retried next poll');
      }
    }

    // 3. Documents left on inspection: published since (linked), or withdrawn.
    if (onInspection !== null) {
      const listed = onInspection.map((p) => ({ normalizedNumber: normalizeDocumentNumber(p.document_number), publicationDate: p.publication_date }));
      for (const row of listPublicInspectionDocuments(db)) {
        try {
          await settleInspection(row, listed);
        } catch (err) {
          stats.errors++;
          logFailure(logger, err, { documentNumber: row.documentNumber }, 'federal-register: could not settle a public-inspection document; tried again next poll');
        }
      }
    }
  }

  /**
   * The raw text of a public-inspection document, as a bonus: the alert must not wait for it.
   * Only fetched from the API's own host (the client's allowlist); a failure stores the
   * document without text (title-based matching), and the published stage reads it in full.
   */
  async function inspectionText(p: FrPublicInspectionDocument): Promise<FullText | null> {
    if (!p.raw_text_url) return null;
    let sameOrigin: boolean;
    try {
      sameOrigin = new URL(p.raw_text_url).origin === new URL(fr.baseUrl).origin;
    } catch {
      sameOrigin = false;
    }
    if (!sameOrigin) return null;
    try {
      return await fetchFullText(client, { raw_text_url: p.raw_text_url });
    } catch (err) {
      logFailure(logger, err, { documentNumber: p.document_number }, 'federal-register: public-inspection text not read; matching on the title only');
      return null;
    }
  }

  async function settleInspection(row: FrDocumentRow, listed: { normalizedNumber: string; publicationDate: string | null }[]): Promise<void> {
    let decision = decidePendingInspection(row, listed, today, null);
    if (decision === 'check-published') {
      const published = (await fetchDocument(client, fr.baseUrl, row.documentNumber)) ?? (row.normalizedNumber !== row.documentNumber ? await fetchDocument(client, fr.baseUrl, row.normalizedNumber) : null);
      if (published) {
        await processPublished(published);
        return;
      }
      decision = decidePendingInspection(row, listed, today, false);
    }
    if (decision !== 'withdrawn') return;
    const prev = latestFrVersion(db, row.documentNumber, ['public-inspection']);
    const p = prev ? FrPublicInspectionDocument.safeParse(JSON.parse(prev.payload)) : null;
    const classification = {
      tags: row.tags,
      reasons: row.reasons,
      matchesFilter: fr.keywords.length === 0 || row.reasons.some((r) => !r.tag.startsWith('watch:') && r.tag !== 'agency'),
      watches: row.matchedWatches.map((w) => {
        const reason = row.reasons.find((r) => r.tag === `watch:${w}`);
        return { watch: w, name: w, listed: false, sentence: reason?.sentence ?? '' };
      }),
    };
    const payload = prev?.payload ?? '{}';
    commit(
      { ...writeOf(null, row, row.agencies, row.fullText, { tags: row.tags, reasons: row.reasons, matchedWatches: row.matchedWatches }), status: 'withdrawn' },
      { stage: 'public-inspection', contentSha256: prev?.contentSha256 ?? sha256(payload), payload },
      {
        kind: 'fr-withdrawn',
        doc: {
          storedNumber: row.documentNumber,
          normalizedNumber: row.normalizedNumber,
          documentNumber: row.documentNumber,
          title: row.title,
          type: row.type,
          agencies: p?.success ? p.data.agencies.map(agencyName) : row.agencies,
          abstract: null,
          publicationDate: row.publicationDate,
          effectiveOn: null,
          htmlUrl: row.htmlUrl,
          pdfUrl: row.pdfUrl,
          filedAt: row.filedAt,
          filingType: row.filingType,
        },
        classification,
      },
    );
    logger.info({ documentNumber: row.documentNumber }, 'federal-register: withdrawn from public inspection');
  }

  stats.requests = counted.count();
  recordFrPoll(db, { ...stats }, deps.now());
  logger.info({ ...stats, ms: deps.now().getTime() - started.getTime() }, 'federal-register: poll done');
  return stats;
}

/** The row to write for a published document (or an existing row when `d` is null). */
function writeOf(
  d: FrDocument | null,
  existing: FrDocumentRow | null,
  agencies: string[],
  fullText: string | null,
  c: { tags: string[]; reasons: FrDocumentRow['reasons']; matchedWatches: string[] },
): Parameters<typeof saveFrDocument>[1] {
  if (d === null) {
    const { firstSeenAt: _f, updatedAt: _u, ...rest } = existing!;
    return { ...rest, ...c, fullText };
  }
  const n = normalizeDocumentNumber(d.document_number);
  return {
    ...(existing ? rowFacts(existing) : { documentNumber: d.document_number, normalizedNumber: n }),
    publishedNumber: d.document_number,
    status: 'published',
    type: d.type,
    title: d.title,
    agencies,
    abstract: d.abstract,
    publicationDate: d.publication_date,
    effectiveOn: d.effective_on,
    htmlUrl: d.html_url,
    pdfUrl: d.pdf_url,
    filedAt: existing?.filedAt ?? null,
    filingType: existing?.filingType ?? null,
    fullText,
    ...c,
  };
}
