/** Replaces every occurrence of each secret (and its URL-encoded form) with "[redacted]". */
export function redactSecrets(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length < 1) continue;
    for (const form of new Set([s, encodeURIComponent(s)]))
      out = out.split(form).join('[redacted]');
  }
  return out;
}
