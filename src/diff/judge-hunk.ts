import {
  bare,
  CROSS_REFERENCE,
  isFigure,
  isIntensifier,
  PLACEHOLDER,
  QUALIFIERS,
} from './materiality-words.js';
import { joinBare, modals, newSentence, novel, sentenceAt, type Side } from './redline-sides.js';
import { topicsIn } from './topics.js';
import type { FigureChange, MaterialityClass, RedlineOp } from './types.js';

/** One stretch of a redline between unchanged words: what was struck and what was put in. */
export interface Hunk {
  del: string[];
  ins: string[];
  /** Where the hunk stands in the new text (word index), and in the old. */
  atNew: number;
  atOld: number;
}

/** How much one hunk matters, and why. */
export interface Verdict {
  class: MaterialityClass;
  reason: string;
  figure?: FigureChange;
}

/** Content words a hunk puts in that the old text never says, and strikes that the new never says. */
interface NovelWords {
  added: string[];
  removed: string[];
}

/** Words of a redline op's text (single spaces between words), as `text.split(' ').length`. */
function wordCount(text: string): number {
  if (text === '') return 0;
  let n = 1;
  for (let at = text.indexOf(' '); at >= 0; at = text.indexOf(' ', at + 1)) n++;
  return n;
}

/** The hunks of a redline, in order. */
export function hunksOf(ops: RedlineOp[]): Hunk[] {
  const hunks: Hunk[] = [];
  let atNew = 0;
  let atOld = 0;
  let cur: Hunk | null = null;
  for (const o of ops) {
    if (o.op === 'equal') {
      if (cur) hunks.push(cur);
      cur = null;
      // Unchanged words are only counted (the text is most of a redline; no need to split it).
      const n = wordCount(o.text);
      atNew += n;
      atOld += n;
      continue;
    }
    const words = o.text === '' ? [] : o.text.split(' ');
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

/**
 * The verdict on one hunk, given both whole texts. Pure. The questions are asked in order and
 * the first that answers decides: form only, figures only, a statement put in or struck, a
 * sentence moved, the modal or the same words, a small synonym, else new words.
 */
export function judgeHunk(h: Hunk, oldSide: Side, newSide: Side): Verdict {
  const d = joinBare(h.del);
  const i = joinBare(h.ins);
  const early = judgeForm(h, d, i) ?? judgeFigures(h, oldSide, newSide);
  if (early) return early;
  const words: NovelWords = { added: novel(h.ins, oldSide), removed: novel(h.del, newSide) };
  const byMeaning =
    judgeStatements(h, words, oldSide, newSide) ?? judgeReorder(h, d, i, oldSide, newSide);
  if (byMeaning) return byMeaning;
  const modalChanged = modals(h.del) !== modals(h.ins);
  return (
    judgeSameWords(h, words, modalChanged) ??
    judgeSmallEdit(h, words, modalChanged, oldSide, newSide) ??
    judgeNewWords(h, words)
  );
}

/** Only punctuation or capitals changed, or a blank placeholder ("[•]") was filled in. */
function judgeForm(h: Hunk, d: string, i: string): Verdict | undefined {
  if (d === i) return { class: 'editorial', reason: 'punctuation or capitalisation only' };
  if (h.del.length > 0 && h.del.every((w) => PLACEHOLDER.test(w)))
    return { class: 'editorial', reason: `a blank placeholder filled in ("${clip(h.ins, 8)}")` };
  return undefined;
}

/** Only figures (amounts, dates, counts) and their qualifiers changed: a figures row, with its sentence. */
function judgeFigures(h: Hunk, oldSide: Side, newSide: Side): Verdict | undefined {
  const frame = (ws: string[]) =>
    ws.filter((w) => !isFigure(w) && !QUALIFIERS.has(bare(w)) && bare(w) !== '');
  const hasFigure = h.del.some(isFigure) || h.ins.some(isFigure);
  if (!hasFigure || frame(h.del).length > 0 || frame(h.ins).length > 0) return undefined;
  const sentence = h.ins.length
    ? sentenceAt(newSide.words, h.atNew)
    : sentenceAt(oldSide.words, h.atOld);
  return {
    class: 'figures',
    reason: 'only figures or dates changed',
    figure: { old: h.del.join(' '), new: h.ins.join(' '), sentence },
  };
}

/** A statement replaced by a cross-reference, or a whole new sentence put in or struck. */
function judgeStatements(
  h: Hunk,
  { added, removed }: NovelWords,
  oldSide: Side,
  newSide: Side,
): Verdict | undefined {
  if (CROSS_REFERENCE.test(h.ins.join(' ')) && removed.length > added.length)
    return {
      class: 'substantive',
      reason: `replaces a statement with a cross-reference: "${clip(h.del)}"`,
    };
  if (newSentence(h.ins, oldSide) && added.length + removed.length > 0)
    return { class: 'substantive', reason: `adds a statement: "${clip(h.ins)}"` };
  if (newSentence(h.del, newSide) && removed.length > 0)
    return { class: 'substantive', reason: `removes a statement: "${clip(h.del)}"` };
  return undefined;
}

/** A sentence moved within the factor, or one said twice and dropped: the other side has it. */
function judgeReorder(
  h: Hunk,
  d: string,
  i: string,
  oldSide: Side,
  newSide: Side,
): Verdict | undefined {
  const elsewhere = (ws: string[], text: string, other: Side) =>
    ws.length === 0 || (ws.length >= 5 && other.full.includes(` ${text} `));
  if (!elsewhere(h.ins, i, oldSide) || !elsewhere(h.del, d, newSide)) return undefined;
  const twice = (text: string, s: Side) =>
    s.full.indexOf(` ${text} `) !== s.full.lastIndexOf(` ${text} `);
  if (h.ins.length && h.del.length) return { class: 'editorial', reason: 'sentences reordered' };
  return {
    class: 'editorial',
    reason:
      h.del.length && twice(d, oldSide) ? 'a repeated sentence dropped' : 'sentences reordered',
  };
}

/** No new content word either way: a changed modal ("may" -> "will") matters; else a rewording. */
function judgeSameWords(
  h: Hunk,
  { added, removed }: NovelWords,
  modalChanged: boolean,
): Verdict | undefined {
  if (added.length + removed.length > 0) return undefined;
  if (modalChanged)
    return {
      class: 'substantive',
      reason: `changes what the company says may or will happen ("${clip(h.del, 8)}" -> "${clip(h.ins, 8)}")`,
    };
  if (h.ins.length === 0)
    return { class: 'editorial', reason: 'repeated or redundant words dropped' };
  if (h.del.length === 0) return { class: 'editorial', reason: 'words added that say nothing new' };
  return { class: 'editorial', reason: 'the same information reworded' };
}

/** A word or two swapped for a synonym, or an intensifier ("very") put in or struck. */
function judgeSmallEdit(
  h: Hunk,
  { added, removed }: NovelWords,
  modalChanged: boolean,
  oldSide: Side,
  newSide: Side,
): Verdict | undefined {
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
  if (!small || capitalised || modalChanged || !(replacement || onlyIntensifiers) || onTopic())
    return undefined;
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

/** New content words put in or struck: substantive, named by the side that says more. */
function judgeNewWords(h: Hunk, { added, removed }: NovelWords): Verdict {
  if (added.length >= removed.length)
    return { class: 'substantive', reason: `adds "${clip(h.ins)}"` };
  return { class: 'substantive', reason: `removes "${clip(h.del)}"` };
}
