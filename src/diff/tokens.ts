import { BULLET_GLYPHS, foldPunctuation, WORD_SPLIT } from '../text/normalize.js';

/**
 * Words for comparison. Two texts that differ only in noise (whitespace and line breaks,
 * curly vs straight quotes, dash variants, non-breaking spaces, ligatures, markup) produce
 * the same normalised tokens; the display tokens keep what the filing printed.
 */
export interface Tokens {
  /** As printed, for the redline. */
  display: string[];
  /** Normalised, for comparison. */
  norm: string[];
}

const BULLETS = new RegExp(`^[${BULLET_GLYPHS}]+$`);
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/** Normalises one word: NFKC, ASCII quotes and dashes. Plain ASCII words need nothing. */
export function normalizeWord(w: string): string {
  return NON_ASCII.test(w) ? foldPunctuation(w) : w;
}

export function tokenize(text: string): Tokens {
  const display: string[] = [];
  const norm: string[] = [];
  for (const w of text.split(WORD_SPLIT)) {
    if (!w || BULLETS.test(w)) continue;
    display.push(w);
    norm.push(normalizeWord(w));
  }
  return { display, norm };
}
