import { blockWords, emphasisOf, type Block } from './blocks.js';
import type { FormFamily } from './detect-form.js';
import { FURNITURE_SHAPE } from './furniture.js';
import { normalizeForMatch } from '../text/normalize.js';

/**
 * What closed the section: the next item heading, a section title known to follow Risk Factors
 * (or the next "Risk Factors"), or only a heading set like the section's own title (`style`).
 */
export type SectionEnd = 'item' | 'known-title' | 'style';

/** How the heading was found: by a form family's rules, or by the older titles. */
export type Pass = FormFamily | 'legacy';

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

/**
 * "Item 1A. Risk Factors", also written "Item 1.A", "Item 1(a)", and with a second subject
 * ("Item 1A. Risk Factors and Cautionary Statements").
 */
const ITEM_1A =
  /^item\s*1\s*[.(]?\s*a\s*\)?\s*[.:\-–—]?\s*risk\s*factors(\s+(and|&)\s+[^.]{3,60})?\s*[.:]?$/i;
const ITEM_1A_ALONE = /^item\s*1\s*[.(]?\s*a\s*\)?\s*[.:\-–—]?$/i;
/** A block that starts with Item 1A (the section's own heading, or its running header). */
const ITEM_1A_START = /^item\s*1\s*[.(]?\s*a\b/i;
const PLAIN_HEADING = /^risk\s+factors\s*[.:]?$/i;
/**
 * What filings titled the section before "Risk Factors" was the rule: annual reports of the
 * 1990s put "Factors That May Affect Future Results" at the end of Item 1 or Item 7, and
 * prospectuses printed "Investment Considerations" or "Certain Factors". Looked for only when
 * no "Risk Factors" heading leads to a section.
 */
const LEGACY_HEADING = new RegExp(
  '^(' +
    [
      "(certain |additional |other |important )?(risk )?factors (that|which) (may|might|could) (affect|impact|influence) (our |the company[’']?s )?(future )?(operating |financial )?(results|performance|operations)( of operations)?( and financial condition)?",
      "(certain )?(risk )?factors affecting (our |the company[’']?s )?(future )?(operating |financial )?(results|performance)",
      'risk factors and cautionary statements?|cautionary statements? and risk factors',
      '(certain|additional|important|other) risk factors|risk factors and uncertainties',
      '(certain )?investment considerations|certain (factors|considerations)',
    ].join('|') +
    ')\\s*[.:]?$',
  'i',
);
/** 20-F: "Item 3. Key Information - D. Risk Factors", "3.D Risk Factors", "D. Risk Factors" (letter and title often in separate cells). */
const ITEM_3D =
  /^(item\s*3\s*[.:\-–—]?\s*(key\s+information\s*[.:\-–—]?\s*)?)?(3\s*\.?\s*)?d\s*[.:\-–—)]?\s*risk\s*factors\s*[.:]?$/i;
const ITEM_3D_ALONE = /^(item\s*)?(3\s*\.?\s*)?d\s*[.:\-–—)]?$/i;
/** A 20-F's Risk Factors ends at Item 4 ("Information on the Company") or a later item. */
const ITEM_END_20F = /^(item\s*(4a?|5|6|7|8|9|1[0-9])\b|part\s+ii\b)/i;
/** The prospectus summary's own "Risk Factors" paragraph sends the reader to the section. */
const CROSS_REFERENCE =
  /["“”']risk factors["“”']|(section|heading|caption)\s+(entitled|titled|captioned)\s+["“”']?risk factors/i;
/** What small filers write instead of risk factors: a finding, reported as such. */
export const NOT_APPLICABLE =
  /^(not applicable|none|n\/a|omitted|intentionally omitted|\[reserved\])\.?$|not required (for|of|to provide).{0,40}smaller reporting compan|smaller reporting compan.{0,120}not required/i;

const ANY_ITEM = /^item\s*\d{1,2}[a-d]?\s*[.:\-–—]/i;
const ITEM_END = /^(item\s*(1\s*[.(]?\s*[bc]\)?|2|3|4|5|6|7a?|8|9a?|10)\b|part\s+ii\b)/i;

