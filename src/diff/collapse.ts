import type { RedlineOp } from './types.js';

/** Unchanged runs longer than this many words are shortened to their ends around a marker. */
export const COLLAPSE_OVER = 60;
export const KEEP_EACH_SIDE = 20;

export type DisplayOp = RedlineOp | { op: 'skip'; words: number };

/** Shortens long unchanged runs so a reader sees each edit with its context, not the whole factor. */
export function collapseEqual(ops: RedlineOp[]): DisplayOp[] {
  const out: DisplayOp[] = [];
  ops.forEach((o, i) => {
    if (o.op !== 'equal') {
      out.push(o);
      return;
    }
    const words = o.text.split(' ');
    if (words.length <= COLLAPSE_OVER) {
      out.push(o);
      return;
    }
    const first = i === 0;
    const last = i === ops.length - 1;
    const head = first ? [] : words.slice(0, KEEP_EACH_SIDE);
    const tail = last ? [] : words.slice(-KEEP_EACH_SIDE);
    if (head.length) out.push({ op: 'equal', text: head.join(' ') });
    out.push({ op: 'skip', words: words.length - head.length - tail.length });
    if (tail.length) out.push({ op: 'equal', text: tail.join(' ') });
  });
  return out;
}
