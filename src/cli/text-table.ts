/** One column of a text table: its header and how a row fills it. Adding a column is one entry. */
export interface Column<Row> {
  header: string;
  cell: (row: Row) => string;
  /** Right-aligned (counts). */
  right?: boolean;
  /** Longer cells are cut with an ellipsis (default 60). */
  max?: number;
}

/**
 * Rows as an aligned table for a terminal: a header line, then one line per row, columns two
 * spaces apart, each line indented by `indent`. Pure.
 */
export function formatTable<Row>(columns: Column<Row>[], rows: Row[], indent = '  '): string[] {
  const cut = (s: string, max: number) => {
    const one = s.replace(/\s+/g, ' ').trim();
    return one.length > max ? `${one.slice(0, max - 1)}…` : one;
  };
  const cells = rows.map((r) => columns.map((c) => cut(c.cell(r), c.max ?? 60)));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((row) => row[i]!.length)),
  );
  const line = (values: string[]) =>
    `${indent}${values.map((v, i) => (columns[i]!.right ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ')}`.trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)];
}
