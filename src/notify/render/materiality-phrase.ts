import { classifyChange } from '../../diff/materiality.js';
import type { Change, Materiality } from '../../diff/types.js';

/** A change as the phrase counts it: its class and its figures (a reader change or a stored class). */
export type ClassedChange = Pick<Materiality, 'class' | 'figures'>;

/** A change's class as stored, or classified now for rows stored before materiality existed. */
export function materialityOf(c: Change): Materiality {
  return c.materiality ?? classifyChange(c);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What matters in a diff, in words: "2 substantive changes, 5 figures updated, 3 editorial
 * changes" (zero counts left out; a figures change counts each figure it updates). The one
 * place this is worded: the mail's subject and headline, the digest, the feed's entries and
 * the webhook's summary all say it through here.
 */
export function materialityPhrase(changes: Iterable<ClassedChange>): string {
  let substantive = 0;
  let figures = 0;
  let editorial = 0;
  for (const c of changes) {
    if (c.class === 'substantive') substantive++;
    else if (c.class === 'figures') figures += Math.max(1, c.figures.length);
    else editorial++;
  }
  const parts = [
    substantive ? plural(substantive, 'substantive change', 'substantive changes') : '',
    figures ? `${plural(figures, 'figure', 'figures')} updated` : '',
    editorial ? plural(editorial, 'editorial change', 'editorial changes') : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no risk factor changed';
}
