import { collapseEqual, type DisplayOp } from './collapse.js';
import { countByMateriality } from './materiality.js';
import type { Change, RedlineOp, SectionDiff } from './types.js';

export interface RenderMeta {
  /** e.g. "Acme Corp. S-1/A (2024-05-02) vs S-1 (2024-04-01)" */
  title: string;
  oldLabel: string;
  newLabel: string;
}

/** Escapes filing text for HTML: a filing containing `<script>` renders as text. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

// Inline styles only: Gmail strips <style>, Outlook ignores most CSS; spans with colours,
// underline and strike-through survive both, like a lawyer's redline.
const INS = 'color:#116329;background-color:#dafbe1;text-decoration:underline;';
const DEL = 'color:#a40e26;background-color:#ffebe9;text-decoration:line-through;';
const SKIP = 'color:#57606a;font-style:italic;';
const FONT =
  "font-family:Georgia,'Times New Roman',serif;font-size:15px;line-height:1.5;color:#1f2328;";
const SANS = 'font-family:Arial,Helvetica,sans-serif;';

function ops(list: DisplayOp[]): string {
  return list
    .map((o) => {
      if (o.op === 'skip')
        return `<span style="${SKIP}">[&hellip; ${o.words} unchanged words &hellip;]</span>`;
      const t = escapeHtml(o.text);
      if (o.op === 'insert') return `<span style="${INS}">${t}</span>`;
      if (o.op === 'delete') return `<span style="${DEL}">${t}</span>`;
      return t;
    })
    .join(' ');
}

const KIND_LABEL: Record<Change['kind'], [string, string]> = {
  added: ['Added', '#116329'],
  removed: ['Removed', '#a40e26'],
  modified: ['Reworded', '#9a6700'],
  moved: ['Moved', '#0550ae'],
  preamble: ['Preamble', '#6639ba'],
  'category-intro': ['Category introduction', '#6639ba'],
};

function badge(kind: Change['kind'], extra = ''): string {
  const [label, colour] = KIND_LABEL[kind];
  return `<span style="${SANS}font-size:12px;font-weight:bold;color:#ffffff;background-color:${colour};padding:2px 6px;">${label}${extra}</span>`;
}

function plain(text: string, style: string): string {
  return text
    .split(/\n{2,}/)
    .map(
      (p) =>
        `<p style="margin:0 0 10px 0;">${p.trim() ? `<span style="${style}">${escapeHtml(p)}</span>` : ''}</p>`,
    )
    .join('');
}

const CLASS_LABEL = {
  substantive: 'Substantive',
  figures: 'Figures only',
  editorial: 'Editorial',
} as const;

/** How much a change matters, and why (the diff core's classification), with its topics. */
function materialityNote(c: Change): string {
  const m = c.materiality;
  if (!m) return '';
  const topics = c.topics?.length ? ` &middot; ${escapeHtml(c.topics.join(', '))}` : '';
  return `<div style="${SANS}font-size:12px;color:#57606a;margin:6px 0 0 0;"><strong>${CLASS_LABEL[m.class]}</strong>: ${escapeHtml(m.reason)}${topics}</div>`;
}

function changeBlock(c: Change): string {
  const cell = (inner: string) =>
    `<tr><td style="padding:14px 16px;border-top:1px solid #d0d7de;${FONT}">${inner}${materialityNote(c)}</td></tr>`;
  switch (c.kind) {
    case 'added':
      return cell(`${badge('added')} <span style="${SANS}font-size:12px;color:#57606a;">${escapeHtml(c.new.category ?? '')} &middot; #${c.new.index + 1}</span>
<p style="margin:8px 0;font-weight:bold;"><span style="${INS}">${escapeHtml(c.new.heading)}</span></p>${plain(c.text, INS)}`);
    case 'removed':
      return cell(`${badge('removed')} <span style="${SANS}font-size:12px;color:#57606a;">${escapeHtml(c.old.category ?? '')} &middot; was #${c.old.index + 1}</span>
<p style="margin:8px 0;font-weight:bold;"><span style="${DEL}">${escapeHtml(c.old.heading)}</span></p>${plain(c.text, DEL)}`);
    case 'moved':
      return cell(`${badge('moved')} <span style="${SANS}font-size:12px;color:#57606a;">#${c.old.index + 1} &rarr; #${c.new.index + 1}</span>
<p style="margin:8px 0;font-weight:bold;">${escapeHtml(c.new.heading)}</p>`);
    case 'modified': {
      const heading = c.headingChanged
        ? ops(c.headingRedline as RedlineOp[])
        : escapeHtml(c.new.heading);
      const where = c.moved
        ? `#${c.old.index + 1} &rarr; #${c.new.index + 1}`
        : `#${c.new.index + 1}`;
      return cell(`${badge('modified', c.headingChanged ? ' (heading)' : '')} <span style="${SANS}font-size:12px;color:#57606a;">${escapeHtml(c.new.category ?? '')} &middot; ${where} &middot; +${c.wordsAdded} / &minus;${c.wordsRemoved} words</span>
<p style="margin:8px 0;font-weight:bold;">${heading}</p><p style="margin:0 0 10px 0;">${ops(collapseEqual(c.redline))}</p>`);
    }
    case 'preamble':
      return cell(`${badge('preamble')} <span style="${SANS}font-size:12px;color:#57606a;">section text before the first risk factor &middot; +${c.wordsAdded} / &minus;${c.wordsRemoved} words</span>
<p style="margin:8px 0 10px 0;">${ops(collapseEqual(c.redline))}</p>`);
    case 'category-intro':
      return cell(`${badge('category-intro')} <span style="${SANS}font-size:12px;color:#57606a;">+${c.wordsAdded} / &minus;${c.wordsRemoved} words</span>
<p style="margin:8px 0;font-weight:bold;">${escapeHtml(c.category)}</p><p style="margin:0 0 10px 0;">${ops(collapseEqual(c.redline))}</p>`);
  }
}

