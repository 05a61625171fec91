// What the host worker needs to ask orc about a dialog on an agent's behalf: the server's URL
// and the agent's own token, so the request is judged, recorded and answered exactly as the
// agent's own PermissionRequest hook would be, and can act only as that agent. Written at
// launch into the agent's files on this host (data-layout's screenFallbackAccess) (mode 0600), read by the dialog watcher (which, for
// a hooked agent, only reports a closed dialog with it).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

const fallbackAccess = z.object({ agentId: z.string(), orcUrl: z.url(), token: z.string().min(1), workDir: z.string() });
export type FallbackAccess = z.infer<typeof fallbackAccess>;

export async function writeFallbackAccess(file: string, access: FallbackAccess): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(access)}\n`, { mode: 0o600 });
}

/** Null when the agent has none (launched by an older orc) or the file is unreadable. */
export async function readFallbackAccess(file: string): Promise<FallbackAccess | null> {
  try {
    const parsed = fallbackAccess.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
