import {
  HttpStatusError,
  NetworkError,
  RateLimitedError,
  TimeoutError,
  UnexpectedContentError,
  type HttpError,
} from './errors.js';

/** What went wrong, short, for logs and metrics: a status or an error kind. */
export function failureReason(err: HttpError): string {
  if (err instanceof HttpStatusError) return `HTTP ${err.status}`;
  if (err instanceof RateLimitedError) return 'HTTP 429';
  if (err instanceof TimeoutError) return `timeout (${err.phase})`;
  if (err instanceof NetworkError) return `network (${err.reason})`;
  if (err instanceof UnexpectedContentError) return `unexpected content (${err.contentType})`;
  return err.code;
}

/** The URL for logs: credentials never appear. */
export function safeUrl(url: URL): string {
  if (!url.username && !url.password) return url.href;
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}
