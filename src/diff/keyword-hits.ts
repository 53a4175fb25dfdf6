import { countMatches, phrasePattern, searchableText } from './keywords.js';
import type { Pair, Prepared } from './match-factors.js';
import type { KeywordHit } from './types.js';

/** A factor's words for phrase search, built once per factor and kept on it. */
function searchable(p: Prepared): string {
  return (p.searchable ??= searchableText([...p.headingTokens.norm, ...p.body.norm]));
}

/**
 * The watched phrases a diff brings in: each phrase in an added factor, or said more often in a
 * reworded factor than before. Pure (it only caches each factor's searchable text on it).
 * Listed phrase by phrase, added factors before reworded ones, each in document order.
 */
export function findKeywordHits(
  keywords: readonly string[],
  added: readonly Prepared[],
  reworded: readonly Pair[],
): KeywordHit[] {
  const hits: KeywordHit[] = [];
  for (const keyword of keywords) {
    const pattern = phrasePattern(keyword);
    if (!pattern) continue;
    for (const p of added)
      if (countMatches(searchable(p), pattern) > 0)
        hits.push({ keyword, kind: 'added', heading: p.heading });
    // Only a reworded factor can have gained a phrase.
    for (const pair of reworded) {
      if (countMatches(searchable(pair.new), pattern) > countMatches(searchable(pair.old), pattern))
        hits.push({ keyword, kind: 'modified', heading: pair.new.heading });
    }
  }
  return hits;
}
