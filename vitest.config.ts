import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    globalSetup: ['testing/global-setup.ts'],
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'web/build/**', 'web/.svelte-kit/**', '.tools/**', '.data/**'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
