import type { FrMatchReason } from '../../alerts/types.js';

/**
 * Why a Federal Register document matters, decided from its text alone (pure): Entity List
 * and export-control tags, configured keywords, and watched companies it names. Every
 * reason carries the sentence that shows it.
 */

/** BIS, under its current and its legacy slug. */
export const BIS_AGENCIES = ['industry-and-security-bureau', 'export-administration-bureau'];

export interface ClassifyInput {
  title: string;
  abstract: string | null;
  /** Clean full text (null when not fetched or not available). */
  text: string | null;
  /** Table cells of the full text: where an Entity List rule lists its entries. */
  cells: string[];
  /** Agency slugs. */
  agencies: string[];
  cfrReferences: { title: number | null; part: string | null }[];
}

/** A watch as matching sees it: the names its company goes by. */
export interface WatchNames {
  name: string;
  /** Watch name, configured company name, and filer names seen on EDGAR. */
  names: string[];
}

export interface WatchMatch {
  watch: string;
  /** The name found. */
  name: string;
  /** True when found in an Entity List rule's table of entries (listed, not merely mentioned). */
  listed: boolean;
  sentence: string;
}

export interface Classification {
  /** entity-list, export-control, keyword:<phrase>, watch:<name>. */
  tags: string[];
  /** Why it matched, first the reasons of the Federal Register filter, then the watches. */
  reasons: FrMatchReason[];
  watches: WatchMatch[];
  /** Whether the Federal Register configuration itself asks for it (agencies/types already filtered). */
  matchesFilter: boolean;
}

