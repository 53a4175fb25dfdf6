import type { Command } from 'commander';
import { openApp, printJson, type GlobalOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (run also does this at start-up)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const app = await openApp(cmd.optsWithGlobals<GlobalOptions>());
      const { applied, alreadyApplied } = app.migrations;
      app.close();
      if (opts.json) printJson({ database: app.config.database.path, applied, alreadyApplied });
      else if (applied.length === 0)
        console.log(
          `${app.config.database.path}: up to date (${alreadyApplied} migration(s) applied earlier)`,
        );
      else console.log(`${app.config.database.path}: applied ${applied.join(', ')}`);
      process.exitCode = EXIT.ok;
    });
}
