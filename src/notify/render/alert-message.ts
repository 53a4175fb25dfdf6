import type { FilingDiffPayload, FrDocumentPayload } from '../../alerts/types.js';
import { renderHtml } from '../../diff/render-html.js';
import type { SectionDiff } from '../../diff/types.js';
import type { AlertRecord, StoredDiff } from '../../store/outbox.js';
import type { Attachment, RenderedMessage } from '../types.js';
import { describeAlert, oneLine, subjectFor, type AlertDescription } from './describe.js';
import { entityListHtml, entityListText } from './entity-list-block.js';
import { card, documentHtml, esc, factsTable, link, MUTED, SANS, sentByCard } from './html.js';
import {
  editorialLine,
  figuresHtml,
  figuresText,
  diffHeadline,
  readerChanges,
  substantiveHtml,
  substantiveText,
} from './reader-changes.js';

/** Everything a single alert's message is made of. Time and ids are inputs: the renderer is pure. */
export interface AlertRenderInput {
  alert: AlertRecord;
  /** The stored changes of `alert.diffId` (filing-diff alerts), or null. */
  stored: StoredDiff | null;
  recipient: { email: string; group: string };
  /** Message-IDs of earlier messages of the same thread to this address, oldest first. */
  thread: string[];
  now: Date;
  /** Bodies above this size are cut, with the full redline attached as .html. */
  maxHtmlBytes: number;
}

/** Header card: what happened, the facts, links to sec.gov / federalregister.gov, why it came. */
export function headerHtml(d: AlertDescription, recipientGroup: string | null): string {
  const links = d.links.map((l) => link(l.url, l.label)).join(' &middot; ');
  const notes = d.notes.map((n) => `<li style="margin:0 0 4px 0;">${esc(n)}</li>`).join('');
  return card(`<tr><td style="padding:16px;${SANS}"><div style="font-size:18px;font-weight:bold;color:#1f2328;">${esc(d.headline)}</div>
${links ? `<div style="font-size:13px;margin-top:6px;">${links}</div>` : ''}
<div style="margin-top:10px;">${factsTable(d.facts.map(([k, v]) => [k, esc(v)]))}</div>
${notes ? `<ul style="${SANS}font-size:13px;margin:10px 0 0 0;padding-left:18px;">${notes}</ul>` : ''}
${recipientGroup ? `<div style="font-size:12px;${MUTED}margin-top:10px;">You receive this as a member of the recipient group &ldquo;${esc(recipientGroup)}&rdquo;.</div>` : ''}</td></tr>`);
}

/** The same facts as plain text. */
export function headerText(d: AlertDescription, recipientGroup: string | null): string {
  const lines = [d.headline, '='.repeat(Math.min(d.headline.length, 72)), ''];
  for (const [k, v] of d.facts) lines.push(`${k}: ${v}`);
  if (d.links.length) {
    lines.push('');
    for (const l of d.links) lines.push(`${l.label}: ${l.url}`);
  }
  if (d.notes.length) {
    lines.push('');
    for (const n of d.notes) lines.push(`* ${n}`);
  }
  if (recipientGroup)
    lines.push('', `You receive this as a member of the recipient group "${recipientGroup}".`);
  return lines.join('\n');
}

/** The full redline's title and the two versions' labels. */
export function redlineMeta(p: FilingDiffPayload) {
  return {
    title: `${p.company} ${p.form} (${p.filingDate}) vs ${p.previous.form} (${p.previous.filingDate})`,
    oldLabel: `${p.previous.form} filed ${p.previous.filingDate}`,
    newLabel: `${p.form} filed ${p.filingDate}`,
  };
}

