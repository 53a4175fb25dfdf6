/**
 * A path segment for a link (a watch name, an alert key, an id), never raw. Pure. Here, below
 * both, because the web pages and the webhook's history link build the same links.
 */
export function encodePathSegment(s: string | number): string {
  // A lone surrogate cannot be encoded (encodeURIComponent throws): it becomes U+FFFD.
  return encodeURIComponent(String(s).replace(/\p{Surrogate}/gu, '\uFFFD'));
}
