import { createHash } from 'node:crypto';

/** The domain part of Message-IDs: the `mail.from` address's domain ("localhost" when it has none). */
export function mailDomain(from: string): string {
  const m = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from.trim());
  return (m?.[1] ?? 'localhost').toLowerCase();
}

const short = (email: string) =>
  createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 16);

/** The Message-ID of one alert to one address: the same every time it is (re)sent. */
export function alertMessageId(alertId: number, email: string, domain: string): string {
  return `<regwatch.alert-${alertId}.${short(email)}@${domain}>`;
}

/** The Message-ID of one digest message. */
export function digestMessageId(digestId: number, email: string, domain: string): string {
  return `<regwatch.digest-${digestId}.${short(email)}@${domain}>`;
}

/** The Message-ID of a `regwatch mail test` message (unique per call). */
export function testMessageId(now: Date, nonce: string, domain: string): string {
  return `<regwatch.test-${now.getTime()}.${nonce}@${domain}>`;
}
