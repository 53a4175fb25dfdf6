import type { SectionDiff } from '../diff/types.js';

/**
 * What changed between two versions, in one line of plain text ("2 added, 1 removed, 3
 * reworded; similarity 0.941"). The one place the pages and the feed word a diff's summary,
 * so a classification of changes (materiality) is added here once.
 */
export function describeChanges(
  summary: Partial<SectionDiff['summary']>,
  similarity: number | null,
): string {
  const parts: string[] = [];
  const add = (n: number | undefined, word: string) => {
    if (n) parts.push(`${n} ${word}`);
  };
  add(summary.added, 'added');
  add(summary.removed, 'removed');
  add(summary.modified, 'reworded');
  add(summary.moved, 'moved');
  if (summary.preamble) parts.push('preamble changed');
  add(
    summary.categoryIntros,
    summary.categoryIntros === 1
      ? 'category introduction changed'
      : 'category introductions changed',
  );
  const what = parts.length ? parts.join(', ') : 'no risk factor changed';
  return similarity === null ? what : `${what}; similarity ${similarity.toFixed(3)}`;
}
