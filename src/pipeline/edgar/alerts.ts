import type {
  FilingDiffPayload,
  FilingFacts,
  FilingNewPayload,
  KeywordHitFact,
  NewAlert,
} from '../../alerts/types.js';
import { diffCountParts } from '../../alerts/diff-counts.js';
import type { SectionDiff } from '../../diff/types.js';
import type { Confidence, ExtractionResult } from '../../extract/types.js';

/** Who an alert goes to: the matched watches, each with why, and their recipient groups. */
export interface Audience {
  watches: { name: string; reason: string; notify: string[] }[];
}

function base(facts: FilingFacts, audience: Audience, filingId: number) {
  return {
    source: 'edgar' as const,
    threadKey: `edgar:${facts.fileNumber ?? `${facts.cik}:${facts.form.replace(/\/A$/, '')}`}`,
    filingId,
    watches: audience.watches.map((w) => ({ name: w.name, reason: w.reason })),
    recipientGroups: [...new Set(audience.watches.flatMap((w) => w.notify))],
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The reasons for doubt of the low-confidence extractions an alert is built from, as alert
 * facts; nothing when none was low. A diff is only as sure as both versions' extractions.
 */
function doubtFacts(
  confidence: Confidence,
  previous: Confidence | null = null,
): { extractionDoubts?: string[] } {
  const doubts = [
    ...(confidence.level === 'low' ? confidence.reasons.map((r) => r.message) : []),
    ...(previous?.level === 'low'
      ? previous.reasons.map((r) => `in the previous version, ${r.message}`)
      : []),
  ];
  return doubts.length > 0 ? { extractionDoubts: doubts } : {};
}

/** The first version of an offering (or the first annual report seen): what it holds. Pure. */
export function newFilingAlert(
  facts: FilingFacts,
  r: ExtractionResult,
  hits: KeywordHitFact[],
  audience: Audience,
  filingId: number,
): NewAlert {
  const payload: FilingNewPayload = {
    ...facts,
    riskFactorCount: r.riskFactors.length,
    categories: r.categories,
    sectionWords: r.section?.wordCount ?? 0,
    keywordHits: hits,
    warnings: r.warnings,
    ...doubtFacts(r.confidence),
  };
  const cats =
    r.categories.length > 0 ? ` in ${plural(r.categories.length, 'category', 'categories')}` : '';
  return {
    ...base(facts, audience, filingId),
    dedupeKey: `edgar:${facts.accession}:new`,
    kind: 'filing-new',
    title: `${facts.company} filed ${facts.form}: ${plural(r.riskFactors.length, 'risk factor')}${cats}${hits.length > 0 ? `, ${plural(new Set(hits.map((h) => h.keyword)).size, 'watched phrase')}` : ''}`,
    payload,
  };
}

/**
 * A later version compared with the previous one; `confidence` is the new version's extraction's,
 * `previousConfidence` the stored one of the version compared with (null when unknown); `topics`
 * the watches' topics, ranked first in the mail. Pure.
 */
export function diffAlert(
  facts: FilingFacts,
  previous: FilingFacts,
  diff: SectionDiff,
  hits: KeywordHitFact[],
  audience: Audience,
  filingId: number,
  diffId: number,
  confidence: Confidence = { level: 'high', reasons: [] },
  previousConfidence: Confidence | null = null,
  topics: string[] = [],
): NewAlert {
  const s = diff.summary;
  const parts = diffCountParts(s);
  const payload: FilingDiffPayload = {
    ...facts,
    previous,
    summary: s,
    similarity: diff.similarity,
    keywordHits: hits,
    ...doubtFacts(confidence, previousConfidence),
    ...(topics.length ? { topics } : {}),
  };
  return {
    ...base(facts, audience, filingId),
    diffId,
    dedupeKey: `edgar:${facts.accession}:diff`,
    kind: 'filing-diff',
    title: `${facts.company} ${facts.form}: ${parts.length > 0 ? `${parts.join(', ')} risk factors` : 'risk factors unchanged'}${(s.preamble ?? 0) + (s.categoryIntros ?? 0) > 0 ? `; introductory text reworded` : ''}`,
    payload,
  };
}

/** Filed, but the risk factors could not be read: never silently dropped. Pure. */
export function unreadableAlert(
  facts: FilingFacts,
  reason: string,
  audience: Audience,
  filingId: number,
): NewAlert {
  return {
    ...base(facts, audience, filingId),
    dedupeKey: `edgar:${facts.accession}:unreadable`,
    kind: 'filing-unreadable',
    title: `${facts.company} filed ${facts.form}; its risk factors could not be read`,
    payload: { ...facts, reason },
  };
}

/** A withdrawal (RW) or a notice of effectiveness (EFFECT). Pure. */
export function eventAlert(
  facts: FilingFacts,
  event: 'withdrawn' | 'effective',
  audience: Audience,
  filingId: number,
): NewAlert {
  const note =
    event === 'withdrawn'
      ? 'the registration statement was withdrawn (RW)'
      : 'the registration statement was declared effective';
  return {
    ...base(facts, audience, filingId),
    dedupeKey: `edgar:${facts.accession}:event`,
    kind: 'filing-event',
    title: `${facts.company}: ${note}`,
    payload: { ...facts, event, note },
  };
}
