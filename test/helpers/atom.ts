import { DomUtils, parseDocument } from 'htmlparser2';

/**
 * The text of each Atom `<content>` element, XML-decoded once: the HTML a feed reader
 * renders. (@rowanmanning/feed-parser decodes entities once more for its `content`, so it
 * cannot tell escaped markup from markup; the feed tests read the HTML through this.)
 */
export function atomHtmlContents(xml: string): string[] {
  const doc = parseDocument(xml, { xmlMode: true });
  return DomUtils.getElementsByTagName('content', doc).map((e) => DomUtils.textContent(e));
}
