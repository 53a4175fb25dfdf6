import type { AlertKind, FilingDiffPayload } from '../../alerts/types.js';
import type { Change } from '../../diff/types.js';
import { encodePathSegment } from '../../text/path-segment.js';
import { materialityOf, materialityPhrase } from './materiality-phrase.js';

// An alert in a sentence or two of plain text, for the places that list alerts rather than
// mail them: the Atom feed's entries (src/web) and the webhook's `summary`. Both read it from
// here, below neither (the web is a view of the store; notify must not reach into it).

/** What a summary reads of an alert: its kind, its title and its stored facts, unparsed. */
export interface SummaryAlert {
  kind: AlertKind;
  title: string;
  payload: Record<string, unknown>;
}

/**
 * What changed between two versions, in one line of plain text ("2 added, 1 removed, 3
 * reworded; similarity 0.941"): the factors touched, as the pages and the summaries word them.
 */
export function describeChanges(
  summary: Partial<FilingDiffPayload['summary']>,
  similarity: number | null,
): string {
  const parts: string[] = [];
  const add = (n: number | undefined, word: string) => {
    if (n) parts.push(`${n} ${word}`);
  };
  add(summary.added, 'added');
  add(summary.removed, 'removed');
  add(summary.modified, 'reworded');
  add(summary.moved, 'moved');
  if (summary.preamble) parts.push('preamble changed');
  add(
    summary.categoryIntros,
    summary.categoryIntros === 1
      ? 'category introduction changed'
      : 'category introductions changed',
  );
  const what = parts.length ? parts.join(', ') : 'no risk factor changed';
  return similarity === null ? what : `${what}; similarity ${similarity.toFixed(3)}`;
}

type Payload = Record<string, unknown>;
const str = (p: Payload, k: string): string | null =>
  typeof p[k] === 'string' ? (p[k] as string) : null;

/**
 * A diff in a sentence: what matters first, as the mail's subject says it, then the factors
 * touched ("Acme S-1/A (2026-03-11) compared with S-1 (2026-03-02): 1 substantive change, 8
 * figures updated (1 added, 8 reworded; similarity 0.941).").
 */
function summarizeDiff(p: Payload, changes: readonly Change[] | null): string {
  const prev = (p.previous ?? {}) as Payload;
  const version = (x: Payload) => `${str(x, 'form') ?? '?'} (${str(x, 'filingDate') ?? '?'})`;
  const vs = `${version(p)} compared with ${version(prev)}`;
  const summary = (p.summary ?? {}) as Partial<FilingDiffPayload['summary']>;
  const touched = describeChanges(summary, typeof p.similarity === 'number' ? p.similarity : null);
  const what = changes?.length
    ? `${materialityPhrase(changes.map(materialityOf))} (${touched})`
    : touched;
  return `${str(p, 'company') ?? ''} ${vs}: ${what}.`.trim();
}

/** A Federal Register document: its type, date and why it matched, then its abstract. */
function summarizeFrDocument(a: SummaryAlert): string {
  const p = a.payload;
  const reasons = Array.isArray(p.reasons)
    ? (p.reasons as { tag: string }[]).map((r) => r.tag).join(', ')
    : '';
  const head = [str(p, 'type'), str(p, 'publicationDate'), reasons && `matched: ${reasons}`]
    .filter(Boolean)
    .join('; ');
  return [head, str(p, 'abstract')].filter(Boolean).join('. ') || a.title;
}

/**
 * An alert as plain text: what happened, in a sentence or two. Pure. `changes` are the stored
 * changes of a filing diff (section text included), which give its materiality counts; null
 * for other kinds, or when the diff is not at hand (then the factors touched are said alone).
 */
export function summarizeAlert(a: SummaryAlert, changes: readonly Change[] | null): string {
  const p = a.payload;
  const who = `${str(p, 'company') ?? ''} ${str(p, 'form') ?? ''}`;
  switch (a.kind) {
    case 'filing-diff':
      return summarizeDiff(p, changes);
    case 'filing-new': {
      const count = String(p.riskFactorCount ?? 0);
      return `${who} (${str(p, 'filingDate') ?? '?'}): first version seen, ${count} risk factors.`.trim();
    }
    case 'filing-unreadable': {
      const why = str(p, 'reason') ?? 'no reason stored';
      return `${who}: filed; its risk factors could not be read (${why}).`.trim();
    }
    case 'filing-event':
      return `${who}: ${str(p, 'note') ?? str(p, 'event') ?? ''}`.trim();
    default:
      return summarizeFrDocument(a);
  }
}

/**
 * The history page of the watch an alert concerns (`/watch/acme`), or null when it concerns
 * none (the Federal Register's own rules, '@federal-register'). The feed links its entries
 * there and the webhook gives it as the alert's history link.
 */
export function watchPagePath(watches: readonly string[]): string | null {
  const watch = watches.find((w) => !w.startsWith('@'));
  return !watch ? null : `/watch/${encodePathSegment(watch)}`;
}
