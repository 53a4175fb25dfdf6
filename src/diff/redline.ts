import { diffArrays } from 'diff';
import type { RedlineOp } from './types.js';
import type { Tokens } from './tokens.js';

export interface Redline {
  ops: RedlineOp[];
  wordsAdded: number;
  wordsRemoved: number;
}

/**
 * Word-level redline of two token lists: Myers' diff (jsdiff's `diffArrays`) over the
 * normalised words, so noise never shows as an edit, rendered with the words as printed.
 */
export function redline(a: Tokens, b: Tokens): Redline {
  // Trim the common prefix and suffix first: most edits touch a sentence of a long factor.
  let pre = 0;
  while (pre < a.norm.length && pre < b.norm.length && a.norm[pre] === b.norm[pre]) pre++;
  let suf = 0;
  while (suf < a.norm.length - pre && suf < b.norm.length - pre && a.norm[a.norm.length - 1 - suf] === b.norm[b.norm.length - 1 - suf]) suf++;
  const ops: RedlineOp[] = [];
  const push = (op: RedlineOp['op'], words: string[]) => {
    if (words.length === 0) return;
    const last = ops[ops.length - 1];
    if (last && last.op === op) last.text += ` ${words.join(' ')}`;
    else ops.push({ op, text: words.join(' ') });
  };
  push('equal', b.display.slice(0, pre));
  let wordsAdded = 0;
  let wordsRemoved = 0;
  let ia = pre;
  let ib = pre;
  const midA = a.norm.slice(pre, a.norm.length - suf);
  const midB = b.norm.slice(pre, b.norm.length - suf);
  if (midA.length > 0 || midB.length > 0) {
    for (const part of diffArrays(midA, midB)) {
      if (part.added) {
        push('insert', b.display.slice(ib, ib + part.count));
        ib += part.count;
        wordsAdded += part.count;
      } else if (part.removed) {
        push('delete', a.display.slice(ia, ia + part.count));
        ia += part.count;
        wordsRemoved += part.count;
      } else {
        push('equal', b.display.slice(ib, ib + part.count));
        ia += part.count;
        ib += part.count;
      }
    }
  }
  push('equal', b.display.slice(b.display.length - suf));
  return { ops, wordsAdded, wordsRemoved };
}
