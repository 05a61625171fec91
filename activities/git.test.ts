import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGit, gitEnvironment, GitError } from './git.ts';
import { isolateGitConfig, makeRepo, type Sandbox } from './git-testing.ts';

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

describe('timeouts', () => {
  it('kills a git that runs too long', async () => {
    const repo = await makeRepo(sandbox.root);
    // A program that never ends stands in for a git stuck on a credential helper or filter.
    const hung = createGit({ binary: process.execPath, timeoutMs: 200 });
    const err = await hung.run(repo, ['-e', 'setTimeout(() => {}, 60_000)']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    expect((err as GitError).message).toMatch(/killed after 200 ms/);
  });
});
