import type { AlertKind, FrMatchReason } from '../alerts/types.js';
import type { Change, SectionDiff } from '../diff/types.js';
import type { FilingRow, FilingStatus } from './filings.js';
import type { Db } from './open-database.js';
import { readStoredDiff } from './outbox.js';
import { fromJson, stmt } from './sql.js';

/**
 * Read-only queries for the web views (src/web/): the feed and the history pages. Every
 * query is a constant string with bound parameters; a list of watch names is bound as one
 * JSON array and read with json_each, never spliced into the SQL.
 */

/** A watch with what the index page shows beside it. */
export interface WatchOverview {
  name: string;
  removedAt: string | null;
  /** The company of its latest filing, when it has one. */
  company: string | null;
  filings: number;
  latest: {
    alertId: number;
    kind: AlertKind;
    title: string;
    createdAt: string;
    diffId: number | null;
  } | null;
}

/** Every watch (removed ones last), each with its latest alert. */
export function listWatchOverviews(db: Db): WatchOverview[] {
  const rows = stmt(
    db,
    `SELECT w.name, w.removed_at AS removedAt,
       (SELECT count(*) FROM filing_watches fw WHERE fw.watch_name = w.name) AS filings,
       (SELECT f.company_name FROM filing_watches fw JOIN filings f ON f.id = fw.filing_id
          WHERE fw.watch_name = w.name ORDER BY f.filing_date DESC, f.accession DESC LIMIT 1) AS company,
       a.id AS alertId, a.kind, a.title, a.created_at AS createdAt, a.diff_id AS diffId
     FROM watches w
     LEFT JOIN alerts a ON a.id = (SELECT max(aw.alert_id) FROM alert_watches aw WHERE aw.watch_name = w.name)
     ORDER BY w.removed_at IS NOT NULL, w.name`,
  ).all() as (Omit<WatchOverview, 'latest'> & { alertId: number | null } & Omit<
      NonNullable<WatchOverview['latest']>,
      'alertId'
    >)[];
  return rows.map((r) => ({
    name: r.name,
    removedAt: r.removedAt,
    company: r.company,
    filings: r.filings,
    latest:
      r.alertId === null
        ? null
        : {
            alertId: r.alertId,
            kind: r.kind,
            title: r.title,
            createdAt: r.createdAt,
            diffId: r.diffId,
          },
  }));
}

/** Whether a watch of this name is (or was) in the store. */
export function watchExists(db: Db, name: string): boolean {
  return stmt(db, 'SELECT 1 FROM watches WHERE name = ?').get(name) !== undefined;
}

/** One filing on a watch's timeline, with the comparison that its latest section made. */
export interface TimelineFiling extends Pick<
  FilingRow,
  'id' | 'accession' | 'cik' | 'form' | 'fileNumber' | 'filingDate'
> {
  company: string | null;
  status: FilingStatus;
  lastError: string | null;
  sourceUrl: string;
  /** The latest extracted section: found, or why not; null when none was extracted. */
  section: { found: boolean; reason: string | null; riskFactors: number } | null;
  /** The comparison with the previous version, when there was one. */
  diff: {
    id: number;
    similarity: number;
    summary: SectionDiff['summary'];
    previous: { form: string; filingDate: string; accession: string };
  } | null;
}

const TIMELINE = `SELECT f.id, f.accession, f.cik, f.form, f.file_number AS fileNumber, f.filing_date AS filingDate,
    f.company_name AS company, f.status, f.last_error AS lastError, f.source_url AS sourceUrl,
    s.id AS sectionId, s.found, s.reason,
    (SELECT count(*) FROM risk_factors r WHERE r.section_id = s.id) AS riskFactors,
    d.id AS diffId, d.similarity, d.summary, pf.form AS prevForm, pf.filing_date AS prevDate, pf.accession AS prevAccession
  FROM filing_watches fw
  JOIN filings f ON f.id = fw.filing_id
  LEFT JOIN sections s ON s.id = (SELECT max(s2.id) FROM sections s2 WHERE s2.filing_id = f.id)
  LEFT JOIN section_diffs d ON d.id = (SELECT max(d2.id) FROM section_diffs d2 WHERE d2.new_section_id = s.id)
  LEFT JOIN sections ps ON ps.id = d.old_section_id
  LEFT JOIN filings pf ON pf.id = ps.filing_id
  WHERE fw.watch_name = ?
  ORDER BY f.filing_date, f.accession`;