/**
 * The e-mail-ready HTML redline: a summary table first, then each change with insertions green
 * and underlined, deletions red and struck through, long unchanged text collapsed. Pure.
 */
export function renderHtml(diff: SectionDiff, meta: RenderMeta): string {
  const s = diff.summary;
  const m = countByMateriality(diff.changes);
  const row = (label: string, value: string | number) =>
    `<tr><td style="${SANS}font-size:13px;padding:4px 12px 4px 0;color:#57606a;">${label}</td><td style="${SANS}font-size:13px;padding:4px 0;font-weight:bold;">${value}</td></tr>`;
  const hits = diff.keywordHits.length
    ? `<tr><td style="padding:12px 16px;background-color:#fff8c5;${SANS}font-size:13px;"><strong>Watched phrases:</strong> ${diff.keywordHits
        .map(
          (h) =>
            `&ldquo;${escapeHtml(h.keyword)}&rdquo; in ${h.kind === 'added' ? 'new' : 'reworded'} risk factor &ldquo;${escapeHtml(h.heading)}&rdquo;`,
        )
        .join('; ')}</td></tr>`
    : '';
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(meta.title)}</title></head>
<body style="margin:0;padding:0;background-color:#f6f8fa;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f6f8fa;"><tr><td align="center" style="padding:16px;">
<table role="presentation" width="680" cellpadding="0" cellspacing="0" border="0" style="max-width:680px;width:100%;background-color:#ffffff;border:1px solid #d0d7de;">
<tr><td style="padding:16px;${SANS}"><div style="font-size:18px;font-weight:bold;color:#1f2328;">${escapeHtml(meta.title)}</div>
<div style="font-size:13px;color:#57606a;margin-top:4px;">Risk Factors: ${escapeHtml(meta.newLabel)} compared with ${escapeHtml(meta.oldLabel)}</div></td></tr>
<tr><td style="padding:0 16px 12px 16px;"><table role="presentation" cellpadding="0" cellspacing="0" border="0">
${row('Added', s.added)}${row('Removed', s.removed)}${row('Reworded', s.modified)}${row('Moved', s.moved)}${row('Unchanged', s.unchanged)}${s.preamble > 0 ? row('Preamble', 'changed') : ''}${s.categoryIntros > 0 ? row('Category introductions changed', s.categoryIntros) : ''}
${diff.changes.length ? row('How much it matters', `${m.substantive} substantive, ${m.figures} figures only, ${m.editorial} editorial`) : ''}${row('Risk factors', `${diff.old.riskFactors} &rarr; ${diff.new.riskFactors}`)}${row('Section similarity', diff.similarity.toFixed(3))}
</table></td></tr>
${hits}
${diff.changes.length ? diff.changes.map(changeBlock).join('\n') : `<tr><td style="padding:14px 16px;border-top:1px solid #d0d7de;${FONT}">No risk factor was added, removed, reworded or moved, and no text around them changed.</td></tr>`}
<tr><td style="padding:12px 16px;border-top:1px solid #d0d7de;${SANS}font-size:12px;color:#57606a;"><span style="${INS}">underlined green</span> = inserted, <span style="${DEL}">struck red</span> = deleted. Sent by regwatch.</td></tr>
</table></td></tr></table></body></html>
`;
}
