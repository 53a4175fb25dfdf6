import type { HeadingCandidate } from './heading-candidates.js';
import { normalizeForMatch, wordCount } from '../text/normalize.js';

/**
 * Headings that introduce no risk: a repeated section title, a note on forward-looking
 * statements, "General". Before the first risk factor they are section preamble (compared
 * after `normalizeForMatch`).
 */
const NON_RISK_HEADING =
  /^(item\s*1\s*[.(]?\s*a\b.*|(item\s*3\s*[.:-]?\s*)?(key information\s*[.:-]?\s*)?(d\s*[.:)-]?\s*)?risk factors|general|in general|overview|introduction|(special |cautionary |important )?(note|notes|statement|statements|information) (regarding|concerning|about|on|with respect to|relating to) forward-looking (statements|information)|forward-looking (statements|information)|cautionary (note|statement|language)s?|important (note|notice|information)|summary|.*\bforward-looking\b.*|(certain )?(important )?factors (that|which) (may|could|might) affect (our )?(future (operating )?results|forward-looking statements|our business))$/;

/**
 * An introduction set like the headings after it (older prospectuses print it in capitals: "IN
 * ADDITION TO THE OTHER INFORMATION ..., YOU SHOULD CAREFULLY CONSIDER THE FOLLOWING RISK FACTORS
 * ...:"): it sends the reader to the risks below and states none. Taken as such only before the
 * first risk, and only when it ends in a colon or is longer than a heading.
 */
const INTRODUCTION = new RegExp(
  '\\b(carefully consider|consider carefully|should (also )?consider|in evaluating|before (deciding|investing|purchasing|buying|making)|' +
    'the following (risk factors|risks|factors)|(risks|factors) (described|set forth) below)\\b',
  'i',
);
const INTRODUCTION_WORDS = 25;

function isIntroduction(text: string): boolean {
  return INTRODUCTION.test(text) && (/:$/.test(text) || wordCount(text) >= INTRODUCTION_WORDS);
}

function isNonRiskHeading(text: string): boolean {
  return NON_RISK_HEADING.test(normalizeForMatch(text));
}

/** The section's headings once those that introduce no risk are set aside. */
export interface LeadingHeadings {
  /** Block headings from the first one that can introduce a risk. */
  full: HeadingCandidate[];
  runIn: HeadingCandidate[];
  /** Block indexes of the headings set aside: their text is preamble. */
  leading: Set<number>;
  /** Headings set aside that are introductions ("YOU SHOULD CAREFULLY CONSIDER ...:"). */
  introductions: HeadingCandidate[];
}

/**
 * Sets aside the headings before the first one that can introduce a risk (a repeated title, a
 * note on forward-looking statements, "General", an introduction set like a heading): they are
 * preamble and take part in no vote on the heading styles.
 */
export function setAsideLeadingHeadings(
  full: HeadingCandidate[],
  runIn: HeadingCandidate[],
): LeadingHeadings {
  let lead = 0;
  const introducesNoRisk = (text: string) => isNonRiskHeading(text) || isIntroduction(text);
  while (lead < full.length && introducesNoRisk(full[lead]!.text)) lead++;
  const leading = new Set(full.slice(0, lead).map((c) => c.block.index));
  const introductions = full
    .slice(0, lead)
    .filter((c) => isIntroduction(c.text) && !isNonRiskHeading(c.text));
  const rest = full.slice(lead);
  const firstHeadingAt = Math.min(
    rest[0]?.block.index ?? Infinity,
    runIn[0]?.block.index ?? Infinity,
  );
  let skip = 0;
  while (
    skip < runIn.length &&
    runIn[skip]!.block.index < firstHeadingAt &&
    isNonRiskHeading(runIn[skip]!.text)
  )
    skip++;
  return { full: rest, runIn: runIn.slice(skip), leading, introductions };
}
