/**
 * The SEC contact (`sec.userAgent`, REGWATCH_SEC_USER_AGENT): the SEC refuses requests without a
 * declared contact, and blocks agents whose address is a placeholder. Pure; no schema, no I/O.
 */

/** The shape regwatch's messages and README show: refused as it stands, so it is never sent unchanged. */
export const CONTACT_TEMPLATE = 'Your Name you@your-company.com';

/** Domains reserved for examples (RFC 2606, RFC 6761) and the template's own. */
const PLACEHOLDER_DOMAINS = [
  'example.com',
  'example.org',
  'example.net',
  'your-company.com',
  'yourcompany.com',
  'your-domain.com',
  'yourdomain.com',
];
const PLACEHOLDER_TLDS = ['test', 'invalid', 'example', 'localhost', 'local', 'localdomain'];

/** The placeholder an address's domain is, e.g. "example.com" or ".test"; null for a real-looking domain. */
export function placeholderDomain(contact: string): string | null {
  const domain = /@([^\s@<>]+)/
    .exec(contact)?.[1]
    ?.toLowerCase()
    .replace(/[.>]+$/, '');
  if (!domain) return null;
  const named = PLACEHOLDER_DOMAINS.find((d) => domain === d || domain.endsWith(`.${d}`));
  if (named) return named;
  if (domain === 'localhost') return 'localhost';
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  return PLACEHOLDER_TLDS.includes(tld) ? `.${tld}` : null;
}

/** True when a URL names the SEC itself (sec.gov or a subdomain): a test server on loopback does not. */
export function isSecUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host === 'sec.gov' || host.endsWith('.sec.gov');
  } catch {
    return false;
  }
}

/**
 * Why a contact cannot be sent to the SEC, or null when it can. Only a placeholder is judged
 * here; the shape ("Name address@domain") is the schema's.
 */
export function placeholderContactReason(contact: string): string | null {
  const placeholder = placeholderDomain(contact);
  if (placeholder === null) return null;
  const template = contact.trim() === CONTACT_TEMPLATE;
  return template
    ? `"${contact.trim()}" is the example contact; replace it with your own name (or your company's) and your own e-mail address (the SEC blocks placeholder contacts)`
    : `"${contact.trim()}" has a placeholder domain (${placeholder}); the SEC blocks such contacts: give your own name (or your company's) and a real e-mail address`;
}
