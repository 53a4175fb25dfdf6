import { Command } from 'commander';
import { LOG_LEVELS } from '../log/level.js';
import { registerBackfill } from './commands/backfill.js';
import { registerConfigCheck } from './commands/config-check.js';
import { registerDiff } from './commands/diff.js';
import { registerExtract } from './commands/extract.js';
import { registerMail } from './commands/mail.js';
import { registerMigrate } from './commands/migrate.js';
import { registerNotices } from './commands/notices.js';
import { registerReprocess } from './commands/reprocess.js';
import { registerRun } from './commands/run.js';
import { registerStatus } from './commands/status.js';
import { environment } from './context.js';

export function buildProgram(version: string): Command {
  const program = new Command('regwatch')
    .version(version)
    .description(
      'Watches SEC IPO filings and Commerce/BIS Federal Register notices, diffs risk factors between versions, and e-mails what changed.',
    )
    .option(
      '-c, --config <file>',
      'config file (default: $REGWATCH_CONFIG, else config/regwatch.yml, else embedded defaults)',
    )
    .option('--debug', 'print stack traces with errors (as REGWATCH_LOG_LEVEL=debug does)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  REGWATCH_SEC_USER_AGENT="Your Name you@your-company.com" regwatch run   start the daemon on defaults
                                                   (your own name and e-mail: the SEC blocks placeholders)
  regwatch run --once                                                    one cycle, then exit
  regwatch config check                                                  validate config/regwatch.yml
  regwatch extract filing.htm                                            outline a filing's risk factors
  regwatch diff s1.htm s1a.htm --html redline.html                       what changed between two versions
  regwatch status --json                                                 what the store holds

Environment: REGWATCH_SEC_USER_AGENT (SEC contact), REGWATCH_CONFIG, REGWATCH_SMTP_URL,
  REGWATCH_ALERT_EMAIL, REGWATCH_LOG_LEVEL (${LOG_LEVELS.join(', ')}),
  REGWATCH_LOG_PRETTY=1, REGWATCH_HTTP_TIMEOUT_MS (document downloads; default 60000).

Exit codes: 0 ok, 1 failure (unreadable input, network, database, lock held), 2 usage
(unknown command or flag, bad flag value), 78 configuration (config file, environment).`,
    );
  // A bad environment variable (REGWATCH_LOG_LEVEL, REGWATCH_HTTP_TIMEOUT_MS,
  // REGWATCH_CLOCK_START) is a configuration mistake whatever the command (exit 78): the
  // environment is read once, here, before any command runs.
  program.hook('preAction', async () => {
    await environment();
  });
  registerRun(program);
  registerMigrate(program);
  registerConfigCheck(program);
  registerStatus(program);
  registerExtract(program);
  registerDiff(program);
  registerBackfill(program);
  registerReprocess(program);
  registerMail(program);
  registerNotices(program);
  return program;
}
