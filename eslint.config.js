// ESLint: typescript-eslint's recommended type-checked rules over the TypeScript of src, test and bench.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/**', 'coverage/**', 'scripts/**', '*.js', '*.mjs', 'test/**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Nest's decorators and class-validator DTOs declare classes only read through metadata.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Specs read HTTP bodies (`res.body`), which supertest types as any.
    files: ['test/**/*.ts', 'src/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // Stand-in jobs and probes are async by contract, whether or not they await anything.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Browser specs reach into the page (window, DOM nodes, ECharts) inside page.evaluate.
    files: ['test/browser/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
