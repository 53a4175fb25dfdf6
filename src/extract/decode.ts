import { isAscii } from 'node:buffer';
import { binaryKind } from '../text/binary-kind.js';

/**
 * From raw bytes to the primary document's markup. Handles both a bare `.htm` primary
 * document and EDGAR's full-submission `.txt` (SGML: one `<DOCUMENT>` per file with `<TYPE>`,
 * `<FILENAME>` and `<TEXT>`), where the primary document is the first whose `<TYPE>` is the form.
 */
export interface PrimaryDocument {
  markup: string;
  /** `<TYPE>` of the chosen SGML document, or the submission type from the SGML header. */
  sgmlType: string | null;
  filename: string | null;
  isHtml: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Windows-1252's 0x80-0x9F (curly quotes, dashes, bullet). Node's TextDecoder decodes the
 * 'windows-1252' label as ISO-8859-1 (C1 controls), so the table is applied by hand.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what older EDGAR filings are). */
export function decodeBytes(bytes: Uint8Array): string {
  // Most filings are plain ASCII (entities for everything else): checked and copied at memory
  // speed, where the UTF-8 decoder costs more than a tenth of a whole extraction.
  if (isAscii(bytes))
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  try {
    return utf8.decode(bytes);
  } catch {
    const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
  }
}

const SGML_START = /^\s*<(SEC-DOCUMENT|DOCUMENT|SEC-HEADER|IMS-DOCUMENT)>/i;

/** Picks the primary document out of an SGML submission, or returns the input as it is. */
export function primaryDocument(text: string, form?: string): PrimaryDocument {
  const head = text.slice(0, 4096);
  // A submission opens with its SGML envelope; a document without one is used as it is.
  if (!SGML_START.test(head))
    return { markup: text, sgmlType: null, filename: null, isHtml: looksLikeHtml(text) };
  const submissionType = /CONFORMED SUBMISSION TYPE:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? null;
  const wanted = (form ?? submissionType)?.toUpperCase();
  let first: { type: string; body: string } | null = null;
  let chosen: { type: string; body: string } | null = null;
  // A filer may submit a PDF copy under the form's own <TYPE>, uuencoded, before the HTML one:
  // it is taken only when no readable document of the form follows.
  let binaryCopy: { type: string; body: string } | null = null;
  // EDGAR writes the SGML tags in capitals; indexOf keeps this linear on 100 MB submissions.
  for (let at = text.indexOf('<DOCUMENT>'); at >= 0;) {
    const end = text.indexOf('</DOCUMENT>', at);
    const body = text.slice(at, end >= 0 ? end : text.length);
    const type = /^<DOCUMENT>\s*<TYPE>([^\r\n<]+)/.exec(body.slice(0, 200))?.[1]?.trim() ?? '';
    const doc = { type, body };
    const binary = isBinaryCopy(body);
    if (!binary) first ??= doc;
    if (wanted && type.toUpperCase() === wanted) {
      if (!binary) {
        chosen = doc;
        break;
      }
      binaryCopy ??= doc;
    }
    if (end < 0) break;
    at = text.indexOf('<DOCUMENT>', end);
  }
  chosen ??= binaryCopy ?? first;
  if (!chosen)
    return { markup: text, sgmlType: submissionType, filename: null, isHtml: looksLikeHtml(text) };
  const filename = /<FILENAME>([^\r\n<]+)/i.exec(chosen.body.slice(0, 2000))?.[1]?.trim() ?? null;
  const textStart = chosen.body.search(/<TEXT>/i);
  let markup = textStart >= 0 ? chosen.body.slice(textStart + 6) : chosen.body;
  // The body ends at the last </TEXT> (a search from the end, not a regex over megabytes).
  const textEnd = markup.lastIndexOf('</TEXT>');
  if (textEnd >= 0 && markup.slice(textEnd + 7).trim() === '') markup = markup.slice(0, textEnd);
  return { markup, sgmlType: chosen.type, filename, isHtml: looksLikeHtml(markup) };
}

/**
 * A document of a submission that is a binary file in text form: a PDF, image or archive named
 * so, or a body that opens uuencoded (`begin 644 name.pdf`) or as EDGAR's `<PDF>` block.
 */
function isBinaryCopy(body: string): boolean {
  const head = body.slice(0, 2000);
  const filename = /<FILENAME>([^\r\n<]*)/i.exec(head)?.[1] ?? '';
  const textStart = head.search(/<TEXT>/i);
  return binaryKind(textStart >= 0 ? head.slice(textStart + 6) : '', { filename }) !== null;
}

/**
 * HTML elements a plain-text filing never holds. `<TABLE>` is not among them: EDGAR's text
 * filings mark their financial tables with `<TABLE>`, `<CAPTION>`, `<S>` and `<C>`.
 */
function looksLikeHtml(s: string): boolean {
  return /<(html|body|div|p|font|span|br|tr|td)\b/i.test(s.slice(0, 100_000));
}
