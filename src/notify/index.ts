// The public face of notify: what the daemon, the CLI and the pipeline's owner call.
export { drainOutbox, renderDelivery, type DrainStats, type SenderDeps } from './sender.js';
export { planDigests, renderDigest, sendDueDigests, type DigestPlan, type DigestStats } from './digests.js';
export { createTransport, registerTransport, transportNames, type TransportFactory } from './transports/registry.js';
export type { SendResult, Transport } from './transports/types.js';
export { DeliveryError, TransportConfigError } from './errors.js';
export type { Attachment, OutgoingMessage, RenderedMessage } from './types.js';
export { RETRY, retryDelayMs } from './retry.js';
export { nextTick, previousTick, quietUntil } from './schedule.js';
