import { collapseEqual, type DisplayOp } from '../../diff/collapse.js';
import type { SectionTextChange } from '../../store/outbox.js';
import { esc, SANS } from './html.js';

const INS = 'color:#116329;background-color:#dafbe1;text-decoration:underline;';
const DEL = 'color:#a40e26;background-color:#ffebe9;text-decoration:line-through;';

const label = (c: SectionTextChange) => (c.kind === 'preamble' ? 'Introduction of the Risk Factors section' : `Introduction of "${c.category ?? 'a category'}"`);

function opsHtml(ops: DisplayOp[]): string {
  return ops
    .map((o) => {
      if (o.op === 'skip') return `<span style="color:#57606a;font-style:italic;">[&hellip; ${o.words} unchanged words &hellip;]</span>`;
      if (o.op === 'insert') return `<span style="${INS}">${esc(o.text)}</span>`;
      if (o.op === 'delete') return `<span style="${DEL}">${esc(o.text)}</span>`;
      return esc(o.text);
    })
    .join(' ');
}

function opsText(ops: DisplayOp[]): string {
  return ops.map((o) => (o.op === 'skip' ? `[… ${o.words} unchanged words …]` : o.op === 'insert' ? `{+${o.text}+}` : o.op === 'delete' ? `[-${o.text}-]` : o.text)).join(' ');
}

/** Rows for the text around the factors (preamble, category introductions) that changed. */
export function sectionChangesHtml(changes: SectionTextChange[]): string {
  return changes
    .map(
      (c) =>
        `<tr><td style="padding:14px 16px;border-top:1px solid #d0d7de;font-family:Georgia,'Times New Roman',serif;font-size:15px;line-height:1.5;"><div style="${SANS}font-size:12px;color:#57606a;margin-bottom:6px;">${esc(label(c))} reworded &middot; +${c.wordsAdded} / &minus;${c.wordsRemoved} words</div>${opsHtml(collapseEqual(c.redline))}</td></tr>`,
    )
    .join('\n');
}

export function sectionChangesText(changes: SectionTextChange[]): string {
  return changes.map((c) => `~ ${label(c)} reworded, +${c.wordsAdded}/-${c.wordsRemoved} words: ${opsText(collapseEqual(c.redline))}`).join('\n\n');
}
