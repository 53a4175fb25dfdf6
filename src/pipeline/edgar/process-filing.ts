import type { FilingFacts, NewAlert } from '../../alerts/types.js';
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
 * The steps: record what was fetched, read it (section, diff, keyword hits), queue the alert.
 */
export function storeFiling(
  deps: EdgarDeps,
  f: FilingRow,
  fetched: FetchedFiling,
  options: { alert: boolean },
): ProcessOutcome {
  const now = deps.now();
  const result: ExtractionResult | null = fetched.document
    ? extractFiling(fetched.document.bytes, f.form, { trustForm: true })
    : null;
  const outcome: ProcessOutcome = {
    sectionFound: result ? result.found : null,
    alertsQueued: 0,
    diffId: null,
  };
  deps.db.transaction(() => {
    const filing = recordFetched(deps, f, fetched, now);
    const read = readStoredFiling(deps, filing, result, now);
    outcome.diffId = read.diffId;
    if (!read.alert || !options.alert || filing.history || read.audience.watches.length === 0)
      return;
    if (insertAlert(deps.db, read.alert, deps.config.recipients, now).created)
      outcome.alertsQueued++;
  })();
  if (outcome.alertsQueued > 0) deps.alertsCommitted?.();
  return outcome;
}

/** Step 1: the fetched document stored and linked, the filing marked processed; the row as it now is. */
function recordFetched(
  deps: EdgarDeps,
  f: FilingRow,
  fetched: FetchedFiling,
  now: Date,
): FilingRow {
  const { db } = deps;
  const doc = fetched.document;
  if (doc) {
    const docId = storeDocument(db, doc.bytes, doc.contentType, now);
    const kind = doc.via === 'primary' ? f.form : 'full-submission';
    linkFilingDocument(db, f.id, docId, doc.filename, kind, true);
  }
  const processed = {
    fileNumber: fetched.fileNumber,
    primaryDocument: doc?.filename ?? fetched.primaryDocument,
    companyName: fetched.companyName,
    acceptedAt: fetched.acceptedAt,
  };
  markFilingProcessed(db, f.id, processed, now);
  return filingById(db, f.id)!;
}

/** What reading a stored filing decided: the alert to queue (if any), to whom, and the diff stored. */
interface StoredReading {
  alert: NewAlert | null;
  audience: Audience;
  diffId: number | null;
}

/**
 * Step 2: the filing read: a lifecycle event is its alert; otherwise its section is stored and,
 * when found, searched for the watched phrases (a first version) or compared with the previous
 * version (step 2b).
 */
function readStoredFiling(
  deps: EdgarDeps,
  filing: FilingRow,
  result: ExtractionResult | null,
  now: Date,
): StoredReading {
  const facts = factsOf(deps, filing);
  const matched = audienceOf(deps, filing);
  const event = lifecycleEvent(filing.form);
  const none = { alert: null, audience: matched.audience, diffId: null };
  if (event) return { ...none, alert: eventAlert(facts, event, matched.audience, filing.id) };
  if (!result) return none; // a form without risk factors (an 8-K a company watch asked for): stored, nothing to read
  const sectionId = insertSection(deps.db, filing.id, result, EXTRACTOR_VERSION, now);
  if (!result.found) {
    const reason = result.reason ?? 'no Risk Factors section found';
    return { ...none, alert: unreadableAlert(facts, reason, matched.audience, filing.id) };
  }
  const followed = followedWatches(deps, filing, result, matched);
  const previous = previousFilingWithSection(deps.db, filing, lineageOf(filing));
  if (!previous) {
    const hits = presentKeywordHits(keywordsByWatch(followed.watches), result.riskFactors);
    insertKeywordHits(deps.db, sectionId, null, hits);
    const alert = newFilingAlert(facts, result, hits, followed.audience, filing.id);
    return { alert, audience: followed.audience, diffId: null };
  }
  return diffWithPrevious(deps, { filing, facts, result, sectionId }, previous, followed, now);
}

/**
 * Step 2b: this version compared with the one before it (that one's section read by the
 * current extractor), the diff and its keyword hits stored, and the diff alert made.
 */
function diffWithPrevious(
  deps: EdgarDeps,
  current: { filing: FilingRow; facts: FilingFacts; result: ExtractionResult; sectionId: number },
  previous: { filingId: number; sectionId: number },
  followed: { audience: Audience; watches: Watch[] },
  now: Date,
): StoredReading {
  const { filing, facts, result, sectionId } = current;
  const { audience, watches } = followed;
  const keywords = keywordsByWatch(watches);
  const prior = filingById(deps.db, previous.filingId)!;
  const prevSectionId = sectionForDiff(deps, prior, previous.sectionId, now);
  const { diff, warnings } = compareVersions(loadSectionForDiff(deps.db, prevSectionId), result, [
    ...new Set([...keywords.values()].flat()),
  ]);
  if (warnings.length > 0)
    deps.logger.warn(
      { accession: filing.accession, previous: previous.filingId, warnings },
      'this version and the one before it read like different filings',
    );
  const diffId = insertDiff(deps.db, prevSectionId, sectionId, diff, now);
  const hits = diffKeywordHits(keywords, diff.keywordHits, result.riskFactors);
  insertKeywordHits(deps.db, sectionId, diffId, hits);
  const alert = diffAlert(
    facts,
    factsOf(deps, prior),
    diff,
    hits,
    audience,
    filing.id,
    diffId,
    result.confidence,
    sectionConfidence(deps.db, prevSectionId),
    [...new Set(watches.flatMap((w) => w.topics))],
  );
  return { alert, audience, diffId };
}

/**
 * The watches that follow this filing. A new-registrant watch with phrases matches a first
 * registration only if its risk factors hold one: the others are unlinked (in the transaction
 * that stores the filing) and leave the audience.
 */
function followedWatches(
  deps: EdgarDeps,
  filing: FilingRow,
  result: ExtractionResult,
  matched: { audience: Audience; watches: Watch[] },
): { audience: Audience; watches: Watch[] } {
  if (!isOriginalRegistration(filing.form)) return matched;
  const phrases = new Map(
    matched.watches
      .filter((w) => w.newRegistrants?.keywords.length)
      .map((w) => [w.name, w.newRegistrants!.keywords]),
  );
  const present = presentKeywordHits(phrases, result.riskFactors);
  const keep = (w: Watch) =>
    !w.newRegistrants?.keywords.length || present.some((h) => h.watch === w.name);
  const dropped = matched.watches.filter((w) => !keep(w)).map((w) => w.name);
  if (dropped.length === 0) return matched;
  unlinkFilingWatches(deps.db, filing.id, dropped);
  deps.logger.info(
    { accession: filing.accession, watches: dropped },
    'new registrant does not mention the watched phrases; not followed',
  );
  return {
    watches: matched.watches.filter(keep),
    audience: { watches: matched.audience.watches.filter((w) => !dropped.includes(w.name)) },
  };
}

/**
 * The previous version's section as the current extractor reads it: diffs compare sections of
 * one extractor version, so an older one is re-extracted from the stored document (no network).
 */
function sectionForDiff(
  deps: EdgarDeps,
  filing: FilingRow,
  latestSectionId: number,
  now: Date,
): number {
  const current = sectionOfVersion(deps.db, filing.id, EXTRACTOR_VERSION);
  if (current?.found) return current.id;
  const stored = loadPrimaryDocument(deps.db, filing.id);
  if (!stored) return latestSectionId;
  const r = extractFiling(stored.bytes, filing.form, { trustForm: true });
  return r.found ? insertSection(deps.db, filing.id, r, EXTRACTOR_VERSION, now) : latestSectionId;
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
