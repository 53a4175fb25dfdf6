import { blockWords, type Block } from './blocks.js';
import type { FormFamily } from './detect-form.js';
import { findSectionEnd, type SectionEnd } from './section-end.js';
import { isCaps, isEmphasised, matchSectionHeading, type Pass } from './section-heading.js';

// The types live with the steps that decide them; their importers keep reading them here.
export type { SectionEnd } from './section-end.js';
export type { Pass } from './section-heading.js';

/** Where a Risk Factors section starts and ends, in block indexes (end exclusive). */
export interface SectionBounds {
  start: number;
  end: number;
  heading: string;
  /** The rules that found the heading (an annual report read by the prospectus rules has no Item 1A). */
  pass: Pass;
  endedBy: SectionEnd;
}

export type LocateResult = { ok: true; bounds: SectionBounds } | { ok: false; reason: string };

/** The prospectus summary's own "Risk Factors" paragraph sends the reader to the section. */
const CROSS_REFERENCE =
  /["“”']risk factors["“”']|(section|heading|caption)\s+(entitled|titled|captioned)\s+["“”']?risk factors/i;
/** What small filers write instead of risk factors: a finding, reported as such. */
export const NOT_APPLICABLE =
  /^(not applicable|none|n\/a|omitted|intentionally omitted|\[reserved\])\.?$|not required (for|of|to provide).{0,40}smaller reporting compan|smaller reporting compan.{0,120}not required/i;

/** No filing repeats its Risk Factors heading this often outside the table of contents. */
const MAX_CANDIDATES = 50;

interface Candidate {
  start: number;
  end: number | null;
  endedBy: SectionEnd;
  pass: Pass;
  words: number;
  heading: string;
  notApplicable: boolean;
  /** The body's opening words refer the reader to a "Risk Factors" section elsewhere. */
  refersElsewhere: boolean;
}

/**
 * The passes to try, in order. An annual report without "Item 1A" (10-KSB, 10-K405 and other
 * filings from before 2005) prints a plain "Risk Factors" heading inside Item 1 or Item 7: the
 * prospectus rules find it. Older titles ("Factors That May Affect Future Results") come last.
 */
function choosePasses(family: FormFamily | null): Pass[] {
  const passes: Pass[] =
    family === 'annual' || family === 'foreign-annual'
      ? [family, 'prospectus']
      : family
        ? [family]
        : ['annual', 'prospectus', 'foreign-annual'];
  passes.push('legacy');
  return passes;
}

/**
 * Reads the candidate section a heading opens: it runs to the block that closes it, and its
 * first words tell whether it is "Not applicable" or refers the reader elsewhere.
 */
function readCandidate(
  blocks: Block[],
  furniture: Uint8Array,
  match: { head: Block; heading: string },
  pass: Pass,
): Candidate {
  const { head, heading } = match;
  const found = findSectionEnd(blocks, furniture, head, pass);
  const end = found?.at ?? null;
  let words = 0;
  let text = '';
  let opening = '';
  if (end !== null) {
    for (let i = head.index + 1; i < end; i++) {
      if (furniture[i]) continue;
      const before = words;
      words += blockWords(blocks[i]!);
      if (words < 60) text += ` ${blocks[i]!.text}`;
      if (before < 100) opening += ` ${blocks[i]!.text}`;
    }
  }
  return {
    start: head.index,
    end,
    endedBy: found?.by ?? 'style',
    pass,
    words,
    heading,
    notApplicable: words > 0 && words < 60 && NOT_APPLICABLE.test(text.trim()),
    refersElsewhere: CROSS_REFERENCE.test(opening),
  };
}

/**
 * Adds a candidate for every block that reads as the section heading under one pass, up to
 * MAX_CANDIDATES in all: each candidate scans ahead for its end, and the cap keeps a
 * pathological document linear.
 */
