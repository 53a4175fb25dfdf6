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

const SPLIT = /[\s\u200b\u200c\u200d\u2060]+/;
const BULLETS = /^[•●○◦▪▫■□◆◇►▶➢➤✓✔Ÿ·]+$/;

/** Normalises one word: NFKC, ASCII quotes and dashes, no zero-width characters. */
export function normalizeWord(w: string): string {
  let s = w;
  // Fast path: plain ASCII words need nothing.
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(s)) {
    s = s
      .normalize('NFKC')
      .replace(/[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/g, "'")
      .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
      .replace(/[\u2010-\u2015\u2212\u00ad]/g, '-');
  }
  return s;
}

export function tokenize(text: string): Tokens {
  const display: string[] = [];
  const norm: string[] = [];
  for (const w of text.split(SPLIT)) {
    if (!w || BULLETS.test(w)) continue;
    display.push(w);
    norm.push(normalizeWord(w));
  }
  return { display, norm };
}

/** The normalised text: equal for two texts that differ only by noise. */
export function normalizedText(text: string): string {
  return tokenize(text).norm.join(' ');
}
