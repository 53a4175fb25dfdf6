import { RegwatchError } from '../../errors.js';

/**
 * The Federal Register answered, but not with what regwatch can read: an HTML error page
 * instead of JSON, truncated JSON, or JSON of another shape. `url` and `problem` say where
 * and what; nothing from such a response is stored.
 */
export class FrResponseError extends RegwatchError {
  override readonly code = 'FR_BAD_RESPONSE';
  constructor(
    readonly url: string,
    readonly problem: string,
  ) {
    super(`federal-register: ${url}: ${problem}`);
  }
}
