import { diffArrays } from 'diff';
import type { Tokens } from './tokens.js';
import type { RedlineOp } from './types.js';

export interface Redline {
  ops: RedlineOp[];
  wordsAdded: number;
  wordsRemoved: number;
}

/** Word-level Myers diff gives up past this many edits and the redline goes sentence by sentence. */
const MAX_WORD_EDITS = 120;
/** Past this many changed sentences the factor is shown as replaced whole. */
const MAX_SENTENCE_EDITS = 200;

interface Run {
  op: RedlineOp['op'];
  words: string[];
}

/**
 * Word-level redline of two token lists, compared on normalised words (so noise never shows as
 * an edit) and shown with the words as printed. Light edits get Myers' word diff (jsdiff's
 * `diffArrays`); a heavily rewritten factor is aligned sentence by sentence first, so the
 * redline reads as whole replaced sentences instead of confetti, and the cost stays bounded.
 */
export function redline(a: Tokens, b: Tokens): Redline {
  let pre = 0;
  while (pre < a.norm.length && pre < b.norm.length && a.norm[pre] === b.norm[pre]) pre++;
  let suf = 0;
  while (
    suf < a.norm.length - pre &&
    suf < b.norm.length - pre &&
    a.norm[a.norm.length - 1 - suf] === b.norm[b.norm.length - 1 - suf]
  )
    suf++;
  const runs: Run[] = [{ op: 'equal', words: b.display.slice(0, pre) }];
  const mid = (t: Tokens) => ({
    norm: t.norm.slice(pre, t.norm.length - suf),
    display: t.display.slice(pre, t.display.length - suf),
  });
  runs.push(...diffMiddle(mid(a), mid(b)));
  runs.push({ op: 'equal', words: b.display.slice(b.display.length - suf) });
  const cleaned = mergeRuns(absorbShortEqualities(mergeRuns(runs)));
  let wordsAdded = 0;
  let wordsRemoved = 0;
  for (const r of cleaned) {
    if (r.op === 'insert') wordsAdded += r.words.length;
    else if (r.op === 'delete') wordsRemoved += r.words.length;
  }
  return {
    ops: cleaned.map((r) => ({ op: r.op, text: r.words.join(' ') })),
    wordsAdded,
    wordsRemoved,
  };
}

function wordDiff(a: Tokens, b: Tokens, maxEditLength: number): Run[] | null {
  if (a.norm.length === 0 || b.norm.length === 0)
    return [
      { op: 'delete', words: a.display },
      { op: 'insert', words: b.display },
    ];
  const parts = diffArrays(a.norm, b.norm, { maxEditLength });
  if (!parts) return null;
  const runs: Run[] = [];
  let ia = 0;
  let ib = 0;
  for (const part of parts) {
    if (part.added) {
      runs.push({ op: 'insert', words: b.display.slice(ib, (ib += part.count)) });
    } else if (part.removed) {
      runs.push({ op: 'delete', words: a.display.slice(ia, (ia += part.count)) });
    } else {
      runs.push({ op: 'equal', words: b.display.slice(ib, (ib += part.count)) });
      ia += part.count;
    }
  }
  return runs;
}

function diffMiddle(a: Tokens, b: Tokens): Run[] {
  if (a.norm.length === 0 && b.norm.length === 0) return [];
  const direct = wordDiff(a, b, MAX_WORD_EDITS);
  if (direct) return direct;
  // Heavy rewrite: align sentences, then redline inside each replaced stretch when it is light.
  const sa = sentences(a);
  const sb = sentences(b);
  const parts = diffArrays(
    sa.map((s) => s.norm.join(' ')),
    sb.map((s) => s.norm.join(' ')),
    { maxEditLength: MAX_SENTENCE_EDITS },
  );
  // Rewritten from end to end: the whole old text struck, the whole new text inserted.
  if (!parts)
    return [
      { op: 'delete', words: a.display },
      { op: 'insert', words: b.display },
    ];
  const runs: Run[] = [];
  let ia = 0;
  let ib = 0;
  let pendingDel: Tokens[] = [];
  const flushReplace = (ins: Tokens[]) => {
    const del = concat(pendingDel);
    const add = concat(ins);
    pendingDel = [];
    const inner = del.norm.length + add.norm.length <= 800 ? wordDiff(del, add, 40) : null;
    if (inner) runs.push(...inner);
    else runs.push({ op: 'delete', words: del.display }, { op: 'insert', words: add.display });
  };
  for (const part of parts) {
    if (part.removed) {
      pendingDel.push(...sa.slice(ia, (ia += part.count)));
    } else if (part.added) {
      flushReplace(sb.slice(ib, (ib += part.count)));
    } else {
      if (pendingDel.length) flushReplace([]);
      runs.push({ op: 'equal', words: concat(sb.slice(ib, (ib += part.count))).display });
      ia += part.count;
    }
  }
  if (pendingDel.length) flushReplace([]);
  return runs;
}

/** Splits tokens after words ending a sentence (". ", "? ", "! ", "; ", ": "). */
function sentences(t: Tokens): Tokens[] {
  const out: Tokens[] = [];
  let start = 0;
  for (let i = 0; i < t.norm.length; i++) {
    if (/[.?!;:]["')\]]?$/.test(t.norm[i]!) || i === t.norm.length - 1) {
      out.push({ norm: t.norm.slice(start, i + 1), display: t.display.slice(start, i + 1) });
      start = i + 1;
    }
  }
  return out;
}

function concat(list: Tokens[]): Tokens {
  return { norm: list.flatMap((t) => t.norm), display: list.flatMap((t) => t.display) };
}

/** Joins neighbouring runs of one kind and puts each deletion before its insertion. */
function mergeRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  let del: string[] = [];
  let ins: string[] = [];
  const flush = () => {
    if (del.length) out.push({ op: 'delete', words: del });
    if (ins.length) out.push({ op: 'insert', words: ins });
    del = [];
    ins = [];
  };
  for (const r of runs) {
    if (r.words.length === 0) continue;
    if (r.op === 'delete') del = del.concat(r.words);
    else if (r.op === 'insert') ins = ins.concat(r.words);
    else {
      flush();
      const last = out[out.length - 1];
      if (last && last.op === 'equal') last.words = last.words.concat(r.words);
      else out.push({ op: 'equal', words: [...r.words] });
    }
  }
  flush();
  return out;
}

/**
 * Semantic clean-up (after diff-match-patch): an unchanged word or two stranded between larger
 * edits on both sides ("the", "and") is folded into them, so a rewritten sentence reads as
 * one deletion and one insertion.
 */
function absorbShortEqualities(runs: Run[]): Run[] {
  const editSize = (from: number, step: number) => {
    let n = 0;
    for (let i = from; i >= 0 && i < runs.length && runs[i]!.op !== 'equal'; i += step)
      n = Math.max(n, runs[i]!.words.length);
    return n;
  };
  const out: Run[] = [];
  runs.forEach((r, i) => {
    if (
      r.op === 'equal' &&
      i > 0 &&
      i < runs.length - 1 &&
      r.words.length <= 2 &&
      r.words.length < editSize(i - 1, -1) &&
      r.words.length < editSize(i + 1, 1)
    ) {
      out.push({ op: 'delete', words: r.words }, { op: 'insert', words: r.words });
    } else out.push(r);
  });
  return out;
}
