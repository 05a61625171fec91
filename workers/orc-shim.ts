// Agents call `orc` from their windows (orc send, orc checkin). The worker links the CLI into
// a bin dir of its own and puts that dir first on each agent's PATH.
import { mkdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ORC_CLI = fileURLToPath(new URL('../cli/orc.ts', import.meta.url));

export async function installOrcShim(binDir: string): Promise<string> {
  await mkdir(binDir, { recursive: true, mode: 0o700 });
  const link = join(binDir, 'orc');
  await rm(link, { force: true });
  await symlink(ORC_CLI, link);
  return binDir;
}
