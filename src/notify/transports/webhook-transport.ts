import type { OutgoingMessage } from '../types.js';
import type { SendHooks, SendOutcome, Transport } from './types.js';
import {
  buildWebhookBody,
  postWebhook,
  type WebhookAlert,
  type WebhookOutcome,
} from './webhook.js';
import type { WebhookEndpoint } from '../../config/webhook-endpoints.js';

/** How long one POST may take, headers and body (a chat service answers in well under a second). */
export const WEBHOOK_TIMEOUT_MS = 15_000;

/** Network failures that prove the POST never reached the receiver (nothing was sent). */
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** A POST's outcome as the send loop takes it (the same shape as SMTP's). */
export function toSendOutcome(o: WebhookOutcome): SendOutcome {
  if (o.result === 'sent') return { status: 'sent', response: `HTTP ${o.status}` };
  const cause =
    o.status !== null ? 'reply' : o.result === 'permanent' ? 'other' : webhookCause(o.reason);
  if (o.result === 'permanent')
    return { status: 'permanent', reason: o.reason, cause, responseCode: o.status };
  // No answer after the request went out: the receiver may have it (counted towards the re-send cap).
  const mayHaveReached = o.status === null && !NEVER_SENT.has(o.reason);
  // One endpoint down never stops the pass: mail and the other endpoints go on (unreachable false).
  return {
    status: 'transient',
    reason: o.reason,
    cause,
    unreachable: false,
    mayHaveReached,
    responseCode: o.status,
  };
}

function webhookCause(reason: string): 'refused' | 'dns' | 'timeout' | 'reset' | 'other' {
  if (reason === 'ECONNREFUSED' || reason === 'EHOSTUNREACH' || reason === 'ENETUNREACH')
    return 'refused';
  if (reason === 'ENOTFOUND' || reason === 'EAI_AGAIN') return 'dns';
  if (reason.startsWith('no answer within')) return 'timeout';
  if (reason === 'ECONNRESET' || reason === 'UND_ERR_SOCKET') return 'reset';
  return 'other';
}

/**
 * The webhook transport of the outbox: `message.to` is the endpoint's reference, `message.text`
 * the alert's facts (src/notify/webhook-render.ts), `message.messageId` the Idempotency-Key.
 * The body is built in the endpoint's format, signed when it has a secret, and POSTed once;
 * `onDataStart` is called just before the POST (from then on the receiver may have it).
 */
export function createWebhookTransport(
  endpoints: Map<string, WebhookEndpoint>,
  userAgent: string,
): Transport {
  return {
    name: 'webhook',
    describe: () => `${endpoints.size} webhook endpoint(s)`,
    async send(message: OutgoingMessage, hooks?: SendHooks): Promise<SendOutcome> {
      const endpoint = endpoints.get(message.to);
      if (!endpoint) {
        const reason = `webhook ${message.to} is no longer in the configuration`;
        return { status: 'permanent', reason, cause: 'other', responseCode: null };
      }
      const body = buildWebhookBody(endpoint.format, JSON.parse(message.text) as WebhookAlert);
      const request = {
        url: endpoint.url,
        body,
        idempotencyKey: message.messageId,
        secret: endpoint.secret,
      };
      hooks?.onDataStart?.();
      return toSendOutcome(
        await postWebhook({ ...request, timeoutMs: WEBHOOK_TIMEOUT_MS, userAgent }),
      );
    },
    close: () => undefined,
  };
}
