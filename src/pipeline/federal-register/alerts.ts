import type {
  AlertKind,
  EntityListEntryFact,
  FrDocumentPayload,
  NewAlert,
} from '../../alerts/types.js';
import type { Watch } from '../../config/schema.js';
import type { ChangedField } from '../../sources/federal-register/parse.js';
import type { Classification } from './classify.js';
import { entityListFacts, parseEntityListChanges } from './entity-list.js';

/** The pseudo-watch every Federal Register alert of the configured filter is filed under. */
export const FR_WATCH = '@federal-register';

/** Facts of the document an alert is about (published or on public inspection). */
export interface FrAlertDocument {
  /** The stored primary key (`alerts.fr_document`). */
  storedNumber: string;
  normalizedNumber: string;
  /** As the API spells it in this response. */
  documentNumber: string;
  title: string;
  type: string;
  agencies: string[];
  abstract: string | null;
  publicationDate: string | null;
  effectiveOn: string | null;
  commentsCloseOn?: string | null;
  htmlUrl: string | null;
  pdfUrl: string | null;
  filedAt?: string | null;
  filingType?: 'regular' | 'special' | null;
}

export interface FrAlertInput {
  kind: Extract<AlertKind, 'fr-document' | 'fr-updated' | 'fr-public-inspection' | 'fr-withdrawn'>;
  doc: FrAlertDocument;
  classification: Pick<Classification, 'reasons' | 'watches' | 'matchesFilter' | 'tags'>;
  changes?: ChangedField[];
  /** The document's full text, when fetched: Entity List entries are read from it. */
  fullText?: string | null;
  /** Hash of the changed fields' new values (fr-updated only): one alert per distinct change. */
  changeHash?: string;
  frNotify: string[];
  watches: readonly Watch[];
}

const KIND_KEY: Record<FrAlertInput['kind'], string> = {
  'fr-document': 'new',
  'fr-updated': 'updated',
  'fr-public-inspection': 'pi',
  'fr-withdrawn': 'withdrawn',
};

/** The dedupe key: deterministic, so a re-run never queues a second alert for the same event. */
export function frDedupeKey(
  kind: FrAlertInput['kind'],
  normalizedNumber: string,
  changeHash?: string,
): string {
  return `fr:${KIND_KEY[kind]}:${normalizedNumber}${kind === 'fr-updated' ? `:${changeHash ?? ''}` : ''}`;
}

function label(tags: string[]): string {
  if (tags.includes('entity-list')) return '[Entity List] ';
  if (tags.includes('export-control')) return '[Export controls] ';
  return '';
}

function title(input: FrAlertInput): string {
  const d = input.doc;
  const l = label(input.classification.tags);
  switch (input.kind) {
    case 'fr-document':
      return `${l}${d.type}: ${d.title}`;
    case 'fr-updated':
      return `${l}Updated (${(input.changes ?? []).map((c) => c.field).join(', ')}): ${d.title}`;
    case 'fr-public-inspection':
      return `${l}On public inspection${d.filingType === 'special' ? ' (special filing)' : ''}: ${d.title}`;
    case 'fr-withdrawn':
      return `${l}Withdrawn from public inspection: ${d.title}`;
  }
}

/** Entity List entries of an Entity List rule's text, watched companies first; nothing otherwise. */
function entityListOf(input: FrAlertInput): { entityList?: EntityListEntryFact[] } {
  if (!input.classification.tags.includes('entity-list') || !input.fullText) return {};
  const entries = entityListFacts(
    parseEntityListChanges(input.fullText),
    input.classification.watches.map((m) => m.name),
  );
  return entries.length ? { entityList: entries } : {};
}

/**
 * The alert for one document event, or null when nobody asked for it (the Federal Register
 * filter does not match and it names no watched company). Recipients: the Federal Register
 * groups when the filter matches, plus the groups of each watch whose company it names
 * (marked as such in `watches`).
 */
export function buildFrAlert(input: FrAlertInput): NewAlert | null {
  const c = input.classification;
  const alertWatches: { name: string; reason: string }[] = [];
  const groups: string[] = [];
  if (c.matchesFilter) {
    const why = c.reasons.filter((r) => !r.tag.startsWith('watch:'));
    alertWatches.push({
      name: FR_WATCH,
      reason:
        why.map((r) => (r.sentence ? `${r.tag}: ${r.sentence}` : r.tag)).join(' | ') || 'agency',
    });
    groups.push(...input.frNotify);
  }
  for (const m of c.watches) {
    const w = input.watches.find((x) => x.name === m.watch);
    if (!w) continue;
    alertWatches.push({
      name: w.name,
      reason: `${m.listed ? 'lists' : 'names'} "${m.name}" (watched company): ${m.sentence}`,
    });
    groups.push(...w.notify);
  }
  if (alertWatches.length === 0) return null;
  const d = input.doc;
  const payload: FrDocumentPayload = {
    documentNumber: d.documentNumber,
    title: d.title,
    type: d.type,
    agencies: d.agencies,
    abstract: d.abstract,
    publicationDate: d.publicationDate,
    effectiveOn: d.effectiveOn,
    ...(d.commentsCloseOn ? { commentsCloseOn: d.commentsCloseOn } : {}),
    htmlUrl: d.htmlUrl,
    pdfUrl: d.pdfUrl,
    reasons: c.reasons,
    ...entityListOf(input),
    watches: c.watches.map((m) => m.watch),
    ...(input.changes ? { changedFields: input.changes } : {}),
    ...(input.kind === 'fr-public-inspection' || input.kind === 'fr-withdrawn'
      ? { filedAt: d.filedAt ?? null, filingType: d.filingType ?? null }
      : {}),
  };
  return {
    dedupeKey: frDedupeKey(input.kind, d.normalizedNumber, input.changeHash),
    kind: input.kind,
    source: 'federal-register',
    title: title(input),
    payload,
    threadKey: `fr:${d.normalizedNumber}`,
    frDocument: d.storedNumber,
    watches: alertWatches,
    recipientGroups: [...new Set(groups)],
  };
}
