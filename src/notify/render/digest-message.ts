import type { FilingDiffPayload, FrDocumentPayload } from '../../alerts/types.js';
import { renderHtml } from '../../diff/render-html.js';
import type { AlertRecord, StoredDiff } from '../../store/outbox.js';
import type { Attachment, RenderedMessage } from '../types.js';
import { describeAlert, oneLine, type AlertDescription } from './describe.js';
import { card, documentHtml, esc, factsTable, link, MUTED, SANS } from './html.js';
import { redlineFileName } from './alert-message.js';
import { entityListHtml, entityListText } from './entity-list-block.js';
import {
  editorialLine,
  headingOfChange,
  materialityCounts,
  readerChanges,
  type ReaderChanges,
} from './reader-changes.js';

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

/**
 * A diff's changes as digest lines, in the mail's order: substantive changes (what and why, the
 * watched phrases once each), figures old -> new, then editorial changes as one count.
 */
function digestLines(r: ReaderChanges): { strong: string; text: string }[] {
  const out: { strong: string; text: string }[] = [];
  for (const x of r.substantive) {
    const kind =
      x.change.kind === 'added' ? 'New:' : x.change.kind === 'removed' ? 'Removed:' : 'Changed:';
    const phrases = x.phrases.length
      ? ` (watched: ${x.phrases.map((p) => `"${p.phrase}"`).join(', ')})`
      : '';
    out.push({ strong: kind, text: `${headingOfChange(x.change)}: ${x.reason}${phrases}` });
  }
  for (const x of r.figures)
    for (const f of x.figures)
      out.push({
        strong: 'Figure:',
        text: `${f.old || '(none)'} -> ${f.new || '(none)'} in "${headingOfChange(x.change)}"`,
      });
  const editorial = editorialLine(r.editorial, null);
  if (editorial) out.push({ strong: '', text: editorial });
  return out;
}

/** Local date-time in the configured zone, e.g. "Dec 4, 2026, 07:00 EST". */
export function formatLocal(isoTime: string, timezone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(new Date(isoTime));
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
  const subject = oneLine(
    `[regwatch] Digest: ${n} alert${n === 1 ? '' : 's'} (${parties.slice(0, 3).join(', ')}${parties.length > 3 ? `, +${parties.length - 3} more` : ''})`,
    200,
  );
  const attachments: Attachment[] = [];
  const htmlBlocks: string[] = [
    card(`<tr><td style="padding:16px;${SANS}"><div style="font-size:18px;font-weight:bold;">regwatch digest: ${n} alert${n === 1 ? '' : 's'}${esc(since)}</div>
<div style="font-size:13px;${MUTED}margin-top:4px;">Up to ${esc(formatLocal(input.periodEnd, input.timezone))} &middot; recipient group &ldquo;${esc(input.recipient.group)}&rdquo; &middot; ${groups.length} compan${groups.length === 1 ? 'y or agency' : 'ies or agencies'}</div></td></tr>`),
  ];
  const textLines: string[] = [
    `regwatch digest: ${n} alert${n === 1 ? '' : 's'}${since}`,
    `Up to ${formatLocal(input.periodEnd, input.timezone)}; recipient group "${input.recipient.group}".`,
  ];
  for (const g of groups) {
    const rows: string[] = [
      `<tr><td style="padding:12px 16px;background-color:#f6f8fa;${SANS}font-size:16px;font-weight:bold;border-bottom:1px solid #d0d7de;">${esc(g.party)}</td></tr>`,
    ];
    textLines.push('', g.party, '-'.repeat(Math.min(g.party.length, 72)));
    for (const { entry, d: described } of g.items) {
      let d = described;
      const { alert, stored } = entry;
      let changesHtml = '';
      let changesText: string[] = [];
      if (alert.kind === 'filing-diff' && stored) {
        const p = alert.payload as FilingDiffPayload;
        const filename = redlineFileName(p);
        const meta = {
          title: `${p.company} ${p.form} (${p.filingDate}) vs ${p.previous.form} (${p.previous.filingDate})`,
          oldLabel: `${p.previous.form} filed ${p.previous.filingDate}`,
          newLabel: `${p.form} filed ${p.filingDate}`,
        };
        if (!attachments.some((a) => a.filename === filename))
          attachments.push({
            filename,
            contentType: 'text/html; charset=utf-8',
            content: renderHtml(stored.diff, meta),
          });
        const r = readerChanges(stored, p.keywordHits, new Set(p.topics ?? []));
        d = { ...d, headline: `${p.company} ${p.form}: ${materialityCounts(r)}` };
        const lines = digestLines(r);
        changesHtml = `<ul style="${SANS}font-size:13px;margin:8px 0 0 0;padding-left:18px;">${lines.map((l) => `<li style="margin:0 0 3px 0;">${l.strong ? `<strong>${esc(l.strong)}</strong> ` : ''}${esc(l.text)}</li>`).join('')}</ul><div style="${SANS}font-size:12px;${MUTED}margin-top:6px;">Full redline attached: ${esc(filename)}</div>`;
        changesText = [
          ...lines.map((l) => `  - ${l.strong ? `${l.strong} ` : ''}${l.text}`),
          `  (full redline attached: ${filename})`,
        ];
      }
      const entries = alert.kind.startsWith('fr-')
        ? ((alert.payload as FrDocumentPayload).entityList ?? [])
        : [];
      if (entries.length) {
        // The Entity List entries, as in the alert: a company you follow first, each with its country.
        changesHtml = `<div style="margin-top:6px;">${entityListHtml(entries).replace(/^<tr><td[^>]*>|<\/td><\/tr>$/g, '')}</div>`;
        changesText = entityListText(entries)
          .split('\n')
          .map((l) => `  ${l}`);
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
  htmlBlocks.push(
    card(
      `<tr><td style="padding:12px 16px;${SANS}font-size:12px;${MUTED}">Sent by regwatch at ${esc(input.now.toISOString())}.</td></tr>`,
    ),
  );
  return {
    subject,
    html: documentHtml(subject, htmlBlocks),
    text: `${textLines.join('\n')}\n\n-- \nSent by regwatch.\n`,
    attachments,
    inReplyTo: null,
    references: [],
    headers: { 'X-Regwatch-Digest': String(input.digestId) },
  };
}
