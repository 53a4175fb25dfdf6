/**
 * The one answer to "is this a binary file, and which?", for every place that must refuse one:
 * the CLI's input, the EDGAR source's primary document, a full submission's `<DOCUMENT>` filed
 * as a binary copy, and the extractor's own input. Pure: a sample and what is known of it in,
 * the kind (or null) out. Filings are text (HTML, SGML, plain text); anything else is named
 * here so a person reads "PDF", not "no Risk Factors section".
 */

/** How a kind was recognised, most certain first. */
export type BinaryEvidence =
  'signature' | 'text encoding' | 'content type' | 'file name' | 'control characters';

/** A kind of binary file. */
export interface BinaryKind {
  /** Its name as a person says it: 'PDF', 'ZIP', 'gzip', 'PNG image' ... or 'binary data'. */
  name: string;
  /** The same with its article, for a sentence: 'a PDF', 'a ZIP archive', 'an image (image/tiff)'. */
  phrase: string;
  by: BinaryEvidence;
}

/** What may be known of a document besides its content (from an HTTP answer or an SGML header). */
export interface BinaryHints {
  contentType?: string;
  filename?: string;
}

/**
 * The kind of binary file `sample` is (its bytes, or its text when already decoded), by its first
 * bytes' signature, a binary file in text form (uuencoded, EDGAR's `<PDF>` block), the Content-Type
 * and the file name when given, else by control characters near its start; null when it may be text.
 */
export function binaryKind(
  sample: Uint8Array | string,
  hints: BinaryHints = {},
): BinaryKind | null {
  const head =
    typeof sample === 'string'
      ? sample.slice(0, HEAD_CHARS)
      : Buffer.from(sample.subarray(0, HEAD_CHARS)).toString('latin1');
  return (
    bySignature(head) ??
    byTextEncoding(head) ??
    byContentType(hints.contentType ?? '') ??
    byFileName(hints.filename ?? '') ??
    byControlCharacters(sample)
  );
}

/** The start read for signatures and text encodings (as Latin-1: one character per byte). */
const HEAD_CHARS = 64;

/** File signatures, as Latin-1 text: each kind with the prefixes that open it. */
const SIGNATURES: { name: string; phrase: string; starts: string[] }[] = [
  { name: 'PDF', phrase: 'a PDF', starts: ['%PDF-'] },
  { name: 'ZIP', phrase: 'a ZIP archive', starts: ['PK\x03\x04', 'PK\x05\x06'] },
  { name: 'gzip', phrase: 'a gzip file', starts: ['\x1f\x8b'] },
  { name: 'bzip2', phrase: 'a bzip2 file', starts: [...'123456789'].map((n) => `BZh${n}`) },
  { name: 'xz', phrase: 'an xz file', starts: ['\xfd7zXZ\x00'] },
  { name: '7-Zip', phrase: 'a 7-Zip archive', starts: ["7z\xbc\xaf'\x1c"] },
  { name: 'PNG image', phrase: 'a PNG image', starts: ['\x89PNG'] },
  { name: 'JPEG image', phrase: 'a JPEG image', starts: ['\xff\xd8\xff'] },
  { name: 'GIF image', phrase: 'a GIF image', starts: ['GIF87a', 'GIF89a'] },
  {
    name: 'Microsoft Office (OLE) document',
    phrase: 'a Microsoft Office (OLE) document',
    starts: ['\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'],
  },
  { name: 'SQLite database', phrase: 'an SQLite database', starts: ['SQLite format 3'] },
  { name: 'executable', phrase: 'an executable', starts: ['\x7fELF', 'MZ'] },
];

function bySignature(head: string): BinaryKind | null {
  const hit = SIGNATURES.find((s) => s.starts.some((p) => head.startsWith(p)));
  // A DOS/Windows header has NUL bytes right after "MZ"; a text that opens with "MZ" has none.
  if (!hit || (head.startsWith('MZ') && !head.slice(2, 8).includes('\x00'))) return null;
  return { name: hit.name, phrase: hit.phrase, by: 'signature' };
}

/** A binary file carried as text: uuencoded (`begin 644 name.pdf`) or EDGAR's `<PDF>` block. */
function byTextEncoding(head: string): BinaryKind | null {
  if (/^\s*<PDF>/i.test(head)) return { name: 'PDF', phrase: 'a PDF', by: 'text encoding' };
  if (/^\s*begin [0-7]{3} /i.test(head))
    return { name: 'uuencoded file', phrase: 'a uuencoded file', by: 'text encoding' };
  return null;
}

function byContentType(contentType: string): BinaryKind | null {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/pdf') return { name: 'PDF', phrase: 'a PDF', by: 'content type' };
  if (type.startsWith('image/'))
    return { name: 'image', phrase: `an image (${type})`, by: 'content type' };
  if (/^application\/(zip|x-zip|octet-stream|vnd\.openxmlformats|vnd\.ms-excel|msword)/.test(type))
    return { name: type, phrase: `binary (${type})`, by: 'content type' };
  return null;
}

const BINARY_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png', 'gif', 'zip', 'xlsx', 'xls', 'docx', 'doc'];

function byFileName(filename: string): BinaryKind | null {
  const ext = /\.([a-z0-9]+)\s*$/i.exec(filename)?.[1]?.toLowerCase();
  if (!ext || !BINARY_EXTENSIONS.includes(ext)) return null;
  return { name: `.${ext} file`, phrase: `a .${ext} file`, by: 'file name' };
}

/** The share of control characters above which a start is binary, not text. */
const CONTROL_SHARE = 0.05;
const CONTROL_SAMPLE = 4096;

/**
 * Over 5% of the first 4,096 characters (or bytes) are NUL, U+FFFD (what a decoder made of
 * bytes it could not read) or control characters other than tab, line feed, form feed and
 * carriage return: a text editor's file never looks so.
 */
function byControlCharacters(sample: Uint8Array | string): BinaryKind | null {
  const n = Math.min(sample.length, CONTROL_SAMPLE);
  const at =
    typeof sample === 'string' ? (i: number) => sample.charCodeAt(i) : (i: number) => sample[i]!;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = at(i);
    if (c === 0 || c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13))
      control++;
  }
  return control > n * CONTROL_SHARE
    ? { name: 'binary data', phrase: 'binary data', by: 'control characters' }
    : null;
}
