import type {
  EntityListEntryFact,
  FilingDiffPayload,
  FrDocumentPayload,
} from '../../alerts/types.js';
import { renderHtml } from '../../diff/render-html.js';
import type { AlertRecord, StoredDiff } from '../../store/outbox.js';
import type { Attachment, RenderedMessage } from '../types.js';
import { describeAlert, oneLine, type AlertDescription } from './describe.js';
import { card, documentHtml, esc, factsTable, link, MUTED, SANS, sentByCard } from './html.js';
import { redlineFileName, redlineMeta } from './alert-message.js';
import { entityListHtml, entityListText } from './entity-list-block.js';
import {
  editorialLine,
  headingOfChange,
  diffHeadline,
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

/** What one digest entry shows: its description, its list of changes, the redline it attaches. */
interface EntryParts {
  d: AlertDescription;
  changesHtml: string;
  changesText: string[];
  /** A diff's full redline, built only when no earlier entry attached the same file. */
  redline: { filename: string; content: () => string } | null;
}

/** A diff's digest lines as an HTML list, and the name of the redline attached. */
function digestLinesHtml(lines: { strong: string; text: string }[], filename: string): string {
  const items = lines.map(
    (l) =>
      `<li style="margin:0 0 3px 0;">${l.strong ? `<strong>${esc(l.strong)}</strong> ` : ''}${esc(l.text)}</li>`,
  );
  const list = `<ul style="${SANS}font-size:13px;margin:8px 0 0 0;padding-left:18px;">${items.join('')}</ul>`;
  const small = `${SANS}font-size:12px;${MUTED}margin-top:6px;`;
  const attached = `<div style="${small}">Full redline attached: ${esc(filename)}</div>`;
  return `${list}${attached}`;
}

/** A diff entry: the headline counts what matters, the changes as lines, the redline attached. */
function diffEntryParts(d: AlertDescription, p: FilingDiffPayload, stored: StoredDiff): EntryParts {
  const filename = redlineFileName(p);
  const r = readerChanges(stored, p.keywordHits, new Set(p.topics ?? []));
  const lines = digestLines(r);
  return {
    d: { ...d, headline: diffHeadline(p, r) },
    changesHtml: digestLinesHtml(lines, filename),
    changesText: [
      ...lines.map((l) => `  - ${l.strong ? `${l.strong} ` : ''}${l.text}`),
      `  (full redline attached: ${filename})`,
    ],
    redline: { filename, content: () => renderHtml(stored.diff, redlineMeta(p)) },
  };
}

/** The Entity List entries, as in the alert: a company you follow first, each with its country. */
function entityListParts(d: AlertDescription, entries: EntityListEntryFact[]): EntryParts {
  // The alert's Entity List block, out of its table row, inside the entry's cell.
  const block = entityListHtml(entries).replace(/^<tr><td[^>]*>|<\/td><\/tr>$/g, '');
  return {
    d,
    changesHtml: `<div style="margin-top:6px;">${block}</div>`,
    changesText: entityListText(entries)
      .split('\n')
      .map((l) => `  ${l}`),
    redline: null,
  };
}

/** One entry's parts by kind: a diff's changes, a rule's Entity List entries, or the facts alone. */
function entryParts({ alert, stored }: DigestEntry, d: AlertDescription): EntryParts {
  const entries = alert.kind.startsWith('fr-')
    ? ((alert.payload as FrDocumentPayload).entityList ?? [])
    : [];
  if (entries.length) return entityListParts(d, entries);
  if (alert.kind === 'filing-diff' && stored)
    return diffEntryParts(d, alert.payload as FilingDiffPayload, stored);
  return { d, changesHtml: '', changesText: [], redline: null };
}

const PARTY_FONT = 'font-size:16px;font-weight:bold;';
const ENTRY_CELL = `padding:12px 16px;border-top:1px solid #d0d7de;${SANS}font-size:14px;`;
const NOTES_LIST = 'font-size:13px;margin:6px 0 0 0;padding-left:18px;';

function entryHtml({ d, changesHtml }: EntryParts, when: string): string {
  const links = d.links.map((l) => link(l.url, l.label)).join(' &middot; ');
  const notes = d.notes.map((x) => `<li>${esc(x)}</li>`).join('');
  return [
    `<tr><td style="${ENTRY_CELL}"><div style="font-weight:bold;">${esc(d.headline)}</div>`,
    `<div style="font-size:12px;${MUTED}margin-top:2px;">${esc(when)}</div>`,
    links ? `<div style="font-size:13px;margin-top:4px;">${links}</div>` : '',
    `<div style="margin-top:6px;">${factsTable(d.facts.map(([k, v]) => [k, esc(v)]))}</div>`,
    `${d.notes.length ? `<ul style="${NOTES_LIST}">${notes}</ul>` : ''}${changesHtml}</td></tr>`,
  ].join('\n');
}

function entryText({ d, changesText }: EntryParts, when: string): string[] {
  return [
    '',
    `* ${d.headline}`,
    `  ${when}`,
    ...d.facts.map(([k, v]) => `  ${k}: ${v}`),
    ...d.links.map((l) => `  ${l.label}: ${l.url}`),
    ...d.notes.map((x) => `  - ${x}`),
    ...changesText,
  ];
}

const PARTY_CELL = `padding:12px 16px;background-color:#f6f8fa;${SANS}${PARTY_FONT}border-bottom:1px solid #d0d7de;`;

/** One company's or agency's card and text, and the redlines its entries attach, in order. */
function renderGroup(
  g: Group,
  timezone: string,
): { html: string; text: string[]; redlines: NonNullable<EntryParts['redline']>[] } {
  const rows = [`<tr><td style="${PARTY_CELL}">${esc(g.party)}</td></tr>`];
  const text = ['', g.party, '-'.repeat(Math.min(g.party.length, 72))];
  const redlines: NonNullable<EntryParts['redline']>[] = [];
  for (const { entry, d } of g.items) {
    const parts = entryParts(entry, d);
    const when = formatLocal(entry.alert.createdAt, timezone);
    rows.push(entryHtml(parts, when));
    text.push(...entryText(parts, when));
    if (parts.redline) redlines.push(parts.redline);
  }
  return { html: card(rows.join('\n')), text, redlines };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "[regwatch] Digest: 3 alerts (Acme, Example Corp, Industry and Security Bureau, +1 more)". */
function digestSubject(n: number, parties: string[]): string {
  const named = parties.slice(0, 3).join(', ');
  const more = parties.length > 3 ? `, +${parties.length - 3} more` : '';
  return oneLine(`[regwatch] Digest: ${plural(n, 'alert')} (${named}${more})`, 200);
}

const TITLE_FONT = 'font-size:18px;font-weight:bold;';

/** The digest's first card and first text lines: how many alerts, since when, for whom. */
function digestHead(input: DigestRenderInput, groups: Group[]): { html: string; text: string[] } {
  const since = input.periodStart ? ` since ${formatLocal(input.periodStart, input.timezone)}` : '';
  const n = input.entries.length;
  const upTo = formatLocal(input.periodEnd, input.timezone);
  const title = `regwatch digest: ${plural(n, 'alert')}`;
  const about = [
    `Up to ${esc(upTo)}`,
    `recipient group &ldquo;${esc(input.recipient.group)}&rdquo;`,
    plural(groups.length, 'company or agency', 'companies or agencies'),
  ].join(' &middot; ');
  return {
    html: card(`<tr><td style="padding:16px;${SANS}"><div style="${TITLE_FONT}">${title}${esc(since)}</div>
<div style="font-size:13px;${MUTED}margin-top:4px;">${about}</div></td></tr>`),
    text: [`${title}${since}`, `Up to ${upTo}; recipient group "${input.recipient.group}".`],
  };
}

/** Each redline once, in the order first attached (two alerts of one filing share a file). */
function uniqueAttachments(redlines: NonNullable<EntryParts['redline']>[]): Attachment[] {
  const out: Attachment[] = [];
  for (const r of redlines)
    if (!out.some((a) => a.filename === r.filename))
      out.push({
        filename: r.filename,
        contentType: 'text/html; charset=utf-8',
        content: r.content(),
      });
  return out;
}

/**
 * A digest: every alert since the address's last digest, grouped by company / agency, each
 * with its facts, links and (for a diff) the list of changed risk factors; each diff's full
 * redline is attached, rebuilt from the stored changes. Pure.
 */
export function renderDigestMessage(input: DigestRenderInput): RenderedMessage {
  const groups = groupEntries(input.entries);
  const subject = digestSubject(
    input.entries.length,
    groups.map((g) => g.party),
  );
  const head = digestHead(input, groups);
  const rendered = groups.map((g) => renderGroup(g, input.timezone));
  const footer = sentByCard(input.now);
  const textLines = [...head.text, ...rendered.flatMap((g) => g.text)];
  return {
    subject,
    html: documentHtml(subject, [head.html, ...rendered.map((g) => g.html), footer]),
    text: `${textLines.join('\n')}\n\n-- \nSent by regwatch.\n`,
    attachments: uniqueAttachments(rendered.flatMap((g) => g.redlines)),
    inReplyTo: null,
    references: [],
    headers: { 'X-Regwatch-Digest': String(input.digestId) },
  };
}
