import { UsageError } from '../errors.js';
import { KNOWN_FORMS, normalizeForm } from '../forms.js';

/**
 * The form a `--form` flag names, normalised (`10-k` -> `10-K`); undefined when absent.
 * @throws UsageError for an empty or unknown form, listing the known ones.
 */
export function parseFormFlag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '')
    throw new UsageError(
      '--form: empty; give a form such as S-1 or 10-K, or leave --form out to detect it from the document',
    );
  const form = normalizeForm(value);
  if (form === null)
    throw new UsageError(`--form "${value}": unknown form; known forms: ${KNOWN_FORMS.join(', ')}`);
  return form;
}
