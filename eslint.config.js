// ESLint flat config: @eslint/js recommended + typescript-eslint recommended (type-aware), plus
// the rules a TypeScript reader expects: no floating promises (a dropped promise is a lost
// error in a daemon), type-only imports marked as such, unused variables reported.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-tools/**',
      'node_modules/**',
      'coverage/**',
      '.eval-tmp/**',
      'test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    // Extraction lists zero-width characters one by one in classes ([\u200b\u200c\u200d\u2060]) on
    // purpose: the rule mistakes U+200D (ZWJ) for a joined emoji sequence. One needless `\[` escape
    // in furniture.ts is left to the extraction engineer (the file is being reworked): a warning.
    files: ['src/extract/**/*.ts', 'src/text/**/*.ts'],
    rules: { 'no-misleading-character-class': 'off', 'no-useless-escape': 'warn' },
  },
  {
    // Size gates for the application code: a file past 400 lines or a function past 80 holds more
    // than one job (count includes comments and blank lines; split the job, not the whitespace).
    files: ['src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 400 }],
      'max-lines-per-function': ['error', { max: 80 }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
      },
    },
  },
  // Layout is prettier's (100 columns; `npm run format` writes it, `npm run lint` checks it):
  // no ESLint rule may dispute it.
  prettier,
);
