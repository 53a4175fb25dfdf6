import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

/**
 * Lists the source files over 400 lines and the functions over 80 lines (the house limits),
 * longest first. A report, not a gate (yet): `npm run report:sizes [-- dir]`, default `src`.
 */

export const FILE_LIMIT = 400;
export const FUNCTION_LIMIT = 80;

export interface LongFunction {
  file: string;
  name: string;
  line: number;
  lines: number;
}

/** The name a reader would look for: the declaration's, the method's, or the variable / property an arrow is assigned to. */
function nameOf(node: ts.FunctionLikeDeclaration): string {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
    return parent.name.getText();
  if (ts.isCallExpression(parent))
    return `<callback of ${parent.expression.getText().slice(0, 40)}>`;
  return '<anonymous>';
}

/** Every function (declaration, method, accessor, arrow, expression) of one file longer than `limit` lines, nested ones included. */
export function longFunctions(file: string, text: string, limit = FUNCTION_LIMIT): LongFunction[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const fn = node as ts.FunctionLikeDeclaration;
      const first = source.getLineAndCharacterOfPosition(fn.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(fn.getEnd()).line;
      const lines = last - first + 1;
      if (lines > limit) out.push({ file, name: nameOf(fn), line: first + 1, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Lines of a text as an editor counts them (a final newline does not open a line). */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function listTypeScript(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return listTypeScript(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The report for a directory: files over the file limit and functions over the function limit, longest first. */
export function sizeReport(
  dir: string,
  root = process.cwd(),
): { files: { file: string; lines: number }[]; functions: LongFunction[] } {
  const files: { file: string; lines: number }[] = [];
  const functions: LongFunction[] = [];
  for (const path of listTypeScript(dir).sort()) {
    const text = readFileSync(path, 'utf8');
    const file = relative(root, path);
    const lines = countLines(text);
    if (lines > FILE_LIMIT) files.push({ file, lines });
    functions.push(...longFunctions(file, text));
  }
  return {
    files: files.sort((a, b) => b.lines - a.lines),
    functions: functions.sort((a, b) => b.lines - a.lines),
  };
}

function main(): void {
  const dir = resolve(process.argv[2] ?? 'src');
  const { files, functions } = sizeReport(dir);
  console.log(`files over ${FILE_LIMIT} lines: ${files.length}`);
  for (const f of files) console.log(`  ${String(f.lines).padStart(5)}  ${f.file}`);
  console.log(`functions over ${FUNCTION_LIMIT} lines: ${functions.length}`);
  for (const f of functions)
    console.log(`  ${String(f.lines).padStart(5)}  ${f.file}:${f.line}  ${f.name}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
