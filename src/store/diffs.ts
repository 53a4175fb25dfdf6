import type { KeywordHitFact } from '../alerts/types.js';
import type { Change, SectionDiff } from '../diff/types.js';
import type { Db } from './open-database.js';
import { iso, stmt } from './sql.js';

/** A change's columns, whatever its kind (kinds added later store the fields they have). */
function columns(c: Change) {
  const get = <T>(k: string): T | null =>
    ((c as unknown as Record<string, unknown>)[k] ?? null) as T | null;
  const old = get<{ index: number; heading: string; category: string | null }>('old');
  const neu = get<{ index: number; heading: string; category: string | null }>('new');
  const redline = get<unknown[]>('redline');
  const headingRedline = get<unknown[]>('headingRedline');
  return {
    oldPosition: old?.index ?? null,
    newPosition: neu?.index ?? null,
    oldHeading: old?.heading ?? null,
    newHeading: neu?.heading ?? null,
    oldCategory: old?.category ?? get<string>('category'),
    newCategory: neu?.category ?? get<string>('category'),
    headingChanged: get<boolean>('headingChanged') ? 1 : 0,
    moved: get<boolean>('moved') || c.kind === 'moved' ? 1 : 0,
    similarity: get<number>('similarity'),
    wordsAdded: get<number>('wordsAdded') ?? 0,
    wordsRemoved: get<number>('wordsRemoved') ?? 0,
    text: get<string>('text'),
    headingRedline: headingRedline ? JSON.stringify(headingRedline) : null,
    redline: redline ? JSON.stringify(redline) : null,
    materiality: c.materiality?.class ?? null,
    materialityReason: c.materiality?.reason ?? null,
    figures: c.materiality?.figures.length ? JSON.stringify(c.materiality.figures) : null,
    topics: c.topics ? JSON.stringify(c.topics) : null,
  };
}

/**
 * Stores a comparison of two sections and every change in it, with the redlines, so that a
 * message or a digest can be rebuilt from stored data alone.
 * @returns the diff's id (an existing comparison of the same two sections is updated).
 */
export function insertDiff(
  db: Db,
  oldSectionId: number,
  newSectionId: number,
  diff: SectionDiff,
  now: Date,
): number {
  // Alerts refer to a diff: comparing the same two sections again updates it in place.
  const existing = stmt(
    db,
    'SELECT id FROM section_diffs WHERE old_section_id = ? AND new_section_id = ?',
  ).get(oldSectionId, newSectionId) as { id: number } | undefined;
  let id: number;
  if (existing) {
    id = existing.id;
    stmt(
      db,
      'UPDATE section_diffs SET similarity = ?, summary = ?, created_at = ? WHERE id = ?',
    ).run(diff.similarity, JSON.stringify(diff.summary), iso(now), id);
    stmt(db, 'DELETE FROM changes WHERE diff_id = ?').run(id);
  } else {
    id = Number(
      stmt(
        db,
        'INSERT INTO section_diffs (old_section_id, new_section_id, similarity, summary, created_at) VALUES (?, ?, ?, ?, ?)',
      ).run(oldSectionId, newSectionId, diff.similarity, JSON.stringify(diff.summary), iso(now))
        .lastInsertRowid,
    );
  }
  const insert = stmt(
    db,
    `INSERT INTO changes (diff_id, position, kind, old_position, new_position, old_heading, new_heading, old_category, new_category,
       heading_changed, moved, similarity, words_added, words_removed, text, heading_redline, redline,
       materiality, materiality_reason, figures, topics)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  diff.changes.forEach((c, i) => {
    const x = columns(c);
    insert.run(
      id,
      i,
      c.kind,
      x.oldPosition,
      x.newPosition,
      x.oldHeading,
      x.newHeading,
      x.oldCategory,
      x.newCategory,
      x.headingChanged,
      x.moved,
      x.similarity,
      x.wordsAdded,
      x.wordsRemoved,
      x.text,
      x.headingRedline,
      x.redline,
      x.materiality,
      x.materialityReason,
      x.figures,
      x.topics,
    );
  });
  return id;
}

/** The keyword hits of a section (first version) or of a diff (later version), replacing earlier ones. */
export function insertKeywordHits(
  db: Db,
  sectionId: number,
  diffId: number | null,
  hits: KeywordHitFact[],
): void {
  stmt(db, 'DELETE FROM keyword_hits WHERE section_id = ? AND diff_id IS ?').run(sectionId, diffId);
  const insert = stmt(
    db,
    'INSERT INTO keyword_hits (section_id, diff_id, watch_name, keyword, kind, heading, sentence) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const h of hits)
    insert.run(sectionId, diffId, h.watch, h.keyword, h.kind, h.heading, h.sentence);
}
