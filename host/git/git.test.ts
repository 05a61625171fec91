import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGit, filterDriverNames, filterOverrides, gitEnvironment, GitError } from './git.ts';
import { isolateGitConfig, makeRepo, plantPrograms, sh, type Sandbox } from './git-testing.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await isolateGitConfig();
});
afterAll(() => sandbox.cleanup());

describe('createGit', () => {
  const git = createGit();

  it('runs git with an argument array and returns stdout', async () => {
    const repo = await makeRepo(sandbox.root);
    expect((await git.run(repo, ['rev-parse', '--abbrev-ref', 'HEAD'])).trim()).toBe('main');
    // An argument that looks like shell is just an argument.
    await expect(git.run(repo, ['log', '--format=%s', '-1', '--', '$(touch pwned); *'])).resolves.toBe('');
  });

  it('rejects with a GitError carrying args, stderr and the exit code', async () => {
    const err = await git.run(sandbox.root, ['rev-parse', 'HEAD']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    const gitErr = err as GitError;
    expect(gitErr.args).toEqual(['rev-parse', 'HEAD']);
    expect(gitErr.exitCode).toBe(128);
    expect(gitErr.stderr).toMatch(/not a git repository/);
    expect(gitErr.message).toMatch(/git rev-parse HEAD failed/);
  });

  it('reports a missing binary with a null exit code', async () => {
    const err = await createGit({ binary: '/nonexistent/git' }).run(sandbox.root, ['version']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    expect((err as GitError).exitCode).toBeNull();
  });

  it('never waits for input: stdin is closed', async () => {
    const repo = await makeRepo(sandbox.root);
    // hash-object --stdin reads stdin to its end; with an open stdin this would hang.
    const sha = (await git.run(repo, ['hash-object', '--stdin'])).trim();
    expect(sha).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391'); // the empty blob
  });
});

describe('gitEnvironment', () => {
  it('sets a stable, non-interactive environment and drops variables that redirect git', () => {
    const env = gitEnvironment({ PATH: '/bin', GIT_DIR: '/elsewhere/.git', GIT_INDEX_FILE: '/tmp/i', LC_ALL: 'de_DE.UTF-8' }, { EXTRA: '1' });
    expect(env).toMatchObject({ PATH: '/bin', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C', EXTRA: '1' });
    expect(env.GIT_DIR).toBeUndefined();
    expect(env.GIT_INDEX_FILE).toBeUndefined();
  });
});

describe("the repository's programs", () => {
  const git = createGit();

  it('reads filter driver names, dots and = included, from config key names', () => {
    expect(filterDriverNames('filter.lfs.clean\0filter.lfs.smudge\0filter.a=b.clean\0filter.x.y.process\0filter.required\0')).toEqual(['lfs', 'a=b', 'x.y']);
    expect(filterDriverNames('')).toEqual([]);
  });

  it('empties each driver with -c, or through GIT_CONFIG_* where a name holds =', () => {
    expect(filterOverrides(['lfs', 'a=b'])).toEqual({
      args: ['-c', 'filter.lfs.clean=', '-c', 'filter.lfs.smudge=', '-c', 'filter.lfs.process=', '-c', 'filter.lfs.required=false'],
      env: {
        GIT_CONFIG_COUNT: '4',
        GIT_CONFIG_KEY_0: 'filter.a=b.clean', GIT_CONFIG_VALUE_0: '',
        GIT_CONFIG_KEY_1: 'filter.a=b.smudge', GIT_CONFIG_VALUE_1: '',
        GIT_CONFIG_KEY_2: 'filter.a=b.process', GIT_CONFIG_VALUE_2: '',
        GIT_CONFIG_KEY_3: 'filter.a=b.required', GIT_CONFIG_VALUE_3: 'false',
      },
    });
    expect(filterOverrides([])).toEqual({ args: [], env: {} });
  });

  it('every run sees them switched off, whatever the repository configured', async () => {
    const repo = await makeRepo(sandbox.root);
    await plantPrograms(repo, sandbox.root);
    const value = async (key: string) => (await git.run(repo, ['config', '--get', key])).trim();
    expect(await value('core.fsmonitor')).toBe('false');
    expect(await value('core.hooksPath')).toBe('/dev/null');
    expect(await value('filter.evil.clean')).toBe('');
    expect(await value('filter.evil.required')).toBe('false');
    expect(await value('filter.a=b.clean')).toBe('');
    expect(await value('filter.x.y.clean')).toBe(''); // defined in an included file
    // git itself, run as usual, still sees the repository's own.
    expect(sh(repo, 'config', '--get', 'core.fsmonitor')).toContain('touch');
  });
});

describe('timeouts', () => {
  it('kills a git that runs too long', async () => {
    const repo = await makeRepo(sandbox.root);
    // A program that never ends stands in for a git stuck on a credential helper or filter.
    const stuck = join(sandbox.root, 'stuck-git');
    await writeFile(stuck, '#!/bin/sh\nexec sleep 60\n');
    await chmod(stuck, 0o755);
    const hung = createGit({ binary: stuck, timeoutMs: 200 });
    const err = await hung.run(repo, ['status']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    expect((err as GitError).message).toMatch(/git status failed .*killed after 200 ms/);
  });
});
