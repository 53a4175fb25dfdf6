import { constants as bufferConstants } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError, InputTooLargeError } from '../errors.js';

/** The same bound as fetch-document's (the longest string V8 holds), without loading the HTTP client for a file. */
const MAX_DOCUMENT_BYTES = bufferConstants.MAX_STRING_LENGTH;

const FILING_KINDS = 'a filing (.htm, .html or full-submission .txt)';

/** A scheme followed by "//" or a bare "scheme:" we know: the input is meant as a URL. */
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Reads a filing named on the command line: a local path, `-` for standard input, a `file://`
 * URL, or an http(s) URL (downloaded within `timeoutMs`: REGWATCH_HTTP_TIMEOUT_MS, resolved at
 * start). Refuses, with the reason, what cannot be a filing (a folder, a PDF, more than a string
 * can hold).
 */
export async function readInput(
  source: string,
  userAgent: string | undefined,
  timeoutMs?: number,
): Promise<Uint8Array> {
  if (source.trim() === '')
    throw new InputError(`empty file name; give ${FILING_KINDS}, a URL, or - for standard input`);
  let bytes: Uint8Array;
  if (source === '-') bytes = await readStdin();
  else if (/^file:/i.test(source)) {
    let path: string;
    try {
      path = fileURLToPath(source);
    } catch (err) {
      throw new InputError(
        `${source}: not a usable file URL (${(err as Error).message}); give a local path instead`,
      );
    }
    bytes = readLocal(path, source);
  } else if (URL_LIKE.test(source) || /^https?:/i.test(source)) {
    const { fetchDocument, parseDocumentUrl } = await import('../http/fetch-document.js');
    const url = parseDocumentUrl(source);
    bytes = await fetchDocument(url.href, userAgent, { timeoutMs });
  } else bytes = readLocal(source, source);
  refuseUnsupported(source, bytes);
  return bytes;
}

async function readStdin(): Promise<Uint8Array> {
  if (process.stdin.isTTY)
    throw new InputError(
      '-: standard input is a terminal; pipe a filing in, e.g. `curl ... | regwatch extract -`',
    );
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > MAX_DOCUMENT_BYTES) throw new InputTooLargeError('-', total, MAX_DOCUMENT_BYTES);
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`-: cannot read standard input: ${(err as Error).message}`);
  }
  return Buffer.concat(chunks, total);
}

function readLocal(path: string, shown: string): Uint8Array {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError(`${shown}: is a folder; expected ${FILING_KINDS}`);
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${shown}: ${describeFsError(err)}`);
  }
  if (size > MAX_DOCUMENT_BYTES) throw new InputTooLargeError(shown, size, MAX_DOCUMENT_BYTES);
  try {
    return readFileSync(path);
  } catch (err) {
    if (
      (err as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG' ||
      (err as Error).name === 'RangeError'
    )
      throw new InputTooLargeError(shown, size, MAX_DOCUMENT_BYTES);
    throw new InputError(`${shown}: ${describeFsError(err)}`);
  }
}

function describeFsError(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file';
    case 'ENOTDIR':
      return 'no such file (a part of the path is a file, not a folder)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return `is a folder; expected ${FILING_KINDS}`;
    case 'ENAMETOOLONG':
      return 'file name too long';
    default:
      return (err as Error).message;
  }
}

/** Signatures of files people hand over by mistake; the name says what it is, the advice what to give instead. */
const SIGNATURES: {
  kind: string;
  test: (b: Uint8Array, head: string) => boolean;
  advice?: string;
}[] = [
  {
    kind: 'PDF',
    test: (_b, h) => h.startsWith('%PDF-'),
    advice: 'use the HTML (.htm) or full-submission .txt filing from EDGAR',
  },
  {
    kind: 'ZIP',
    test: (_b, h) => h.startsWith('PK\u0003\u0004') || h.startsWith('PK\u0005\u0006'),
    advice: 'unpack it (a .docx or .xlsx is one too) and give the HTML (.htm) or .txt filing',
  },
  {
    kind: 'gzip',
    test: (b) => b[0] === 0x1f && b[1] === 0x8b,
    advice: 'decompress it first (gunzip) and give the .htm or .txt filing',
  },
  { kind: 'bzip2', test: (_b, h) => h.startsWith('BZh') && /[1-9]/.test(h[3] ?? '') },
  { kind: 'xz', test: (_b, h) => h.startsWith('\u00fd7zXZ\u0000') },
  { kind: '7-Zip', test: (_b, h) => h.startsWith('7z\u00bc\u00af\u0027\u001c') },
  { kind: 'PNG image', test: (_b, h) => h.startsWith('\u0089PNG') },
  { kind: 'JPEG image', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { kind: 'GIF image', test: (_b, h) => h.startsWith('GIF87a') || h.startsWith('GIF89a') },
  {
    kind: 'Microsoft Office (OLE) document',
    test: (_b, h) => h.startsWith('\u00d0\u00cf\u0011\u00e0\u00a1\u00b1\u001a\u00e1'),
  },
  { kind: 'SQLite database', test: (_b, h) => h.startsWith('SQLite f') },
  { kind: 'executable', test: (_b, h) => h.startsWith('\u007fELF') || h.startsWith('MZ') },
];

/**
 * Inputs that are plainly not a filing regwatch can read, said as such instead of "no section":
 * a known binary format by its signature, else any file with NUL bytes or mostly control
 * characters near its start ("binary"). Filings are text (HTML, SGML, plain text).
 */
function refuseUnsupported(source: string, bytes: Uint8Array): void {
  const head = Buffer.from(bytes.subarray(0, 16)).toString('latin1');
  const hit = SIGNATURES.find((s) => s.test(bytes, head));
  const advice = 'give the HTML (.htm) or full-submission .txt filing from EDGAR';
  if (hit) throw new InputError(`${source}: ${hit.kind} is not supported; ${hit.advice ?? advice}`);
  if (looksBinary(bytes)) throw new InputError(`${source}: binary data, not a filing; ${advice}`);
}

/** NUL bytes, or over 10% control characters other than whitespace, in the first 8 KB. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return n > 0 && control / n > 0.1;
}
