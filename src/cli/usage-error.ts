import { RegwatchError } from '../errors.js';

/** A command was called wrongly (flags that exclude each other, a malformed value): exit 2. */
export class UsageError extends RegwatchError {
  override readonly code = 'USAGE';
}
