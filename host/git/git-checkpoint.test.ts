import { ApplicationFailure } from '@temporalio/activity';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGit } from './git.ts';
import { gitCheckpoint, type GitCheckpointResult } from './git-checkpoint.ts';
import { isolateGitConfig, makeRepo, plantPrograms, sh, write, type Sandbox } from './git-testing.ts';

const git = createGit();
const now = new Date('2025-03-04T05:06:07.000Z');
const checkpoint = (workspaceDir: string, agentId = 'demo/dev') => gitCheckpoint(git, { workspaceDir, agentId, now });
const head = (repo: string) => sh(repo, 'rev-parse', 'HEAD').trim();
const commitCount = (repo: string) => Number(sh(repo, 'rev-list', '--count', 'HEAD').trim());

function committed(result: GitCheckpointResult): { commit: string; files: number } {
  if (result.outcome !== 'committed') throw new Error(`expected a commit, got ${JSON.stringify(result)}`);
  return result;
}

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await isolateGitConfig();
});
afterAll(() => sandbox.cleanup());

describe('gitCheckpoint', () => {
  it('commits a dirty tree once, with the message and author, counting untracked files and leaving ignored ones out', async () => {
    const repo = await makeRepo(sandbox.root);
    const before = head(repo);
    await write(repo, '.gitignore', 'build/\n*.log\n');
    await write(repo, 'README.md', 'changed\n');
    await write(repo, 'src/new file.ts', 'export {};\n');
    await write(repo, 'build/out.js', 'ignored\n');
    await write(repo, 'debug.log', 'ignored\n');

    const result = committed(await checkpoint(repo));

    expect(result.commit).toBe(head(repo));
    expect(sh(repo, 'rev-parse', 'HEAD^').trim()).toBe(before);
    expect(result.files).toBe(3); // .gitignore, README.md, src/new file.ts
    expect(sh(repo, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n').sort()).toEqual(['.gitignore', 'README.md', 'src/new file.ts']);
    expect(sh(repo, 'log', '-1', '--format=%s')).toBe('checkpoint: demo/dev at 2025-03-04T05:06:07.000Z\n');
    expect(sh(repo, 'log', '-1', '--format=%an <%ae>|%cn <%ce>|%at')).toBe(`orc checkpoint <orc@localhost>|orc checkpoint <orc@localhost>|${now.getTime() / 1000}\n`);
    // The ignored files are still there, untracked, and the tree is otherwise clean.
    expect(sh(repo, 'status', '--porcelain', '--ignored')).toBe('!! build/\n!! debug.log\n');

    // The next tick finds nothing to do.
    expect(await checkpoint(repo)).toEqual({ outcome: 'clean' });
    expect(head(repo)).toBe(result.commit);
  });

  it('commits deletions and staged changes too', async () => {
    const repo = await makeRepo(sandbox.root);
    await write(repo, 'a.txt', 'a\n');
    sh(repo, 'add', 'a.txt');
    sh(repo, 'rm', '--quiet', 'README.md');
    expect(committed(await checkpoint(repo)).files).toBe(2);
    expect(sh(repo, 'ls-files')).toBe('a.txt\n');
  });

  it('leaves a clean tree alone', async () => {
    const repo = await makeRepo(sandbox.root);
    const before = head(repo);
    await write(repo, 'only.log', 'ignored\n');
    await write(repo, '.git/info/exclude', '*.log\n');
    expect(await checkpoint(repo)).toEqual({ outcome: 'clean' });
    expect(head(repo)).toBe(before);
    expect(commitCount(repo)).toBe(1);
  });

  it('counts new files even where status.showUntrackedFiles hides them', async () => {
    const repo = await makeRepo(sandbox.root);
    sh(repo, 'config', 'status.showUntrackedFiles', 'no');
    await write(repo, 'new.txt', 'new\n');
    expect(committed(await checkpoint(repo)).files).toBe(1);
  });

  it('says not-a-repo outside a repository, and skips a missing directory', async () => {
    const plain = join(sandbox.root, 'plain');
    await mkdir(plain, { recursive: true });
    expect(await checkpoint(plain)).toEqual({ outcome: 'not-a-repo' });
    const repo = await makeRepo(sandbox.root);
    expect(await checkpoint(join(repo, '.git'))).toEqual({ outcome: 'not-a-repo' });
    const missing = await checkpoint(join(sandbox.root, 'no-such-dir'));
    expect(missing).toMatchObject({ outcome: 'skipped', reason: expect.stringMatching(/does not exist/) });
  });

  it('makes the first commit of a repository with none', async () => {
    const repo = await makeRepo(sandbox.root, { commit: false });
    expect(await checkpoint(repo)).toEqual({ outcome: 'clean' });
    await write(repo, 'a.txt', 'a\n');
    await write(repo, 'b/c.txt', 'c\n');
    const result = committed(await checkpoint(repo));
    expect(result.files).toBe(2);
    expect(commitCount(repo)).toBe(1);
    expect(sh(repo, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main');
  });

  it('skips while a merge is in progress, and commits again once it is concluded', async () => {
    const repo = await makeRepo(sandbox.root);
    sh(repo, 'checkout', '--quiet', '-b', 'other');
    await write(repo, 'README.md', 'other\n');
    sh(repo, 'commit', '--quiet', '-am', 'other');
    sh(repo, 'checkout', '--quiet', 'main');
    await write(repo, 'README.md', 'main\n');
    sh(repo, 'commit', '--quiet', '-am', 'main');
    expect(() => sh(repo, 'merge', '--quiet', 'other')).toThrow(); // a conflict
    const before = head(repo);

    expect(await checkpoint(repo)).toEqual({ outcome: 'skipped', reason: 'a merge is in progress' });
    expect(head(repo)).toBe(before);
    expect(sh(repo, 'status', '--porcelain')).toBe('UU README.md\n'); // the conflict is untouched

    sh(repo, 'merge', '--abort');
    await write(repo, 'x.txt', 'x\n');
    expect((await checkpoint(repo)).outcome).toBe('committed');
  });

  it('skips while a rebase is in progress', async () => {
    const repo = await makeRepo(sandbox.root);
    sh(repo, 'checkout', '--quiet', '-b', 'topic');
    await write(repo, 'README.md', 'topic\n');
    sh(repo, 'commit', '--quiet', '-am', 'topic');
    sh(repo, 'checkout', '--quiet', 'main');
    await write(repo, 'README.md', 'main\n');
    sh(repo, 'commit', '--quiet', '-am', 'main');
    sh(repo, 'checkout', '--quiet', 'topic');
    expect(() => sh(repo, 'rebase', 'main')).toThrow();
    expect(await checkpoint(repo)).toMatchObject({ outcome: 'skipped', reason: expect.stringMatching(/rebase/) });
  });

  it('skips while the index is locked', async () => {
    const repo = await makeRepo(sandbox.root);
    await write(repo, 'README.md', 'changed\n');
    await writeFile(join(repo, '.git', 'index.lock'), '');
    const before = head(repo);
    expect(await checkpoint(repo)).toEqual({ outcome: 'skipped', reason: 'the index is locked (another git command is running)' });
    expect(head(repo)).toBe(before);
  });

  it('works where git has no identity and hooks would block or fail', async () => {
    const repo = await makeRepo(sandbox.root);
    // This host has no identity configured (the test helper passes its own on each run).
    await expect(git.run(repo, ['config', '--get', 'user.email'])).rejects.toThrow();
    // Failing pre-commit and prepare-commit-msg hooks (--no-verify alone would still run the
    // latter) and a post-commit hook that would hang: none of them runs.
    for (const [hook, body] of [['pre-commit', 'exit 1'], ['prepare-commit-msg', 'exit 1'], ['post-commit', 'sleep 600']]) {
      await write(repo, `.git/hooks/${hook}`, `#!/bin/sh\n${body}\n`);
      await chmod(join(repo, `.git/hooks/${hook}`), 0o755);
    }
    // Signing would need a key (and maybe a passphrase prompt); checkpoints are never signed.
    sh(repo, 'config', 'commit.gpgSign', 'true');
    await write(repo, 'a.txt', 'a\n');
    expect((await checkpoint(repo)).outcome).toBe('committed');
  });

  it("runs no program the repository names (fsmonitor, hooks, filters, pager, diff drivers), and still commits", async () => {
    const repo = await makeRepo(sandbox.root);
    const planted = await plantPrograms(repo, sandbox.root);
    for (const file of ['a.txt', 'b.dat', 'c.eq', 'd.dot', 'e.md']) await write(repo, file, `contents of ${file}\n`);

    const first = committed(await checkpoint(repo));
    expect(first.files).toBe(6); // the five and .gitattributes
    expect(await planted.ran()).toEqual([]);
    // Stored as they are on disk: no clean filter upper-cased them on the way in.
    expect(sh(repo, 'cat-file', 'blob', 'HEAD:a.txt')).toBe('contents of a.txt\n');
    expect(sh(repo, 'cat-file', 'blob', 'HEAD:c.eq')).toBe('contents of c.eq\n');

    // Tracked files changed: status and add compare contents, where filters would run.
    for (const file of ['a.txt', 'b.dat', 'c.eq', 'd.dot', 'e.md']) await write(repo, file, `new contents of ${file}\n`);
    committed(await checkpoint(repo));
    expect(await planted.ran()).toEqual([]);
    expect(sh(repo, 'cat-file', 'blob', 'HEAD:d.dot')).toBe('new contents of d.dot\n');

    // The same repository with git run as usual: the planted programs are live (the test is no vacuous pass).
    // (It may fail: the planted filter process exits at once.)
    await write(repo, 'a.txt', 'once more\n');
    try {
      sh(repo, 'add', 'a.txt');
    } catch {
      // what ran is what counts
    }
    const ran = await planted.ran();
    expect(ran).toContain('fsmonitor');
    expect(ran.some((marker) => marker === 'clean' || marker === 'process')).toBe(true);
  });

  it('never contacts a remote: a bogus remote still checkpoints, and remote refs stay as they were', async () => {
    const upstream = join(sandbox.root, 'upstream.git');
    const repo = await makeRepo(sandbox.root);
    sh(sandbox.root, 'init', '--quiet', '--bare', upstream);
    sh(repo, 'remote', 'add', 'origin', `file://${upstream}`);
    sh(repo, 'push', '--quiet', '-u', 'origin', 'main');
    sh(repo, 'remote', 'add', 'bogus', 'https://git.invalid/nobody/nothing.git');
    sh(repo, 'config', 'push.autoSetupRemote', 'true');
    const tracking = sh(repo, 'rev-parse', 'origin/main').trim();
    const upstreamHead = sh(upstream, 'rev-parse', 'main').trim();

    await write(repo, 'a.txt', 'a\n');
    const result = committed(await checkpoint(repo));

    expect(sh(repo, 'rev-parse', 'origin/main').trim()).toBe(tracking);
    expect(sh(upstream, 'rev-parse', 'main').trim()).toBe(upstreamHead);
    expect(sh(repo, 'log', '--format=%H', 'origin/main..HEAD').trim()).toBe(result.commit);
    expect(sh(repo, 'status', '--porcelain', '--branch').split('\n')[0]).toBe('## main...origin/main [ahead 1]');
  });

  it('commits inside a linked worktree, on its branch, leaving the main checkout alone', async () => {
    const repo = await makeRepo(sandbox.root);
    const worktree = join(sandbox.root, 'wt-checkpoint');
    sh(repo, 'worktree', 'add', '--quiet', '-b', 'orc/demo/dev', worktree);
    const mainHead = head(repo);
    await write(worktree, 'work.txt', 'work\n');
    await write(repo, 'main-only.txt', 'not the agent\'s\n');

    const result = committed(await checkpoint(worktree));

    expect(sh(repo, 'rev-parse', 'orc/demo/dev').trim()).toBe(result.commit);
    expect(head(repo)).toBe(mainHead);
    expect(sh(repo, 'status', '--porcelain')).toBe('?? main-only.txt\n');

    // The index lock is per worktree: the one in .git/worktrees/<name>/ is the one that counts.
    const gitDir = sh(worktree, 'rev-parse', '--absolute-git-dir').trim();
    await writeFile(join(gitDir, 'index.lock'), '');
    await write(worktree, 'more.txt', 'more\n');
    expect((await checkpoint(worktree)).outcome).toBe('skipped');
  });

  it('commits only the workspace when it is a subdirectory of a larger repository', async () => {
    const repo = await makeRepo(sandbox.root);
    await write(repo, 'agent/a.txt', 'a\n');
    await write(repo, 'elsewhere/b.txt', 'b\n');
    await write(repo, 'elsewhere/staged.txt', 's\n');
    sh(repo, 'add', 'elsewhere/staged.txt');

    const result = committed(await checkpoint(join(repo, 'agent')));

    expect(result.files).toBe(1);
    expect(sh(repo, 'show', '--name-only', '--format=', 'HEAD').trim()).toBe('agent/a.txt');
    expect(sh(repo, 'status', '--porcelain')).toBe('A  elsewhere/staged.txt\n?? elsewhere/b.txt\n');
  });

  it('rejects bad inputs with non-retryable failures that say what is wrong', async () => {
    const repo = await makeRepo(sandbox.root);
    const failure = async (input: Parameters<typeof gitCheckpoint>[1]) => {
      const err = await gitCheckpoint(git, input).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApplicationFailure);
      expect((err as ApplicationFailure).nonRetryable).toBe(true);
      expect((err as ApplicationFailure).type).toBe('InvalidInput');
      return (err as ApplicationFailure).message;
    };
    expect(await failure({ workspaceDir: 'relative/dir', agentId: 'demo/dev', now })).toMatch(/absolute path/);
    expect(await failure({ workspaceDir: repo, agentId: 'dev', now })).toMatch(/<team>\/<agent>/);
    expect(await failure({ workspaceDir: repo, agentId: 'Demo/dev', now })).toMatch(/team name "Demo" is invalid/);
    expect(await failure({ workspaceDir: repo, agentId: 'demo/dev', now: new Date('nope') })).toMatch(/not a valid date/);
  });
});
