// The public face of notify: what the daemon, the CLI and the pipeline's owner call.
export { sendDue, type SendOptions, type SendStats } from './send-loop.js';
export { drainOutbox, renderDelivery, type DrainStats, type SenderDeps } from './sender.js';
export {
  planDigests,
  renderDigest,
  sendDueDigests,
  type DigestPlan,
  type DigestStats,
} from './digests.js';
export {
  createTransport,
  registerTransport,
  transportNames,
  type TransportFactory,
} from './transports/registry.js';
export type { FailureCause, SendHooks, SendOutcome, Transport } from './transports/types.js';
export { TransportConfigError } from './errors.js';
export type { Attachment, OutgoingMessage, RenderedMessage } from './types.js';
export { RETRY, retryDelayMs } from './retry.js';
export { nextTick, previousTick, quietUntil } from './schedule.js';