/** Top-level prospectus headings that follow Risk Factors (compared lower-case, whole block). */
const PROSPECTUS_NEXT = new RegExp(
  '^(' +
    [
      '(special|cautionary) note[s]? (regarding|concerning|about|on|with respect to) .*',
      '(special |cautionary |important )?(note|notes|statements?|information|disclosure|warning) (regarding|concerning|about|on|relating to|with respect to) forward[- ]looking (statements|information)( and .*)?',
      'a (warning|note|caution) about forward[- ]looking statements',
      'forward[- ]looking statements',
      'use of proceeds',
      'dividend policy',
      'capitali[sz]ation',
      'dilution',
      '(market,? )?(and )?industry (and market )?data( and forecasts)?',
      'market and industry data',
      'selected (consolidated )?financial (data|information)',
      "management[’']?s discussion and analysis.*",
      'business',
      'our business',
      'the private placement',
      'the offering',
      'selling (stockholders|shareholders|securityholders|security holders|holders)',
      'plan of distribution',
      'description of .*',
      'supplemental financial information',
      'where you can find (more|additional) information',
      'incorporation (of certain (information|documents) )?by reference',
      'about this prospectus( supplement)?',
      'legal matters',
      'experts',
      'ratio of earnings to fixed charges',
      'our company',
      'the company',
      'prospectus summary',
      'summary',
      'determination of (the )?offering price',
      'market (price|information) .*',
      'price range of .*',
      'enforceability of civil liabilities',
      'exchange rate information',
      'certain (material )?(u\\.s\\. )?(federal )?income tax (considerations|consequences)',
      'material .*tax (considerations|consequences)',
      'underwriting.*',
      'proposed business',
      'management',
      'industry( overview| background)?',
      'market opportunity',
      'trademarks.*',
      '(presentation|basis) of (financial )?(information|presentation)',
      '(our )?corporate (history|structure|reorganization|information).*',
      'the reorganization',
      'history and corporate structure',
      'principal (stockholders|shareholders)',
      'the business combination',
      'the spac',
      'currency (conversion|exchange rates?)',
    ].join('|') +
    ')$',
  'i',
);

/** Points from which a heading is set larger than body text. */
const DISPLAY_SIZE = 12;

/** No filing repeats its Risk Factors heading this often outside the table of contents. */
const MAX_CANDIDATES = 50;

/**
 * A risk stated as a clause ("WE EXPECT OUR LOSSES TO CONTINUE", "OUR STOCK PRICE MAY BE
 * VOLATILE"): a factor heading set like the section title (late-1990s prospectuses print both in
 * bold capitals), never a sibling section. Section titles are noun phrases ("USE OF PROCEEDS").
 */
const RISK_STATEMENT =
  /^(we|if|any|there)\b|\b(may|might|could|would|will|cannot|can not|must|should|is|are|was|were|has|have|had|depends?|relies|rely|expects?|faces?|lacks?|needs?)\b/i;

const GENERIC_NEXT =
  /^(business|our business|management|industry|summary|the company|our company|experts)$/;

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

function isEmphasised(b: Block): boolean {
  const e = emphasisOf(b, 0.8);
  return e.bold || e.italic || e.underline;
}

function isCaps(s: string): boolean {
  return s === s.toUpperCase() && /[A-Z]/.test(s);
}

/**
 * Finds the section. Every block that reads as the section heading is a candidate (the table
 * of contents and cross-references repeat it); each candidate runs to the next heading that
 * closes the section, and the one with the most body text wins. Table-of-contents entries end
 * at once and so lose; a candidate whose end cannot be found is never chosen (it would swallow
 * the rest of the filing).
 */
