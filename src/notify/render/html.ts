import { escapeHtml } from '../../diff/render-html.js';

// The same inline styles as the redline (src/diff/render-html.ts): mail clients strip <style>.
export const SANS = 'font-family:Arial,Helvetica,sans-serif;';
export const MUTED = 'color:#57606a;';

/** Escapes text for HTML (filing and Federal Register text is never trusted). */
export const esc = escapeHtml;

/** A link, or nothing if the URL is not http(s): a javascript: URL in a payload never becomes a link. */
export function link(url: string | null | undefined, label: string): string {
  if (!url || !/^https?:\/\//i.test(url)) return esc(label);
  return `<a href="${esc(url)}" style="color:#0969da;">${esc(label)}</a>`;
}

/** One white card of the message, 680 px wide like the redline. */
export function card(inner: string): string {
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f6f8fa;"><tr><td align="center" style="padding:16px 16px 0 16px;">
<table role="presentation" width="680" cellpadding="0" cellspacing="0" border="0" style="max-width:680px;width:100%;background-color:#ffffff;border:1px solid #d0d7de;">
${inner}
</table></td></tr></table>`;
}

/** The last card of a message or digest: when regwatch sent it. */
export function sentByCard(now: Date): string {
  const style = `padding:12px 16px;${SANS}font-size:12px;${MUTED}`;
  return card(`<tr><td style="${style}">Sent by regwatch at ${esc(now.toISOString())}.</td></tr>`);
}

/** A whole HTML document around the given blocks. */
export function documentHtml(title: string, blocks: string[]): string {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(title)}</title></head>
<body style="margin:0;padding:0 0 16px 0;background-color:#f6f8fa;">
${blocks.join('\n')}
</body></html>
`;
}

/** The inside of `<body>` of an HTML document our own renderer made. */
export function bodyOf(html: string): string {
  const m = /<body[^>]*>([\s\S]*)<\/body>/.exec(html);
  return m?.[1] ?? html;
}

/** Label/value rows. */
export function factsTable(rows: [string, string][]): string {
  if (rows.length === 0) return '';
  return `<table role="presentation" cellpadding="0" cellspacing="0" border="0">${rows
    .map(
      ([k, v]) =>
        `<tr><td style="${SANS}font-size:13px;padding:3px 12px 3px 0;${MUTED}vertical-align:top;">${esc(k)}</td><td style="${SANS}font-size:13px;padding:3px 0;">${v}</td></tr>`,
    )
    .join('')}</table>`;
}

/** Paragraphs of plain text, escaped. */
export function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map(
      (p) =>
        `<p style="margin:0 0 10px 0;${SANS}font-size:14px;line-height:1.5;">${esc(p.trim())}</p>`,
    )
    .join('');
}
