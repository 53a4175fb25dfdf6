import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory holding regwatch's own package.json, whether running from `src/` (vitest)
 * or from `dist/src/` (the built CLI): migrations ship beside it.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'migrations'))) return dir;
    const up = dirname(dir);
    if (up === dir)
      throw new Error('regwatch: cannot find the package root (package.json + migrations/)');
    dir = up;
  }
}
