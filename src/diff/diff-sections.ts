import { diffSectionText } from './diff-section-text.js';
import { countMatches, phrasePattern, searchableText } from './keywords.js';
import { classifyChange } from './materiality.js';
import { matchFactors, prepare, type Pair, type Prepared } from './match-factors.js';
import { redline } from './redline.js';
import { commonWordCount, longestIncreasingSubsequence, unchangedShare } from './similarity.js';
import { topicsOfChange } from './topics.js';
import type { Change, DiffInput, FactorRef, KeywordHit, SectionDiff } from './types.js';

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

  // A factor moved when it is not on the longest run of pairs that kept their relative order.
  // Walking the new version's order makes ties (two neighbours swapped) name the factor that
  // moved up, the one a reader sees out of its old place first.
  const byNew = pairs.map((p, k) => ({ k, p })).sort((x, y) => x.p.new.index - y.p.new.index);
  const kept = longestIncreasingSubsequence(byNew.map((x) => x.p.old.index));
  const inOrder = new Set([...kept].map((i) => byNew[i]!.k));
  const changes: Change[] = [];
  const reworded: Pair[] = [];
  let unchanged = 0;
  pairs.forEach((pair, k) => {
    const moved = !inOrder.has(k);
    const headingChanged = pair.old.headingKey !== pair.new.headingKey;
    const bodyChanged = pair.old.bodyKey !== pair.new.bodyKey;
    if (!headingChanged && !bodyChanged) {
      if (moved) changes.push({ kind: 'moved', old: ref(pair.old), new: ref(pair.new) });
      else unchanged++;
      return;
    }
    reworded.push(pair);
    const body = redline(pair.old.body, pair.new.body);
    const heading = headingChanged
      ? redline(pair.old.headingTokens, pair.new.headingTokens)
      : { ops: [{ op: 'equal' as const, text: pair.new.heading }] };
    const total = Math.max(pair.old.body.norm.length, pair.new.body.norm.length, 1);
    changes.push({
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
    });
  });
  for (const p of removed) changes.push({ kind: 'removed', old: ref(p), text: p.text });
  for (const p of added) changes.push({ kind: 'added', new: ref(p), text: p.text });
  changes.sort((x, y) => position(x) - position(y));
  // Text outside the factors (the preamble, category introductions) comes first, as it reads.
  const textChanges = diffSectionText(oldSection, newSection);
  changes.unshift(...textChanges);
  // Every change carries how much it matters and what it is about, so the store, the mail,
  // the digest and `diff --json` all read one classification.
  for (const c of changes) {
    c.materiality = classifyChange(c);
    c.topics = topicsOfChange(c);
  }

  const keywordHits: KeywordHit[] = [];
  const searchable = (p: Prepared) =>
    (p.searchable ??= searchableText([...p.headingTokens.norm, ...p.body.norm]));
  for (const keyword of options.keywords ?? []) {
    const pattern = phrasePattern(keyword);
    if (!pattern) continue;
    for (const p of added)
      if (countMatches(searchable(p), pattern) > 0)
        keywordHits.push({ keyword, kind: 'added', heading: p.heading });
    // Only a reworded factor can have gained a phrase.
    for (const pair of reworded) {
      if (
        countMatches(searchable(pair.new), pattern) > countMatches(searchable(pair.old), pattern)
      ) {
        keywordHits.push({ keyword, kind: 'modified', heading: pair.new.heading });
      }
    }
  }

  const count = (k: Change['kind']) => changes.filter((c) => c.kind === k).length;
  return {
    old: { riskFactors: a.length },
    new: { riskFactors: b.length },
    similarity: round(sectionSimilarity(a, b, pairs, changes)),
    summary: {
      added: count('added'),
      removed: count('removed'),
      modified: count('modified'),
      moved: count('moved'),
      unchanged,
      preamble: count('preamble'),
      categoryIntros: count('category-intro'),
    },
    changes,
    keywordHits,
  };
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
