// Where the bench finds the repository and the orc CLI.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const ORC = join(ROOT, 'cli', 'orc.ts');
