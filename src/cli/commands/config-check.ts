import type { Command } from 'commander';
import { requireSecContact } from '../../config/load.js';
import { loadFromOptions, printJson, type GlobalOptions } from '../context.js';

export function registerConfigCheck(program: Command): void {
  const config = program.command('config').description('inspect the configuration');
  config
    .command('check')
    .description('validate the config file (and the SEC contact) without starting anything; exit 78 on a problem')
    .option('--json', 'print the effective configuration as JSON (secrets are never part of it)')
    .action((opts: { json?: boolean }, cmd: Command) => {
      const loaded = loadFromOptions(cmd.optsWithGlobals<GlobalOptions>());
      requireSecContact(loaded.config, loaded.file);
      if (opts.json) {
        printJson({ ok: true, file: loaded.file, config: loaded.config });
        return;
      }
      const c = loaded.config;
      console.log(`${loaded.file ?? '(no config file: embedded defaults)'}: OK`);
      console.log(`  SEC contact: ${c.sec.userAgent}`);
      console.log(`  watches: ${c.watches.map((w) => w.name).join(', ') || '(none)'}`);
      console.log(`  recipients: ${Object.entries(c.recipients).map(([k, r]) => `${k} (${r.mode}, ${r.emails.length} address(es))`).join(', ')}`);
      console.log(`  mail: ${process.env.REGWATCH_SMTP_URL ? 'SMTP from REGWATCH_SMTP_URL' : `written to ${c.mail.outboxDir}/ (REGWATCH_SMTP_URL not set)`}`);
      console.log(`  database: ${c.database.path}`);
    });
}