interface TimelineRow extends Omit<TimelineFiling, 'section' | 'diff'> {
  sectionId: number | null;
  found: number | null;
  reason: string | null;
  riskFactors: number;
  diffId: number | null;
  similarity: number | null;
  summary: string | null;
  prevForm: string | null;
  prevDate: string | null;
  prevAccession: string | null;
}

type Summary = SectionDiff['summary'];
const EMPTY_SUMMARY: Summary = {
  added: 0,
  removed: 0,
  modified: 0,
  moved: 0,
  unchanged: 0,
  preamble: 0,
  categoryIntros: 0,
};

/** A watch's filings, oldest first, each with its section and the diff against its previous version. */
export function watchTimeline(db: Db, watch: string): TimelineFiling[] {
  const rows = stmt(db, TIMELINE).all(watch) as TimelineRow[];
  return rows.map((r) => ({
    id: r.id,
    accession: r.accession,
    cik: r.cik,
    form: r.form,
    fileNumber: r.fileNumber,
    filingDate: r.filingDate,
    company: r.company,
    status: r.status,
    lastError: r.lastError,
    sourceUrl: r.sourceUrl,
    section:
      r.sectionId === null
        ? null
        : { found: r.found === 1, reason: r.reason, riskFactors: r.riskFactors },
    diff:
      r.diffId === null
        ? null
        : {
            id: r.diffId,
            similarity: r.similarity ?? 0,
            summary: {
              ...EMPTY_SUMMARY,
              ...fromJson<Partial<Summary>>(
                r.summary,
                `section_diffs.summary (diff ${r.diffId})`,
                {},
              ),
            },
            previous: {
              form: r.prevForm ?? '?',
              filingDate: r.prevDate ?? '',
              accession: r.prevAccession ?? '',
            },
          },
  }));
}

/** A Federal Register document that matched, with why (for a watch, or overall). */
export interface MatchedFrDocument {
  documentNumber: string;
  title: string;
  type: string;
  status: string;
  publicationDate: string | null;
  htmlUrl: string | null;
  reasons: FrMatchReason[];
  /** Why the alert concerned this watch (alert_watches.reason); null on the overall list. */
  watchReason: string | null;
}

interface FrRow extends Omit<MatchedFrDocument, 'reasons'> {
  reasons: string;
}

const toFr = (r: FrRow): MatchedFrDocument => ({
  ...r,
  reasons: fromJson<FrMatchReason[]>(r.reasons, `fr_documents.reasons (${r.documentNumber})`, []),
});

/** The Federal Register documents whose alerts concerned a watch, newest first. */
export function watchFrDocuments(db: Db, watch: string): MatchedFrDocument[] {
  const rows = stmt(
    db,
    `SELECT d.document_number AS documentNumber, d.title, d.type, d.status, d.publication_date AS publicationDate, d.html_url AS htmlUrl,
       d.reasons, max(aw.reason) AS watchReason
     FROM alert_watches aw JOIN alerts a ON a.id = aw.alert_id JOIN fr_documents d ON d.document_number = a.fr_document
     WHERE aw.watch_name = ?
     GROUP BY d.document_number
     ORDER BY coalesce(d.publication_date, d.first_seen_at) DESC, d.document_number DESC`,
  ).all(watch) as FrRow[];
  return rows.map(toFr);
}

/** The latest Federal Register documents stored (all of them matched a rule to be stored). */
export function recentFrDocuments(db: Db, limit: number): MatchedFrDocument[] {
  const rows = stmt(
    db,
    `SELECT document_number AS documentNumber, title, type, status, publication_date AS publicationDate, html_url AS htmlUrl,
       reasons, NULL AS watchReason
     FROM fr_documents ORDER BY coalesce(publication_date, first_seen_at) DESC, document_number DESC LIMIT ?`,
  ).all(limit) as FrRow[];
  return rows.map(toFr);
}

/** An alert as the feed shows it. */
export interface FeedAlert {
  id: number;
  dedupeKey: string;
  kind: AlertKind;
  source: string;
  title: string;
  payload: Record<string, unknown>;
  diffId: number | null;
  frDocument: string | null;
  createdAt: string;
  /** The watches it concerns ('@federal-register' for the register's own rules). */
  watches: string[];
}

