// The web app runs from its production build; it is (re)built when missing or older than
// its sources, so `npm start` on a fresh clone just works.
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) {
    if (entry === 'node_modules' || entry === 'build' || entry === '.svelte-kit') continue;
    newest = Math.max(newest, await newestMtime(join(path, entry)));
  }
  return newest;
}

export async function webBuildIsStale(root: string): Promise<boolean> {
  const built = await stat(join(root, 'web', 'build', 'index.js')).catch(() => null);
  if (!built) return true;
  const sources = await Promise.all(['web', 'db', 'domain', 'workflows', 'activities', 'host'].map((dir) => newestMtime(join(root, dir))));
  return Math.max(...sources) > built.mtimeMs;
}

export function buildWeb(root: string, logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
    const child = spawn(process.execPath, [vite, 'build'], { cwd: join(root, 'web'), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', async (code) => {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(logFile, output).catch(() => undefined);
      if (code === 0) resolve();
      else reject(new Error(`building the web app failed (exit ${code}); see ${logFile}`));
    });
  });
}
