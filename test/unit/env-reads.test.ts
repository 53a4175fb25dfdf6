import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The environment is read in one place: the CLI (src/cli/: its entry, and context.ts, which
// resolves the environment and the configuration once per process) and config loading
// (src/config/). Everything else receives the resolved configuration (src/config/resolve.ts) or
// the part it needs, so a setting is decided once and a test sets it by passing a value, not by
// changing the process's environment. src/eval/ is a developer's tool with its own entry point
// (`npm run eval`), never part of the CLI or the daemon: it reads its corpus path from there.

const root = resolve(import.meta.dirname, '../..');
const ALLOWED = ['src/cli/', 'src/config/', 'src/eval/'];

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Lines where the code (not a comment or a string) reads `process.env` or `process['env']`. */
function envReads(file: string): number[] {
  const text = readFileSync(file, 'utf8');
  if (!text.includes('process')) return []; // most files: no need to parse them
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  const isProcess = (e: ts.Expression) => ts.isIdentifier(e) && e.text === 'process';
  const visit = (node: ts.Node): void => {
    const read =
      (ts.isPropertyAccessExpression(node) &&
        isProcess(node.expression) &&
        node.name.text === 'env') ||
      (ts.isElementAccessExpression(node) &&
        isProcess(node.expression) &&
        ts.isStringLiteralLike(node.argumentExpression) &&
        node.argumentExpression.text === 'env');
    if (read) lines.push(source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

describe('process.env is read only by the CLI and config loading', () => {
  const files = listSources(join(root, 'src'));

  it('no other source file reads it', () => {
    const outside = files
      .map((f) => relative(root, f).split('\\').join('/'))
      .filter((f) => !ALLOWED.some((dir) => f.startsWith(dir)))
      .flatMap((f) => envReads(join(root, f)).map((line) => `${f}:${line}`));
    expect(outside).toEqual([]);
  });

  it('the scan finds the reads that are there (the CLI resolves the environment)', () => {
    expect(envReads(join(root, 'src/cli/context.ts')).length).toBeGreaterThan(0);
    expect(envReads(join(root, 'src/config/resolve.ts'))).toEqual([]); // a comment is no read
  });
});
