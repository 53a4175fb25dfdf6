import {
  bare,
  CROSS_REFERENCE,
  isContent,
  isFigure,
  isIntensifier,
  MODAL_FAMILY,
  PLACEHOLDER,
  QUALIFIERS,
  stem,
  stemOfBare,
} from './materiality-words.js';
import { topicsIn } from './topics.js';
import type { Change, FigureChange, Materiality, MaterialityClass, RedlineOp } from './types.js';

export type { FigureChange, Materiality, MaterialityClass } from './types.js';

/** substantive > figures > editorial: a change that mixes kinds takes the highest. */
export const MATERIALITY_RANK: Record<MaterialityClass, number> = {
  substantive: 2,
  figures: 1,
  editorial: 0,
};

/** One stretch of a redline between unchanged words: what was struck and what was put in. */
interface Hunk {
  del: string[];
  ins: string[];
  /** Where the hunk stands in the new text (word index), and in the old. */
  atNew: number;
  atOld: number;
}

interface Verdict {
  class: MaterialityClass;
  reason: string;
  figure?: FigureChange;
}

interface Side {
  readonly words: string[];
  readonly stems: Set<string>;
  /** The whole text as compared (bare words joined, space-padded), to tell a moved or repeated sentence. */
  readonly full: string;
  /** Acronyms the text defines or uses ("SEC"), lower case. */
  readonly acronyms: Set<string>;
  /** More capitalised words than lower-case ones: a Title Case heading. */
  readonly titleCase: boolean;
  /** Whether the text spells out an acronym ("sec" -> "Securities and Exchange Commission"), as asked. */
  spelled: Map<string, boolean>;
}

const joinBare = (ws: string[]) => ws.map(bare).filter(Boolean).join(' ');
const SENTENCE_END = /[.?!]["')\]]?$/;

function side(words: string[]): Side {
  const bares = words.map(bare);
  const acronyms = new Set(
    words
      .filter((w) => /^\(?["“]?[A-Z]{2,6}s?["”]?\)?[.,;:]?$/.test(w))
      .map((w) => bare(w).replace(/s$/, '')),
  );
  const titleCase =
    words.filter((w) => /^[A-Z]/.test(w)).length > words.filter((w) => /^[a-z]/.test(w)).length;
  const full = ` ${bares.filter(Boolean).join(' ')} `;
  return {
    words,
    stems: new Set(bares.map(stemOfBare)),
    full,
    acronyms,
    titleCase,
    spelled: new Map(),
  };
}

function hunksOf(ops: RedlineOp[]): Hunk[] {
  const hunks: Hunk[] = [];
  let atNew = 0;
  let atOld = 0;
  let cur: Hunk | null = null;
  for (const o of ops) {
    const words = o.text === '' ? [] : o.text.split(' ');
    if (o.op === 'equal') {
      if (cur) hunks.push(cur);
      cur = null;
      atNew += words.length;
      atOld += words.length;
      continue;
    }
    cur ??= { del: [], ins: [], atNew, atOld };
    if (o.op === 'delete') {
      cur.del.push(...words);
      atOld += words.length;
    } else {
      cur.ins.push(...words);
      atNew += words.length;
    }
  }
  if (cur) hunks.push(cur);
  return hunks;
}

const clip = (ws: string[], n = 14) => `${ws.slice(0, n).join(' ')}${ws.length > n ? ' …' : ''}`;

/** "May" before or after a figure is the month; elsewhere a modal. */
function modals(ws: string[]): string {
  return ws
    .map((w, i) =>
      bare(w) === 'may' && (/\d/.test(ws[i + 1] ?? '') || /\d/.test(ws[i - 1] ?? ''))
        ? ''
        : bare(w),
    )
    .flatMap((b) =>
      b === 'cannot' ? ['possible', 'negation'] : MODAL_FAMILY[b] ? [MODAL_FAMILY[b]] : [],
    )
    .sort()
    .join(' ');
}

/** Words of a capitalised run whose initials spell an acronym of the other side ("Securities and Exchange Commission" / "SEC"). */
function spelledAcronyms(words: string[], acronyms: Set<string>): Set<number> {
  const covered = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    if (!/^[A-Z]/.test(words[i]!)) continue;
    let initials = '';
    const idx: number[] = [];
    for (let j = i; j < words.length && idx.length < 12; j++) {
      const w = words[j]!;
      if (/^[A-Z]/.test(w)) initials += w[0]!.toLowerCase();
      else if (!['and', 'of', 'the', 'for', '&'].includes(bare(w) || w)) break;
      idx.push(j);
      if (acronyms.has(initials) && initials.length >= 2) for (const k of idx) covered.add(k);
    }
  }
  return covered;
}

/** Content words of `ws` the other side never says (after acronyms and stems). */
function novel(ws: string[], other: Side): string[] {
  const covered = spelledAcronyms(ws, other.acronyms);
  const spellsOut = (w: string) => {
    if (!/^[A-Z]{2,6}s?$/.test(w.replace(/[^A-Za-z]/g, ''))) return false;
    const acronym = bare(w).replace(/s$/, '');
    let known = other.spelled.get(acronym);
    if (known === undefined)
      other.spelled.set(
        acronym,
        (known = spelledAcronyms(other.words, new Set([acronym])).size > 0),
      );
    return known;
  };
  return ws.filter(
    (w, i) => !covered.has(i) && isContent(w) && !other.stems.has(stem(w)) && !spellsOut(w),
  );
}

