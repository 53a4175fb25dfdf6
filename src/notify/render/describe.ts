import type {
  FilingDiffPayload,
  FilingEventPayload,
  FilingFacts,
  FilingNewPayload,
  FilingUnreadablePayload,
  FrDocumentPayload,
  KeywordHitFact,
  OperatorPayload,
} from '../../alerts/types.js';
import { diffCountParts } from '../../alerts/diff-counts.js';
import type { AlertRecord } from '../../store/outbox.js';
import { entityListWhy } from './entity-list-block.js';
import { extractionDoubtNotes } from './extraction-doubt.js';

/** A link in a message. */
export interface MessageLink {
  label: string;
  url: string;
}

/** What every message and digest entry says about one alert, as plain text (escaped when rendered). */
export interface AlertDescription {
  /** Who it is about: the company, the agency, or "regwatch" (digests group by it). */
  party: string;
  /** One line: what happened. */
  headline: string;
  facts: [string, string][];
  links: MessageLink[];
  /** Sentences worth reading: keyword hits, match reasons, abstracts. */
  notes: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const SMALL_WORDS = new Set(['and', 'of', 'the', 'for', 'on', 'in', 'to']);

/** "Industry and Security Bureau" from the API slug "industry-and-security-bureau". */
export function agencyName(slug: string): string {
  return slug
    .split('-')
    .map((w, i) =>
      w.length && (i === 0 || !SMALL_WORDS.has(w)) ? w[0]!.toUpperCase() + w.slice(1) : w,
    )
    .join(' ');
}

function filingLinks(f: FilingFacts, prefix = ''): MessageLink[] {
  const out: MessageLink[] = [{ label: `${prefix}${f.form} filing index on sec.gov`, url: f.url }];
  if (f.documentUrl) out.push({ label: `${prefix}${f.form} document`, url: f.documentUrl });
  return out;
}

/**
 * Watched phrases of a first version, each phrase once with the risk factors holding it (the
 * heading is where it was found, never repeated as the match itself).
 */
function phraseNotes(hits: KeywordHitFact[]): string[] {
  const byPhrase = new Map<string, { phrase: string; headings: string[] }>();
  for (const h of hits) {
    const key = h.keyword.toLowerCase();
    const e = byPhrase.get(key) ?? { phrase: h.keyword, headings: [] };
    if (!e.headings.includes(h.heading)) e.headings.push(h.heading);
    byPhrase.set(key, e);
  }
  return [...byPhrase.values()].map(
    (e) =>
      `Watched phrase "${e.phrase}" appears in ${e.headings.length === 1 ? `the risk factor "${e.headings[0]}"` : `${e.headings.length} risk factors: ${e.headings.map((x) => `"${x}"`).join('; ')}`}`,
  );
}

/** Why a reader gets a filing alert, in words (never the watch's internal name or how it matched). */
function whyNote(watches: { name: string; reason: string }[]): string[] {
  const reasons = watches.filter((w) => w.name !== '@federal-register').map((w) => w.reason);
  if (reasons.length === 0) return [];
  if (reasons.every((r) => /new registrant/i.test(r)))
    return ['You get this because the company is a new registrant that matches your watch list.'];
  return ['You get this because you follow this company.'];
}

/** Why a Federal Register document matched, in words. */
export function frReasonNote(r: { tag: string; sentence: string | null }): string | null {
  const quote = r.sentence ? `: "${r.sentence}"` : '';
  if (r.tag === 'entity-list') return `Changes the Entity List${quote}`;
  if (r.tag === 'export-control') return `Concerns export controls${quote}`;
  if (r.tag.startsWith('keyword:')) return `Mentions "${r.tag.slice('keyword:'.length)}"${quote}`;
  if (r.tag === 'agency') return null;
  if (r.tag.startsWith('watch:')) return `Names a company you follow${quote}`;
  return r.sentence;
}

/** "2 new, 1 removed, 5 changed risk factors" (zero counts left out). */
export function diffCounts(s: FilingDiffPayload['summary']): string {
  const parts = diffCountParts(s);
  return parts.length
    ? `${parts.join(', ')} risk factor${s.added + s.removed + s.modified + s.moved === 1 ? '' : 's'}`
    : 'no risk factor changed';
}

type Facts = [string, string][];

const filed = (p: FilingFacts): [string, string] => [
  'Filed',
  `${p.form} on ${p.filingDate} (accession ${p.accession})`,
];
const fileNumber = (p: FilingFacts): Facts => (p.fileNumber ? [['File number', p.fileNumber]] : []);

function describeFilingDiff(p: FilingDiffPayload, reasons: string[]): AlertDescription {
  return {
    party: p.company,
    headline: `${p.company} ${p.form}: ${diffCounts(p.summary)}`,
    facts: [
      filed(p),
      [
        'Compared with',
        `${p.previous.form} filed ${p.previous.filingDate} (accession ${p.previous.accession})`,
      ],
      ...fileNumber(p),
      ['Section similarity', p.similarity.toFixed(3)],
    ],
    links: [...filingLinks(p), ...filingLinks(p.previous, 'previous ')],
    // Watched phrases are shown with the change they are in, once each (alert-message.ts).
    notes: [...extractionDoubtNotes(p), ...reasons],
  };
}

function describeFilingNew(p: FilingNewPayload, reasons: string[]): AlertDescription {
  return {
    party: p.company,
    headline: `${p.company} ${p.form}: ${plural(p.riskFactorCount, 'risk factor')} in the first version seen`,
    facts: [
      filed(p),
      ...fileNumber(p),
      ['Risk factors', `${p.riskFactorCount} (${p.sectionWords} words)`],
      ...(p.categories.length ? ([['Categories', p.categories.join('; ')]] as Facts) : []),
    ],
    links: filingLinks(p),
    notes: [
      ...extractionDoubtNotes(p),
      ...phraseNotes(p.keywordHits),
      ...p.warnings.map((w) => `Extraction warning: ${w}`),
      ...reasons,
    ],
  };
}

function describeFilingUnreadable(p: FilingUnreadablePayload, reasons: string[]): AlertDescription {
  return {
    party: p.company,
    headline: `${p.company} ${p.form}: risk factors could not be read`,
    facts: [filed(p), ['Why', p.reason]],
    links: filingLinks(p),
    notes: reasons,
  };
}

const EVENT_WORDS: Partial<Record<FilingEventPayload['event'], string>> = {
  withdrawn: 'registration withdrawn',
  effective: 'registration effective',
};

function describeFilingEvent(p: FilingEventPayload, reasons: string[]): AlertDescription {
  return {
    party: p.company,
    headline: `${p.company} ${p.form}: ${EVENT_WORDS[p.event] ?? p.note}`,
    facts: [filed(p), ['Note', p.note]],
    links: filingLinks(p),
    notes: reasons,
  };
}

type FrKind = 'fr-document' | 'fr-updated' | 'fr-public-inspection' | 'fr-withdrawn';

const FR_WHAT: Record<FrKind, string> = {
  'fr-document': 'new',
  'fr-updated': 'updated',
  'fr-public-inspection': 'on public inspection',
  'fr-withdrawn': 'withdrawn before publication',
};

/** A Federal Register document's facts: what it is, who issued it, its dates, what changed. */
function frFacts(p: FrDocumentPayload): Facts {
  const facts: Facts = [
    ['Document', `${p.type} ${p.documentNumber}`],
    ['Agencies', p.agencies.map(agencyName).join(', ')],
  ];
  if (p.publicationDate) facts.push(['Publication', p.publicationDate]);
  if (p.effectiveOn) facts.push(['Effective', p.effectiveOn]);
  if (p.commentsCloseOn) facts.push(['Comments due', p.commentsCloseOn]);
  if (p.filedAt) facts.push(['On public inspection since', p.filedAt]);
  for (const c of p.changedFields ?? [])
    facts.push([`Changed: ${c.field}`, `${c.old ?? '(none)'} -> ${c.new ?? '(none)'}`]);
  return facts;
}

function describeFrDocument(kind: FrKind, p: FrDocumentPayload): AlertDescription {
  const links: MessageLink[] = [];
  if (p.htmlUrl) links.push({ label: 'Federal Register document', url: p.htmlUrl });
  if (p.pdfUrl) links.push({ label: 'PDF', url: p.pdfUrl });
  return {
    party: agencyName(p.agencies[0] ?? 'federal-register'),
    headline: `Federal Register ${FR_WHAT[kind]}: ${p.title}`,
    facts: frFacts(p),
    links,
    // Why it matters first (what the rule does to the Entity List), then its summary, then why it matched.
    notes: [
      ...(p.entityList ? [entityListWhy(p.entityList) ?? []].flat() : []),
      ...(p.abstract ? [`Summary: ${p.abstract}`] : []),
      ...p.reasons.flatMap((r) => frReasonNote(r) ?? []),
    ],
  };
}

function describeOperator(title: string, p: OperatorPayload): AlertDescription {
  return {
    party: 'regwatch',
    headline: title,
    facts: Object.entries(p.details ?? {}).map(([k, v]) => [
      k,
      typeof v === 'string' ? v : JSON.stringify(v),
    ]),
    links: [],
    notes: [p.message],
  };
}

/** The facts of an alert in words, by kind. Pure. */
export function describeAlert(alert: AlertRecord): AlertDescription {
  const reasons = whyNote(alert.watches);
  switch (alert.kind) {
    case 'filing-diff':
      return describeFilingDiff(alert.payload as FilingDiffPayload, reasons);
    case 'filing-new':
      return describeFilingNew(alert.payload as FilingNewPayload, reasons);
    case 'filing-unreadable':
      return describeFilingUnreadable(alert.payload as FilingUnreadablePayload, reasons);
    case 'filing-event':
      return describeFilingEvent(alert.payload as FilingEventPayload, reasons);
    case 'fr-document':
    case 'fr-updated':
    case 'fr-public-inspection':
    case 'fr-withdrawn':
      return describeFrDocument(alert.kind, alert.payload as FrDocumentPayload);
    case 'operator':
      return describeOperator(alert.title, alert.payload as OperatorPayload);
  }
}

/** The subject: "[regwatch] Example Corp S-1/A: 2 new, 1 removed, 5 changed risk factors". One line, bounded. */
export function subjectFor(alert: AlertRecord): string {
  const core =
    alert.kind === 'filing-diff' || alert.kind === 'filing-new'
      ? describeAlert(alert).headline
      : alert.title;
  return oneLine(`[regwatch] ${core}`, 200);
}

/** Collapses whitespace (no CR/LF reaches a header) and cuts at `max` characters. */
export function oneLine(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
