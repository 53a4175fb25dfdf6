import { Command } from 'commander';
import { registerConfigCheck } from './commands/config-check.js';
import { registerDiff } from './commands/diff.js';
import { registerExtract } from './commands/extract.js';
import { registerMail } from './commands/mail.js';
import { registerMigrate } from './commands/migrate.js';
import { registerNotices } from './commands/notices.js';
import { registerRun } from './commands/run.js';
import { registerStatus } from './commands/status.js';

export function buildProgram(version: string): Command {
  const program = new Command('regwatch')
    .version(version)
    .description('Watches SEC IPO filings and Commerce/BIS Federal Register notices, diffs risk factors between versions, and e-mails what changed.')
    .option('-c, --config <file>', 'config file (default: $REGWATCH_CONFIG, else config/regwatch.yml, else embedded defaults)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  REGWATCH_SEC_USER_AGENT="Jane Doe jane@example.com" regwatch run      start the daemon on defaults
  regwatch run --once                                                    one cycle, then exit
  regwatch config check                                                  validate config/regwatch.yml
  regwatch extract filing.htm                                            outline a filing's risk factors
  regwatch diff s1.htm s1a.htm --html redline.html                       what changed between two versions
  regwatch status --json                                                 what the store holds

Exit codes: 0 ok, 1 failure, 2 usage, 78 configuration.`,
    );
  registerRun(program);
  registerMigrate(program);
  registerConfigCheck(program);
  registerStatus(program);
  registerExtract(program);
  registerDiff(program);
  registerMail(program);
  registerNotices(program);
  return program;
}
