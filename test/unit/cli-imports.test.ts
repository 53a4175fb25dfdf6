// The CLI answers `--version`, `--help` and a usage mistake without loading what no command has
// run yet: the static imports reachable from src/cli/main.ts stay inside a small set. A command
// loads its own modules with `await import()` when it runs (src/cli/context.ts). The start-up
// times themselves are measured by `npm run bench:startup`, never asserted here.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/** Static (value) imports and re-exports of a file; `import type` and `await import()` are free. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)([^;]*?)\s+from\s+'([^']+)'/gms)) {
    const names = m[1]!;
    // `import { type A, type B } from ...` is a type import too.
    if (
      /^\{[^}]*\}$/s.test(names.trim()) &&
      names
        .replace(/[{}\s]/g, '')
        .split(',')
        .filter(Boolean)
        .every((n) => n.startsWith('type'))
    )
      continue;
    specs.push(m[2]!);
  }
  for (const m of text.matchAll(/^import\s+'([^']+)'/gm)) specs.push(m[1]!);
  return specs;
}

function closure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else if (!spec.startsWith('node:')) packages.add(spec);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('CLI start-up loads only what every command needs', () => {
  const { files, packages } = closure(join(ROOT, 'src/cli/main.ts'));
  const program = closure(join(ROOT, 'src/cli/program.ts'));

  it('main.ts itself loads no package (commander comes after the --version answer)', () => {
    expect([...packages]).toEqual([]);
    expect([...files].map((f) => relative(ROOT, f)).sort()).toEqual([
      'src/cli/exit-codes.ts',
      'src/cli/main.ts',
      'src/errors.ts',
      'src/paths.ts',
    ]);
  });

  it('the command definitions load commander and nothing heavy', () => {
    expect([...program.packages]).toEqual(['commander']);
    const outside = [...program.files]
      .map((f) => relative(ROOT, f))
      .filter((f) => !f.startsWith('src/cli/'));
    expect(outside.sort()).toEqual(['src/errors.ts', 'src/forms.ts', 'src/log/level.ts']);
  });

  it('the scan sees through type-only imports and finds value imports', () => {
    expect(staticImports(join(ROOT, 'src/cli/commands/diff.ts'))).not.toContain(
      '../../diff/diff-sections.js',
    );
    expect(staticImports(join(ROOT, 'src/cli/context.ts'))).toContain('../errors.js');
  });
});