export function locateSection(
  blocks: Block[],
  furniture: Uint8Array,
  family: FormFamily | null,
): LocateResult {
  const candidates: Candidate[] = [];
  // An annual report without "Item 1A" (10-KSB, 10-K405 and other filings from before 2005)
  // prints a plain "Risk Factors" heading inside Item 1 or Item 7: the prospectus rules find it.
  const families: Pass[] =
    family === 'annual' || family === 'foreign-annual'
      ? [family, 'prospectus']
      : family
        ? [family]
        : ['annual', 'prospectus', 'foreign-annual'];
  families.push('legacy');
  for (const fam of families) {
    // A "Not applicable" Risk Factors item is a finding: an older title elsewhere does not override it.
    if (fam === 'legacy' && candidates.some((c) => c.notApplicable)) break;
    for (const b of blocks) {
      if (furniture[b.index]) continue;
      if (b.chars > 400) continue; // a paragraph, not a heading (checked before its text is built; chars counts indentation too)
      const t = b.text;
      if (t.length > (fam === 'prospectus' ? 40 : fam === 'foreign-annual' ? 60 : 100)) continue;
      // The heading is one block, or "Item 1A." and "Risk Factors" as two: the body follows the last.
      // A 20-F prints "D. Risk Factors" under Item 3, or (older ones) an unlettered "Risk factors".
      let head: Block | undefined = headingMatches(fam, t) ? b : undefined;
      let heading = t;
      if (!head && fam === 'foreign-annual' && ITEM_3D_ALONE.test(t)) {
        const next = nextContent(blocks, furniture, b.index);
        if (next && PLAIN_HEADING.test(next.text)) {
          head = next;
          heading = `${t} ${next.text}`;
        }
      }
      if (!head && fam === 'annual' && ITEM_1A_ALONE.test(t)) {
        const next = nextContent(blocks, furniture, b.index);
        if (next && PLAIN_HEADING.test(next.text)) {
          head = next;
          heading = `${t} ${next.text}`;
        }
      }
      if (!head) continue;
      // A link is a table-of-contents entry, unless set as a heading: some filers link each
      // section heading back to the contents. (An emphasised contents entry ends at once and loses.)
      if (b.allLink && !isEmphasised(b)) continue;
      // Each candidate scans ahead for its end: a cap keeps a pathological document linear.
      if (candidates.length >= MAX_CANDIDATES) break;
      const found = findEnd(blocks, furniture, head, fam);
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
      candidates.push({
        start: head.index,
        end,
        endedBy: found?.by ?? 'style',
        pass: fam,
        words,
        heading,
        notApplicable: words > 0 && words < 60 && NOT_APPLICABLE.test(text.trim()),
        refersElsewhere: CROSS_REFERENCE.test(opening),
      });
    }
    if (candidates.some((c) => c.end !== null && c.words >= 25)) break;
  }
  if (candidates.length === 0)
    return { ok: false, reason: 'no "Risk Factors" heading found in the document' };
  let closed = candidates.filter((c) => c.end !== null && c.words >= 25);
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
  // A real section heading is set as a heading; a table-of-contents line in plain text is not,
  // and its "section" (the rest of the contents and the summary) must not win on length.
  const styled = closed.filter((c) => isEmphasised(blocks[c.start]!));
  if (styled.length > 0) closed = styled;
  // A "Risk Factors" sub-heading of the prospectus summary refers the reader to the section that
  // follows it, which is set more prominently and refers nowhere else: it never wins on length.
  // (A supplement's section and its base prospectus's both refer to other documents: neither yields.)
  const subordinate = (c: Candidate) =>
    c.refersElsewhere &&
    closed.some(
      (d) =>
        d.start > c.start &&
        !d.refersElsewhere &&
        moreProminent(blocks[d.start]!, blocks[c.start]!),
    );
  if (closed.some((c) => !subordinate(c))) closed = closed.filter((c) => !subordinate(c));
  let best = closed[0]!;
  for (const c of closed) if (c.words > best.words) best = c;
  const { start, heading, pass, endedBy } = best;
  return { ok: true, bounds: { start, end: best.end!, heading, pass, endedBy } };
}

function headingMatches(pass: Pass, text: string): boolean {
  if (pass === 'annual') return ITEM_1A.test(text);
  if (pass === 'foreign-annual') return ITEM_3D.test(text) || PLAIN_HEADING.test(text);
  if (pass === 'legacy') return LEGACY_HEADING.test(text);
  return PLAIN_HEADING.test(text);
}

/** A heading set larger, or in capitals at the same size, or centred where the other is not. */
function moreProminent(a: Block, b: Block): boolean {
  if (a.fontSize !== b.fontSize) return a.fontSize > b.fontSize;
  if (isCaps(a.text) !== isCaps(b.text)) return isCaps(a.text);
  return a.center && !b.center;
}

function nextContent(blocks: Block[], furniture: Uint8Array, from: number): Block | undefined {
  for (let i = from + 1; i < blocks.length; i++) if (!furniture[i]) return blocks[i];
  return undefined;
}

/** How a short emphasised line is set: emphasis, case, centring and size. */
function lookOf(b: Block): string {
  return `${b.bold > 0 ? 'B' : '-'}${b.italic > 0 ? 'I' : '-'}${b.underline > 0 ? 'U' : '-'}${isCaps(b.text) ? 'C' : 'c'}${b.center ? 'M' : '-'}${b.fontSize}`;
}

