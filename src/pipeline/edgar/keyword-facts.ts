import type { KeywordHitFact } from '../../alerts/types.js';
import { countMatches, phrasePattern, searchableText } from '../../diff/keywords.js';
import { tokenize } from '../../diff/tokens.js';
import type { KeywordHit } from '../../diff/types.js';

interface Factor {
  heading: string;
  text: string;
}

/**
 * Where a sentence ends: after . ! ? or ; and before a capital, but not after an initial or a
 * common abbreviation ("the U.S. Department of Commerce", "Acme Inc. and its subsidiaries").
 */
const SENTENCE_END =
  /(?<=[.!?;])(?<!\b[A-Z]\.[A-Z]\.|\b(?:Inc|Corp|Co|Ltd|No|Nos|Mr|Ms|Mrs|Dr|St|vs|Jr|Sr|e\.g|i\.e)\.|\b[A-Z]\.)\s+(?=["“(]?[A-Z0-9])/;

/** The first sentence of `text` holding the phrase, trimmed to a readable length. */
export function sentenceWith(text: string, phrase: string): string | null {
  const pattern = phrasePattern(phrase);
  if (!pattern) return null;
  for (const sentence of text.split(SENTENCE_END)) {
    if (countMatches(searchableText(tokenize(sentence).norm), pattern) > 0)
      return sentence.length > 400 ? `${sentence.slice(0, 397)}...` : sentence;
  }
  return null;
}

/** A heading and its body as one text, the heading a sentence of its own. */
function asText(f: Factor): string {
  return /[.!?:]$/.test(f.heading) ? `${f.heading} ${f.text}` : `${f.heading}. ${f.text}`;
}

function containsPhrase(f: Factor, phrase: string): boolean {
  const pattern = phrasePattern(phrase);
  return (
    pattern !== null &&
    countMatches(searchableText(tokenize(`${f.heading} ${f.text}`).norm), pattern) > 0
  );
}

/** For a first version: each watch's phrases found anywhere in the risk factors (first factor that holds each). */
export function presentKeywordHits(
  keywordsByWatch: Map<string, string[]>,
  factors: Factor[],
): KeywordHitFact[] {
  const hits: KeywordHitFact[] = [];
  const found = new Map<string, Factor | null>();
  for (const [watch, keywords] of keywordsByWatch) {
    for (const keyword of keywords) {
      if (!found.has(keyword))
        found.set(keyword, factors.find((f) => containsPhrase(f, keyword)) ?? null);
      const f = found.get(keyword);
      if (f)
        hits.push({
          watch,
          keyword,
          kind: 'present',
          heading: f.heading,
          sentence: sentenceWith(asText(f), keyword),
        });
    }
  }
  return hits;
}

/** For a later version: the diff's hits (phrases in added or gained text), given to each watch that asked for the phrase. */
export function diffKeywordHits(
  keywordsByWatch: Map<string, string[]>,
  hits: KeywordHit[],
  newFactors: Factor[],
): KeywordHitFact[] {
  const out: KeywordHitFact[] = [];
  for (const hit of hits) {
    const factor = newFactors.find((f) => f.heading === hit.heading);
    const sentence = factor ? sentenceWith(asText(factor), hit.keyword) : null;
    for (const [watch, keywords] of keywordsByWatch) {
      if (keywords.includes(hit.keyword))
        out.push({ watch, keyword: hit.keyword, kind: hit.kind, heading: hit.heading, sentence });
    }
  }
  return out;
}
