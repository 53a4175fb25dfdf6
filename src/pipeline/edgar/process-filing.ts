import type { FilingFacts } from '../../alerts/types.js';
import type { Watch } from '../../config/schema.js';
import type { ExtractionResult } from '../../extract/extract-risk-factors.js';
import { EXTRACTOR_VERSION } from '../../extract/version.js';
import {
  documentUrl,
  fetchFilingDetail,
  fetchPrimaryDocument,
  filingIndexUrl,
  type FetchedDocument,
} from '../../sources/edgar/index.js';
import { compareVersions, extractFiling } from '../analyze.js';
import { insertAlert } from '../../store/alerts.js';
import { insertDiff, insertKeywordHits } from '../../store/diffs.js';
import {
  filingById,
  linkFilingDocument,
  loadPrimaryDocument,
  markFilingFailed,
  markFilingProcessed,
  storeDocument,
  unlinkFilingWatches,
  watchesOfFiling,
  type FilingRow,
} from '../../store/filings.js';
import {
  insertSection,
  loadSectionForDiff,
  previousFilingWithSection,
  sectionConfidence,
  sectionOfVersion,
  type Lineage,
} from '../../store/sections.js';
import { diffAlert, eventAlert, newFilingAlert, unreadableAlert, type Audience } from './alerts.js';
import { endpointsOf, type EdgarDeps } from './deps.js';
import { recoverFileNumber } from './file-number.js';
import { hasRiskFactors, isAnnualReport, isOriginalRegistration, lifecycleEvent } from './forms.js';
import { diffKeywordHits, presentKeywordHits } from './keyword-facts.js';

/** What fetching a filing yields before anything is written. */
export interface FetchedFiling {
  fileNumber: string | null;
  primaryDocument: string | null;
  companyName: string | null;
  acceptedAt: string | null;
  document: FetchedDocument | null;
}

/**
 * Fetches what processing needs: the filing detail (file number, primary document) unless
 * discovery already knew it, then the primary document when the form has risk factors.
 * @throws the HTTP client's coded errors and EdgarParseError; nothing is written.
 */
export async function fetchFiling(deps: EdgarDeps, f: FilingRow): Promise<FetchedFiling> {
  const ep = endpointsOf(deps.config);
  let out: FetchedFiling = {
    fileNumber: f.fileNumber,
    primaryDocument: f.primaryDocument,
    companyName: null,
    acceptedAt: null,
    document: null,
  };
  let pageUnread = false;
  if (!f.fileNumber || !f.primaryDocument) {
    const d = await fetchFilingDetail(deps.client, ep, f.cik, f.accession);
    pageUnread = d.source === 'index-json';
    out = {
      ...out,
      fileNumber: f.fileNumber ?? d.fileNumber,
      primaryDocument: f.primaryDocument ?? d.primaryDocument,
      companyName: d.companyName,
      acceptedAt: d.acceptedAt,
    };
  }
  if (lifecycleEvent(f.form) === null && hasRiskFactors(f.form)) {
    out.document = await fetchPrimaryDocument(
      deps.client,
      ep,
      f.cik,
      f.accession,
      out.primaryDocument,
    );
  }
  if (!out.fileNumber && pageUnread)
    out.fileNumber = await recoverFileNumber(deps, f, out.document);
  return out;
}

/** The facts every alert about a filing carries. */
export function factsOf(deps: EdgarDeps, f: FilingRow): FilingFacts {
  const ep = endpointsOf(deps.config);
  return {
    cik: f.cik,
    company: f.companyName ?? `CIK ${f.cik}`,
    form: f.form,
    accession: f.accession,
    fileNumber: f.fileNumber,
    filingDate: f.filingDate,
    url: filingIndexUrl(ep, f.cik, f.accession),
    documentUrl: f.primaryDocument ? documentUrl(ep, f.cik, f.accession, f.primaryDocument) : null,
  };
}

