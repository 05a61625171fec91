// Helpers for the git tests: throwaway repositories under the OS temp dir, and a git with no
// user or system configuration, so the tests see what a fresh host sees (no identity, no
// hooks path, no aliases) whatever the machine running them has configured.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gitEnvironment } from './git.ts';

export interface Sandbox {
  root: string;
  cleanup(): Promise<void>;
}

/** Points HOME and XDG_CONFIG_HOME at an empty directory and turns off system config. */
export async function isolateGitConfig(): Promise<Sandbox> {
  const root = await mkdtemp(join(tmpdir(), 'orc-git-test-'));
  const saved = { ...process.env };
  process.env.HOME = join(root, 'home');
  process.env.XDG_CONFIG_HOME = join(root, 'home', '.config');
  process.env.GIT_CONFIG_NOSYSTEM = '1';
  for (const name of ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'EMAIL', 'GIT_CONFIG_GLOBAL']) {
    delete process.env[name];
  }
  await mkdir(process.env.HOME, { recursive: true });
  return {
    root,
    async cleanup() {
      process.env = saved;
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Runs git synchronously for test setup; the identity is given here, never configured. */
export function sh(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
    cwd,
    env: gitEnvironment(process.env),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export async function write(dir: string, file: string, text: string): Promise<void> {
  await mkdir(dirname(join(dir, file)), { recursive: true });
  await writeFile(join(dir, file), text);
}

let counter = 0;

/** A new repository on branch main; with `commit`, one first commit holding README.md. */
export async function makeRepo(root: string, options: { commit?: boolean } = {}): Promise<string> {
  const dir = join(root, `repo-${++counter}`);
  await mkdir(dir, { recursive: true });
  sh(dir, 'init', '--quiet', '--initial-branch=main');
  if (options.commit !== false) {
    await write(dir, 'README.md', 'hello\n');
    sh(dir, 'add', 'README.md');
    sh(dir, 'commit', '--quiet', '-m', 'first');
  }
  return dir;
}