const SENTENCE_MAX = 400;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A phrase as a word-bounded pattern: any run of spaces or punctuation between words, a plural allowed. */
function phraseRegExp(phrase: string, flags: string): RegExp | null {
  const words = phrase.split(/[^\p{L}\p{N}&']+/u).filter(Boolean);
  if (words.length === 0) return null;
  const last = words.pop()!;
  // "battery" also finds "batteries"; any word a plural in -s/-es or a possessive.
  const lastPattern = /[^aeiou]y$/i.test(last)
    ? `${escapeRegExp(last.slice(0, -1))}(?:y|ies)`
    : `${escapeRegExp(last)}(?:s|es|'s)?`;
  return new RegExp(
    `(?<![\\p{L}\\p{N}])${[...words.map(escapeRegExp), lastPattern].join('[\\s\\p{P}]+')}(?![\\p{L}\\p{N}])`,
    flags,
  );
}

/** The sentence of `text` around [start, end): bounded by the block (line) and sentence ends, at most ~400 characters. */
export function sentenceAround(text: string, start: number, end: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl === -1 ? text.length : nl;
  const line = text.slice(lineStart, lineEnd);
  const at = start - lineStart;
  const boundary = /[.!?](?=\s+[A-Z0-9("\u201c'])/g;
  let s = 0;
  let e = line.length;
  for (let m = boundary.exec(line); m !== null; m = boundary.exec(line)) {
    if (m.index < at) s = m.index + 1;
    else if (m.index >= at + (end - start) - 1) {
      e = m.index + 1;
      break;
    }
  }
  let sentence = line.slice(s, e).trim();
  if (sentence.length > SENTENCE_MAX) {
    const rel = Math.max(0, at - s - SENTENCE_MAX / 2);
    sentence = `${rel > 0 ? '\u2026' : ''}${sentence.slice(rel, rel + SENTENCE_MAX).trim()}\u2026`;
  }
  return sentence;
}

interface Found {
  sentence: string;
}

/** The first place `re` matches in title, abstract, then text; with its sentence. */
function findIn(
  input: ClassifyInput,
  re: RegExp,
  accept: (match: string) => boolean = () => true,
): Found | null {
  for (const field of [input.title, input.abstract, input.text]) {
    if (!field) continue;
    re.lastIndex = 0;
    for (let m = re.exec(field); m !== null; m = re.exec(field)) {
      if (accept(m[0])) return { sentence: sentenceAround(field, m.index, m.index + m[0].length) };
      if (!re.global) break;
    }
  }
  return null;
}

const LEGAL_SUFFIX =
  /(?:[\s,]+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|l\.l\.c|plc|s\.a|sa|ag|gmbh|n\.v|nv|lp|l\.p|\/[a-z]{2}\/))+\.?$/i;

/**
 * The distinctive part of a company name: legal suffixes ("Inc.", "Co., Ltd.", EDGAR's
 * "/DE/") dropped, separators of a watch name ("acme-robotics") read as spaces.
 */
export function companyCore(name: string): string {
  let core = name.replace(/[_]+/g, ' ').trim();
  if (!/\s/.test(core)) core = core.replace(/[-.]+/g, ' ');
  let prev = '';
  while (prev !== core) {
    prev = core;
    core = core
      .replace(LEGAL_SUFFIX, '')
      .replace(/[\s,.]+$/, '')
      .trim();
  }
  return core;
}

/** Pattern for a company name; null when its core is too short to name anything reliably. */
function companyPattern(name: string): { re: RegExp; singleWord: boolean } | null {
  const core = companyCore(name);
  if (core.replace(/[^\p{L}\p{N}]/gu, '').length < 3) return null;
  const re = phraseRegExp(core, 'giu');
  if (!re) return null;
  return { re, singleWord: !/\s/.test(core) };
}

/** A one-word name ("Apple") counts only where the text capitalises it: a proper name, not a noun. */
function capitalised(match: string): boolean {
  const first = match.match(/\p{L}/u)?.[0];
  return first !== undefined && first === first.toUpperCase();
}

function isEntityListRule(input: ClassifyInput): FrMatchReason | null {
  if (!input.agencies.some((a) => BIS_AGENCIES.includes(a))) return null;
  const cites744 = input.cfrReferences.some(
    (c) => c.title === 15 && c.part !== null && Number.parseInt(c.part, 10) === 744,
  );
  const inTitle = /entity\s+list/i.test(input.title);
  if (!cites744 && !inTitle) return null;
  if (inTitle) return { tag: 'entity-list', sentence: input.title };
  const found = findIn(input, /entity\s+list/gi);
  return {
    tag: 'entity-list',
    sentence:
      found?.sentence ?? 'Amends 15 CFR part 744 (Control Policy: End-User and End-Use Based)',
  };
}

function isExportControl(input: ClassifyInput): FrMatchReason | null {
  const parts = input.cfrReferences.filter(
    (c) =>
      c.title === 15 &&
      c.part !== null &&
      Number.parseInt(c.part, 10) >= 730 &&
      Number.parseInt(c.part, 10) <= 774,
  );
  if (parts.length === 0) return null;
  const found = findIn(input, /Export\s+Administration\s+Regulations/gi);
  return {
    tag: 'export-control',
    sentence:
      found?.sentence ??
      `Amends 15 CFR ${parts.map((p) => `part ${p.part}`).join(', ')} (Export Administration Regulations)`,
  };
}

/**
 * Classifies one document. `keywords` are the Federal Register keywords (empty: every
 * document of the configured agencies and types matches); Entity List and export-control
 * rules always match.
 */
export function classifyDocument(
  input: ClassifyInput,
  keywords: readonly string[],
  watches: readonly WatchNames[],
): Classification {
  const reasons: FrMatchReason[] = [];
  const entity = isEntityListRule(input);
  if (entity) reasons.push(entity);
  const exportControl = isExportControl(input);
  if (exportControl) reasons.push(exportControl);
  for (const k of keywords) {
    const re = phraseRegExp(k, 'giu');
    if (!re) continue;
    const found = findIn(input, re);
    if (found) reasons.push({ tag: `keyword:${k}`, sentence: found.sentence });
  }
  const matchesFilter = keywords.length === 0 || reasons.length > 0;
  const matched: WatchMatch[] = [];
  for (const w of watches) {
    let match: WatchMatch | null = null;
    // The most specific name first, so a match reports "Acme Robotics Co., Ltd." rather than "acme".
    const names = [...w.names].sort(
      (a, b) =>
        companyCore(b).length - companyCore(a).length ||
        b.length - a.length ||
        (a < b ? -1 : a > b ? 1 : 0),
    );
    for (const name of names) {
      const p = companyPattern(name);
      if (!p) continue;
      const accept = (m: string) => !p.singleWord || capitalised(m);
      if (entity) {
        const cell = input.cells.find((c) => {
          p.re.lastIndex = 0;
          for (let m = p.re.exec(c); m !== null; m = p.re.exec(c)) if (accept(m[0])) return true;
          return false;
        });
        if (cell) {
          match = {
            watch: w.name,
            name,
            listed: true,
            sentence: cell.length > SENTENCE_MAX ? `${cell.slice(0, SENTENCE_MAX)}\u2026` : cell,
          };
          break;
        }
      }
      const found = findIn(input, p.re, accept);
      if (found && !match) match = { watch: w.name, name, listed: false, sentence: found.sentence };
    }
    if (match) matched.push(match);
  }
  const tags = reasons.map((r) => r.tag);
  if (matchesFilter && keywords.length === 0 && reasons.length === 0)
    reasons.push({
      tag: 'agency',
      sentence: `Published by ${input.agencies.join(', ') || 'a configured agency'}`,
    });
  for (const m of matched) {
    tags.push(`watch:${m.watch}`);
    reasons.push({ tag: `watch:${m.watch}`, sentence: m.sentence });
  }
  return { tags, reasons, watches: matched, matchesFilter };
}
