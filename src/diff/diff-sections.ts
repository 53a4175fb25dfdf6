import { diffSectionText } from './diff-section-text.js';
import { classifyChange } from './materiality.js';
import { findKeywordHits } from './keyword-hits.js';
import { matchFactors, prepare, type Pair, type Prepared } from './match-factors.js';
import { redline } from './redline.js';
import { commonWordCount, longestIncreasingSubsequence, unchangedShare } from './similarity.js';
import { topicsOfChange } from './topics.js';
import type { Change, DiffInput, FactorRef, SectionDiff } from './types.js';

export type { Change, DiffInput, KeywordHit, RedlineOp, SectionDiff } from './types.js';

export interface DiffOptions {
  /** Phrases to call out when they appear in added factors or added text. */
  keywords?: string[];
}

const ref = (p: Prepared): FactorRef => ({
  index: p.index,
  heading: p.heading,
  category: p.category,
});

/**
 * Compares two versions of a Risk Factors section. Pure. Factors are matched (identical, same
 * heading, similar body), each change classified as added / removed / modified / moved, and
 * modified factors get a word-level redline. Unchanged factors are counted, not listed.
 */
export function diffSections(
  oldSection: DiffInput,
  newSection: DiffInput,
  options: DiffOptions = {},
): SectionDiff {
  const a = prepare(oldSection);
  const b = prepare(newSection);
  const { pairs, removed, added } = matchFactors(a, b);
  const { changes: paired, reworded, unchanged } = comparePairs(pairs, inOrderPairs(pairs));
  const changes = [
    // Text outside the factors (the preamble, category introductions) comes first, as it reads.
    ...diffSectionText(oldSection, newSection),
    ...inReadingOrder([
      ...paired,
      ...removed.map((p): Change => ({ kind: 'removed', old: ref(p), text: p.text })),
      ...added.map((p): Change => ({ kind: 'added', new: ref(p), text: p.text })),
    ]),
  ];
  tagChanges(changes);
  return {
    old: { riskFactors: a.length },
    new: { riskFactors: b.length },
    similarity: round(sectionSimilarity(a, b, pairs, changes)),
    summary: summarize(changes, unchanged),
    changes,
    keywordHits: findKeywordHits(options.keywords ?? [], added, reworded),
  };
}

/**
 * Indexes (into `pairs`) of the pairs that kept their relative order: those on the longest run
 * of pairs in the same order in both versions. The others moved. Walking the new version's
 * order makes ties (two neighbours swapped) name the factor that moved up, the one a reader
 * sees out of its old place first.
 */
function inOrderPairs(pairs: Pair[]): Set<number> {
  const byNew = pairs.map((p, k) => ({ k, p })).sort((x, y) => x.p.new.index - y.p.new.index);
  const kept = longestIncreasingSubsequence(byNew.map((x) => x.p.old.index));
  return new Set([...kept].map((i) => byNew[i]!.k));
}

/** What became of each matched factor: unchanged (counted), moved, or reworded (redlined). */
function comparePairs(
  pairs: Pair[],
  inOrder: Set<number>,
): { changes: Change[]; reworded: Pair[]; unchanged: number } {
  const changes: Change[] = [];
  const reworded: Pair[] = [];
  let unchanged = 0;
  pairs.forEach((pair, k) => {
    const moved = !inOrder.has(k);
    if (pair.old.headingKey === pair.new.headingKey && pair.old.bodyKey === pair.new.bodyKey) {
      if (moved) changes.push({ kind: 'moved', old: ref(pair.old), new: ref(pair.new) });
      else unchanged++;
      return;
    }
    reworded.push(pair);
    changes.push(rewording(pair, moved));
  });
  return { changes, reworded, unchanged };
}

/** A reworded factor: its heading's and body's redlines, and how much of the body stayed. */
function rewording(pair: Pair, moved: boolean): Change {
  const headingChanged = pair.old.headingKey !== pair.new.headingKey;
  const body = redline(pair.old.body, pair.new.body);
  const heading = headingChanged
    ? redline(pair.old.headingTokens, pair.new.headingTokens)
    : { ops: [{ op: 'equal' as const, text: pair.new.heading }] };
  const total = Math.max(pair.old.body.norm.length, pair.new.body.norm.length, 1);
  return {
    kind: 'modified',
    old: ref(pair.old),
    new: ref(pair.new),
    headingChanged,
    moved,
    similarity: round(1 - (body.wordsAdded + body.wordsRemoved) / (2 * total)),
    wordsAdded: body.wordsAdded,
    wordsRemoved: body.wordsRemoved,
    headingRedline: heading.ops,
    redline: body.ops,
  };
}

/**
 * Every change carries how much it matters and what it is about, so the store, the mail, the
 * digest and `diff --json` all read one classification. Sets both on each change.
 */
function tagChanges(changes: Change[]): void {
  for (const c of changes) {
    c.materiality = classifyChange(c);
    c.topics = topicsOfChange(c);
  }
}

function summarize(changes: Change[], unchanged: number): SectionDiff['summary'] {
  const count = (k: Change['kind']) => changes.filter((c) => c.kind === k).length;
  return {
    added: count('added'),
    removed: count('removed'),
    modified: count('modified'),
    moved: count('moved'),
    unchanged,
    preamble: count('preamble'),
    categoryIntros: count('category-intro'),
  };
}

/** Changes sorted in reading order of the new version (a stable sort: ties keep their order). */
function inReadingOrder(changes: Change[]): Change[] {
  return changes.sort((x, y) => position(x) - position(y));
}

/** Changes in reading order of the new version (removed ones where they stood in the old). */
function position(c: Change): number {
  if (c.kind === 'preamble' || c.kind === 'category-intro') return -1;
  return c.kind === 'removed' ? c.old.index : c.new.index + 0.5;
}

/**
 * Share of the section's words left unchanged (see unchangedShare): words of identical and
 * moved factors, and the words a reworded factor kept (its body's words less those its
 * redline removed; the heading words both headings share).
 */
function sectionSimilarity(a: Prepared[], b: Prepared[], pairs: Pair[], changes: Change[]): number {
  const words = (p: Prepared) => p.headingTokens.norm.length + p.body.norm.length;
  const removedByOld = new Map<number, number>();
  for (const c of changes) if (c.kind === 'modified') removedByOld.set(c.old.index, c.wordsRemoved);
  let kept = 0;
  for (const { old, new: neu } of pairs) {
    const removed = removedByOld.get(old.index);
    if (removed === undefined) {
      kept += words(old);
      continue;
    }
    const heading =
      old.headingKey === neu.headingKey
        ? old.headingTokens.norm.length
        : commonWordCount(old.headingTokens.norm, neu.headingTokens.norm);
    kept += Math.max(0, old.body.norm.length - removed) + heading;
  }
  return unchangedShare(
    kept,
    a.reduce((n, p) => n + words(p), 0),
    b.reduce((n, p) => n + words(p), 0),
  );
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
