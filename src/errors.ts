/**
 * One base error with a stable `code`, one subclass per failure, each carrying what a
 * person needs to act on it (undici's error style). The CLI maps them to exit codes.
 */
export class RegwatchError extends Error {
  readonly code: string = 'REGWATCH_ERROR';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The configuration is missing, unreadable or invalid. `problems` has one line per issue. */
export class ConfigError extends RegwatchError {
  override readonly code = 'CONFIG_INVALID';
  constructor(
    readonly file: string | null,
    readonly problems: string[],
  ) {
    super(`${file ?? 'configuration'}: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** A migration file differs from the one recorded as applied, or the ledger names an unknown file. */
export class MigrationError extends RegwatchError {
  override readonly code = 'MIGRATION_CONFLICT';
}

/** The input document could not be read (missing file, unreachable URL). */
export class InputError extends RegwatchError {
  override readonly code = 'INPUT_UNREADABLE';
}
