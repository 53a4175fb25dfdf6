import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Two files that import each other, even for a type, tie their floors together: a change to
// either rebuilds the other's meaning. The style guide's rule is "move the type down"; this
// test keeps it so. It reads every import (`import type` and `export ... from` included) with
// the TypeScript compiler's own pre-processor, so nothing is missed by a regular expression.

const root = resolve(import.meta.dirname, '../..');

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative imports of one file, resolved to source paths (`./x.js` -> `./x.ts`). */
function readLocalImports(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((ref) => ref.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => resolve(dirname(file), name.replace(/\.js$/, '.ts')));
}

/** A cycle for each back edge a depth-first search meets: at least one witness of every cycle there is. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      const seen = state.get(next);
      if (seen === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (seen === undefined) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('import graph of src/', () => {
  const files = listSources(join(root, 'src'));
  const graph = new Map(files.map((file) => [file, readLocalImports(file)]));

  it('reads the imports of every source file, type-only ones included', () => {
    const metrics = graph.get(join(root, 'src/daemon/metrics.ts')) ?? [];
    expect(metrics).toContain(join(root, 'src/http/types.ts')); // `import type { HttpObserver }`
    // A guard that the reader sees what the test relies on: a graph with no edges has no cycles.
    expect(files.length).toBeGreaterThan(100);
    expect(graph.get(join(root, 'src/app.ts'))?.length).toBeGreaterThan(5);
    const typeOnly = findCycles(
      new Map([
        ['a', ['b']],
        ['b', ['a']],
      ]),
    );
    expect(typeOnly).toEqual([['a', 'b', 'a']]);
  });

  it('has no import cycle', () => {
    const named = findCycles(graph).map((cycle) =>
      cycle.map((file) => relative(root, file)).join(' -> '),
    );
    expect(named).toEqual([]);
  });
});
