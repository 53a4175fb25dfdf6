import type { FilingDiffPayload } from '../../alerts/types.js';
import { renderHtml } from '../../diff/render-html.js';
import { renderText } from '../../diff/render-text.js';
import type { KeywordHit, SectionDiff } from '../../diff/types.js';
import type { AlertRecord, StoredDiff } from '../../store/outbox.js';
import type { Attachment, RenderedMessage } from '../types.js';
import { describeAlert, oneLine, subjectFor, type AlertDescription } from './describe.js';
import { bodyOf, card, documentHtml, esc, factsTable, link, MUTED, SANS } from './html.js';
import { sectionChangesHtml, sectionChangesText } from './section-changes.js';

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
  if (recipientGroup) lines.push('', `You receive this as a member of the recipient group "${recipientGroup}".`);
  return lines.join('\n');
}

/** Keyword hits of the payload in the redline's shape ("present" hits belong in the notes only). */
function keywordHits(alert: AlertRecord): KeywordHit[] {
  if (alert.kind !== 'filing-diff') return [];
  return (alert.payload as FilingDiffPayload).keywordHits.filter((h) => h.kind !== 'present').map((h) => ({ keyword: h.keyword, kind: h.kind as 'added' | 'modified', heading: h.heading }));
}

function redlineMeta(p: FilingDiffPayload) {
  return { title: `${p.company} ${p.form} (${p.filingDate}) vs ${p.previous.form} (${p.previous.filingDate})`, oldLabel: `${p.previous.form} filed ${p.previous.filingDate}`, newLabel: `${p.form} filed ${p.filingDate}` };
}

/** A file name safe everywhere: "example-corp-s-1-a-2024-05-02-redline.html". */
export function redlineFileName(p: FilingDiffPayload): string {
  return `${`${p.company}-${p.form}-${p.filingDate}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-redline.html`;
}

/**
 * How many of the diff's changes fit in `budget` bytes of body, measured by rendering each
 * change alone (the frame is counted once).
 */
function changesThatFit(diff: SectionDiff, meta: ReturnType<typeof redlineMeta>, budget: number): number {
  const frame = Buffer.byteLength(renderHtml({ ...diff, changes: [] }, meta));
  let used = frame;
  let n = 0;
  for (const c of diff.changes) {
    used += Buffer.byteLength(renderHtml({ ...diff, changes: [c] }, meta)) - frame;
    if (used > budget) break;
    n++;
  }
  return n;
}

/** The filing-diff body parts: the redline (cut when too large) and its full-size attachment. */
function redlineParts(input: AlertRenderInput, p: FilingDiffPayload, stored: StoredDiff): { html: string; text: string; attachments: Attachment[] } {
  const meta = redlineMeta(p);
  const diff: SectionDiff = { ...stored.diff, keywordHits: keywordHits(input.alert) };
  const full = renderHtml(diff, meta);
  const section = stored.sectionChanges.length ? card(sectionChangesHtml(stored.sectionChanges)) : '';
  const sectionText = stored.sectionChanges.length ? `\n${sectionChangesText(stored.sectionChanges)}\n` : '';
  if (Buffer.byteLength(full) + Buffer.byteLength(section) <= input.maxHtmlBytes) {
    return { html: bodyOf(full) + section, text: renderText(diff) + sectionText, attachments: [] };
  }
  // Too large for a mail body (Gmail clips at about 100 KB): show what fits, attach the whole.
  const budget = Math.max(0, input.maxHtmlBytes - Buffer.byteLength(section) - 2_000);
  const shown = changesThatFit(diff, meta, budget);
  const cut: SectionDiff = { ...diff, changes: diff.changes.slice(0, shown) };
  const filename = redlineFileName(p);
  const rest = diff.changes.length - shown;
  const note = `This redline is too long for one e-mail: ${rest} of ${diff.changes.length} changes are not shown here. The complete redline is attached as ${filename}.`;
  const noteHtml = card(`<tr><td style="padding:12px 16px;background-color:#fff8c5;${SANS}font-size:13px;"><strong>Cut short.</strong> ${esc(note)}</td></tr>`);
  return {
    html: noteHtml + bodyOf(renderHtml(cut, meta)) + section + noteHtml,
    text: `${note}\n\n${renderText(cut)}${sectionText}\n${note}\n`,
    attachments: [{ filename, contentType: 'text/html; charset=utf-8', content: full }],
  };
}

/**
 * One alert's message to one address: subject, HTML (header card + redline), plain-text
 * alternative, attachments, threading. Pure: the same inputs always give the same message.
 */
export function renderAlertMessage(input: AlertRenderInput): RenderedMessage {
  const { alert } = input;
  const d = describeAlert(alert);
  const subject = subjectFor(alert);
  let bodyHtml = '';
  let bodyText = '';
  let attachments: Attachment[] = [];
  if (alert.kind === 'filing-diff') {
    if (input.stored) {
      const parts = redlineParts(input, alert.payload as FilingDiffPayload, input.stored);
      bodyHtml = parts.html;
      bodyText = parts.text;
      attachments = parts.attachments;
    } else {
      const missing = 'The stored changes of this comparison could not be found; open the filings above to compare them.';
      bodyHtml = card(`<tr><td style="padding:12px 16px;${SANS}font-size:13px;">${esc(missing)}</td></tr>`);
      bodyText = missing;
    }
  }
  const footer = card(`<tr><td style="padding:12px 16px;${SANS}font-size:12px;${MUTED}">Sent by regwatch at ${esc(input.now.toISOString())} (alert ${alert.id}).</td></tr>`);
  const html = documentHtml(subject, [headerHtml(d, input.recipient.group), bodyHtml, footer]);
  const text = `${headerText(d, input.recipient.group)}\n${bodyText ? `\n${bodyText.trimEnd()}\n` : ''}\n-- \nSent by regwatch (alert ${alert.id}).\n`;
  const thread = input.thread.slice(-20);
  return {
    subject,
    html,
    text,
    attachments,
    inReplyTo: thread.at(-1) ?? null,
    references: thread,
    headers: { 'X-Regwatch-Alert': String(alert.id), 'X-Regwatch-Kind': alert.kind, ...(alert.threadKey ? { 'X-Regwatch-Thread': oneLine(alert.threadKey, 200) } : {}) },
  };
}
