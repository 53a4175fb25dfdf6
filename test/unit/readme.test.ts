// The README runs as written: every command `regwatch --help` lists appears in it, and its only
// SEC contact is the template a reader replaces. That every YAML block in it passes
// `config check` is test/e2e/readme-yaml.test.ts's (the built CLI, each block as written).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { ROOT } from '../helpers/cli.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('the README', () => {
  it('names every command that --help lists, with its subcommands', () => {
    const program = buildProgram('0.0.0');
    const names = program.commands.flatMap((c) =>
      c.commands.length > 0 ? c.commands.map((s) => `${c.name()} ${s.name()}`) : [c.name()],
    );
    expect(names.length).toBeGreaterThanOrEqual(12);
    const missing = names.filter((n) => !README.includes(`regwatch ${n}`));
    expect(missing, `commands in --help but not in the README: ${missing.join(', ')}`).toEqual([]);
  });

  it('never shows a placeholder SEC contact against the real SEC', () => {
    // The first command names the template, which regwatch refuses as it stands: a reader replaces it.
    expect(README).toContain(
      'REGWATCH_SEC_USER_AGENT="Your Name you@your-company.com" npx regwatch run',
    );
    for (const m of README.matchAll(/REGWATCH_SEC_USER_AGENT="([^"]*)"/g))
      expect(m[1]).toBe('Your Name you@your-company.com');
  });
});
