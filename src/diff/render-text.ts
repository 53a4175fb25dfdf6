import { collapseEqual, type DisplayOp } from './collapse.js';
import type { Change, RedlineOp, SectionDiff } from './types.js';

export interface TextStyle {
  /** ANSI colours for a terminal; plain markers ({+ +}, [- -]) for mail and pipes. */
  color: boolean;
}

const wrapOp = (o: DisplayOp, color: boolean): string => {
  if (o.op === 'skip')
    return color
      ? `\x1b[2m[… ${o.words} unchanged words …]\x1b[22m`
      : `[… ${o.words} unchanged words …]`;
  if (o.op === 'insert') return color ? `\x1b[32;4m${o.text}\x1b[0m` : `{+${o.text}+}`;
  if (o.op === 'delete') return color ? `\x1b[31;9m${o.text}\x1b[0m` : `[-${o.text}-]`;
  return o.text;
};

function line(c: Change, color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  switch (c.kind) {
    case 'added':
      return `${paint('32;1', '+ ADDED')}     #${c.new.index + 1} ${c.new.heading}${c.new.category ? `  (${c.new.category})` : ''}`;
    case 'removed':
      return `${paint('31;1', '- REMOVED')}   was #${c.old.index + 1} ${c.old.heading}`;
    case 'moved':
      return `${paint('34;1', '> MOVED')}     #${c.old.index + 1} -> #${c.new.index + 1} ${c.new.heading}`;
    case 'modified': {
      const heading = c.headingChanged
        ? (c.headingRedline as RedlineOp[]).map((o) => wrapOp(o, color)).join(' ')
        : c.new.heading;
      const body = collapseEqual(c.redline)
        .map((o) => wrapOp(o, color))
        .join(' ');
      return `${paint('33;1', '~ REWORDED')}  #${c.new.index + 1}${c.moved ? ` (was #${c.old.index + 1})` : ''} ${heading}\n    +${c.wordsAdded}/-${c.wordsRemoved} words: ${body}`;
    }
    case 'preamble': {
      const body = collapseEqual(c.redline)
        .map((o) => wrapOp(o, color))
        .join(' ');
      return `${paint('35;1', '~ PREAMBLE')}  section text before the first risk factor\n    +${c.wordsAdded}/-${c.wordsRemoved} words: ${body}`;
    }
    case 'category-intro': {
      const body = collapseEqual(c.redline)
        .map((o) => wrapOp(o, color))
        .join(' ');
      return `${paint('35;1', '~ CATEGORY INTRO')}  ${c.category}\n    +${c.wordsAdded}/-${c.wordsRemoved} words: ${body}`;
    }
  }
}

/** Columns of `diff --text` and of the plain-text redline. */
export const TEXT_WIDTH = 100;

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Wraps one line at `width` visible columns (colour codes take none) on spaces, continuation
 * lines indented four spaces past the line's own indent. A single word longer than the width
 * stays whole.
 */
export function wrapLine(line: string, width = TEXT_WIDTH): string[] {
  const visible = (s: string) => s.replace(ANSI, '').length;
  if (visible(line) <= width) return [line];
  const lead = /^ */.exec(line)![0];
  const indent = `${lead}    `;
  const out: string[] = [];
  let cur = lead;
  for (const word of line.slice(lead.length).split(' ')) {
    const next = cur.trim() === '' ? `${cur}${word}` : `${cur} ${word}`;
    if (visible(next) > width && cur.trim() !== '') {
      out.push(cur);
      cur = `${indent}${word}`;
    } else cur = next;
  }
  out.push(cur);
  return out;
}

function materialityLine(c: Change): string {
  const m = c.materiality;
  if (!m) return '';
  const topics = c.topics?.length ? `; topics: ${c.topics.join(', ')}` : '';
  return `\n    ${m.class}: ${m.reason}${topics}`;
}

/** The plain-text (or terminal) redline: a summary line, then one entry per change, wrapped at 100 columns. Pure. */
export function renderText(diff: SectionDiff, style: TextStyle = { color: false }): string {
  const s = diff.summary;
  const outside = [
    s.preamble > 0 ? 'preamble changed' : '',
    s.categoryIntros > 0
      ? `${s.categoryIntros} category introduction${s.categoryIntros === 1 ? '' : 's'} changed`
      : '',
  ].filter(Boolean);
  const out = [
    `Risk factors ${diff.old.riskFactors} -> ${diff.new.riskFactors}: ${s.added} added, ${s.removed} removed, ${s.modified} reworded, ${s.moved} moved, ${s.unchanged} unchanged; section similarity ${diff.similarity.toFixed(3)}${outside.length ? `; ${outside.join(', ')}` : ''}`,
  ];
  for (const h of diff.keywordHits)
    out.push(
      `! watched phrase "${h.keyword}" in ${h.kind === 'added' ? 'new' : 'reworded'} risk factor: ${h.heading}`,
    );
  for (const c of diff.changes) out.push('', line(c, style.color) + materialityLine(c));
  return `${out
    .join('\n')
    .split('\n')
    .flatMap((l) => wrapLine(l))
    .join('\n')}\n`;
}
