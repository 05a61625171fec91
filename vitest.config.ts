import { defineConfig } from 'vitest/config';
import { roomAliases } from './web/aliases.ts';

export default defineConfig({
  // The web server's modules import the rooms by name ($domain/…); tests import those modules.
  resolve: { alias: roomAliases },
  test: {
    pool: 'forks',
    globalSetup: ['testing/global-setup.ts'],
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'web/build/**', 'web/.svelte-kit/**', '.tools/**', '.data/**'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
