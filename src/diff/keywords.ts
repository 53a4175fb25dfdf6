import { tokenize } from './tokens.js';

/** Lower-case words and spaces only, padded: what phrases are searched in. */
export function searchableText(normWords: string[]): string {
  return ` ${normWords
    .join(' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')} `;
}

/** A phrase as a pattern over searchable text: word-aligned, a plural or possessive allowed. */
export function phrasePattern(phrase: string): RegExp | null {
  const p = searchableText(tokenize(phrase).norm).trim();
  if (p === '') return null;
  // "export control" also finds "export controls" and "export control's".
  return new RegExp(` ${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(s|es|'s)?(?= )`, 'g');
}

/** How many times a phrase pattern occurs in a searchable text. */
export function countMatches(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (pattern.exec(text) !== null) n++;
  return n;
}
