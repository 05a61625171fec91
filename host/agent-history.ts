// When an agent stops, what its pane showed is kept, so nothing it said is lost with tmux.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AgentFiles } from '../domain/data-layout.ts';

export async function saveAgentHistory(files: AgentFiles, history: string): Promise<string> {
  const file = files.history(new Date());
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, history, { mode: 0o600 });
  return file;
}