function collectCandidates(
  blocks: Block[],
  furniture: Uint8Array,
  pass: Pass,
  candidates: Candidate[],
): void {
  for (const b of blocks) {
    const match = matchSectionHeading(blocks, furniture, b, pass);
    if (!match) continue;
    if (candidates.length >= MAX_CANDIDATES) return;
    candidates.push(readCandidate(blocks, furniture, match, pass));
  }
}

/** A section with a found end and a body long enough to be the real one. */
function isClosedWithBody(c: Candidate): boolean {
  return c.end !== null && c.words >= 25;
}

/** A heading set larger, or in capitals at the same size, or centred where the other is not. */
function moreProminent(a: Block, b: Block): boolean {
  if (a.fontSize !== b.fontSize) return a.fontSize > b.fontSize;
  if (isCaps(a.text) !== isCaps(b.text)) return isCaps(a.text);
  return a.center && !b.center;
}

/**
 * Keeps the candidates that can be the section: those with an end and a body, or failing that a
 * "Not applicable" finding. A real section heading is set as a heading; a table-of-contents line
 * in plain text is not, and its "section" (the rest of the contents and the summary) must not win
 * on length. A "Risk Factors" sub-heading of the prospectus summary refers the reader to the
 * section that follows it, which is set more prominently and refers nowhere else: it never wins
 * on length. (A supplement's section and its base prospectus's both refer to other documents:
 * neither yields.)
 *
 * @returns the candidates still in the running, or why none can be the section.
 */
function keepContenders(
  blocks: Block[],
  candidates: Candidate[],
): { ok: true; contenders: Candidate[] } | { ok: false; reason: string } {
  let closed = candidates.filter(isClosedWithBody);
  if (closed.length === 0) closed = candidates.filter((c) => c.end !== null && c.notApplicable);
  if (closed.length === 0) {
    return candidates.some((c) => c.end === null)
      ? {
          ok: false,
          reason:
            'found a "Risk Factors" heading but not the heading that ends the section; refusing to guess',
        }
      : {
          ok: false,
          reason:
            'every "Risk Factors" heading found is a table-of-contents entry or cross-reference (no section body)',
        };
  }
  const styled = closed.filter((c) => isEmphasised(blocks[c.start]!));
  if (styled.length > 0) closed = styled;
  const subordinate = (c: Candidate) =>
    c.refersElsewhere &&
    closed.some(
      (d) =>
        d.start > c.start &&
        !d.refersElsewhere &&
        moreProminent(blocks[d.start]!, blocks[c.start]!),
    );
  if (closed.some((c) => !subordinate(c))) closed = closed.filter((c) => !subordinate(c));
  return { ok: true, contenders: closed };
}

/**
 * Finds the section. Every block that reads as the section heading is a candidate (the table
 * of contents and cross-references repeat it); each candidate runs to the next heading that
 * closes the section, and the one with the most body text wins. Table-of-contents entries end
 * at once and so lose; a candidate whose end cannot be found is never chosen (it would swallow
 * the rest of the filing). The passes (choosePasses) are tried in order until one finds a section
 * with a body.
 */
export function locateSection(
  blocks: Block[],
  furniture: Uint8Array,
  family: FormFamily | null,
): LocateResult {
  const candidates: Candidate[] = [];
  for (const pass of choosePasses(family)) {
    // A "Not applicable" Risk Factors item is a finding: an older title elsewhere does not override it.
    if (pass === 'legacy' && candidates.some((c) => c.notApplicable)) break;
    collectCandidates(blocks, furniture, pass, candidates);
    if (candidates.some(isClosedWithBody)) break;
  }
  if (candidates.length === 0)
    return { ok: false, reason: 'no "Risk Factors" heading found in the document' };
  const kept = keepContenders(blocks, candidates);
  if (!kept.ok) return kept;
  let best = kept.contenders[0]!;
  for (const c of kept.contenders) if (c.words > best.words) best = c;
  const { start, heading, pass, endedBy } = best;
  return { ok: true, bounds: { start, end: best.end!, heading, pass, endedBy } };
}