function lineageOf(f: FilingRow): Lineage {
  if (isAnnualReport(f.form)) return { kind: 'company', cik: f.cik, forms: 'annual' };
  if (f.fileNumber) return { kind: 'offering', fileNumber: f.fileNumber };
  return { kind: 'company', cik: f.cik, forms: 'prospectus' };
}

/** The configured watches this filing matched (watches since removed from the config are left out). */
function audienceOf(deps: EdgarDeps, f: FilingRow): { audience: Audience; watches: Watch[] } {
  const byName = new Map(deps.config.watches.map((w) => [w.name, w]));
  const linked = watchesOfFiling(deps.db, f.id).flatMap((l) => {
    const w = byName.get(l.watchName);
    return w ? [{ watch: w, reason: l.matchedBy }] : [];
  });
  return {
    audience: {
      watches: linked.map((l) => ({
        name: l.watch.name,
        reason: l.reason,
        notify: l.watch.notify,
      })),
    },
    watches: linked.map((l) => l.watch),
  };
}

function keywordsByWatch(watches: Watch[]): Map<string, string[]> {
  return new Map(
    watches
      .map((w): [string, string[]] => [
        w.name,
        [...new Set([...w.keywords, ...(w.newRegistrants?.keywords ?? [])])],
      ])
      .filter(([, k]) => k.length > 0),
  );
}

export interface ProcessOutcome {
  sectionFound: boolean | null;
  alertsQueued: number;
  diffId: number | null;
}

/**
 * Stores a fetched filing in ONE transaction: the raw document, the extracted section and its
 * risk factors, the diff against the previous version of the same offering (or the previous
 * annual report), keyword hits per watch, and the alert with one delivery per recipient.
 * Extraction is pure and runs before the transaction opens. The diff (pure too) runs inside
 * it: which version came before, and that version's section (re-extracted and stored when an
 * older extractor read it), are read from the store in the same transaction that writes this one.
 */
