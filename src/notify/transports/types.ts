import type { OutgoingMessage } from '../types.js';

/**
 * Why a delivery could not be made, in a word an operator can act on: the mail server refused
 * the connection, its name did not resolve, it did not answer in time, TLS failed, the
 * connection dropped, it answered with an SMTP (or HTTP) status, or the local file system failed.
 */
export type FailureCause =
  'refused' | 'dns' | 'timeout' | 'tls' | 'reset' | 'auth' | 'reply' | 'file' | 'other';

/**
 * What a transport made of one message. Decided where the error is made, so the send loop
 * never guesses from an error's name:
 * - `sent`: the server (or the file) took it.
 * - `transient`: try again later (network, 4xx reply, timeout). `unreachable` when no server
 *   answered at all (the loop then stops and probes instead of trying every message);
 *   `mayHaveReached` when the message data had started and no definite answer came back.
 * - `permanent`: retrying cannot help (550 no such user).
 * A transport that throws has a defect: the loop gives the delivery up at once.
 */
export type SendOutcome =
  | { status: 'sent'; response: string }
  | {
      status: 'transient';
      reason: string;
      cause: FailureCause;
      unreachable: boolean;
      mayHaveReached: boolean;
      responseCode: number | null;
    }
  | { status: 'permanent'; reason: string; cause: FailureCause; responseCode: number | null };

/** Hooks a transport calls while it sends. */
export interface SendHooks {
  /**
   * Called (synchronously, before any byte of the message leaves) the moment the message may
   * start to reach its recipient: SMTP after the server said 354 to DATA; a file or webhook
   * just before writing or posting. The send loop commits it, so an attempt killed before it
   * is known not to have reached anyone.
   */
  onDataStart?(): void;
}

/**
 * Sends one message: the outbox's only way out (smtp, eml; a webhook fits the same shape).
 * `send` reports an outcome and throws only on a defect; `probe` (optional) checks that the
 * server answers without sending anything (SMTP: connect and EHLO).
 */
export interface Transport {
  readonly name: string;
  /** One line for logs and `mail test`, never with a secret: "smtp://mail.example.com:587 (TLS required)". */
  describe(): string;
  send(message: OutgoingMessage, hooks?: SendHooks): Promise<SendOutcome>;
  probe?(): Promise<{ ok: true } | { ok: false; reason: string; cause: FailureCause }>;
  close(): void;
}
