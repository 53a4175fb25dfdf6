import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { fetchDocument } from '../http/fetch-document.js';

/** Reads a filing named on the command line: a local path, or an http(s) URL. */
export async function readInput(source: string, userAgent: string | undefined): Promise<Uint8Array> {
  if (/^https?:\/\//i.test(source)) return fetchDocument(source, userAgent);
  try {
    return readFileSync(source);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${source}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a filing (.htm, .html or full-submission .txt)' : (err as Error).message}`);
  }
}
