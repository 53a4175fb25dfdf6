// The JSON contract of `regwatch diff --json`, apart from the command so the command file loads
// nothing heavy before it runs (the materiality module is loaded only for --json).
import type { Change, RedlineOp, SectionDiff } from '../diff/diff-sections.js';
import { classifyChange, countByMateriality } from '../diff/materiality.js';

/** Which document a side of the diff is: what a reader needs to know what was compared. */
export interface DiffDocument {
  source: string;
  form: string | null;
  heading: string | null;
  wordCount: number | null;
}

const words = (ops: RedlineOp[], drop: RedlineOp['op']) =>
  ops
    .filter((o) => o.op !== drop && o.text !== '')
    .map((o) => o.text)
    .join(' ');

/** Old and new text of a change and its redline as word operations (equal / insert / delete runs). */
function texts(c: Change): object {
  switch (c.kind) {
    case 'added':
      return { oldText: null, newText: c.text, redline: [{ op: 'insert', text: c.text }] };
    case 'removed':
      return { oldText: c.text, newText: null, redline: [{ op: 'delete', text: c.text }] };
    case 'moved':
      return {};
    case 'modified':
      return {
        oldHeading: c.old.heading,
        newHeading: c.new.heading,
        headingRedline: c.headingRedline,
        oldText: words(c.redline, 'insert'),
        newText: words(c.redline, 'delete'),
        redline: c.redline,
      };
    default:
      return {
        oldText: words(c.redline, 'insert'),
        newText: words(c.redline, 'delete'),
        redline: c.redline,
      };
  }
}

/**
 * The JSON contract of `regwatch diff --json`: per change its facts, its materiality (class and
 * reason, figures old -> new) and topics, its old and new text and the redline as word operations.
 */
export function diffJson(
  d: SectionDiff,
  docs?: { old: DiffDocument; new: DiffDocument },
  warnings: string[] = [],
): object {
  const facts = (c: Change) => {
    switch (c.kind) {
      case 'added':
        return { kind: c.kind, new: c.new };
      case 'removed':
        return { kind: c.kind, old: c.old };
      case 'moved':
        return { kind: c.kind, old: c.old, new: c.new };
      case 'modified':
        return {
          kind: c.kind,
          old: c.old,
          new: c.new,
          headingChanged: c.headingChanged,
          moved: c.moved,
          similarity: c.similarity,
          wordsAdded: c.wordsAdded,
          wordsRemoved: c.wordsRemoved,
        };
      case 'preamble':
        return { kind: c.kind, wordsAdded: c.wordsAdded, wordsRemoved: c.wordsRemoved };
      case 'category-intro':
        return {
          kind: c.kind,
          category: c.category,
          wordsAdded: c.wordsAdded,
          wordsRemoved: c.wordsRemoved,
        };
    }
  };
  const change = (c: Change) => ({
    ...facts(c),
    materiality: c.materiality ?? classifyChange(c),
    topics: c.topics ?? [],
    ...texts(c),
  });
  return {
    old: { ...docs?.old, ...d.old },
    new: { ...docs?.new, ...d.new },
    similarity: d.similarity,
    summary: d.summary,
    materiality: countByMateriality(d.changes),
    changes: d.changes.map(change),
    keywordHits: d.keywordHits,
    warnings,
  };
}
