import { collapseEqual, type DisplayOp } from '../diff/collapse.js';
import type { Change, RedlineOp, SectionDiff } from '../diff/types.js';
import { escapeHtml } from './layout.js';

/**
 * The redline as an HTML fragment for the pages and the feed: `<ins>` and `<del>` carry the
 * meaning (a feed reader that drops all styles still underlines and strikes them), classes
 * carry the colours on the pages. No style attributes: the pages' CSP forbids them.
 */
function ops(list: DisplayOp[]): string {
  return list
    .map((o) => {
      if (o.op === 'skip') return `<span class="skip">[… ${o.words} unchanged words …]</span>`;
      const t = escapeHtml(o.text);
      return o.op === 'insert' ? `<ins>${t}</ins>` : o.op === 'delete' ? `<del>${t}</del>` : t;
    })
    .join(' ');
}

const LABEL: Record<Change['kind'], string> = {
  added: 'Added',
  removed: 'Removed',
  modified: 'Reworded',
  moved: 'Moved',
  preamble: 'Preamble',
  'category-intro': 'Category introduction',
};

const tag = (kind: Change['kind'], extra = '') =>
  `<span class="tag ${kind}">${LABEL[kind]}${extra}</span>`;
const paragraphs = (text: string, wrap: 'ins' | 'del') =>
  text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => `<p><${wrap}>${escapeHtml(p)}</${wrap}></p>`)
    .join('');
const heading = (text: string, wrap: 'ins' | 'del') =>
  `<h3><${wrap}>${escapeHtml(text)}</${wrap}></h3>`;
const counts = (c: { wordsAdded: number; wordsRemoved: number }) =>
  `+${c.wordsAdded} / −${c.wordsRemoved} words`;
const where = (category: string | null, pos: string) =>
  `<span class="muted">${category ? `${escapeHtml(category)} · ` : ''}${pos}</span>`;

/** One change of a diff as an HTML block. Every piece of filing text is escaped. */
export function renderChange(c: Change): string {
  switch (c.kind) {
    case 'added':
      return `${tag('added')} ${where(c.new.category, `#${c.new.index + 1}`)}${heading(c.new.heading, 'ins')}${paragraphs(c.text, 'ins')}`;
    case 'removed':
      return `${tag('removed')} ${where(c.old.category, `was #${c.old.index + 1}`)}${heading(c.old.heading, 'del')}${paragraphs(c.text, 'del')}`;
    case 'moved':
      return `${tag('moved')} ${where(c.new.category, `#${c.old.index + 1} → #${c.new.index + 1}`)}<h3>${escapeHtml(c.new.heading)}</h3>`;
    case 'modified': {
      const title = c.headingChanged
        ? ops(c.headingRedline as RedlineOp[])
        : escapeHtml(c.new.heading);
      const pos = c.moved ? `#${c.old.index + 1} → #${c.new.index + 1}` : `#${c.new.index + 1}`;
      const label = tag('modified', c.headingChanged ? ' (heading)' : '');
      return `${label} ${where(c.new.category, `${pos} · ${counts(c)}`)}<h3>${title}</h3><p>${ops(collapseEqual(c.redline))}</p>`;
    }
    case 'preamble':
      return `${tag('preamble')} ${where(null, `text before the first risk factor · ${counts(c)}`)}<p>${ops(collapseEqual(c.redline))}</p>`;
    case 'category-intro':
      return `${tag('category-intro')} ${where(null, counts(c))}<h3>${escapeHtml(c.category)}</h3><p>${ops(collapseEqual(c.redline))}</p>`;
  }
}

/**
 * The changes of a diff, at most `limit` of them (the feed keeps entries small; the page shows
 * all), with a line saying how many were left out and where to read them.
 */
export function renderRedline(
  diff: Pick<SectionDiff, 'changes'>,
  opts: { limit?: number; moreHref?: string } = {},
): string {
  if (diff.changes.length === 0)
    return '<p>No risk factor was added, removed, reworded or moved, and no text around them changed.</p>';
  const shown = opts.limit === undefined ? diff.changes : diff.changes.slice(0, opts.limit);
  const blocks = shown.map((c) => `<div class="change">${renderChange(c)}</div>`).join('\n');
  const left = diff.changes.length - shown.length;
  if (left <= 0) return blocks;
  const more = opts.moreHref
    ? ` <a href="${escapeHtml(opts.moreHref)}">Read the whole redline</a>.`
    : '';
  return `${blocks}\n<p>… and ${left} more change${left === 1 ? '' : 's'}.${more}</p>`;
}
