// Helpers for the git tests: throwaway repositories under the OS temp dir, and a git with no
// user or system configuration, so the tests see what a fresh host sees (no identity, no
// hooks path, no aliases) whatever the machine running them has configured.
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
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

/** Hooks that run in add, commit, status refreshes, checkout and gc, --no-verify or not. */
const PLANTED_HOOKS = ['pre-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit', 'post-index-change', 'reference-transaction', 'post-checkout', 'pre-auto-gc'];

export interface PlantedPrograms {
  /** The names of the markers the planted programs left, sorted; empty when none ran. */
  ran(): Promise<string[]>;
  clear(): Promise<void>;
}

/**
 * Plants in `repo` what an agent could to make orc's own git run a program of its choosing:
 * core.fsmonitor, hooks, filter drivers picked by .gitattributes, by .git/info/attributes (one
 * named `a=b`) and defined in an included file (one named `x.y`), a required filter, a
 * long-running filter process, core.pager, diff.external and a textconv driver. Each leaves a
 * marker file named after itself in a directory outside the repository; the filters upper-case
 * what they pass on, so a filtered blob shows. Paths picked: *.txt, *.dat, *.eq, *.dot, *.md.
 */
export async function plantPrograms(repo: string, root: string): Promise<PlantedPrograms> {
  const markers = await mkdtemp(join(root, 'markers-'));
  const touch = (what: string) => `touch '${join(markers, what)}'`;
  const config = (key: string, value: string) => sh(repo, 'config', key, value);
  const gitDir = sh(repo, 'rev-parse', '--absolute-git-dir').trim();
  config('core.fsmonitor', `sh -c "${touch('fsmonitor')}; exit 1"`);
  for (const hook of PLANTED_HOOKS) {
    await write(gitDir, `hooks/${hook}`, `#!/bin/sh\n${touch(`hook-${hook}`)}\n`);
    await chmod(join(gitDir, 'hooks', hook), 0o755);
  }
  const filter = (what: string) => `sh -c "${touch(what)}; tr a-z A-Z"`;
  config('filter.evil.clean', filter('clean'));
  config('filter.evil.smudge', filter('smudge'));
  config('filter.evil.required', 'true');
  config('filter.proc.process', `sh -c "${touch('process')}; exit 1"`);
  config('filter.a=b.clean', filter('clean-a=b'));
  await writeFile(join(root, `included-${markers.slice(-6)}.gitconfig`), `[filter "x.y"]\n\tclean = ${filter('clean-x.y')}\n`);
  config('include.path', join(root, `included-${markers.slice(-6)}.gitconfig`));
  config('core.pager', `sh -c "${touch('pager')}; cat"`);
  config('diff.external', `sh -c "${touch('diff-external')}"`);
  config('diff.tc.textconv', `sh -c "${touch('textconv')}; cat \\"$1\\"" -`);
  await write(repo, '.gitattributes', '*.txt filter=evil\n*.dat filter=proc\n*.dot filter=x.y\n*.md diff=tc\n');
  await write(gitDir, 'info/attributes', '*.eq filter=a=b\n');
  return {
    ran: async () => (await readdir(markers)).sort(),
    clear: async () => {
      for (const name of await readdir(markers)) await rm(join(markers, name));
    },
  };
}
