// The team's check, run by the host's review activity against a real repository and worktree:
// on the agent's branch with its uncommitted work checkpointed first, with a failure's output
// kept, and, for a sandboxed agent, inside a real bubblewrap sandbox built like the agent's own.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGit } from '../host/git/git.ts';
import { prepareWorktree } from '../host/git/git-worktree.ts';
import { isolateGitConfig, makeRepo, sh, write, type Sandbox } from '../host/git/git-testing.ts';
import { cachedSandboxProbe } from '../host/sandbox/bwrap-probe.ts';
import { commandSandbox } from '../host/sandbox/command-sandbox.ts';
import { SANDBOX_OFF, SANDBOX_ON } from '../domain/sandbox.ts';
import { createReviewActivities } from './review-activities.ts';

const git = createGit();
let sandbox: Sandbox;
let projectDir: string;
let worktreeDir: string;
let hostDir: string;

/** Passes when answer.txt says 42; first tries to write into the project's own checkout. */
const CHECK = `
const fs = require('node:fs');
console.log('pid ' + process.pid);
try { fs.writeFileSync(process.argv[2] + '/escaped', 'x'); } catch (e) { console.log('project not writable: ' + e.code); }
const answer = fs.readFileSync('answer.txt', 'utf8').trim();
if (answer !== '42') { console.log('FAIL ' + answer); process.exit(3); }
console.log('PASS');
`;

beforeAll(async () => {
  sandbox = await isolateGitConfig();
  projectDir = await makeRepo(sandbox.root);
  await write(projectDir, 'answer.txt', '0\n');
  await write(projectDir, 'check.cjs', CHECK);
  sh(projectDir, 'add', '.');
  sh(projectDir, 'commit', '-q', '-m', 'initial');
  hostDir = join(sandbox.root, 'data', 'hosts', 'h');
  worktreeDir = join(hostDir, 'worktrees', 't', 'eng');
  await prepareWorktree(git, { projectDir, worktreeDir, branch: 'orc/t/eng' });
});
afterAll(() => sandbox.cleanup());

const activities = () => createReviewActivities({ git, hostDir, confine: commandSandbox({ probe: cachedSandboxProbe(), tmux: null }) });
const input = (over: object = {}) => ({ projectDir, team: 't', agent: 'eng', worktreeDir, command: `node check.cjs ${projectDir}`, sandbox: SANDBOX_OFF, ...over });

describe('checkAgentWork', () => {
  it('checkpoints the uncommitted work, runs the check on that commit and keeps a failure\'s output', async () => {
    await write(worktreeDir, 'answer.txt', '41\n');
    const result = await activities().checkAgentWork(input());
    const head = sh(worktreeDir, 'rev-parse', 'HEAD').trim();
    expect(result).toMatchObject({ outcome: 'ran', passed: false, exitCode: 3, commit: head });
    if (result.outcome === 'ran') expect(Number(/pid (\d+)/.exec(result.output)?.[1])).toBeGreaterThan(5);
    expect(sh(worktreeDir, 'log', '-1', '--format=%s')).toMatch(/^checkpoint: t\/eng at /);
    expect(sh(worktreeDir, 'status', '--porcelain')).toBe('');
    if (result.outcome !== 'ran') throw new Error('not ran');
    expect(result.output).toContain('FAIL 41');
    expect(await readFile(result.logFile, 'utf8')).toMatch(/^\$ node check\.cjs .*\n[\s\S]*FAIL 41\n[\s\S]*\[exit 3\]\n$/);
  });

  it('runs a sandboxed agent\'s check in its sandbox (its own process tree): the project checkout is out of reach', async (ctx) => {
    const probe = await cachedSandboxProbe()();
    if (!probe.works) {
      console.warn(`skipped: bubblewrap does not work here (${probe.problem})`);
      ctx.skip();
    }
    await rm(join(projectDir, 'escaped'), { force: true }); // the unconfined check before wrote it
    await write(worktreeDir, 'answer.txt', '42\n');
    const result = await activities().checkAgentWork(input({ sandbox: SANDBOX_ON }));
    expect(result).toMatchObject({ outcome: 'ran', passed: true, exitCode: 0 });
    if (result.outcome !== 'ran') throw new Error('not ran');
    // bwrap --unshare-pid: the check is one of the first processes of its own tree.
    expect(Number(/pid (\d+)/.exec(result.output)?.[1])).toBeLessThan(5);
    expect(result.output).toContain('PASS');
    // Under /tmp (as here) the sandbox's fresh /tmp takes the write; elsewhere it is refused (read-only).
    expect(existsSync(join(projectDir, 'escaped'))).toBe(false);
  });

  it('does not see orc\'s environment: only PATH, HOME, the locale, its TMPDIR and CI', async () => {
    process.env.ORC_SECRET_FOR_TEST = 'leak';
    await write(worktreeDir, 'env.cjs', 'console.log(JSON.stringify(Object.keys(process.env).sort()))');
    const result = await createReviewActivities({ git, hostDir }).checkAgentWork(input({ command: 'node env.cjs' }));
    delete process.env.ORC_SECRET_FOR_TEST;
    if (result.outcome !== 'ran') throw new Error(result.reason);
    const names = JSON.parse(result.output.trim().split('\n').at(-1) ?? '[]') as string[];
    expect(names).not.toContain('ORC_SECRET_FOR_TEST');
    expect(names).toEqual(expect.arrayContaining(['CI', 'PATH', 'TMPDIR']));
  });

  it('refuses a sandboxed agent\'s check on a worker that cannot sandbox, rather than run it unconfined', async () => {
    const result = await createReviewActivities({ git, hostDir }).checkAgentWork(input({ sandbox: SANDBOX_ON }));
    expect(result).toEqual({ outcome: 'refused', reason: 'the agent is sandboxed and this worker cannot sandbox its check' });
  });

  it('refuses when the worktree is gone', async () => {
    const result = await activities().checkAgentWork(input({ worktreeDir: join(sandbox.root, 'nowhere') }));
    expect(result).toMatchObject({ outcome: 'refused', reason: expect.stringContaining("t/eng's worktree is gone or not on orc/t/eng") });
  });
});
