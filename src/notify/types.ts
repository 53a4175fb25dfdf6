/** A file attached to a message (a full redline too large for the body). */
export interface Attachment {
  filename: string;
  contentType: string;
  content: string;
}

/** What a renderer makes of an alert or a digest: everything but the envelope. Pure data. */
export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
  attachments: Attachment[];
  /** Threading: the message this one answers and the thread's earlier messages (Message-IDs with <>). */
  inReplyTo: string | null;
  references: string[];
  /** Extra headers (X-Regwatch-*), never user-controlled names. */
  headers: Record<string, string>;
}

/** A message ready for a transport: a rendered message plus its envelope and fixed Message-ID. */
export interface OutgoingMessage extends RenderedMessage {
  from: string;
  to: string;
  /** Deterministic, with angle brackets: the same delivery always carries the same id. */
  messageId: string;
  date: Date;
}
