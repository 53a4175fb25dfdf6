import { emphasisOf, type Block } from './blocks.js';
import { BULLET_GLYPHS } from '../text/normalize.js';

// Shapes of headings that the section split and the summary finder both read.

/** Words that make a short heading read as a category ("Risks Related to Our Business", "General"). */
export const CATEGORY_WORDS =
  /^(risks?\b|general\b|other\b|additional\b|certain\b.*\brisks?\b)|\brisks?( factors)?$|^risk factors (related|relating|associated|regarding|specific|pertaining)\b/i;
/** The title of a summary of the risk factors ("Summary of Risk Factors", "Risk Factor Summary"). */
export const SUMMARY_HEADING =
  /^(risks? summary|overview of (the |our )?(principal |material |key )?risk( factor)?s|summary of (the |our )?(certain |principal |material |key |significant |main )?risk( factor)?s|risks? factors? summary|summary (of )?risk factors|summary of (the |our )?(certain |principal |material |key |significant |main )?risks?( factors)? (related|relating|associated|affecting|applicable|facing) .{0,80})\s*[.:]?$/i;
/** A heading that ends in an abbreviation ("... Holdings, Inc.") ends in no sentence. */
export const ABBREVIATION_END = /\b(Inc|Corp|Co|Ltd|LLC|L\.P|N\.V|S\.A|plc|U\.S)\.$/i;
/** A block that starts with a bullet glyph. */
export const BULLET_START = new RegExp(`^[${BULLET_GLYPHS}]`);

/** A bullet printed as a glyph, or drawn by CSS for a list item (`<ul><li>`). */
export function isBullet(b: Block): boolean {
  return BULLET_START.test(b.text) || b.listItem;
}

/** How much of a block must be emphasised for it to be a heading at all. */
export const HEADING_SHARE = 0.85;

/** Bold, italic or (in older filings) underlined from end to end. */
export function isFullyEmphasised(b: Block): boolean {
  const e = emphasisOf(b, HEADING_SHARE);
  return e.bold || e.italic || e.underline;
}
