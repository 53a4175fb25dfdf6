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
import type { AlertRecord } from '../../store/outbox.js';
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
    .map((w, i) => (w.length && (i === 0 || !SMALL_WORDS.has(w)) ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(' ');
}

function filingLinks(f: FilingFacts, prefix = ''): MessageLink[] {
  const out: MessageLink[] = [{ label: `${prefix}${f.form} filing index on sec.gov`, url: f.url }];
  if (f.documentUrl) out.push({ label: `${prefix}${f.form} document`, url: f.documentUrl });
  return out;
}

function hitNote(h: KeywordHitFact): string {
  const where = h.kind === 'added' ? 'a new risk factor' : h.kind === 'modified' ? 'a reworded risk factor' : 'the risk factor';
  return `Watched phrase "${h.keyword}" (watch ${h.watch}) in ${where} "${h.heading}"${h.sentence ? `: ${h.sentence}` : ''}`;
}

/** "2 new, 1 removed, 5 changed risk factors" (zero counts left out). */
export function diffCounts(s: FilingDiffPayload['summary']): string {
  const parts = [s.added ? `${s.added} new` : '', s.removed ? `${s.removed} removed` : '', s.modified ? `${s.modified} changed` : '', s.moved ? `${s.moved} moved` : ''].filter(Boolean);
  return parts.length ? `${parts.join(', ')} risk factor${s.added + s.removed + s.modified + s.moved === 1 ? '' : 's'}` : 'no risk factor changed';
}

/** The facts of an alert in words, by kind. Pure. */
export function describeAlert(alert: AlertRecord): AlertDescription {
  const reasons = alert.watches.filter((w) => w.name !== '@federal-register').map((w) => `Watch ${w.name}: ${w.reason}`);
  switch (alert.kind) {
    case 'filing-diff': {
      const p = alert.payload as FilingDiffPayload;
      return {
        party: p.company,
        headline: `${p.company} ${p.form}: ${diffCounts(p.summary)}`,
        facts: [
          ['Filed', `${p.form} on ${p.filingDate} (accession ${p.accession})`],
          ['Compared with', `${p.previous.form} filed ${p.previous.filingDate} (accession ${p.previous.accession})`],
          ...(p.fileNumber ? ([['File number', p.fileNumber]] as [string, string][]) : []),
          ['Section similarity', p.similarity.toFixed(3)],
        ],
        links: [...filingLinks(p), ...filingLinks(p.previous, 'previous ')],
        notes: [...extractionDoubtNotes(p), ...p.keywordHits.map(hitNote), ...reasons],
      };
    }
    case 'filing-new': {
      const p = alert.payload as FilingNewPayload;
      return {
        party: p.company,
        headline: `${p.company} ${p.form}: ${plural(p.riskFactorCount, 'risk factor')} in the first version seen`,
        facts: [
          ['Filed', `${p.form} on ${p.filingDate} (accession ${p.accession})`],
          ...(p.fileNumber ? ([['File number', p.fileNumber]] as [string, string][]) : []),
          ['Risk factors', `${p.riskFactorCount} (${p.sectionWords} words)`],
          ...(p.categories.length ? ([['Categories', p.categories.join('; ')]] as [string, string][]) : []),
        ],
        links: filingLinks(p),
        notes: [...extractionDoubtNotes(p), ...p.keywordHits.map(hitNote), ...p.warnings.map((w) => `Extraction warning: ${w}`), ...reasons],
      };
    }
    case 'filing-unreadable': {
      const p = alert.payload as FilingUnreadablePayload;
      return {
        party: p.company,
        headline: `${p.company} ${p.form}: risk factors could not be read`,
        facts: [
          ['Filed', `${p.form} on ${p.filingDate} (accession ${p.accession})`],
          ['Why', p.reason],
        ],
        links: filingLinks(p),
        notes: reasons,
      };
    }
    case 'filing-event': {
      const p = alert.payload as FilingEventPayload;
      return {
        party: p.company,
        headline: `${p.company} ${p.form}: ${p.event === 'withdrawn' ? 'registration withdrawn' : p.event === 'effective' ? 'registration effective' : p.note}`,
        facts: [
          ['Filed', `${p.form} on ${p.filingDate} (accession ${p.accession})`],
          ['Note', p.note],
        ],
        links: filingLinks(p),
        notes: reasons,
      };
    }
    case 'fr-document':
    case 'fr-updated':
    case 'fr-public-inspection':
    case 'fr-withdrawn': {
      const p = alert.payload as FrDocumentPayload;
      const what = { 'fr-document': 'new', 'fr-updated': 'updated', 'fr-public-inspection': 'on public inspection', 'fr-withdrawn': 'withdrawn before publication' }[alert.kind];
      const facts: [string, string][] = [
        ['Document', `${p.type} ${p.documentNumber}`],
        ['Agencies', p.agencies.map(agencyName).join(', ')],
      ];
      if (p.publicationDate) facts.push(['Publication', p.publicationDate]);
      if (p.effectiveOn) facts.push(['Effective', p.effectiveOn]);
      if (p.filedAt) facts.push(['On public inspection since', p.filedAt]);
      for (const c of p.changedFields ?? []) facts.push([`Changed: ${c.field}`, `${c.old ?? '(none)'} -> ${c.new ?? '(none)'}`]);
      const links: MessageLink[] = [];
      if (p.htmlUrl) links.push({ label: 'Federal Register document', url: p.htmlUrl });
      if (p.pdfUrl) links.push({ label: 'PDF', url: p.pdfUrl });
      return {
        party: agencyName(p.agencies[0] ?? 'federal-register'),
        headline: `Federal Register ${what}: ${p.title}`,
        facts,
        links,
        notes: [
          ...(p.abstract ? [p.abstract] : []),
          ...p.reasons.map((r) => `Matched ${r.tag}${r.sentence ? `: ${r.sentence}` : ''}`),
          ...(p.watches.length ? [`Names the company of watch(es): ${p.watches.join(', ')}`] : []),
        ],
      };
    }
    case 'operator': {
      const p = alert.payload as OperatorPayload;
      return {
        party: 'regwatch',
        headline: alert.title,
        facts: Object.entries(p.details ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
        links: [],
        notes: [p.message],
      };
    }
  }
}

/** The subject: "[regwatch] Example Corp S-1/A: 2 new, 1 removed, 5 changed risk factors". One line, bounded. */
export function subjectFor(alert: AlertRecord): string {
  const core = alert.kind === 'filing-diff' || alert.kind === 'filing-new' ? describeAlert(alert).headline : alert.title;
  return oneLine(`[regwatch] ${core}`, 200);
}

/** Collapses whitespace (no CR/LF reaches a header) and cuts at `max` characters. */
export function oneLine(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
