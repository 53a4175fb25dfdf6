#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, RegwatchError, UsageError } from '../errors.js';
import { packageRoot } from '../paths.js';
import { EXIT } from './exit-codes.js';

// Start-up is part of every command's time: this file and the command definitions import only
// what every command needs (commander, the errors); each command loads its own modules when it
// runs (see context.ts), so `--version`, `--help` and `extract` answer at once.

function readVersion(): string {
  return (
    JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }
  ).version;
}

// `regwatch diff a b | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(EXIT.ok);
  throw err;
});

/** Stack traces are for whoever asked for them: `--debug` or REGWATCH_LOG_LEVEL=debug/trace. */
function wantsStack(argv: string[]): boolean {
  const level = process.env.REGWATCH_LOG_LEVEL?.trim().toLowerCase();
  return argv.includes('--debug') || level === 'debug' || level === 'trace';
}

/** The one line (or, for several configuration problems, the list) a mistake prints, and its exit code. */
export function reportError(err: unknown, debug: boolean): number {
  const stack = (e: unknown) => (debug && e instanceof Error && e.stack ? `\n${e.stack}` : '');
  if (err instanceof ConfigError) {
    const several = err.problems.length > 1 || err.omitted > 0;
    const head = several ? 'configuration problems' : 'configuration problem';
    process.stderr.write(`regwatch: ${head}${err.source ? ' in ' : ': '}${err.message}\n`);
    if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
    return EXIT.config;
  }
  if (err instanceof UsageError) {
    process.stderr.write(`regwatch: ${err.message}${stack(err)}\n`);
    return EXIT.usage;
  }
  if (err instanceof RegwatchError) {
    process.stderr.write(`regwatch: ${err.message}${stack(err)}\n`);
    return EXIT.failure;
  }
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  process.stderr.write(
    `regwatch: unexpected error: ${message}${debug ? stack(err) : ' (run again with --debug for the stack trace, and report it)'}\n`,
  );
  return EXIT.failure;
}

async function main(argv: string[]): Promise<number> {
  const version = readVersion();
  if (argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V')) {
    process.stdout.write(`${version}\n`);
    return EXIT.ok;
  }
  const [{ CommanderError }, { buildProgram }] = await Promise.all([
    import('commander'),
    import('./program.js'),
  ]);
  const program = buildProgram(version);
  // Subcommands inherit exitOverride so usage errors come back here as CommanderError.
  program.commands.forEach(function inherit(c: typeof program) {
    c.exitOverride();
    c.commands.forEach(inherit);
  });
  if (argv.length <= 2) {
    // No command at all is a usage error (exit 2), with the usage on stderr.
    program.outputHelp({ error: true });
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version')
        return EXIT.ok;
      // `regwatch help` exits 0; `regwatch config` alone prints its help on stderr: a usage error.
      if (err.code === 'commander.help') return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return EXIT.usage;
    }
    return reportError(err, wantsStack(argv));
  }
}

main(process.argv).then(
  (code) => {
    // Exit once stdout is flushed: a leftover socket or timer must never keep a one-shot command alive.
    process.stdout.write('', () => process.exit(code));
  },
  (err: unknown) => {
    const code = reportError(err, wantsStack(process.argv));
    process.stdout.write('', () => process.exit(code));
  },
);
