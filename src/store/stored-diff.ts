import type {
  Change,
  ChangeTags,
  FigureChange,
  MaterialityClass,
  RedlineOp,
  SectionDiff,
} from '../diff/types.js';
import type { Db } from './open-database.js';
import { fromJson, stmt } from './sql.js';

/**
 * A stored diff read back into the shape the redline renderers take, so a message, a digest or
 * a history page is rebuilt from stored data (never from a fresh diff).
 */

/** A stored change outside the factor list: the section's preamble or a category's introduction. */
export interface SectionTextChange extends ChangeTags {
  kind: 'preamble' | 'category-intro';
  category: string | null;
  redline: RedlineOp[];
  wordsAdded: number;
  wordsRemoved: number;
}

/** A stored diff, rebuilt into the shape the redline renderers take. */
export interface StoredDiff {
  diff: SectionDiff;
  sectionChanges: SectionTextChange[];
}

interface ChangeRow {
  position: number;
  kind: 'added' | 'removed' | 'modified' | 'moved' | 'preamble' | 'category-intro';
  oldPosition: number | null;
  newPosition: number | null;
  oldHeading: string | null;
  newHeading: string | null;
  oldCategory: string | null;
  newCategory: string | null;
  headingChanged: number;
  moved: number;
  similarity: number | null;
  wordsAdded: number;
  wordsRemoved: number;
  text: string | null;
  headingRedline: string | null;
  redline: string | null;
  materiality: MaterialityClass | null;
  materialityReason: string | null;
  figures: string | null;
  topics: string | null;
}

/** The kinds of change to one risk factor (the others are section text changes). */
type FactorChangeKind = Exclude<ChangeRow['kind'], SectionTextChange['kind']>;

interface DiffRow {
  similarity: number;
  summary: string;
  oldFactors: number;
  newFactors: number;
}

const EMPTY_SUMMARY: SectionDiff['summary'] = {
  ...{ added: 0, removed: 0, modified: 0, moved: 0, unchanged: 0 },
  ...{ preamble: 0, categoryIntros: 0 },
};

/**
 * A stored diff with its changes, in the shape `renderHtml` / `renderText` take, so a message
 * or digest is rebuilt from stored data. Undefined when the diff does not exist.
 */
export function readStoredDiff(db: Db, diffId: number): StoredDiff | undefined {
  // The factor counts of both sections come with the diff row: one query, not one per side.
  const d = stmt(
    db,
    `SELECT similarity, summary,
            (SELECT count(*) FROM risk_factors WHERE section_id = old_section_id) AS oldFactors,
            (SELECT count(*) FROM risk_factors WHERE section_id = new_section_id) AS newFactors
     FROM section_diffs WHERE id = ?`,
  ).get(diffId) as DiffRow | undefined;
  if (!d) return undefined;
  const summary = fromJson(d.summary, `section_diffs.summary (diff ${diffId})`, EMPTY_SUMMARY);
  const changes: Change[] = [];
  const sectionChanges: SectionTextChange[] = [];
  for (const r of readChangeRows(db, diffId)) {
    const where = `changes (diff ${diffId}, position ${r.position})`;
    if (r.kind === 'preamble' || r.kind === 'category-intro')
      sectionChanges.push(sectionChangeOf(r, r.kind, where));
    else changes.push(changeOf(r, r.kind, where));
  }
  return {
    diff: {
      old: { riskFactors: d.oldFactors },
      new: { riskFactors: d.newFactors },
      similarity: d.similarity,
      summary: {
        added: summary.added,
        removed: summary.removed,
        modified: summary.modified,
        moved: summary.moved,
        unchanged: summary.unchanged,
        // Diffs stored before the preamble and introductions were counted have no such keys.
        preamble: summary.preamble ?? 0,
        categoryIntros: summary.categoryIntros ?? 0,
      },
      changes,
      keywordHits: [],
    },
    sectionChanges,
  };
}

function readChangeRows(db: Db, diffId: number): ChangeRow[] {
  return stmt(
    db,
    `SELECT position, kind, old_position AS oldPosition, new_position AS newPosition, old_heading AS oldHeading, new_heading AS newHeading,
            old_category AS oldCategory, new_category AS newCategory, heading_changed AS headingChanged, moved, similarity,
            words_added AS wordsAdded, words_removed AS wordsRemoved, text, heading_redline AS headingRedline, redline,
            materiality, materiality_reason AS materialityReason, figures, topics
     FROM changes WHERE diff_id = ? ORDER BY position`,
  ).all(diffId) as ChangeRow[];
}

/** A stored change to one risk factor, as the diff core made it. */
function changeOf(r: ChangeRow, kind: FactorChangeKind, where: string): Change {
  const tags = storedTags(r, where);
  const oldRef = {
    index: r.oldPosition ?? 0,
    heading: r.oldHeading ?? '',
    category: r.oldCategory,
  };
  const newRef = {
    index: r.newPosition ?? 0,
    heading: r.newHeading ?? '',
    category: r.newCategory,
  };
  switch (kind) {
    case 'added':
      return { ...tags, kind, new: newRef, text: r.text ?? '' };
    case 'removed':
      return { ...tags, kind, old: oldRef, text: r.text ?? '' };
    case 'moved':
      return { ...tags, kind, old: oldRef, new: newRef };
    case 'modified':
      return {
        ...tags,
        kind,
        old: oldRef,
        new: newRef,
        headingChanged: r.headingChanged === 1,
        moved: r.moved === 1,
        similarity: r.similarity ?? 0,
        wordsAdded: r.wordsAdded,
        wordsRemoved: r.wordsRemoved,
        headingRedline: fromJson<RedlineOp[]>(r.headingRedline, `${where}.heading_redline`, []),
        redline: fromJson<RedlineOp[]>(r.redline, `${where}.redline`, []),
      };
  }
}

/** A stored change to the section's preamble or a category's introduction. */
function sectionChangeOf(
  r: ChangeRow,
  kind: SectionTextChange['kind'],
  where: string,
): SectionTextChange {
  return {
    ...storedTags(r, where),
    kind,
    category: r.newCategory ?? r.oldCategory,
    redline: fromJson<RedlineOp[]>(r.redline, `${where}.redline`, []),
    wordsAdded: r.wordsAdded,
    wordsRemoved: r.wordsRemoved,
  };
}

/** The materiality and topics the diff core stored with a change (absent on rows stored before them). */
function storedTags(r: ChangeRow, where: string): ChangeTags {
  if (r.materiality === null) return {};
  return {
    materiality: {
      class: r.materiality,
      reason: r.materialityReason ?? '',
      figures: fromJson<FigureChange[]>(r.figures, `${where}.figures`, []),
    },
    topics: fromJson<string[]>(r.topics, `${where}.topics`, []),
  };
}
