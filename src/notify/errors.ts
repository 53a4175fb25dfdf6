import { RegwatchError } from '../errors.js';

/**
 * A message could not be delivered. `retryable` is the one decision the sender needs: a
 * transient failure (connection refused, 4xx, timeout, bad login) is tried again later; a
 * permanent one (550 no such user, message refused after DATA) makes the delivery dead at once.
 * The message never contains the SMTP password.
 */
export class DeliveryError extends RegwatchError {
  override readonly code = 'DELIVERY_FAILED';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly responseCode: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, { ...options, kind: retryable ? 'transient' : 'permanent' });
  }
}

/** The transport configuration is unusable (a malformed REGWATCH_SMTP_URL). */
export class TransportConfigError extends RegwatchError {
  override readonly code = 'TRANSPORT_CONFIG';
}
