import { createHash, createHmac } from 'node:crypto';

/**
 * The webhook transport's parts, standalone: payload builders (pure), the signature, the
 * POST, and the one place that decides whether a failed POST is tried again. The outbox sends
 * through them (webhook-transport.ts): same states and retries as mail, the Idempotency-Key
 * fixed at a delivery's first claim and kept across retries and restarts.
 */

/** A recipient's webhook formats: regwatch's own JSON, or Slack's incoming-webhook JSON. */
export type WebhookFormat = 'json' | 'slack';

/** The facts of an alert a webhook carries (rendered from the stored alert, like a message). */
export interface WebhookAlert {
  /** The alert's dedupe key: stable, the receiver's natural key. */
  key: string;
  kind: string;
  source: string;
  title: string;
  /** One or two sentences of plain text. */
  summary: string;
  /** ISO-8601 UTC. */
  createdAt: string;
  watches: string[];
  /** The alert's history page (src/web), when the listener has a public URL. */
  historyUrl: string | null;
  /** The filing on sec.gov or the document on federalregister.gov. */
  sourceUrl: string | null;
  /** The alert's stored facts (alerts.payload), passed through. */
  facts: Record<string, unknown>;
}

/** The payload's version: a receiver can tell a later shape apart. */
export const JSON_PAYLOAD_VERSION = 1;

/** regwatch's own payload: `{version, key, kind, source, title, summary, createdAt, watches, links, facts}`. */
export function buildJsonPayload(a: WebhookAlert): string {
  return JSON.stringify({
    version: JSON_PAYLOAD_VERSION,
    key: a.key,
    kind: a.kind,
    source: a.source,
    title: a.title,
    summary: a.summary,
    createdAt: a.createdAt,
    watches: a.watches,
    links: { history: a.historyUrl, source: a.sourceUrl },
    facts: a.facts,
  });
}

/**
 * Text for Slack's mrkdwn: `&`, `<` and `>` are its control characters
 * (https://api.slack.com/reference/surfaces/formatting#escaping), so stored text cannot
 * make a link or a mention such as `<!channel>`.
 */
export function escapeSlack(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link in mrkdwn; only http(s) URLs (a `|` or `>` in them would end the link early, so they are escaped). */
function slackLink(url: string | null, label: string): string | null {
  if (!url || !/^https?:\/\//i.test(url)) return null;
  return `<${url.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C')}|${escapeSlack(label)}>`;
}

/**
 * Slack's incoming-webhook JSON (Mattermost and Rocket.Chat accept it too): `text` is the
 * notification's fallback, one section block carries the title, summary and links.
 */
export function buildSlackPayload(a: WebhookAlert): string {
  const source = slackLink(a.sourceUrl, a.source === 'edgar' ? 'Filing on EDGAR' : 'Document');
  const links = [slackLink(a.historyUrl, 'History and redline'), source].filter(Boolean);
  const body = [`*${escapeSlack(a.title)}*`, escapeSlack(a.summary), links.join(' · ')]
    .filter(Boolean)
    .join('\n');
  return JSON.stringify({
    text: escapeSlack(a.title),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: body.slice(0, 3000) } }],
    unfurl_links: false,
  });
}

/** The payload for a format. */
export function buildWebhookBody(format: WebhookFormat, a: WebhookAlert): string {
  return format === 'slack' ? buildSlackPayload(a) : buildJsonPayload(a);
}

/** `sha256=<hex>`: the HMAC-SHA256 of the exact body bytes under the shared secret. */
export function signWebhookBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * The Idempotency-Key of one delivery: derived from the alert's key and the endpoint, so it
 * is the same on every retry and after a restart, and differs between two endpoints.
 */
export function webhookIdempotencyKey(alertKey: string, url: string): string {
  return createHash('sha256').update(`${alertKey}\n${url}`).digest('hex').slice(0, 40);
}

/** What became of one POST: the sender's one decision. */
export type WebhookOutcome =
  | { result: 'sent'; status: number }
  | { result: 'transient'; status: number | null; reason: string; retryAfterMs: number | null }
  | { result: 'permanent'; status: number | null; reason: string };

/** Retry-After as seconds or an HTTP date, in ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/**
 * Classifies an HTTP answer. 2xx: sent. 408, 425, 429 and 5xx: transient (the receiver is
 * busy or down; Retry-After honoured). Any other status is permanent: a 3xx (redirects are
 * not followed: a webhook URL that moved must be changed in the config, not chased with the
 * body and signature), 400 (the receiver refuses the payload), 401/403 (the secret or the URL
 * is wrong), 404/410 (the hook was deleted).
 */
export function classifyWebhookStatus(
  status: number,
  retryAfter: string | null,
  now: Date,
): WebhookOutcome {
  if (status >= 200 && status < 300) return { result: 'sent', status };
  if (status === 408 || status === 425 || status === 429 || status >= 500) {
    return {
      result: 'transient',
      status,
      reason: `HTTP ${status}`,
      retryAfterMs: parseRetryAfter(retryAfter, now),
    };
  }
  const why =
    status >= 300 && status < 400
      ? ' (redirects are not followed: put the final URL in the config)'
      : '';
  return { result: 'permanent', status, reason: `HTTP ${status}${why}` };
}

export interface WebhookRequest {
  url: string;
  body: string;
  idempotencyKey: string;
  /** Signs the body when set (the value of the env variable `secretEnv` names). */
  secret: string | null;
  timeoutMs: number;
  userAgent: string;
}

/**
 * POSTs one delivery. Never throws: network failures (refused, reset, DNS, timeout) are
 * transient; a URL that cannot be requested at all is permanent. The URL is never part of
 * a reason (Slack's URLs are secrets).
 */
export async function postWebhook(
  req: WebhookRequest,
  now: () => Date = () => new Date(),
): Promise<WebhookOutcome> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'idempotency-key': req.idempotencyKey,
    'user-agent': req.userAgent,
  };
  if (req.secret !== null) headers['x-regwatch-signature'] = signWebhookBody(req.body, req.secret);
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return { result: 'permanent', status: null, reason: 'the webhook URL is not a URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { result: 'permanent', status: null, reason: `unsupported scheme ${url.protocol}` };
  }
  try {
    const signal = AbortSignal.timeout(req.timeoutMs);
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body: req.body,
      redirect: 'manual',
      signal,
    });
    await res.arrayBuffer().catch(() => undefined); // drain: the connection is reused
    return classifyWebhookStatus(res.status, res.headers.get('retry-after'), now());
  } catch (err) {
    const e = err as { name?: string; cause?: { code?: string } };
    const reason =
      e.name === 'TimeoutError'
        ? `no answer within ${req.timeoutMs} ms`
        : (e.cause?.code ?? e.name ?? 'network error');
    return { result: 'transient', status: null, reason, retryAfterMs: null };
  }
}
