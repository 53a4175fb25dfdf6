import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import { runCommand, type RunOptions } from './run-action.js';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description(
      'start the daemon: migrate the store, then poll EDGAR and the Federal Register on schedule and send mail',
    )
    .option(
      '--once',
      'run one full cycle of every source and the mail sender, then exit (what the daemon does each tick)',
    )
    .option(
      '--json',
      'with --once: print what each task did as JSON on stdout (logs then go to stderr)',
    )
    .addHelpText(
      'after',
      `
Needs the SEC contact: REGWATCH_SEC_USER_AGENT="Your Name you@your-company.com" with your own name
and e-mail address (or sec.userAgent); placeholder addresses (example.com, .test ...) are refused.
Mail goes to SMTP when REGWATCH_SMTP_URL is set (smtp://user:pass@host:587), else each message is
written as an .eml file to mail.outboxDir (default data/outbox/), which any mail client opens.
At start: one cycle at once (missed business days from the daily index, the feed, the Federal
Register), then the schedules: EDGAR every 20 s 06:00-22:00 ET on business days, the
Federal Register every 2 minutes around 06:00 and 08:45 ET, each every 10 minutes otherwise;
mail is sent as soon as an alert is committed. Each source's cycle ends after 90 s
(schedule.cycleDeadlineSeconds).
One run per database: a second one exits 1 naming the holder of <database>.lock.
Logs go to stdout (JSON lines; readable on a terminal), so pm2 does not file them as errors.
Stop with Ctrl-C or SIGTERM; work in flight finishes first (a second signal exits at once).
Exit 75: the stop was cut short by the 25 s grace (work in flight is redone at the next start).

Examples:
  REGWATCH_SEC_USER_AGENT="Your Name you@your-company.com" regwatch run   (your own name and address)
  regwatch run --once --json          one cycle; exit 0 when nothing failed, 1 otherwise
                                      (one line per failed task on stderr)`,
    )
    .action((opts: RunOptions, cmd: Command) =>
      runCommand(opts, cmd.optsWithGlobals<GlobalOptions>()),
    );
}
