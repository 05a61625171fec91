// A team's rules on merging, through the real `orc` CLI with real git: `check:` runs on the
// agent's branch (in the agent's own bubblewrap sandbox, since it runs the agent's code) on
// request and before each merge, a failure is recorded and sent to the agent; `mergeApproval: qa`
// makes a merge wait for the QA agent's (or a person's) approval of that exact change, and the
// engineer cannot approve its own. cat stands in for the agent CLIs; the test edits and commits
// in the engineer's worktree as the agent would.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, realpath, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';

const team = uniqueName('checks');
const eng = `${team}/eng`;
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

let project: string;
const worktree = join(inject('dataDir'), 'hosts', 'test-host', 'worktrees', team, 'eng');

/** The check the team runs: passes when answer.txt says 42; tries to write into the project's checkout first. */
const CHECK_SCRIPT = `
const fs = require('node:fs');
console.log('check pid ' + process.pid);
try { fs.writeFileSync(process.argv[2] + '/escaped-from-check', 'x'); } catch {}
const answer = fs.readFileSync('answer.txt', 'utf8').trim();
if (answer !== '42') { console.log('FAIL: answer.txt says ' + answer + ', expected 42'); process.exit(3); }
console.log('ok: the answer is 42');
`;

/** An agent's own token, from its process's environment (bwrap, when sandboxed, holds it too). */
function agentToken(agent: string): string {
  const listing = execFileSync('tmux', ['-L', inject('tmuxSocket'), 'list-panes', '-s', '-t', `=orc-${team}`, '-F', '#{window_name}\t#{pane_pid}\t#{pane_dead}'], { encoding: 'utf8' });
  const pid = listing.split('\n').map((l) => l.split('\t')).find(([name, , dead]) => name === agent && dead === '0')?.[1];
  const environ = execFileSync('cat', [`/proc/${pid}/environ`], { encoding: 'utf8' });
  const token = environ.split('\0').find((e) => e.startsWith('ORC_AGENT_TOKEN='))?.slice('ORC_AGENT_TOKEN='.length);
  if (!token) throw new Error(`no ORC_AGENT_TOKEN in ${agent}'s environment`);
  return token;
}
const asAgent = (agent: string, args: string[]) => runOrc(args, { ORC_TOKEN: '', ORC_AGENT_TOKEN: agentToken(agent) });

beforeAll(async () => {
  project = await realpath(await mkdtemp(join(tmpdir(), 'orc-checks-')));
  git(project, 'init', '-q', '-b', 'main');
  await writeFile(join(project, 'answer.txt'), '0\n');
  await writeFile(join(project, 'check.cjs'), CHECK_SCRIPT);
  git(project, 'add', '.');
  git(project, 'commit', '-q', '-m', 'initial');
  const spec = join(await mkdtemp(join(tmpdir(), 'orc-checks-spec-')), 'team.yaml');
  await writeFile(
    spec,
    [
      `team: ${team}`,
      `project: ${project}`,
      `check: "node check.cjs ${project}"`,
      'mergeApproval: qa',
      'agents:',
      '  - { name: eng, role: engineer, command: cat, workspace: worktree, gitCheckpoint: "off" }',
      '  - { name: qa, role: qa, command: cat, gitCheckpoint: "off" }',
    ].join('\n'),
  );
  expect(await orc(['team', 'deploy', spec])).toContain(`team ${team} running`);
  await writeFile(join(worktree, 'answer.txt'), '41\n');
  git(worktree, 'commit', '-q', '-am', 'eng: an answer');
});

afterAll(async () => {
  await runOrc(['team', 'stop', team]);
});

describe('mergeApproval: qa', () => {
  it('refuses a merge that nobody approved, saying who must approve and how', async () => {
    const refused = await runOrc(['merge', eng]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`not merged: team ${team}'s merges need an approval from its qa agent or a person (mergeApproval: qa)`);
    expect(refused.stderr).toContain(`orc approve-merge ${eng}`);
  });

  it('does not let the engineer approve its own change', async () => {
    const own = await asAgent('eng', ['approve-merge', eng]);
    expect(own.code).not.toBe(0);
    expect(own.stderr).toContain(`${eng} cannot approve its own change`);
  });

  it("records the QA agent's approval of the change as it is now", async () => {
    const approval = JSON.parse((await asAgent('qa', ['approve-merge', eng, '--json'])).stdout) as { approvedBy: string; commit: string };
    expect(approval.approvedBy).toBe(`${team}/qa (qa)`);
    expect(approval.commit).toBe(git(worktree, 'rev-parse', 'HEAD'));
  });
});

describe('check:', () => {
  it('runs the check on the branch in the agent sandbox: it fails, is recorded, and the agent is sent its output', async () => {
    const run = await runOrc(['check', eng, '--json']);
    expect(run.code).not.toBe(0);
    const result = JSON.parse(run.stdout) as { outcome: string; exitCode: number; output: string; toldAgent: boolean; commit: string };
    expect(result).toMatchObject({ outcome: 'failed', exitCode: 3, toldAgent: true, commit: git(worktree, 'rev-parse', 'HEAD') });
    expect(result.output).toContain('FAIL: answer.txt says 41, expected 42');
    // The agent's code ran confined: in a process tree of its own, and its write to the project's
    // checkout did not reach it (read-only there; under /tmp, as here, the sandbox's own /tmp takes it).
    expect(Number(/check pid (\d+)/.exec(result.output)?.[1])).toBeLessThan(5);
    expect(existsSync(join(project, 'escaped-from-check'))).toBe(false);
    await eventually(async () => {
      const log = JSON.parse(await orc(['log', '--team', team, '--json'])) as Array<{ to: string; text: string; state: string }>;
      const told = log.find((m) => m.to === eng && m.text.includes("The team's check `node check.cjs"));
      expect(told?.text).toContain('FAIL: answer.txt says 41, expected 42');
      expect(told?.state).toBe('confirmed');
    }, { timeoutMs: 20_000 });
  });

  it('refuses the merge while the check fails, although QA approved, and leaves main alone', async () => {
    const before = git(project, 'rev-parse', 'main');
    const refused = await runOrc(['merge', eng]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("not merged: the team's check `node check.cjs");
    expect(refused.stderr).toContain('exited with 3');
    expect(git(project, 'rev-parse', 'main')).toBe(before);
  });

  it('wants a new approval once the agent changed its work, then merges with the check passing, recording both', async () => {
    await writeFile(join(worktree, 'answer.txt'), '42\n'); // left uncommitted: the merge checkpoints it
    const stale = await runOrc(['merge', eng]);
    expect(stale.stderr).toContain('the approval given earlier was for a change the agent has added to since');
    expect((await asAgent('qa', ['approve-merge', eng])).code).toBe(0);
    expect(await orc(['merge', eng])).toMatch(new RegExp(`merged ${eng} into main \\(squash\\)`));
    expect(await readFile(join(project, 'answer.txt'), 'utf8')).toBe('42\n');
    const body = git(project, 'log', '-1', '--format=%b', 'main');
    expect(body).toContain(`Approved-by: ${team}/qa (qa)`);
    expect(body).toMatch(/Checked-on: [0-9a-f]{40}/);
  });

  it("refuses a check of an agent that has no branch of its own", async () => {
    const other = await runOrc(['check', `${team}/qa`]);
    expect(other.code).not.toBe(0);
    expect(other.stderr).toContain("works in the project's own checkout (workspace: shared)");
  });
});
