/**
 * One visual paragraph of a filing: a `<p>`, `<div>`, list item, heading, or a whole table
 * row (cells joined), with how much of its text is emphasised. Extraction reasons over
 * these, never over a DOM: building a tree for a 5 MB filing costs more than the whole job.
 * Plain data: copying or spreading a block keeps everything it says.
 */
export interface Block {
  index: number;
  /** The visible text, whitespace collapsed. */
  text: string;
  /** Characters of visible text, and how many of them are bold / italic / underlined. */
  chars: number;
  bold: number;
  italic: number;
  underline: number;
  /** The leading emphasised run (a run-in heading such as "<i>Title:</i> body..."), or "". */
  lead: string;
  leadBold: boolean;
  leadItalic: boolean;
  /** Underlined (older filings' run-in titles: "<u>Competition.</u> The Company..."). */
  leadUnderline: boolean;
  /** Largest font size seen in the block, in points (0 when unknown). */
  fontSize: number;
  /** Colour of the first text run ("" when unset). */
  color: string;
  center: boolean;
  /** The block's text starts inside a list item (`<li>`): a bullet drawn by CSS, not a glyph. */
  listItem: boolean;
  inTable: boolean;
  /** Table cells of the row that hold text (0 outside tables): a one-cell row is a disguised paragraph. */
  cells: number;
  /** Text of a link (`<a href>`) makes up the whole block: "Table of Contents" jumps, TOC rows. */
  allLink: boolean;
}