export function storeFiling(
  deps: EdgarDeps,
  f: FilingRow,
  fetched: FetchedFiling,
  options: { alert: boolean },
): ProcessOutcome {
  const { db } = deps;
  const now = deps.now();
  const result: ExtractionResult | null = fetched.document
    ? extractFiling(fetched.document.bytes, f.form, { trustForm: true })
    : null;
  const outcome: ProcessOutcome = {
    sectionFound: result ? result.found : null,
    alertsQueued: 0,
    diffId: null,
  };
  db.transaction(() => {
    if (fetched.document) {
      const docId = storeDocument(db, fetched.document.bytes, fetched.document.contentType, now);
      linkFilingDocument(
        db,
        f.id,
        docId,
        fetched.document.filename,
        fetched.document.via === 'primary' ? f.form : 'full-submission',
        true,
      );
    }
    markFilingProcessed(
      db,
      f.id,
      {
        fileNumber: fetched.fileNumber,
        primaryDocument: fetched.document?.filename ?? fetched.primaryDocument,
        companyName: fetched.companyName,
        acceptedAt: fetched.acceptedAt,
      },
      now,
    );
    const filing = filingById(db, f.id)!;
    const facts = factsOf(deps, filing);
    let { audience, watches } = audienceOf(deps, filing);
    const queue = (alert: Parameters<typeof insertAlert>[1]) => {
      if (!options.alert || filing.history || audience.watches.length === 0) return;
      if (insertAlert(db, alert, deps.config.recipients, now).created) outcome.alertsQueued++;
    };
    const event = lifecycleEvent(filing.form);
    if (event) return queue(eventAlert(facts, event, audience, filing.id));
    if (!result) return; // a form without risk factors (an 8-K a company watch asked for): stored, nothing to read
    const sectionId = insertSection(db, filing.id, result, EXTRACTOR_VERSION, now);
    if (!result.found)
      return queue(
        unreadableAlert(
          facts,
          result.reason ?? 'no Risk Factors section found',
          audience,
          filing.id,
        ),
      );

    // A new-registrant watch with phrases matches a first registration only if its risk factors hold one.
    if (isOriginalRegistration(filing.form)) {
      const present = presentKeywordHits(
        new Map(
          watches
            .filter((w) => w.newRegistrants?.keywords.length)
            .map((w) => [w.name, w.newRegistrants!.keywords]),
        ),
        result.riskFactors,
      );
      const keep = (w: Watch) =>
        !w.newRegistrants?.keywords.length || present.some((h) => h.watch === w.name);
      const dropped = watches.filter((w) => !keep(w)).map((w) => w.name);
      if (dropped.length > 0) {
        unlinkFilingWatches(db, filing.id, dropped);
        deps.logger.info(
          { accession: filing.accession, watches: dropped },
          'new registrant does not mention the watched phrases; not followed',
        );
        watches = watches.filter(keep);
        audience = { watches: audience.watches.filter((w) => !dropped.includes(w.name)) };
      }
    }
    const keywords = keywordsByWatch(watches);
    const previous = previousFilingWithSection(db, filing, lineageOf(filing));
    if (!previous) {
      const hits = presentKeywordHits(keywords, result.riskFactors);
      insertKeywordHits(db, sectionId, null, hits);
      return queue(newFilingAlert(facts, result, hits, audience, filing.id));
    }
    const prevSectionId = sectionForDiff(deps, previous.filingId, previous.sectionId, now);
    const { diff, warnings } = compareVersions(loadSectionForDiff(db, prevSectionId), result, [
      ...new Set([...keywords.values()].flat()),
    ]);
    if (warnings.length > 0)
      deps.logger.warn(
        { accession: filing.accession, previous: previous.filingId, warnings },
        'this version and the one before it read like different filings',
      );
    const diffId = insertDiff(db, prevSectionId, sectionId, diff, now);
    outcome.diffId = diffId;
    const hits = diffKeywordHits(keywords, diff.keywordHits, result.riskFactors);
    insertKeywordHits(db, sectionId, diffId, hits);
    const previousFacts = factsOf(deps, filingById(db, previous.filingId)!);
    queue(
      diffAlert(
        facts,
        previousFacts,
        diff,
        hits,
        audience,
        filing.id,
        diffId,
        result.confidence,
        sectionConfidence(db, prevSectionId),
        [...new Set(watches.flatMap((w) => w.topics))],
      ),
    );
  })();
  if (outcome.alertsQueued > 0) deps.alertsCommitted?.();
  return outcome;
}

/**
 * The previous version's section as the current extractor reads it: diffs compare sections of
 * one extractor version, so an older one is re-extracted from the stored document (no network).
 */
function sectionForDiff(
  deps: EdgarDeps,
  filingId: number,
  latestSectionId: number,
  now: Date,
): number {
  const current = sectionOfVersion(deps.db, filingId, EXTRACTOR_VERSION);
  if (current?.found) return current.id;
  const stored = loadPrimaryDocument(deps.db, filingId);
  const filing = filingById(deps.db, filingId)!;
  if (!stored) return latestSectionId;
  const r = extractFiling(stored.bytes, filing.form, { trustForm: true });
  return r.found ? insertSection(deps.db, filingId, r, EXTRACTOR_VERSION, now) : latestSectionId;
}

/** A filing that could not be fetched for good: kept, marked failed, and reported (never silently dropped). */
export function failFiling(
  deps: EdgarDeps,
  f: FilingRow,
  reason: string,
  options: { alert: boolean },
): number {
  const now = deps.now();
  let queued = 0;
  deps.db.transaction(() => {
    markFilingFailed(deps.db, f.id, reason, now);
    const { audience } = audienceOf(deps, f);
    if (!options.alert || f.history || audience.watches.length === 0 || lifecycleEvent(f.form))
      return;
    if (
      insertAlert(
        deps.db,
        unreadableAlert(factsOf(deps, f), reason, audience, f.id),
        deps.config.recipients,
        now,
      ).created
    )
      queued++;
  })();
  if (queued > 0) deps.alertsCommitted?.();
  return queued;
}
