/**
 * The contract of regwatch's one HTTP client (src/http/client.ts). Sources talk to the
 * network only through an injected `HttpClient`, so tests point them at local servers.
 */
export interface HttpResponse {
  /** The final URL (after allowed redirects). */
  url: string;
  status: number;
  headers: Record<string, string>;
  /** The decoded (gunzipped) body; empty when `notModified`. */
  body: Buffer;
  /** A conditional GET answered 304: the caller keeps what it stored before. */
  notModified: boolean;
}

export interface GetOptions {
  /** `Accept` header. */
  accept?: string;
  /** Send the stored ETag / Last-Modified and accept 304 (a revalidation still counts against the rate). */
  conditional?: boolean;
  /** Overrides the client's maximum body size for this request. */
  maxBytes?: number;
  /** Statuses that are answers, not errors (returned instead of thrown), e.g. [404] for "not published yet". */
  acceptStatus?: number[];
  /**
   * What the body must be (`json`, `html`, `text`, `xml`): a 2xx whose Content-Type plainly does
   * not fit (an HTML error page where JSON was asked for) throws `UnexpectedContentError`.
   */
  expect?: 'json' | 'html' | 'text' | 'xml';
}

export interface HttpClient {
  /** The client's name in logs and metrics (`sec`, `federal-register`). */
  readonly name: string;
  /**
   * GET with the client's User-Agent, rate limit, timeouts, size limit and retries.
   * @throws HttpError subclasses (src/http/errors.ts): a status not accepted, rate limited,
   *   too large, timeout, network failure, host not allowed, SEC threshold pause.
   */
  get(url: string, options?: GetOptions): Promise<HttpResponse>;
}

/** Where validators for conditional GETs are kept (the `http_cache` table). */
export interface ValidatorStore {
  get(url: string): { etag: string | null; lastModified: string | null } | null;
  set(url: string, v: { etag: string | null; lastModified: string | null }, checkedAt: Date): void;
}

/** Where a pause of all traffic to a service survives restarts (`source_state`). */
export interface PauseStore {
  pausedUntil(): Date | null;
  pause(until: Date, reason: string): void;
}

/** Counters the client reports to (Prometheus metrics in the daemon; nothing in the CLI). */
export interface HttpObserver {
  request(host: string, outcome: string): void;
  retry(host: string, reason: string): void;
}
