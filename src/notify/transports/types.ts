import type { OutgoingMessage } from '../types.js';

/** What a transport did with a message: the addresses taken and refused. */
export interface SendResult {
  accepted: string[];
  rejected: string[];
  /** When `rejected` is not empty: true if retrying cannot help (550 no such user). */
  permanent?: boolean;
  /** The server's (or the file writer's) last word, for the log. */
  response: string;
}

/**
 * Sends one message. Failing as a whole throws `DeliveryError{retryable}`; refusing some
 * recipients returns them in `rejected`.
 */
export interface Transport {
  readonly name: string;
  /** One line for logs and `mail test`, never with a secret: "smtp://mail.example.com:587 (TLS required)". */
  describe(): string;
  send(message: OutgoingMessage): Promise<SendResult>;
  close(): void;
}
