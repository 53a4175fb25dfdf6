import type { FilingDiffPayload } from './types.js';

/**
 * The non-zero counts of a risk-factor diff in the reader's words ("2 new", "1 removed",
 * "5 changed", "1 moved"): the one wording the alert's title and its message share.
 */
export function diffCountParts(s: FilingDiffPayload['summary']): string[] {
  return [
    s.added ? `${s.added} new` : '',
    s.removed ? `${s.removed} removed` : '',
    s.modified ? `${s.modified} changed` : '',
    s.moved ? `${s.moved} moved` : '',
  ].filter(Boolean);
}