const FEED_COLUMNS = `a.id, a.dedupe_key AS dedupeKey, a.kind, a.source, a.title, a.payload, a.diff_id AS diffId,
  a.fr_document AS frDocument, a.created_at AS createdAt,
  (SELECT json_group_array(aw2.watch_name) FROM alert_watches aw2 WHERE aw2.alert_id = a.id) AS watches`;
const FEED_ALL = `SELECT ${FEED_COLUMNS} FROM alerts a WHERE a.source != 'operator' ORDER BY a.id DESC LIMIT ?`;
// IN, not a join: an alert concerning two watches of one group is one entry.
const FEED_WATCHES = `SELECT ${FEED_COLUMNS} FROM alerts a
  WHERE a.source != 'operator' AND a.id IN (SELECT aw.alert_id FROM alert_watches aw WHERE aw.watch_name IN (SELECT value FROM json_each(?)))
  ORDER BY a.id DESC LIMIT ?`;

/**
 * The latest alerts (newest first, operator notices left out), all of them or those
 * concerning any of `watches` (a watch name, or '@federal-register').
 */
export function feedAlerts(
  db: Db,
  filter: { watches: string[] | null; limit: number },
): FeedAlert[] {
  const raw =
    filter.watches === null
      ? stmt(db, FEED_ALL).all(filter.limit)
      : stmt(db, FEED_WATCHES).all(JSON.stringify(filter.watches), filter.limit);
  const rows = raw as (Omit<FeedAlert, 'payload' | 'watches'> & {
    payload: string;
    watches: string;
  })[];
  return rows.map((r) => ({
    ...r,
    payload: fromJson<Record<string, unknown>>(r.payload, `alerts.payload (alert ${r.id})`, {}),
    watches: fromJson<string[]>(r.watches, 'alert_watches', []),
  }));
}

/** The two filings a stored diff compares, for the redline page's title. */
export interface DiffSides {
  company: string | null;
  cik: string;
  watches: string[];
  old: { form: string; filingDate: string; accession: string; sourceUrl: string };
  new: { form: string; filingDate: string; accession: string; sourceUrl: string };
}

/** Which filings a diff compares; null when there is no such diff. */
export function diffSides(db: Db, diffId: number): DiffSides | null {
  const r = stmt(
    db,
    `SELECT nf.company_name AS company, nf.cik,
       oldf.form AS oldForm, oldf.filing_date AS oldDate, oldf.accession AS oldAccession, oldf.source_url AS oldUrl,
       nf.form AS newForm, nf.filing_date AS newDate, nf.accession AS newAccession, nf.source_url AS newUrl,
       (SELECT json_group_array(fw.watch_name) FROM filing_watches fw WHERE fw.filing_id = nf.id) AS watches
     FROM section_diffs d
     JOIN sections os ON os.id = d.old_section_id JOIN filings oldf ON oldf.id = os.filing_id
     JOIN sections ns ON ns.id = d.new_section_id JOIN filings nf ON nf.id = ns.filing_id
     WHERE d.id = ?`,
  ).get(diffId) as Record<string, string | null> | undefined;
  if (!r) return null;
  const side = (p: 'old' | 'new') => ({
    form: r[`${p}Form`]!,
    filingDate: r[`${p}Date`]!,
    accession: r[`${p}Accession`]!,
    sourceUrl: r[`${p}Url`]!,
  });
  const watches = fromJson<string[]>(r.watches, 'filing_watches', []);
  return { company: r.company ?? null, cik: r.cik!, watches, old: side('old'), new: side('new') };
}

/**
 * A stored diff with every change in one list (preamble and category introductions first,
 * as they stand before the factors), read through the outbox's own reader so the pages and
 * the mail show the same thing. Null when there is no such diff.
 */
export function readDiffForView(db: Db, diffId: number): SectionDiff | null {
  const stored = readStoredDiff(db, diffId);
  if (!stored) return null;
  const text: Change[] = stored.sectionChanges.map((c) =>
    c.kind === 'preamble'
      ? {
          kind: 'preamble',
          wordsAdded: c.wordsAdded,
          wordsRemoved: c.wordsRemoved,
          redline: c.redline,
        }
      : { ...c, kind: 'category-intro', category: c.category ?? '' },
  );
  return { ...stored.diff, changes: [...text, ...stored.diff.changes] };
}
