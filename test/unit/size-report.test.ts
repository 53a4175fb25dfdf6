import { describe, expect, it } from 'vitest';
import { countLines, longFunctions } from '../../scripts/size-report.js';

/** A function of `n` lines in all, its header and closing line included. */
function fn(header: string, n: number, close = '}'): string {
  return [header, ...Array.from({ length: n - 2 }, (_, i) => `  x += ${i};`), close].join('\n');
}

describe('the size report', () => {
  it.each([
    ['a declaration', fn('export function long(): void {', 81), 'long', 1, 81],
    ['an arrow assigned to a const', fn('const arrow = () => {', 90, '};'), 'arrow', 1, 90],
    ['a method', `class C {\n${fn('  method() {', 85, '  }')}\n}`, 'method', 2, 85],
    ['a callback', fn('items.forEach((x) => {', 82, '});'), '<callback of items.forEach>', 1, 82],
  ])(
    'finds %s over 80 lines, by name, where it starts, with its length',
    (_kind, text, name, line, lines) => {
      expect(longFunctions('a.ts', text)).toEqual([{ file: 'a.ts', name, line, lines }]);
    },
  );

  it('leaves a function of exactly 80 lines out, and reports a long one nested in a short file at its own line', () => {
    expect(longFunctions('a.ts', fn('function edge() {', 80))).toEqual([]);
    const nested = `// header\n${fn('function outer() {', 100).replace('  x += 3;', fn('  function inner() {', 81, '  }'))}`;
    expect(longFunctions('a.ts', nested).map((f) => [f.name, f.line, f.lines])).toEqual([
      ['outer', 2, 180],
      ['inner', 6, 81],
    ]);
  });

  it('counts lines as an editor does', () => {
    expect([
      countLines(''),
      countLines('a'),
      countLines('a\n'),
      countLines('a\nb'),
      countLines('a\n\n'),
    ]).toEqual([0, 1, 1, 2, 2]);
  });
});
