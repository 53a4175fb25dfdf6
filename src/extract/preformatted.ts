import { streamHtml } from './html-tokens.js';

/** Share of a document's text that must sit inside `<pre>` for it to be read as plain text. */
const PRE_SHARE = 0.5;
/** How far into the document the `<pre>` of a typewritten filing is looked for. */
const PRE_SEARCH_CHARS = 64 * 1024;

/**
 * The text of an HTML document that is a typewritten filing wrapped in `<pre>` (common on
 * EDGAR from 1996 to 2002): its headings are made by layout, not markup, so it is read as
 * plain text. Returns null when most of the text is outside `<pre>` (a table or two set in
 * `<pre>` inside a styled document). Tags inside the `<pre>` are dropped, entities decoded.
 */
export function preformattedText(html: string): string | null {
  // Such a filing opens its <pre> at the top; looking only there keeps the check free on
  // the 5 MB documents that have none (a scan of the whole text costs ~1% of extraction).
  if (!/<pre\b/i.test(html.slice(0, PRE_SEARCH_CHARS))) return null;
  let depth = 0;
  let inside = 0;
  let outside = 0;
  const parts: string[] = [];
  streamHtml(html, {
    open(name) {
      if (name === 'pre') depth++;
    },
    selfClose() {},
    close(name) {
      if (name === 'pre' && depth > 0) {
        depth--;
        if (depth === 0) parts.push('\n\n');
      }
    },
    text(data) {
      if (depth > 0) {
        inside += data.length;
        parts.push(data);
      } else outside += data.trim().length;
    },
  });
  return inside > 0 && inside >= (inside + outside) * PRE_SHARE ? parts.join('') : null;
}
