// The `.mcp.json` files Claude Code would read for an agent: in its working directory and in
// every directory above it, up to `/` (2.1.328 reads them all, even above the git root; see
// testing/CLAUDE-CODE-NOTES.md), and the server names they hold, so that orc's settings decide
// each one (domain/project-mcp-servers.ts).
import { open } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { mcpServerNames } from '../domain/project-mcp-servers.ts';

/** A bigger `.mcp.json` is not read whole: its names are then unknown, and its servers undecided. */
const MAX_FILE_BYTES = 1024 * 1024;

async function readBounded(file: string): Promise<string | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return null; // none here (or unreadable: Claude Code cannot read it either)
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return null;
    const buffer = Buffer.alloc(Math.min(info.size, MAX_FILE_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** Every server name in the `.mcp.json` files from `workDir` up to `/`, each once. */
export async function projectMcpServers(workDir: string): Promise<string[]> {
  const names = new Set<string>();
  let dir = resolve(workDir);
  for (;;) {
    const text = await readBounded(join(dir, '.mcp.json'));
    for (const name of (text === null ? null : mcpServerNames(text)) ?? []) names.add(name);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return [...names].sort();
}
