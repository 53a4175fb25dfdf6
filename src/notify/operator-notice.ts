import type { NewAlert } from '../alerts/types.js';
import type { Config } from '../config/schema.js';

/** The recipient groups told about dead deliveries: `mail.operator`, else the first group. */
export function operatorGroups(config: Config): string[] {
  const groups = config.mail.operator ?? Object.keys(config.recipients).slice(0, 1);
  return groups.filter((g) => config.recipients[g] !== undefined);
}

/** A message given up on, as the operator is told of it. */
export interface GivenUp {
  kind: 'alert' | 'digest';
  id: number;
  alertId: number | null;
  email: string;
  attempts: number;
  error: string;
  subject: string;
  /**
   * The message itself (its text part), when it was given up after attempts that may have
   * reached the server: the operator forwards it, so the reader still gets it once.
   */
  carried?: string;
}

/**
 * The operator's alert about a message given up on. Its dedupe key makes it once only; it is
 * queued in the same transaction that marks the delivery dead.
 */
export function deadDeliveryNotice(config: Config, what: GivenUp): NewAlert {
  const target = what.kind === 'alert' ? `alert ${what.alertId}` : `digest ${what.id}`;
  const carried = what.carried
    ? `\n\nThe message follows, so that you can forward it to ${what.email} (it may already have arrived once):` +
      `\n\nSubject: ${what.subject}\n\n${what.carried}`
    : '';
  return {
    dedupeKey: `operator:dead-${what.kind}-delivery:${what.id}`,
    kind: 'operator',
    source: 'operator',
    title: `Undeliverable: ${target} to ${what.email}`,
    payload: {
      message: `regwatch gave up delivering "${what.subject}" to ${what.email} after ${what.attempts} attempt(s): ${what.error}. It is listed by \`regwatch status\`; fix the address or the mail server, then the next alerts go through.${carried}`,
      details: {
        delivery: `${what.kind} ${what.id}`,
        recipient: what.email,
        attempts: what.attempts,
        lastError: what.error,
      },
    },
    threadKey: 'operator:dead-deliveries',
    watches: [],
    recipientGroups: operatorGroups(config),
  };
}