/** A file name safe everywhere: "example-corp-s-1-a-2024-05-02-redline.html". */
export function redlineFileName(p: FilingDiffPayload): string {
  return `${`${p.company}-${p.form}-${p.filingDate}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}-redline.html`;
}

/** The full report (attached): every change in document order, as `regwatch diff --html` shows it. */
function fullReport(p: FilingDiffPayload, stored: StoredDiff): string {
  const text: SectionDiff['changes'] = stored.sectionChanges.map((s) =>
    s.kind === 'preamble'
      ? {
          kind: 'preamble',
          wordsAdded: s.wordsAdded,
          wordsRemoved: s.wordsRemoved,
          redline: s.redline,
        }
      : {
          kind: 'category-intro',
          category: s.category ?? '',
          wordsAdded: s.wordsAdded,
          wordsRemoved: s.wordsRemoved,
          redline: s.redline,
        },
  );
  return renderHtml(
    { ...stored.diff, changes: [...text, ...stored.diff.changes], keywordHits: [] },
    redlineMeta(p),
  );
}

const sectionTitle = (title: string) =>
  `<tr><td style="padding:14px 16px 0 16px;${SANS}font-size:15px;font-weight:bold;color:#1f2328;">${esc(title)}</td></tr>`;

/**
 * The filing-diff body in the order a reader decides by: substantive changes (asked-for first),
 * each with its redline and watched phrases; figures as an old -> new table; editorial changes
 * as one line, their redline in the full report attached. Substantive changes that do not fit
 * the body are cut with a note (Gmail clips at about 100 KB); the full report has them all.
 */
function redlineParts(
  input: AlertRenderInput,
  p: FilingDiffPayload,
  stored: StoredDiff,
): { html: string; text: string; attachments: Attachment[] } {
  const r = readerChanges(stored, p.keywordHits, new Set(p.topics ?? []));
  const filename = redlineFileName(p);
  const figuresHtmlBlock = r.figures.length ? figuresHtml(r.figures) : '';
  const budget = Math.max(0, input.maxHtmlBytes - Buffer.byteLength(figuresHtmlBlock) - 2_000);
  let used = 0;
  let shown = 0;
  for (const c of r.substantive) {
    used += Buffer.byteLength(substantiveHtml(c));
    if (used > budget) break;
    shown++;
  }
  const cut = r.substantive.length - shown;
  const attach = cut > 0 || r.editorial.length > 0;
  const editorial = editorialLine(r.editorial, attach ? filename : null);
  const total = stored.diff.changes.length + stored.sectionChanges.length;
  const note =
    cut > 0
      ? `This redline is too long for one e-mail: ${cut} of ${total} changes are not shown here. The complete redline is attached as ${filename}.`
      : '';
  const noteHtml = note
    ? card(
        `<tr><td style="padding:12px 16px;background-color:#fff8c5;${SANS}font-size:13px;"><strong>Cut short.</strong> ${esc(note)}</td></tr>`,
      )
    : '';
  const substantive = r.substantive.slice(0, shown);
  const html = [
    noteHtml,
    substantive.length
      ? card(
          sectionTitle(`What changed (${r.substantive.length})`) +
            substantive.map(substantiveHtml).join('\n'),
        )
      : '',
    figuresHtmlBlock ? card(figuresHtmlBlock) : '',
    editorial
      ? card(
          `<tr><td style="padding:12px 16px;${SANS}font-size:13px;${MUTED}">${esc(editorial)}</td></tr>`,
        )
      : '',
    noteHtml,
  ].join('');
  const text = [
    note,
    substantive.length
      ? `WHAT CHANGED (${r.substantive.length})\n\n${substantive.map(substantiveText).join('\n\n')}`
      : '',
    r.figures.length ? figuresText(r.figures) : '',
    editorial,
    note,
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    html,
    text: `${text}\n`,
    attachments: attach
      ? [{ filename, contentType: 'text/html; charset=utf-8', content: fullReport(p, stored) }]
      : [],
  };
}

/**
 * One alert's message to one address: subject, HTML (header card + redline), plain-text
 * alternative, attachments, threading. Pure: the same inputs always give the same message.
 */
export function renderAlertMessage(input: AlertRenderInput): RenderedMessage {
  const { alert } = input;
  let d = describeAlert(alert);
  let subject = subjectFor(alert);
  let bodyHtml = '';
  let bodyText = '';
  let attachments: Attachment[] = [];
  if (alert.kind === 'filing-diff') {
    const p = alert.payload as FilingDiffPayload;
    if (input.stored) {
      // The subject and headline count what matters, not how many factors were touched.
      const headline = diffHeadline(
        p,
        readerChanges(input.stored, p.keywordHits, new Set(p.topics ?? [])),
      );
      d = { ...d, headline };
      subject = oneLine(`[regwatch] ${headline}`, 200);
      const parts = redlineParts(input, p, input.stored);
      bodyHtml = parts.html;
      bodyText = parts.text;
      attachments = parts.attachments;
    } else {
      const missing =
        'The stored changes of this comparison could not be found; open the filings above to compare them.';
      bodyHtml = card(
        `<tr><td style="padding:12px 16px;${SANS}font-size:13px;">${esc(missing)}</td></tr>`,
      );
      bodyText = missing;
    }
  }
  if (alert.kind.startsWith('fr-')) {
    const entries = (alert.payload as FrDocumentPayload).entityList ?? [];
    if (entries.length) {
      bodyHtml = card(entityListHtml(entries));
      bodyText = entityListText(entries);
    }
  }
  const footer = sentByCard(input.now);
  const html = documentHtml(subject, [headerHtml(d, input.recipient.group), bodyHtml, footer]);
  const text = `${headerText(d, input.recipient.group)}\n${bodyText ? `\n${bodyText.trimEnd()}\n` : ''}\n-- \nSent by regwatch.\n`;
  const thread = input.thread.slice(-20);
  return {
    subject,
    html,
    text,
    attachments,
    inReplyTo: thread.at(-1) ?? null,
    references: thread,
    headers: {
      'X-Regwatch-Alert': String(alert.id),
      'X-Regwatch-Kind': alert.kind,
      ...(alert.threadKey ? { 'X-Regwatch-Thread': oneLine(alert.threadKey, 200) } : {}),
    },
  };
}
