import type { ExtractionDoubtFact } from '../../alerts/types.js';

/**
 * One plain sentence when the alert was built from an extraction the extractor doubted (issue
 * 23), naming its first reason; none otherwise. A wrong answer given with confidence is what
 * readers of extracted risk factors complain about most.
 */
export function extractionDoubtNotes(p: ExtractionDoubtFact): string[] {
  const doubts = p.extractionDoubts ?? [];
  if (doubts.length === 0) return [];
  const more =
    doubts.length > 1
      ? ` (and ${doubts.length - 1} more reason${doubts.length > 2 ? 's' : ''})`
      : '';
  return [
    `The risk factors of this filing may have been read wrongly: ${doubts[0]}${more}. Check the filing itself.`,
  ];
}
