import { hunksOf, judgeHunk, type Verdict } from './judge-hunk.js';
import { sidesOf } from './redline-sides.js';
import type { Change, Materiality, MaterialityClass, RedlineOp } from './types.js';

export type { FigureChange, Materiality, MaterialityClass } from './types.js';

/** substantive > figures > editorial: a change that mixes kinds takes the highest. */
export const MATERIALITY_RANK: Record<MaterialityClass, number> = {
  substantive: 2,
  figures: 1,
  editorial: 0,
};

/** The materiality of a redline (a factor's body, its heading, or section text). Pure. */
export function classifyRedline(ops: RedlineOp[], where = ''): Materiality {
  const { oldSide, newSide } = sidesOf(ops);
  const verdicts = hunksOf(ops).map((h) => judgeHunk(h, oldSide, newSide));
  return combine(verdicts, where);
}

function combine(verdicts: Verdict[], where: string): Materiality {
  if (verdicts.length === 0)
    return { class: 'editorial', reason: 'no change in wording', figures: [] };
  const top = verdicts.reduce((a, v) =>
    MATERIALITY_RANK[v.class] > MATERIALITY_RANK[a.class] ? v : a,
  );
  const figures = verdicts.flatMap((v) => (v.figure ? [v.figure] : []));
  const reason =
    top.class === 'figures'
      ? `${figures.length === 1 ? 'a figure' : `${figures.length} figures`} updated`
      : top.reason;
  return {
    class: top.class,
    reason: `${where}${reason}`,
    figures: top.class === 'substantive' ? [] : figures,
  };
}

/** Materiality of one change of a section diff. Pure. */
export function classifyChange(c: Change): Materiality {
  switch (c.kind) {
    case 'added':
      return { class: 'substantive', reason: 'a new risk factor', figures: [] };
    case 'removed':
      return { class: 'substantive', reason: 'a risk factor removed', figures: [] };
    case 'moved':
      return { class: 'editorial', reason: 'moved without rewording', figures: [] };
    case 'preamble':
    case 'category-intro':
      return classifyRedline(c.redline);
    case 'modified': {
      const body = classifyRedline(c.redline);
      if (!c.headingChanged)
        return c.moved && body.class === 'editorial'
          ? { ...body, reason: `${body.reason}; moved` }
          : body;
      const heading = classifyRedline(c.headingRedline, 'heading: ');
      const noBodyChange = c.wordsAdded + c.wordsRemoved === 0;
      if (noBodyChange) return heading;
      const top = MATERIALITY_RANK[heading.class] > MATERIALITY_RANK[body.class] ? heading : body;
      return {
        ...top,
        figures: top.class === 'substantive' ? [] : [...heading.figures, ...body.figures],
      };
    }
  }
}

/** Words a change adds or removes: the size it is ranked by within its class. */
export function changeSize(c: Change): number {
  if (c.kind === 'added' || c.kind === 'removed') return c.text.split(/\s+/).length;
  if (c.kind === 'moved') return 0;
  return c.wordsAdded + c.wordsRemoved;
}

/** What the reader asked for, to put first among substantive changes. */
export interface ReaderInterest {
  /** Headings (old or new) of changes holding a watched phrase. */
  watchedHeadings?: Set<string>;
  /** Topics any watch names. */
  topics?: Set<string>;
}

const headingOf = (c: Change) => ('new' in c ? c.new.heading : 'old' in c ? c.old.heading : '');

/**
 * Changes in the order a reader wants them: substantive, figures, editorial; within
 * substantive those holding a watched phrase or topic first, then the larger first; document
 * order otherwise. Stable and pure: returns a new array.
 */
export function rankChanges<C extends Change>(changes: C[], interest: ReaderInterest = {}): C[] {
  const asked = (c: C) => {
    const headings = [headingOf(c), 'old' in c ? c.old.heading : ''];
    const byPhrase = headings.some((h) => h && interest.watchedHeadings?.has(h));
    const byTopic = (c.topics ?? []).some((t) => interest.topics?.has(t));
    return byPhrase || byTopic ? 1 : 0;
  };
  const cls = (c: C) => MATERIALITY_RANK[(c.materiality ?? classifyChange(c)).class];
  return changes
    .map((c, i) => ({ c, i }))
    .sort((x, y) => {
      const byClass = cls(y.c) - cls(x.c);
      if (byClass !== 0) return byClass;
      if (cls(x.c) !== MATERIALITY_RANK.substantive) return x.i - y.i;
      return asked(y.c) - asked(x.c) || changeSize(y.c) - changeSize(x.c) || x.i - y.i;
    })
    .map((x) => x.c);
}

/** Counts per class, for subjects and summaries. */
export function countByMateriality(changes: Change[]): Record<MaterialityClass, number> {
  const out: Record<MaterialityClass, number> = { substantive: 0, figures: 0, editorial: 0 };
  for (const c of changes) out[(c.materiality ?? classifyChange(c)).class]++;
  return out;
}
