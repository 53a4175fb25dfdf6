import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'tests',
          include: ['test/**/*.test.ts'],
          exclude: ['test/unit/fuzz-*.test.ts'],
        },
      },
      // The fuzz tests burn a core for most of a minute: they run after the others (groupOrder),
      // so their load never pushes a child-process or browser test past its timeout on a 2-core machine.
      {
        extends: true,
        test: { name: 'fuzz', include: ['test/unit/fuzz-*.test.ts'], sequence: { groupOrder: 1 } },
      },
    ],
  },
});
