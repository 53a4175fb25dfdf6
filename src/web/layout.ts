import { createHash } from 'node:crypto';
import { escapeHtml as escapeAll } from '../diff/render-html.js';

const MARKUP = /[&<>"']/;

/**
 * Escapes stored text for HTML (the diff renderer's escaping), returning text without any
 * markup character as it is: most redline runs have none, and a feed renders thousands.
 */
export function escapeHtml(s: string): string {
  return MARKUP.test(s) ? escapeAll(s) : s;
}

/**
 * The pages' one stylesheet. It is inlined in a <style> element whose hash is the only style
 * source the Content-Security-Policy allows: no style attributes, no scripts, nothing loaded
 * from anywhere (the pages work offline and a filing's markup can never add a rule).
 */
export const PAGE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2328;background:#f6f8fa}
main{max-width:56rem;margin:0 auto;padding:1rem;background:#fff;min-height:100vh}
h1{font-size:1.4rem;margin:.2rem 0 .6rem}h2{font-size:1.15rem;margin:1.4rem 0 .5rem}
a{color:#0550ae}nav{font-size:.9rem;margin-bottom:.6rem}
.muted{color:#57606a;font-size:.9rem}
ul.list{list-style:none;padding:0;margin:0}ul.list>li{padding:.6rem 0;border-top:1px solid #d0d7de}
ol.timeline{list-style:none;padding:0;margin:0;border-left:3px solid #d0d7de}
ol.timeline>li{position:relative;padding:.3rem 0 .9rem 1rem}
ol.timeline>li::before{content:"";position:absolute;left:-.5rem;top:.7rem;width:.7rem;height:.7rem;border-radius:50%;background:#0550ae}
.form{font-weight:700}.count{white-space:nowrap}
.tag{display:inline-block;font-size:.75rem;font-weight:700;color:#fff;background:#57606a;padding:0 .35rem;margin-right:.3rem}
.tag.added{background:#116329}.tag.removed{background:#a40e26}.tag.modified{background:#9a6700}
.tag.moved{background:#0550ae}.tag.preamble,.tag.category-intro{background:#6639ba}
.change{border-top:1px solid #d0d7de;padding:.8rem 0;font-family:Georgia,"Times New Roman",serif;overflow-wrap:anywhere}
.change h3{font-size:1rem;margin:.4rem 0}
ins{color:#116329;background:#dafbe1;text-decoration:underline}
del{color:#a40e26;background:#ffebe9;text-decoration:line-through}
.skip{color:#57606a;font-style:italic}
.reason{font-size:.9rem;margin:.2rem 0 0 1rem}
.warn{background:#fff8c5;padding:.5rem}
table.summary td{padding:.1rem 1rem .1rem 0}
`;

/** The CSP source for PAGE_CSS: `'sha256-<base64>'` of the exact text inside <style>. */
export const PAGE_CSS_HASH = `'sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}'`;

/**
 * Content-Security-Policy of every response: nothing may load or run; the one stylesheet is
 * allowed by its hash. `form-action` and `frame-ancestors` are not covered by default-src.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${PAGE_CSS_HASH}`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A whole page around `body` (already escaped HTML): viewport for phones, the stylesheet, a feed link. */
export function renderPage(p: { title: string; body: string; feedHref?: string }): string {
  const feed = p.feedHref
    ? `<link rel="alternate" type="application/atom+xml" title="regwatch feed" href="${escapeHtml(p.feedHref)}">`
    : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(p.title)}</title>${feed}<style>${PAGE_CSS}</style></head>
<body><main>${p.body}</main></body></html>
`;
}

/** A path segment for a link: watch names and ids go through here, never raw. */
export { encodePathSegment as seg } from '../text/path-segment.js';
