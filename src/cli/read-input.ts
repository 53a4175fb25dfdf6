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
  await refuseUnsupported(source, bytes);
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
    if ((err as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG' || err instanceof RangeError)
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

/** What to do instead, for the kinds people hand over by mistake (the rest get the general advice). */
const ADVICE: Record<string, string> = {
  PDF: 'use the HTML (.htm) or full-submission .txt filing from EDGAR',
  ZIP: 'unpack it (a .docx or .xlsx is one too) and give the HTML (.htm) or .txt filing',
  gzip: 'decompress it first (gunzip) and give the .htm or .txt filing',
};

/**
 * Inputs that are plainly not a filing regwatch can read, said as such instead of "no section":
 * a known binary format by its signature, else a file mostly of control characters near its
 * start ("binary data"). Filings are text (HTML, SGML, plain text).
 */
async function refuseUnsupported(source: string, bytes: Uint8Array): Promise<void> {
  // Loaded when a command reads a file, as fetch-document is: the command definitions stay light.
  const { binaryKind } = await import('../text/binary-kind.js');
  const kind = binaryKind(bytes);
  if (!kind) return;
  const advice = 'give the HTML (.htm) or full-submission .txt filing from EDGAR';
  if (kind.by === 'control characters')
    throw new InputError(`${source}: binary data, not a filing; ${advice}`);
  throw new InputError(`${source}: ${kind.name} is not supported; ${ADVICE[kind.name] ?? advice}`);
}
