// When an agent stops, what its pane showed is kept, so nothing it said is lost with tmux.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function saveAgentHistory(agentDir: string, history: string): Promise<string> {
  await mkdir(agentDir, { recursive: true, mode: 0o700 });
  const file = join(agentDir, `history-${new Date().toISOString().replace(/[:.]/g, '-')}.txt`);
  await writeFile(file, history, { mode: 0o600 });
  return file;
}
