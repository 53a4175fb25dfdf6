/**
 * What an alert says, as stored in `alerts.payload` (JSON). Sources write these facts in the
 * same transaction as the change that caused the alert; `notify/` renders a message from
 * them (and from the stored changes of `alerts.diff_id`) at send time, so a digest or a
 * re-sent message is always rebuilt from stored data, never copied from an earlier message.
 */
export type AlertKind =
  | 'filing-new' // first version of an offering / first 10-K seen: company, form, counts, categories
  | 'filing-diff' // a later version: what was added, removed, reworded (changes under alerts.diff_id)
  | 'filing-unreadable' // filed, but its risk factors could not be read (reason given)
  | 'filing-event' // a lifecycle event without risk factors: RW withdrawal, EFFECT
  | 'fr-document' // a new Federal Register document
  | 'fr-updated' // a seen Federal Register document changed (fields listed)
  | 'fr-public-inspection' // a document on public inspection, before publication
  | 'fr-withdrawn' // a public-inspection document withdrawn before publication
  | 'operator'; // a message to the operator (dead deliveries, SEC pause)

/** The source that raised an alert; `alerts.source`. */
export type AlertSource = 'edgar' | 'federal-register' | 'operator';

/** A keyword found in a filing, for one watch, with the sentence that holds it. */
export interface KeywordHitFact {
  watch: string;
  keyword: string;
  kind: 'added' | 'modified' | 'present';
  heading: string;
  sentence: string | null;
}

/** Facts common to every EDGAR alert. */
export interface FilingFacts {
  cik: string;
  company: string;
  form: string;
  accession: string;
  fileNumber: string | null;
  filingDate: string;
  /** The filing's index page on sec.gov (or the configured EDGAR host). */
  url: string;
  /** The primary document, when known. */
  documentUrl: string | null;
}

/**
 * Set when the alert was built from an extraction of low confidence: the extractor's reasons
 * for doubt, in words, so the reader knows to check the filing itself. Absent otherwise (and
 * on alerts stored before extractions said so).
 */
export interface ExtractionDoubtFact {
  extractionDoubts?: string[];
}

export interface FilingNewPayload extends FilingFacts, ExtractionDoubtFact {
  riskFactorCount: number;
  categories: string[];
  sectionWords: number;
  keywordHits: KeywordHitFact[];
  warnings: string[];
}

export interface FilingDiffPayload extends FilingFacts, ExtractionDoubtFact {
  /** The version compared against. */
  previous: FilingFacts;
  summary: {
    added: number;
    removed: number;
    modified: number;
    moved: number;
    unchanged: number;
    preamble?: number;
    categoryIntros?: number;
  };
  similarity: number;
  keywordHits: KeywordHitFact[];
  /** Topics the watches covering this filing name (`topics:`): changes touching them come first. */
  topics?: string[];
}

export interface FilingUnreadablePayload extends FilingFacts {
  reason: string;
}

export interface FilingEventPayload extends FilingFacts {
  event: 'withdrawn' | 'effective' | 'other';
  note: string;
}

/** Why a Federal Register document matched: a tag and the sentence that shows it. */
export interface FrMatchReason {
  tag: string; // entity-list | export-control | keyword:<phrase> | agency | watch:<name>
  sentence: string | null;
}

/** One Entity List entry a rule adds, removes or revises (parsed from its amendatory text). */
export interface EntityListEntryFact {
  action: 'added' | 'removed' | 'revised';
  name: string;
  /** As the rule writes the destination, e.g. "CHINA, PEOPLE'S REPUBLIC OF". */
  country: string;
  /** The entry names a watched company: listed first. */
  watched?: boolean;
}

export interface FrDocumentPayload {
  documentNumber: string;
  title: string;
  type: string;
  agencies: string[];
  abstract: string | null;
  publicationDate: string | null;
  effectiveOn: string | null;
  /** The comment deadline, when the document invites comments (absent on alerts stored before it was kept). */
  commentsCloseOn?: string | null;
  htmlUrl: string | null;
  pdfUrl: string | null;
  reasons: FrMatchReason[];
  /** For Entity List rules: the entries added, removed and revised, watched companies first. */
  entityList?: EntityListEntryFact[];
  /** Watches whose company the document names (their recipients get the alert too). */
  watches: string[];
  /** For fr-updated: the fields that changed, old and new. */
  changedFields?: { field: string; old: string | null; new: string | null }[];
  /** For fr-public-inspection: filing time and scheduled publication. */
  filedAt?: string | null;
  filingType?: 'regular' | 'special' | null;
}

export interface OperatorPayload {
  message: string;
  details?: Record<string, unknown>;
}

export type AlertPayload =
  | FilingNewPayload
  | FilingDiffPayload
  | FilingUnreadablePayload
  | FilingEventPayload
  | FrDocumentPayload
  | OperatorPayload;

/**
 * An alert to write into the outbox. The writer resolves `recipientGroups` to addresses
 * (one delivery row per address, immediate or digest by the group's mode) in the same
 * transaction as the alert row.
 */
export interface NewAlert {
  dedupeKey: string;
  kind: AlertKind;
  source: AlertSource;
  title: string;
  payload: AlertPayload;
  threadKey: string | null;
  filingId?: number | null;
  diffId?: number | null;
  frDocument?: string | null;
  /** Which watches (or '@federal-register') the alert concerns, and why. */
  watches: { name: string; reason: string }[];
  recipientGroups: string[];
}
