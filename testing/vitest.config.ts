// The harness tests need only tmux and the CLI, not the root config's global stack
// (Temporal, PostgreSQL, web app): run them alone with
//   npx vitest run --config testing/vitest.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['testing/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
