import type { FilingDiffPayload } from '../../alerts/types.js';
import { renderHtml } from '../../diff/render-html.js';
import type { Change, RedlineOp } from '../../diff/types.js';
import type { AlertRecord, StoredDiff } from '../../store/outbox.js';
import type { Attachment, RenderedMessage } from '../types.js';
import { describeAlert, oneLine, type AlertDescription } from './describe.js';
import { card, documentHtml, esc, factsTable, link, MUTED, SANS } from './html.js';
import { redlineFileName } from './alert-message.js';

/** One alert in a digest, with its stored diff when it has one. */
export interface DigestEntry {
  alert: AlertRecord;
  stored: StoredDiff | null;
}

/** Everything a digest message is made of. Pure. */
export interface DigestRenderInput {
  digestId: number;
  recipient: { email: string; group: string };
  periodStart: string | null;
  periodEnd: string;
  entries: DigestEntry[];
  timezone: string;
  now: Date;
}

const KIND_WORD: Record<Change['kind'], string> = { added: 'New', removed: 'Removed', modified: 'Reworded', moved: 'Moved', preamble: 'Section introduction changed', 'category-intro': 'Category introduction changed' };

function changeHeading(c: Change): string {
  switch (c.kind) {
    case 'added':
      return c.new.heading;
    case 'removed':
      return c.old.heading;
    case 'preamble':
      return 'the text before the first risk factor';
    case 'category-intro':
      return c.category;
    default:
      return c.new.heading;
  }
}

function headingRedlineText(ops: RedlineOp[]): string {
  return ops.map((o) => (o.op === 'insert' ? `{+${o.text}+}` : o.op === 'delete' ? `[-${o.text}-]` : o.text)).join(' ');
}

function changeLineText(c: Change): string {
  if (c.kind === 'modified') return `  ~ ${KIND_WORD[c.kind]}: ${c.headingChanged ? headingRedlineText(c.headingRedline) : c.new.heading} (+${c.wordsAdded}/-${c.wordsRemoved} words)`;
  return `  ${c.kind === 'added' ? '+' : c.kind === 'removed' ? '-' : '>'} ${KIND_WORD[c.kind]}: ${changeHeading(c)}`;
}

function changeLineHtml(c: Change): string {
  const colour = { added: '#116329', removed: '#a40e26', modified: '#9a6700', moved: '#0550ae', preamble: '#57606a', 'category-intro': '#57606a' }[c.kind];
  const extra = c.kind === 'modified' ? ` <span style="${MUTED}">(+${c.wordsAdded} / &minus;${c.wordsRemoved} words)</span>` : '';
  return `<li style="margin:0 0 3px 0;"><strong style="color:${colour};">${KIND_WORD[c.kind]}</strong> ${esc(changeHeading(c))}${extra}</li>`;
}

/** Local date-time in the configured zone, e.g. "Dec 4, 2026, 07:00 EST". */
export function formatLocal(isoTime: string, timezone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).format(new Date(isoTime));
}

interface Group {
  party: string;
  items: { entry: DigestEntry; d: AlertDescription }[];
}

/** Entries grouped by company / agency, groups and entries in the order first seen (oldest alert first). */
export function groupEntries(entries: DigestEntry[]): Group[] {
  const groups = new Map<string, Group>();
  for (const entry of entries) {
    const d = describeAlert(entry.alert);
    let g = groups.get(d.party);
    if (!g) groups.set(d.party, (g = { party: d.party, items: [] }));
    g.items.push({ entry, d });
  }
  return [...groups.values()];
}

/**
 * A digest: every alert since the address's last digest, grouped by company / agency, each
 * with its facts, links and (for a diff) the list of changed risk factors; each diff's full
 * redline is attached, rebuilt from the stored changes. Pure.
 */
