// Lint: type-aware rules everywhere (no floating promises), and no Node built-ins in
// workflow code, which runs in Temporal's deterministic sandbox.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export default tseslint.config(
  {
    ignores: ['node_modules/**', '.tools/**', '.data/**', 'web/build/**', 'web/.svelte-kit/**', 'web/**/*.svelte', 'web/vite.config.ts', '**/*.js'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code runs in a deterministic sandbox: no Node built-ins. Do this in an activity.' })),
          patterns: [{ group: ['**/activities/**'], allowTypeImports: true, message: 'Workflows import activity types only (import type).' }],
        },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
);
