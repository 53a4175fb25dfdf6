/**
 * What a failure means for whoever decides what to do next, decided where the error is made:
 * - `transient`: the same work may succeed later (HTTP 5xx, 408, 429, timeouts, resets, a pause);
 * - `permanent`: it will fail the same way until something changes (a 4xx, a page that does not
 *   parse, invalid configuration or input);
 * - `defect`: not a failure regwatch foresaw (a TypeError, a SQLite error): a bug or a broken
 *   environment, reported with its stack.
 * The same words as the send loop's transport outcomes (src/notify/transports/types.ts).
 */
export type ErrorKind = 'transient' | 'permanent' | 'defect';

/**
 * One base error with a stable `code` and a `kind`, one subclass per failure, each carrying what
 * a person needs to act on it (undici's error style). The CLI maps them to exit codes. A
 * RegwatchError is a foreseen failure: `transient` or `permanent`, never a defect.
 */
export class RegwatchError extends Error {
  readonly code: string = 'REGWATCH_ERROR';
  /** Permanent unless the subclass (or the place that makes the error) says it is transient. */
  readonly kind: Exclude<ErrorKind, 'defect'>;
  constructor(message: string, options?: { cause?: unknown; kind?: Exclude<ErrorKind, 'defect'> }) {
    super(message, options);
    this.name = new.target.name;
    this.kind = options?.kind ?? 'permanent';
  }
}

/** An error as the layer that handles it sees it: its kind, stable code and one-line message. */
export interface ErrorClass {
  kind: ErrorKind;
  /** The RegwatchError's code; for a defect the thrown error's own `code` if it has one, else its class name. */
  code: string;
  /** The first line of the message (a ConfigError lists its problems on further lines). */
  message: string;
}

/**
 * Classifies anything thrown: a RegwatchError by the kind and code it was made with; anything
 * else (TypeError, a SQLite error, a string) is a defect. The one place callers ask "what was
 * that?": never the error's name or message.
 */
export function classifyError(err: unknown): ErrorClass {
  if (err instanceof RegwatchError)
    return { kind: err.kind, code: err.code, message: firstLine(err.message) };
  if (err instanceof Error) {
    const own = (err as { code?: unknown }).code;
    return {
      kind: 'defect',
      code: typeof own === 'string' && own !== '' ? own : err.name || 'Error',
      message: firstLine(err.message),
    };
  }
  return { kind: 'defect', code: 'NON_ERROR_THROWN', message: firstLine(String(err)) };
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

/** At most this many configuration problems are listed; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 8;

/**
 * The configuration is missing, unreadable or invalid. `problems` has one line per issue, each
 * starting with the key path (or the environment variable) it concerns.
 */
export class ConfigError extends RegwatchError {
  override readonly code = 'CONFIG_INVALID';
  /** Where the problems come from: the file, "the environment", "embedded defaults"; null when unsaid. */
  readonly source: string | null;
  /** Problems found beyond the listed ones (a file that is not YAML at all yields hundreds). */
  readonly omitted: number;
  constructor(
    readonly file: string | null,
    readonly problems: string[],
    options: { source?: string; omitted?: number } = {},
  ) {
    const source = options.source ?? file ?? null;
    const omitted = options.omitted ?? 0;
    const more = omitted > 0 ? `\n  ... and ${omitted} more problem(s)` : '';
    const prefix = source ? `${source}: ` : '';
    super(
      problems.length === 1 && omitted === 0
        ? `${prefix}${problems[0]}`
        : `${prefix}${problems.length + omitted} problems\n${problems.map((p) => `  - ${p}`).join('\n')}${more}`,
    );
    this.source = source;
    this.omitted = omitted;
  }
}

/** A migration file differs from the one recorded as applied, or the ledger names an unknown file. */
export class MigrationError extends RegwatchError {
  override readonly code = 'MIGRATION_CONFLICT';
}

/** The input document could not be read (missing file, unreachable URL, wrong kind of input). */
export class InputError extends RegwatchError {
  override readonly code: string = 'INPUT_UNREADABLE';
}

/** The input is larger than regwatch can hold as text. */
export class InputTooLargeError extends InputError {
  override readonly code = 'INPUT_TOO_LARGE';
  constructor(
    readonly source: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(
      `${source}: too large (${formatBytes(bytes)}; at most ${formatBytes(limit)} can be read as text)`,
    );
  }
}

/** A network request failed before an HTTP answer: `cause` says why (dns, refused, timeout, tls, reset). */
export class NetworkError extends InputError {
  override readonly code = 'NETWORK_FAILED';
  constructor(
    readonly url: string,
    readonly reason: 'dns' | 'refused' | 'timeout' | 'tls' | 'reset' | 'other',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, {
      ...options,
      kind: reason === 'dns' || reason === 'tls' || reason === 'other' ? 'permanent' : 'transient',
    });
  }
}

/** The command line is wrong (conflicting flags, a bad flag value): exit 2, like commander's own. */
export class UsageError extends RegwatchError {
  override readonly code = 'USAGE';
}

/** A file-system path cannot be used for what it is configured for (database, outbox). */
export class PathError extends RegwatchError {
  override readonly code = 'PATH_UNUSABLE';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** The database file exists but cannot be used (not SQLite, a folder, corrupt, missing). */
export class DatabaseError extends RegwatchError {
  override readonly code = 'DATABASE_UNUSABLE';
  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Another `regwatch run` holds the database's lock. */
export class LockHeldError extends RegwatchError {
  override readonly code = 'LOCK_HELD';
  constructor(
    readonly lockFile: string,
    readonly holder: { pid: number; host: string; startedAt: string },
  ) {
    super(
      `another regwatch run holds ${lockFile} (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}); stop it first, or point this one at another database`,
    );
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(0)} MB` : `${n} bytes`;
}
