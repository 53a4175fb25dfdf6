import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Filing documents under a directory: .htm, .html, and full-submission .txt (labels and notes skipped). */
export function filingFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (
        /\.(htm|html)$/i.test(name) ||
        (/\.txt$/i.test(name) && !/^(SOURCES|README)/i.test(name))
      )
        out.push(p);
    }
  };
  walk(dir);
  return out;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