/** A whole sentence put in or struck that the other side does not have: a statement. */
function newSentence(ws: string[], other: Side): boolean {
  const text = joinBare(ws);
  if (ws.length < 5 || !SENTENCE_END.test(ws[ws.length - 1]!) || !/^[A-Z"“(]/.test(ws[0]!))
    return false;
  return !other.full.includes(` ${text} `) && ws.filter(isContent).length >= 2;
}

/** The sentence of `words` around word `at`, for a figures row. */
function sentenceAt(words: string[], at: number): string {
  let start = Math.min(at, words.length - 1);
  while (start > 0 && !SENTENCE_END.test(words[start - 1]!) && at - start < 40) start--;
  let end = at;
  while (end < words.length - 1 && !SENTENCE_END.test(words[end]!) && end - at < 40) end++;
  return words.slice(start, end + 1).join(' ');
}

function judgeHunk(h: Hunk, oldSide: Side, newSide: Side): Verdict {
  const d = joinBare(h.del);
  const i = joinBare(h.ins);
  if (d === i) return { class: 'editorial', reason: 'punctuation or capitalisation only' };
  if (h.del.length > 0 && h.del.every((w) => PLACEHOLDER.test(w)))
    return { class: 'editorial', reason: `a blank placeholder filled in ("${clip(h.ins, 8)}")` };
  const frame = (ws: string[]) =>
    ws.filter((w) => !isFigure(w) && !QUALIFIERS.has(bare(w)) && bare(w) !== '');
  const hasFigure = h.del.some(isFigure) || h.ins.some(isFigure);
  if (hasFigure && frame(h.del).length === 0 && frame(h.ins).length === 0) {
    const sentence = h.ins.length
      ? sentenceAt(newSide.words, h.atNew)
      : sentenceAt(oldSide.words, h.atOld);
    return {
      class: 'figures',
      reason: 'only figures or dates changed',
      figure: { old: h.del.join(' '), new: h.ins.join(' '), sentence },
    };
  }
  const added = novel(h.ins, oldSide);
  const removed = novel(h.del, newSide);
  const toReference = CROSS_REFERENCE.test(h.ins.join(' ')) && removed.length > added.length;
  if (toReference)
    return {
      class: 'substantive',
      reason: `replaces a statement with a cross-reference: "${clip(h.del)}"`,
    };
  if (newSentence(h.ins, oldSide) && added.length + removed.length > 0)
    return { class: 'substantive', reason: `adds a statement: "${clip(h.ins)}"` };
  if (newSentence(h.del, newSide) && removed.length > 0) {
    return { class: 'substantive', reason: `removes a statement: "${clip(h.del)}"` };
  }
  // A sentence moved within the factor, or one said twice and dropped: the other side has it.
  const elsewhere = (ws: string[], text: string, other: Side) =>
    ws.length === 0 || (ws.length >= 5 && other.full.includes(` ${text} `));
  if (elsewhere(h.ins, i, oldSide) && elsewhere(h.del, d, newSide)) {
    const twice = (text: string, s: Side) =>
      s.full.indexOf(` ${text} `) !== s.full.lastIndexOf(` ${text} `);
    if (h.ins.length && h.del.length) return { class: 'editorial', reason: 'sentences reordered' };
    return {
      class: 'editorial',
      reason:
        h.del.length && twice(d, oldSide) ? 'a repeated sentence dropped' : 'sentences reordered',
    };
  }
  const modalChanged = modals(h.del) !== modals(h.ins);
  if (modalChanged && added.length + removed.length === 0)
    return {
      class: 'substantive',
      reason: `changes what the company says may or will happen ("${clip(h.del, 8)}" -> "${clip(h.ins, 8)}")`,
    };
  if (added.length === 0 && removed.length === 0) {
    if (h.ins.length === 0)
      return { class: 'editorial', reason: 'repeated or redundant words dropped' };
    if (h.del.length === 0)
      return { class: 'editorial', reason: 'words added that say nothing new' };
    return { class: 'editorial', reason: 'the same information reworded' };
  }
  // A capital marks a name (a law, an agency, a country), except in a Title Case heading.
  const capitalised =
    !(oldSide.titleCase && newSide.titleCase) &&
    [...added, ...removed].some((w) => /^[A-Z]/.test(w));
  // Words put in or struck without a replacement say something new unless they only intensify ("very").
  const onlyIntensifiers = [...added, ...removed].every(isIntensifier);
  const replacement = h.del.length > 0 && h.ins.length > 0;
  const small = added.length <= 2 && removed.length <= 2 && h.ins.length <= 4 && h.del.length <= 4;
  // The topic vocabulary is read last, only for a change small enough to be a synonym.
  const onTopic = () => topicsIn([...added, ...removed].join(' ')).length > 0;
  if (small && !capitalised && !modalChanged && (replacement || onlyIntensifiers) && !onTopic()) {
    if (h.del.length === 0)
      return {
        class: 'editorial',
        reason: `a word added that says nothing new ("${clip(h.ins, 6)}")`,
      };
    if (h.ins.length === 0)
      return {
        class: 'editorial',
        reason: `a word dropped that said nothing new ("${clip(h.del, 6)}")`,
      };
    return { class: 'editorial', reason: `a synonym ("${clip(h.del, 6)}" -> "${clip(h.ins, 6)}")` };
  }
  if (added.length >= removed.length)
    return { class: 'substantive', reason: `adds "${clip(h.ins)}"` };
  return { class: 'substantive', reason: `removes "${clip(h.del)}"` };
}

/** The materiality of a redline (a factor's body, its heading, or section text). Pure. */
export function classifyRedline(ops: RedlineOp[], where = ''): Materiality {
  const oldSide = side(
    ops.filter((o) => o.op !== 'insert').flatMap((o) => (o.text ? o.text.split(' ') : [])),
  );
  const newSide = side(
    ops.filter((o) => o.op !== 'delete').flatMap((o) => (o.text ? o.text.split(' ') : [])),
  );
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