export function renderDigestMessage(input: DigestRenderInput): RenderedMessage {
  const groups = groupEntries(input.entries);
  const since = input.periodStart ? ` since ${formatLocal(input.periodStart, input.timezone)}` : '';
  const n = input.entries.length;
  const parties = groups.map((g) => g.party);
  const subject = oneLine(`[regwatch] Digest: ${n} alert${n === 1 ? '' : 's'} (${parties.slice(0, 3).join(', ')}${parties.length > 3 ? `, +${parties.length - 3} more` : ''})`, 200);
  const attachments: Attachment[] = [];
  const htmlBlocks: string[] = [
    card(`<tr><td style="padding:16px;${SANS}"><div style="font-size:18px;font-weight:bold;">regwatch digest: ${n} alert${n === 1 ? '' : 's'}${esc(since)}</div>
<div style="font-size:13px;${MUTED}margin-top:4px;">Up to ${esc(formatLocal(input.periodEnd, input.timezone))} &middot; recipient group &ldquo;${esc(input.recipient.group)}&rdquo; &middot; ${groups.length} compan${groups.length === 1 ? 'y or agency' : 'ies or agencies'}</div></td></tr>`),
  ];
  const textLines: string[] = [`regwatch digest: ${n} alert${n === 1 ? '' : 's'}${since}`, `Up to ${formatLocal(input.periodEnd, input.timezone)}; recipient group "${input.recipient.group}".`];
  for (const g of groups) {
    const rows: string[] = [`<tr><td style="padding:12px 16px;background-color:#f6f8fa;${SANS}font-size:16px;font-weight:bold;border-bottom:1px solid #d0d7de;">${esc(g.party)}</td></tr>`];
    textLines.push('', g.party, '-'.repeat(Math.min(g.party.length, 72)));
    for (const { entry, d } of g.items) {
      const { alert, stored } = entry;
      let changesHtml = '';
      let changesText: string[] = [];
      if (alert.kind === 'filing-diff' && stored) {
        const p = alert.payload as FilingDiffPayload;
        const filename = redlineFileName(p);
        const meta = { title: `${p.company} ${p.form} (${p.filingDate}) vs ${p.previous.form} (${p.previous.filingDate})`, oldLabel: `${p.previous.form} filed ${p.previous.filingDate}`, newLabel: `${p.form} filed ${p.filingDate}` };
        if (!attachments.some((a) => a.filename === filename)) attachments.push({ filename, contentType: 'text/html; charset=utf-8', content: renderHtml(stored.diff, meta) });
        changesHtml = `<ul style="${SANS}font-size:13px;margin:8px 0 0 0;padding-left:18px;">${stored.diff.changes.map(changeLineHtml).join('')}${stored.sectionChanges.map((s) => `<li><strong style="color:#9a6700;">Reworded</strong> ${esc(s.kind === 'preamble' ? 'section introduction' : `introduction of ${s.category ?? 'a category'}`)}</li>`).join('')}</ul><div style="${SANS}font-size:12px;${MUTED}margin-top:6px;">Full redline attached: ${esc(filename)}</div>`;
        changesText = [...stored.diff.changes.map(changeLineText), ...stored.sectionChanges.map((s) => `  ~ Reworded: ${s.kind === 'preamble' ? 'section introduction' : `introduction of ${s.category ?? 'a category'}`}`), `  (full redline attached: ${filename})`];
      }
      const links = d.links.map((l) => link(l.url, l.label)).join(' &middot; ');
      rows.push(`<tr><td style="padding:12px 16px;border-top:1px solid #d0d7de;${SANS}font-size:14px;"><div style="font-weight:bold;">${esc(d.headline)}</div>
<div style="font-size:12px;${MUTED}margin-top:2px;">${esc(formatLocal(alert.createdAt, input.timezone))}</div>
${links ? `<div style="font-size:13px;margin-top:4px;">${links}</div>` : ''}
<div style="margin-top:6px;">${factsTable(d.facts.map(([k, v]) => [k, esc(v)]))}</div>
${d.notes.length ? `<ul style="font-size:13px;margin:6px 0 0 0;padding-left:18px;">${d.notes.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : ''}${changesHtml}</td></tr>`);
      textLines.push('', `* ${d.headline}`, `  ${formatLocal(alert.createdAt, input.timezone)}`);
      for (const [k, v] of d.facts) textLines.push(`  ${k}: ${v}`);
      for (const l of d.links) textLines.push(`  ${l.label}: ${l.url}`);
      for (const x of d.notes) textLines.push(`  - ${x}`);
      textLines.push(...changesText);
    }
    htmlBlocks.push(card(rows.join('\n')));
  }
  htmlBlocks.push(card(`<tr><td style="padding:12px 16px;${SANS}font-size:12px;${MUTED}">Sent by regwatch at ${esc(input.now.toISOString())} (digest ${input.digestId}).</td></tr>`));
  return {
    subject,
    html: documentHtml(subject, htmlBlocks),
    text: `${textLines.join('\n')}\n\n-- \nSent by regwatch (digest ${input.digestId}).\n`,
    attachments,
    inReplyTo: null,
    references: [],
    headers: { 'X-Regwatch-Digest': String(input.digestId) },
  };
}
