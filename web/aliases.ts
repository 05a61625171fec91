// The repository's rooms the web app imports by name: `$domain/names.ts` rather than a climb of
// `../`. Vite reads them here (web/vite.config.ts) and so does Vitest (the root's
// vitest.config.ts, for tests that import the server's modules); TypeScript reads the same
// names from `paths` in web/tsconfig.json and in the root tsconfig.json. aliases.test.ts keeps
// the four in step, and the names inside web/: the other rooms run under Node, which knows
// none of them. `#lib/…` is another thing: a subpath import of web/package.json, which Vite,
// TypeScript, Node and SvelteKit (its server-only check included) resolve on their own.
import { fileURLToPath } from 'node:url';

const room = (name: string): string => fileURLToPath(new URL(`../${name}`, import.meta.url));

export const roomAliases = {
  $domain: room('domain'),
  $db: room('db'),
  $workflows: room('workflows'),
  $activities: room('activities'),
  $host: room('host'),
};
