/** What a caller expects a body to be; a Content-Type that plainly does not fit is an error. */
export type ExpectedContent = 'json' | 'html' | 'text' | 'xml';

const FITS: Record<ExpectedContent, (mime: string) => boolean> = {
  json: (m) =>
    m === 'application/json' || m.endsWith('+json') || m === 'text/json' || m === 'text/javascript',
  html: (m) => m === 'text/html' || m === 'application/xhtml+xml',
  xml: (m) => m.endsWith('/xml') || m.endsWith('+xml'),
  text: (m) =>
    m.startsWith('text/') ||
    m === 'application/json' ||
    m.endsWith('+json') ||
    m.endsWith('/xml') ||
    m.endsWith('+xml'),
};

/**
 * True when `contentType` plainly does not fit `expect`. A missing type, `text/plain` and
 * `application/octet-stream` are ambiguous (servers use them for anything) and fit.
 */
export function isUnexpectedContent(
  expect: ExpectedContent,
  contentType: string | undefined,
): boolean {
  if (!contentType) return false;
  const mime = contentType.split(';')[0]!.trim().toLowerCase();
  if (mime === '' || mime === 'text/plain' || mime === 'application/octet-stream') return false;
  return !FITS[expect](mime);
}
