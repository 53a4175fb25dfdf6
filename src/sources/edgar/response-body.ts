/**
 * Reading an EDGAR answer's body: as text in the charset it declares, or as JSON checked against
 * a zod schema. Pure; a body that is not what it should be throws an `EdgarParseError`.
 */
import type { z } from 'zod';
import type { HttpResponse } from '../../http/types.js';
import { EdgarParseError } from './errors.js';

/** Decodes a body by the charset of its XML declaration or Content-Type (the feed is ISO-8859-1). */
export function decodeText(res: HttpResponse): string {
  const ct = res.headers['content-type'] ?? '';
  const head = res.body.subarray(0, 100).toString('latin1');
  const charset =
    /charset=["']?([\w-]+)/i.exec(ct)?.[1] ??
    /encoding=["']([\w-]+)["']/i.exec(head)?.[1] ??
    'utf-8';
  return /^(iso-8859-1|latin1|windows-1252|us-ascii)$/i.test(charset)
    ? res.body.toString('latin1')
    : res.body.toString('utf8');
}

/** The body as JSON of `schema`'s shape; the first three problems are named. */
export function parseJson<S extends z.ZodType>(
  res: HttpResponse,
  url: string,
  schema: S,
): z.infer<S> {
  let data: unknown;
  try {
    data = JSON.parse(res.body.toString('utf8'));
  } catch (err) {
    throw new EdgarParseError(url, `not JSON (${(err as Error).message})`, { cause: err });
  }
  const r = schema.safeParse(data);
  if (!r.success) {
    const issues = r.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new EdgarParseError(
      url,
      `unexpected JSON shape: ${issues.join('; ')}${r.error.issues.length > 3 ? ` (+${r.error.issues.length - 3} more)` : ''}`,
    );
  }
  return r.data;
}
