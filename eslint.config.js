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
  // The arrows between rooms that must not exist (CONTRIBUTING.md, "Arrows that must not exist").
  ...[
    { room: 'domain', forbidden: ['activities', 'host', 'db', 'web', 'workflows', 'workers', 'cli', 'scripts', 'testing'], why: 'domain/ is the shared language: it uses nothing of the other rooms' },
    { room: 'db', forbidden: ['activities', 'host', 'domain', 'web', 'workflows', 'workers', 'cli', 'scripts', 'testing'], why: 'db/ (schema and client) stands alone', allowTypes: ['domain'] },
    { room: 'cli', forbidden: ['db', 'activities', 'host', 'workflows', 'workers', 'testing'], why: 'the CLI talks to the server over HTTP only' },
    { room: 'activities', forbidden: ['web', 'workers', 'cli', 'testing'], why: 'activities run on hosts that have no web app' },
    { room: 'host', forbidden: ['activities', 'web', 'workers', 'cli', 'testing'], allowTypes: ['workflows'], why: 'host/ is the machinery activities call: tmux, panes, dialogs, git, agent files; it knows nothing of who calls it' },
  ].map(({ room, forbidden, why, allowTypes = [] }) => ({
    files: [`${room}/**/*.ts`],
    ignores: [`${room}/**/*.test.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidden.filter((other) => !allowTypes.includes(other)).map((other) => ({ group: [`**/${other}/**`, `../${other}/**`], message: `${room}/ must not import ${other}/: ${why}.` })),
            ...allowTypes.map((other) => ({ group: [`**/${other}/**`, `../${other}/**`], allowTypeImports: true, message: `${room}/ may take only types from ${other}/: ${why}.` })),
          ],
        },
      ],
    },
  })),
);
