import { normalizeForMatch } from '../text/normalize.js';
import { redline } from './redline.js';
import { tokenize } from './tokens.js';
import type { Change, DiffInput } from './types.js';

type TextChange = Extract<Change, { kind: 'preamble' | 'category-intro' }>;

/** Word-level change of one stretch of section text, or null when only noise differs. */
function compare(
  oldText: string,
  newText: string,
): { wordsAdded: number; wordsRemoved: number; redline: TextChange['redline'] } | null {
  const a = tokenize(oldText);
  const b = tokenize(newText);
  if (a.norm.length === b.norm.length && a.norm.every((w, i) => w === b.norm[i])) return null;
  const r = redline(a, b);
  return { wordsAdded: r.wordsAdded, wordsRemoved: r.wordsRemoved, redline: r.ops };
}

/**
 * Changes in the section text that belongs to no risk factor: the preamble, and each
 * category's introduction (matched by the category heading, read as the corpus compares
 * headings). Compared on normalised words like factors, so whitespace, quotes and dashes never
 * count. Pure.
 */
export function diffSectionText(oldSection: DiffInput, newSection: DiffInput): TextChange[] {
  const changes: TextChange[] = [];
  const preamble = compare(oldSection.preamble ?? '', newSection.preamble ?? '');
  if (preamble) changes.push({ kind: 'preamble', ...preamble });
  const oldIntros = new Map<string, { category: string; text: string }>();
  for (const x of oldSection.categoryIntros ?? []) oldIntros.set(normalizeForMatch(x.category), x);
  const seen = new Set<string>();
  for (const x of newSection.categoryIntros ?? []) {
    const key = normalizeForMatch(x.category);
    if (seen.has(key)) continue;
    seen.add(key);
    const change = compare(oldIntros.get(key)?.text ?? '', x.text);
    if (change) changes.push({ kind: 'category-intro', category: x.category, ...change });
  }
  for (const [key, x] of oldIntros) {
    if (seen.has(key)) continue;
    const change = compare(x.text, '');
    if (change) changes.push({ kind: 'category-intro', category: x.category, ...change });
  }
  return changes;
}
