import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import { runMailFlush, runMailPreview, runMailTest } from './mail-actions.js';

export function registerMail(program: Command): void {
  const mail = program
    .command('mail')
    .description('send, preview and flush mail: the outbox of alerts and digests');
  registerMailTest(mail);
  registerMailPreview(mail);
  registerMailFlush(mail);
}

function registerMailTest(mail: Command): void {
  mail
    .command('test')
    .description(
      'send a test message through the configured transport (SMTP from REGWATCH_SMTP_URL, else an .eml file in mail.outboxDir)',
    )
    .argument('<address>', 'where to send it')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  regwatch mail test me@example.com\n  REGWATCH_SMTP_URL=smtp://user:pass@mail.example.com:587 regwatch mail test me@example.com --json',
    )
    .action((address: string, opts: { json?: boolean }, cmd: Command) =>
      runMailTest(address, opts, cmd.optsWithGlobals<GlobalOptions>()),
    );
}

function registerMailPreview(mail: Command): void {
  mail
    .command('preview')
    .description("show an alert's message as it would be sent, without sending it")
    .argument(
      '<alert-id>',
      "the alert (ids appear in logs, `status` and each message's X-Regwatch-Alert header)",
    )
    .option('--to <address>', "render it for this recipient (default: the alert's first)")
    .option('--html <file>', 'also write the HTML part to this file (open it in a browser)')
    .option('--json', 'print subject, headers, text and attachment names as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  regwatch mail preview 42\n  regwatch mail preview 42 --html /tmp/alert-42.html',
    )
    .action((alertId: string, opts: { to?: string; html?: string; json?: boolean }, cmd: Command) =>
      runMailPreview(alertId, opts, cmd.optsWithGlobals<GlobalOptions>()),
    );
}

function registerMailFlush(mail: Command): void {
  mail
    .command('flush')
    .description(
      'send what is due now: immediate alerts, retries and due digests (what the daemon does each tick); exit 1 if the mail server could not be reached',
    )
    .option('--json', 'print what was done as JSON')
    .addHelpText('after', '\nExamples:\n  regwatch mail flush\n  regwatch mail flush --json')
    .action((opts: { json?: boolean }, cmd: Command) =>
      runMailFlush(opts, cmd.optsWithGlobals<GlobalOptions>()),
    );
}
