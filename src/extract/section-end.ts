import { blockWords, type Block } from './blocks.js';
import { FURNITURE_SHAPE } from './furniture.js';
import {
  isCaps,
  isEmphasised,
  ITEM_1A_START,
  PLAIN_HEADING,
  type Pass,
} from './section-heading.js';
import { normalizeForMatch } from '../text/normalize.js';

/**
 * What closed the section: the next item heading, a section title known to follow Risk Factors
 * (or the next "Risk Factors"), or only a heading set like the section's own title (`style`).
 */
export type SectionEnd = 'item' | 'known-title' | 'style';

/** A 20-F's Risk Factors ends at Item 4 ("Information on the Company") or a later item. */
const ITEM_END_20F = /^(item\s*(4a?|5|6|7|8|9|1[0-9])\b|part\s+ii\b)/i;
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

/**
 * A risk stated as a clause ("WE EXPECT OUR LOSSES TO CONTINUE", "OUR STOCK PRICE MAY BE
 * VOLATILE"): a factor heading set like the section title (late-1990s prospectuses print both in
 * bold capitals), never a sibling section. Section titles are noun phrases ("USE OF PROCEEDS").
 */
const RISK_STATEMENT =
  /^(we|if|any|there)\b|\b(may|might|could|would|will|cannot|can not|must|should|is|are|was|were|has|have|had|depends?|relies|rely|expects?|faces?|lacks?|needs?)\b/i;

const GENERIC_NEXT =
  /^(business|our business|management|industry|summary|the company|our company|experts)$/;

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
export type FoundEnd = { at: number; by: SectionEnd } | null;

/**
 * Finds the block that closes the section opened by `head`. An annual report's section ends at
 * the next item; a 20-F's at Item 4 or later. A prospectus has no items: its section ends at the
 * next "Risk Factors", an item heading, a title known to follow the section, or a heading set
 * like the section's own (a sibling); the section's own sub-headings, set alike, are told apart
 * by how many of their look came before.
 */
export function findSectionEnd(
  blocks: Block[],
  furniture: Uint8Array,
  head: Block,
  fam: Pass,
): FoundEnd {
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
