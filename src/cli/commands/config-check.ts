import type { Command } from 'commander';
import type { ResolvedConfig } from '../../config/resolve.js';
import { ConfigError } from '../../errors.js';
import { pathProblems, printJson, resolveFromOptions, type GlobalOptions } from '../context.js';

/** The file, the environment (each webhook's urlEnv / secretEnv set, as at start-up) and the paths. */
async function check(opts: GlobalOptions): Promise<ResolvedConfig> {
  const loaded = await resolveFromOptions(opts, { requireContact: true });
  const problems = await pathProblems(loaded);
  if (problems.length > 0)
    throw new ConfigError(loaded.file, problems, { source: loaded.file ?? 'embedded defaults' });
  return loaded;
}

export function registerConfigCheck(program: Command): void {
  const config = program.command('config').description('inspect the configuration');
  config
    .command('check')
    .description(
      'validate the config file, the environment overrides and the configured paths without starting anything; exit 78 on a problem',
    )
    .option(
      '--json',
      'print {"ok": true, "file", "config"} (secrets are never part of it), or {"ok": false, "problems": [...]}',
    )
    .addHelpText(
      'after',
      `
Examples:
  regwatch config check                             the default file, else the embedded defaults
  regwatch --config /etc/regwatch.yml config check --json

Checks the file against the schema, REGWATCH_SEC_USER_AGENT by the same rule as sec.userAgent,
and that database.path and mail.outboxDir (when REGWATCH_SMTP_URL is not set) can be created.
Relative paths are resolved against the config file's folder.`,
    )
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      let loaded: ResolvedConfig;
      try {
        loaded = await check(cmd.optsWithGlobals<GlobalOptions>());
      } catch (err) {
        if (opts.json && err instanceof ConfigError) {
          printJson({
            ok: false,
            file: err.file,
            source: err.source,
            problems: err.problems,
            more: err.omitted,
          });
        }
        throw err;
      }
      if (opts.json) {
        printJson({
          ok: true,
          file: loaded.file,
          userAgentSource: loaded.userAgentSource,
          config: loaded.config,
        });
        return;
      }
      const c = loaded.config;
      console.log(`${loaded.file ?? '(no config file: embedded defaults)'}: OK`);
      console.log(
        `  SEC contact: ${c.sec.userAgent} (from ${loaded.userAgentSource === 'environment' ? 'REGWATCH_SEC_USER_AGENT' : 'sec.userAgent'})`,
      );
      console.log(`  watches: ${c.watches.map((w) => w.name).join(', ') || '(none)'}`);
      const hooks = (n: number) => (n ? `, ${n} webhook(s)` : '');
      console.log(
        `  recipients: ${Object.entries(c.recipients)
          .map(
            ([k, r]) =>
              `${k} (${r.mode}, ${r.emails.length} address(es)${hooks(r.webhooks.length)})`,
          )
          .join(', ')}`,
      );
      console.log(
        `  mail: ${loaded.mail.kind === 'smtp' ? 'SMTP from REGWATCH_SMTP_URL' : `written to ${c.mail.outboxDir}/ (REGWATCH_SMTP_URL not set)`}`,
      );
      console.log(`  database: ${c.database.path}`);
    });
}
