import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffSections, type Change } from '../diff/diff-sections.js';
import { countByMateriality } from '../diff/materiality.js';
import { extractRiskFactors, type ExtractionResult } from '../extract/extract-risk-factors.js';
import type { ExtractionCache } from './extraction-cache.js';
import { headingsMatch } from './score.js';

interface Expected {
  kind: 'added' | 'removed' | 'modified' | 'moved';
  newHeading?: string;
  oldHeading?: string;
  headingChanged?: boolean;
}

export interface DiffCaseScore {
  name: string;
  kind: string;
  expected: number;
  reported: number;
  matched: number;
  missed: string[];
  falseAlarms: string[];
  /** The materiality the diff gave each expected change it found (see materiality-eval.ts). */
  found: { kind: string; heading: string; materiality: string }[];
  ms: number;
}

const describe = (c: { kind: string; headingChanged?: boolean }, heading: string) =>
  `${c.kind}${c.kind === 'modified' ? (c.headingChanged ? '(heading)' : '(body)') : ''}: ${heading.slice(0, 90)}`;

function reportedHeading(c: Change): string {
  if (c.kind === 'preamble') return '(section preamble)';
  if (c.kind === 'category-intro') return `(introduction of ${c.category})`;
  return c.kind === 'added' ? c.new.heading : c.old.heading;
}

function agrees(c: Change, e: Expected): boolean {
  if (c.kind !== e.kind) return false;
  if (
    c.kind === 'modified' &&
    e.headingChanged !== undefined &&
    c.headingChanged !== e.headingChanged
  )
    return false;
  const expectedHeading = e.kind === 'added' ? e.newHeading : e.oldHeading;
  return expectedHeading !== undefined && headingsMatch(reportedHeading(c), expectedHeading);
}

/** Scores every `diff/<case>/` (expected.json + new.html) against its original document. */
export function scoreDiffCases(corpus: string, cache: ExtractionCache): DiffCaseScore[] {
  const dir = join(corpus, 'diff');
  if (!existsSync(dir)) return [];
  const scores: DiffCaseScore[] = [];
  for (const name of readdirSync(dir).sort()) {
    const expectedFile = join(dir, name, 'expected.json');
    if (!existsSync(expectedFile)) continue;
    const spec = JSON.parse(readFileSync(expectedFile, 'utf8')) as {
      old: string;
      kind: string;
      expected: Expected[];
    };
    const newFile = readdirSync(join(dir, name)).find((f) => f.startsWith('new.'));
    if (!newFile) continue;
    const old = cache.get(join(corpus, spec.old));
    const t0 = performance.now();
    const fresh = extractRiskFactors(readFileSync(join(dir, name, newFile)));
    const diff = diffSections(old, fresh);
    const ms = performance.now() - t0;
    const used = new Set<number>();
    const missed: string[] = [];
    const found: DiffCaseScore['found'] = [];
    for (const e of spec.expected) {
      const k = diff.changes.findIndex((c, i) => !used.has(i) && agrees(c, e));
      if (k >= 0) {
        used.add(k);
        const c = diff.changes[k]!;
        found.push({
          kind: c.kind,
          heading: reportedHeading(c),
          materiality: c.materiality?.class ?? 'none',
        });
      } else missed.push(describe(e, (e.kind === 'added' ? e.newHeading : e.oldHeading) ?? '?'));
    }
    scores.push({
      name,
      kind: spec.kind,
      expected: spec.expected.length,
      reported: diff.changes.length,
      matched: used.size,
      missed,
      falseAlarms: diff.changes
        .filter((_, i) => !used.has(i))
        .map((c) => describe(c as { kind: string; headingChanged?: boolean }, reportedHeading(c))),
      found,
      ms,
    });
  }
  return scores;
}

export interface DiffSummary {
  cases: number;
  diffPrecision: number;
  diffRecall: number;
  noiseCasesClean: number;
  selfDiffClean: number;
}

export function summarizeDiff(
  scores: DiffCaseScore[],
  selfDiffs: { clean: boolean }[],
): DiffSummary {
  const matched = scores.reduce((a, s) => a + s.matched, 0);
  const reported = scores.reduce((a, s) => a + s.reported, 0);
  const expected = scores.reduce((a, s) => a + s.expected, 0);
  const noise = scores.filter((s) => s.expected === 0);
  return {
    cases: scores.length,
    diffPrecision: reported === 0 ? 1 : matched / reported,
    diffRecall: expected === 0 ? 1 : matched / expected,
    noiseCasesClean:
      noise.length === 0 ? 1 : noise.filter((s) => s.reported === 0).length / noise.length,
    selfDiffClean:
      selfDiffs.length === 0 ? 1 : selfDiffs.filter((s) => s.clean).length / selfDiffs.length,
  };
}

/** A document diffed against itself must report nothing. */
export function selfDiff(result: ExtractionResult): boolean {
  return diffSections(result, result).changes.length === 0;
}

export interface YearOverYear {
  company: string;
  from: string;
  to: string;
  summary: ReturnType<typeof diffSections>['summary'];
  similarity: number;
  /** Changes per materiality class: a person judges whether real year-over-year edits read plausibly. */
  materiality: Record<string, number>;
  headlines: string[];
}

/**
 * The real successive annual reports of each company, diffed in fiscal-year order: not scored
 * (there is no truth for them), printed so a person can judge whether the numbers are plausible.
 */
export function diffSuccessiveYears(
  docs: { document: string; labels: { fiscalYear?: number; company?: string; form: string } }[],
  cache: ExtractionCache,
): YearOverYear[] {
  const byFolder = new Map<string, typeof docs>();
  for (const d of docs) {
    if (!d.labels.form.startsWith('10-K') || d.labels.fiscalYear === undefined) continue;
    const folder = d.document.slice(0, d.document.lastIndexOf('/'));
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), d]);
  }
  const out: YearOverYear[] = [];
  for (const list of byFolder.values()) {
    list.sort((a, b) => a.labels.fiscalYear! - b.labels.fiscalYear!);
    for (let i = 1; i < list.length; i++) {
      const a = cache.get(list[i - 1]!.document, list[i - 1]!.labels.form);
      const b = cache.get(list[i]!.document, list[i]!.labels.form);
      const d = diffSections(a, b);
      out.push({
        company: list[i]!.labels.company ?? '',
        from: `FY${list[i - 1]!.labels.fiscalYear}`,
        to: `FY${list[i]!.labels.fiscalYear}`,
        summary: d.summary,
        similarity: d.similarity,
        materiality: countByMateriality(d.changes),
        headlines: d.changes
          .filter((c) => c.kind === 'added' || c.kind === 'removed')
          .map((c) => `${c.kind}: ${(c.kind === 'added' ? c.new : c.old).heading.slice(0, 90)}`),
      });
    }
  }
  return out;
}
