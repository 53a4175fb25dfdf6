export interface HttpTimeouts {
  /** TCP (+TLS) connection established. Only applies to the client's own dispatcher. */
  connectMs: number;
  /** From sending the request to the end of the response headers. */
  headersMs: number;
  /** Longest silence between two body chunks. */
  bodyIdleMs: number;
  /** Overall deadline for the whole body, so a slow drip cannot hold a request forever. */
  bodyTotalMs: number;
  /**
   * Deadline of one exchange, from sending to the last body byte (headers and body together):
   * a server that answers slowly in parts cannot take headersMs + bodyTotalMs. Retries are new exchanges.
   */
  requestMs: number;
}

/** Per request: 30 s for headers and body together (bounded again per cycle by the daemon's deadline). */
export const DEFAULT_TIMEOUTS: HttpTimeouts = {
  connectMs: 10_000,
  headersMs: 30_000,
  bodyIdleMs: 30_000,
  bodyTotalMs: 120_000,
  requestMs: 30_000,
};
