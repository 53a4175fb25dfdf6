import { emphasisOf, type Block } from './blocks.js';
import type { FormFamily } from './detect-form.js';

/** How the heading was found: by a form family's rules, or by the older titles. */
export type Pass = FormFamily | 'legacy';

/**
 * "Item 1A. Risk Factors", also written "Item 1.A", "Item 1(a)", and with a second subject
 * ("Item 1A. Risk Factors and Cautionary Statements").
 */
const ITEM_1A =
  /^item\s*1\s*[.(]?\s*a\s*\)?\s*[.:\-–—]?\s*risk\s*factors(\s+(and|&)\s+[^.]{3,60})?\s*[.:]?$/i;
const ITEM_1A_ALONE = /^item\s*1\s*[.(]?\s*a\s*\)?\s*[.:\-–—]?$/i;
/** A block that starts with Item 1A (the section's own heading, or its running header). */
export const ITEM_1A_START = /^item\s*1\s*[.(]?\s*a\b/i;
export const PLAIN_HEADING = /^risk\s+factors\s*[.:]?$/i;
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

/** Mostly bold, italic or underlined: set as a heading. */
export function isEmphasised(b: Block): boolean {
  const e = emphasisOf(b, 0.8);
  return e.bold || e.italic || e.underline;
}

/** Set in capitals: no lower-case letter, and at least one capital. */
export function isCaps(s: string): boolean {
  return s === s.toUpperCase() && /[A-Z]/.test(s);
}

/** Whether a block's whole text is the section heading under a pass's rules. */
function headingMatches(pass: Pass, text: string): boolean {
  if (pass === 'annual') return ITEM_1A.test(text);
  if (pass === 'foreign-annual') return ITEM_3D.test(text) || PLAIN_HEADING.test(text);
  if (pass === 'legacy') return LEGACY_HEADING.test(text);
  return PLAIN_HEADING.test(text);
}

/** The next block after `from` that is not page furniture. */
function nextContent(blocks: Block[], furniture: Uint8Array, from: number): Block | undefined {
  for (let i = from + 1; i < blocks.length; i++) if (!furniture[i]) return blocks[i];
  return undefined;
}

/**
 * Reads block `b` as the section heading under a pass's rules. The heading is one block, or
 * "Item 1A." and "Risk Factors" as two (a 20-F's "D." and "Risk Factors" likewise): `head` is
 * then the last, where the body follows. A 20-F prints "D. Risk Factors" under Item 3, or (older
 * ones) an unlettered "Risk factors". Furniture, paragraphs and table-of-contents links are
 * never headings.
 *
 * @returns the block the body follows and the heading's full text, or null when `b` is no heading.
 */
export function matchSectionHeading(
  blocks: Block[],
  furniture: Uint8Array,
  b: Block,
  pass: Pass,
): { head: Block; heading: string } | null {
  if (furniture[b.index]) return null;
  if (b.chars > 400) return null; // a paragraph, not a heading (checked before its text is built; chars counts indentation too)
  const t = b.text;
  // Prospectus headings are short; item headings carry an item number and a longer title.
  if (t.length > (pass === 'prospectus' ? 40 : pass === 'foreign-annual' ? 60 : 100)) return null;
  let head: Block | undefined = headingMatches(pass, t) ? b : undefined;
  let heading = t;
  const alone =
    pass === 'foreign-annual' ? ITEM_3D_ALONE : pass === 'annual' ? ITEM_1A_ALONE : null;
  if (!head && alone?.test(t)) {
    const next = nextContent(blocks, furniture, b.index);
    if (next && PLAIN_HEADING.test(next.text)) {
      head = next;
      heading = `${t} ${next.text}`;
    }
  }
  if (!head) return null;
  // A link is a table-of-contents entry, unless set as a heading: some filers link each
  // section heading back to the contents. (An emphasised contents entry ends at once and loses.)
  if (b.allLink && !isEmphasised(b)) return null;
  return { head, heading };
}
