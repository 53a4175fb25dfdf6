/** What to do about a document stored as on public inspection, in the light of the current list. */
export type InspectionDecision = 'keep' | 'check-published' | 'withdrawn';

/**
 * Decides (purely) the fate of a document still stored as on public inspection:
 * - still listed: keep;
 * - scheduled for a later day and gone from a list that still holds that day's other
 *   documents: withdrawn (documents are withdrawn before publication, never after);
 *   gone from a list without that day at all: keep (the list cannot tell);
 * - scheduled for today or earlier and gone: ask whether it is published (`published` null);
 *   not published (`published` false) after its day: withdrawn; on its day: keep, the
 *   register may still be loading it.
 */
export function decidePendingInspection(
  row: { normalizedNumber: string; publicationDate: string | null },
  listed: readonly { normalizedNumber: string; publicationDate: string | null }[],
  today: string,
  published: boolean | null,
): InspectionDecision {
  if (listed.some((l) => l.normalizedNumber === row.normalizedNumber)) return 'keep';
  const day = row.publicationDate;
  if (day !== null && day > today) {
    return listed.some((l) => l.publicationDate === day) ? 'withdrawn' : 'keep';
  }
  if (published === null) return 'check-published';
  if (published) return 'keep';
  return day !== null && day < today ? 'withdrawn' : 'keep';
}
