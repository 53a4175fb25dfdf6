#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { ConfigError, RegwatchError } from '../errors.js';
import { packageRoot } from '../paths.js';
import { EXIT } from './exit-codes.js';
import { buildProgram } from './program.js';

const version = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

// `regwatch diff a b | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(EXIT.ok);
  throw err;
});

async function main(argv: string[]): Promise<number> {
  const program = buildProgram(version);
  // Subcommands inherit exitOverride so usage errors come back here as CommanderError.
  program.commands.forEach(function inherit(c: typeof program) {
    c.exitOverride();
    c.commands.forEach(inherit);
  });
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`regwatch: configuration problem in ${err.message}\n`);
      return EXIT.config;
    }
    if (err instanceof RegwatchError) {
      process.stderr.write(`regwatch: ${err.message}\n`);
      return EXIT.failure;
    }
    process.stderr.write(`regwatch: unexpected error: ${(err as Error)?.stack ?? String(err)}\n`);
    return EXIT.failure;
  }
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`regwatch: ${String(err)}\n`);
    process.exitCode = EXIT.failure;
  },
);
