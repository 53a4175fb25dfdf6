import { countMatches, phrasePattern, searchableText } from './keywords.js';
import { tokenize } from './tokens.js';
import { TOPICS } from '../alerts/topic-vocabulary.js';
import type { Change } from './types.js';

// Compiled once: the vocabulary is fixed at build time.
const COMPILED = TOPICS.map((t) => ({
  id: t.id,
  patterns: t.phrases.map(phrasePattern).filter((p): p is RegExp => p !== null),
}));

/** Topic ids whose phrases occur in `text`, in vocabulary order. Pure. */
export function topicsIn(text: string): string[] {
  const searchable = searchableText(tokenize(text).norm);
  return COMPILED.filter((t) => t.patterns.some((p) => countMatches(searchable, p) > 0)).map(
    (t) => t.id,
  );
}

/** The text a change adds or removes (never what it left alone): where its topics are read. */
export function changedText(c: Change): string {
  switch (c.kind) {
    case 'added':
      return `${c.new.heading} ${c.text}`;
    case 'removed':
      return `${c.old.heading} ${c.text}`;
    case 'moved':
      return '';
    case 'modified':
      return [...c.headingRedline, ...c.redline]
        .filter((o) => o.op !== 'equal')
        .map((o) => o.text)
        .join(' \n ');
    default:
      return c.redline
        .filter((o) => o.op !== 'equal')
        .map((o) => o.text)
        .join(' \n ');
  }
}

/** The topics a change touches (empty unless substantive: figures and wording are no theme). */
export function topicsOfChange(c: Change): string[] {
  if (c.materiality && c.materiality.class !== 'substantive') return [];
  return topicsIn(changedText(c));
}