/** A category or a title about risk ("Risks Related to ...", "General Risk Factors"): never a sibling section. */
const CATEGORY_LIKE = /^risks?\b|\brisks?$|risk factors/i;

/** A heading that ends in a full stop (not an abbreviation's: "... Co."): a sentence or a run-in title. */
const FULL_STOP_END = /[a-z)]\.["”’)]?$/i;

/** In-section headings of one look needed before a line set the same way counts as one of them. */
const SUB_HEADING_PEERS = 2;

/** The block that closes the section, and what kind of heading it is; null when none does. */
type FoundEnd = { at: number; by: SectionEnd } | null;

function findEnd(blocks: Block[], furniture: Uint8Array, head: Block, fam: Pass): FoundEnd {
  const headCaps = isCaps(head.text);
  // Looks of the section's own headings so far: under a centred title, a flush-left line set
  // like them ("DILUTION" among "COMPETITION" and "DEPENDENCE ON KEY PERSONNEL") is one of them.
  const seenLooks = new Map<string, number>();
  // Looks of the section's headings that end in a full stop: a section title never does, so a
  // short capital phrase ending in one ("DEPENDENCE ON KEY PERSONNEL.") among capital sentences
  // ending in one is a factor heading, not the next section.
  const stopLooks = new Map<string, number>();
  for (let i = head.index + 1; i < blocks.length; i++) {
    // Only furniture by shape is skipped here: a heading may recur (a company name) and still end the section.
    if (furniture[i] === FURNITURE_SHAPE) continue;
    const b = blocks[i]!;
    if (b.chars > 1000) continue;
    const t = b.text;
    if (t.length > 160) continue;
    if (fam === 'annual') {
      if (ITEM_END.test(t) && blockWords(b) <= 20 && !ITEM_1A_START.test(t))
        return { at: i, by: 'item' };
      continue;
    }
    if (fam === 'foreign-annual') {
      if (ITEM_END_20F.test(t) && blockWords(b) <= 20) return { at: i, by: 'item' };
      continue;
    }
    // The base prospectus's own Risk Factors (424B5 supplements) ends the supplement's; a running
    // page header reading "Risk Factors" (furniture by repetition) does not.
    if (PLAIN_HEADING.test(t) && !furniture[i]) return { at: i, by: 'known-title' };
    if (!isEmphasised(b) && !(isCaps(t) && headCaps)) continue;
    const look = lookOf(b);
    const peers = seenLooks.get(look) ?? 0;
    if (blockWords(b) <= 20 && !CATEGORY_LIKE.test(t)) seenLooks.set(look, peers + 1);
    const endsStop = FULL_STOP_END.test(t);
    const stopPeers = stopLooks.get(look) ?? 0;
    if (endsStop) stopLooks.set(look, stopPeers + 1);
    if (head.center && headCaps && !b.center && isCaps(t) && peers >= SUB_HEADING_PEERS) continue;
    // An item heading ("Item 2. Description of Property") closes a section found by its plain heading.
    // ("Item 1A. Risk Factors (continued)", a running header, is the section itself.)
    if (ANY_ITEM.test(t) && blockWords(b) <= 20 && !/risk\s+factors/i.test(t))
      return { at: i, by: 'item' };
    const norm = normalizeForMatch(t);
    // One-word names ("Business", "Industry") could be sub-headings inside the section: they
    // close it only when set like the section heading (same case, at least its size).
    if (
      PROSPECTUS_NEXT.test(norm) &&
      (!GENERIC_NEXT.test(norm) || (isCaps(t) === headCaps && b.fontSize >= head.fontSize))
    )
      return { at: i, by: 'known-title' };
    // A heading styled like the section heading itself is a sibling section: same case, size,
    // emphasis and centring; in sentence case only when the heading is set in a display size,
    // since body-size bold lines in sentence case are the section's own sub-headings.
    const sibling =
      blockWords(b) <= 12 &&
      b.fontSize >= head.fontSize &&
      b.bold > 0 === head.bold > 0 &&
      b.center === head.center &&
      !CATEGORY_LIKE.test(t) &&
      !RISK_STATEMENT.test(t) &&
      (headCaps
        ? isCaps(t)
        : !isCaps(t) && head.fontSize >= DISPLAY_SIZE && b.italic > 0 === head.italic > 0);
    if (sibling && !(endsStop && stopPeers >= SUB_HEADING_PEERS)) return { at: i, by: 'style' };
  }
  return null;
}
