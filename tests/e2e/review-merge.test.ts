// Review and merge with real git, through the real `orc` CLI: three worktree agents of one team
// (cat stands in for the agent CLI; the test edits and commits in their worktrees as they
// would). The first two change different files and both are merged, one squashed and one with a
// merge commit; the third changed the file the first did, so its merge is refused naming that
// file, and the agent is sent the message asking it to rebase. The person's checkout of main is
// clean, so it follows each merge.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';

const team = uniqueName('review');
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

let project: string;
let initial: string;
const worktree = (agent: string) => join(inject('dataDir'), 'hosts', 'test-host', 'worktrees', team, agent);

type Diff = { branch: string; target: string; base: string; uncommitted: boolean; files: Array<{ path: string; status: string; added: number | null }>; commits: Array<{ subject: string }>; patch: string };

beforeAll(async () => {
  project = await realpath(await mkdtemp(join(tmpdir(), 'orc-review-')));
  git(project, 'init', '-q', '-b', 'main');
  await writeFile(join(project, 'a.txt'), 'a1\na2\na3\n');
  await writeFile(join(project, 'b.txt'), 'b1\n');
  await writeFile(join(project, '.gitignore'), '.setup-ran\n');
  git(project, 'add', '.');
  git(project, 'commit', '-q', '-m', 'initial');
  initial = git(project, 'rev-parse', 'main');
  const spec = join(await mkdtemp(join(tmpdir(), 'orc-review-spec-')), 'team.yaml');
  await writeFile(
    spec,
    [`team: ${team}`, `project: ${project}`, `setup: "sh -c 'echo ran >> .setup-ran'"`, 'ports: { from: 4100, perAgent: 10 }', 'agents:', ...['one', 'two', 'three'].map((name) => `  - { name: ${name}, role: engineer, command: cat, workspace: worktree, gitCheckpoint: "off" }`)].join('\n'),
  );
  expect(await orc(['team', 'deploy', spec])).toContain(`team ${team} running`);
  // The agents' work: one and three both change a.txt's second line, two changes b.txt and leaves it uncommitted.
  await writeFile(join(worktree('one'), 'a.txt'), 'a1\nONE\na3\n');
  git(worktree('one'), 'commit', '-q', '-am', 'one: second line of a');
  await writeFile(join(worktree('two'), 'b.txt'), 'b1\nTWO\n');
  await writeFile(join(worktree('three'), 'a.txt'), 'a1\nTHREE\na3\n');
  git(worktree('three'), 'commit', '-q', '-am', 'three: second line of a');
});

afterAll(async () => {
  await runOrc(['team', 'stop', team]);
});

/** The environment of the agent's process (cat, in its tmux pane). */
function paneEnv(agent: string): Record<string, string> {
  const listing = execFileSync('tmux', ['-L', inject('tmuxSocket'), 'list-panes', '-s', '-t', `=orc-${team}`, '-F', '#{window_name}\t#{pane_pid}\t#{pane_dead}'], { encoding: 'utf8' });
  const pid = listing.split('\n').map((l) => l.split('\t')).find(([name, , dead]) => name === agent && dead === '0')?.[1];
  const environ = execFileSync('cat', [`/proc/${pid}/environ`], { encoding: 'utf8' });
  return Object.fromEntries(environ.split('\0').filter((e) => e.includes('=')).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
}

describe('per-worktree set-up and ports', () => {
  it('ran the setup command once in each new worktree, and gave each agent its own ports', async () => {
    for (const agent of ['one', 'two', 'three']) expect(await readFile(join(worktree(agent), '.setup-ran'), 'utf8')).toBe('ran\n');
    const ranges = ['one', 'two', 'three'].map((agent) => {
      const env = paneEnv(agent);
      return [env.PORT, env.ORC_PORT_FIRST, env.ORC_PORT_LAST];
    });
    expect(ranges).toEqual([['4100', '4100', '4109'], ['4110', '4110', '4119'], ['4120', '4120', '4129']]);
  });

  it('does not run the setup again when the agent restarts in its worktree', async () => {
    await orc(['agent', 'restart', `${team}/three`]);
    expect(await readFile(join(worktree('three'), '.setup-ran'), 'utf8')).toBe('ran\n');
    expect(paneEnv('three').ORC_PORT_FIRST).toBe('4120');
  });
});

describe('orc diff and orc merge', () => {
  it('orc diff shows each agent its own change against where it started, uncommitted work included', async () => {
    const one = JSON.parse(await orc(['diff', `${team}/one`, '--json'])) as Diff;
    expect(one).toMatchObject({ branch: `orc/${team}/one`, target: 'main', base: initial, uncommitted: false });
    expect(one.files).toEqual([{ path: 'a.txt', oldPath: null, status: 'modified', added: 1, deleted: 1 }]);
    expect(one.commits.map((c) => c.subject)).toEqual(['one: second line of a']);
    expect(one.patch).toContain('+ONE');
    const two = await orc(['diff', `${team}/two`, '--stat']);
    expect(two).toContain('includes uncommitted work');
    expect(two).toMatch(/modified\s+b\.txt\s+\+1 -0/);
    expect(await orc(['diff', `${team}/two`])).toContain('+TWO');
  });

  it('merges the first squashed (recording who approved) and the second with a merge commit; the clean checkout of main follows', async () => {
    expect(await orc(['merge', `${team}/one`, '--squash', '--approved-by', `${team}/qa`])).toMatch(new RegExp(`merged ${team}/one into main \\(squash\\): [0-9a-f]{12}, checkout updated`));
    expect(await orc(['merge', `${team}/two`, '--merge'])).toMatch(new RegExp(`merged ${team}/two into main \\(merge\\)`));
    expect(await readFile(join(project, 'a.txt'), 'utf8')).toBe('a1\nONE\na3\n');
    expect(await readFile(join(project, 'b.txt'), 'utf8')).toBe('b1\nTWO\n');
    expect(git(project, 'status', '--porcelain')).toBe('');
    // main: the merge commit (two parents: the squash and two's branch), the squash (one parent), the first commit.
    const history = git(project, 'log', '--first-parent', '--format=%P|%s', 'main').split('\n');
    expect(history).toHaveLength(3);
    expect(history[0]).toMatch(new RegExp(`^[0-9a-f]{40} [0-9a-f]{40}\\|Merge branch 'orc/${team}/two' into main$`));
    expect(history[1]).toBe(`${initial}|orc/${team}/one: one: second line of a (squashed)`);
    const squashBody = git(project, 'log', '-1', '--format=%b', 'main^1');
    expect(squashBody).toContain(`Approved-by: ${team}/qa`);
    expect(squashBody).toContain(`Agent: ${team}/one`);
    // two's uncommitted work was committed on its branch first (a checkpoint), and that is what was merged.
    expect(git(project, 'log', '-1', '--format=%s', `orc/${team}/two`)).toMatch(new RegExp(`^checkpoint: ${team}/two at `));
  });

  it('refuses the third, which changed the same line, naming the file, and sends it the message asking it to rebase', async () => {
    const before = git(project, 'rev-parse', 'main');
    const refused = await runOrc(['merge', `${team}/three`, '--request-rebase']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('not merged: main moved on since the agent started and conflicts');
    expect(refused.stderr).toMatch(/\n {2}a\.txt\n/);
    expect(refused.stderr).toContain(`asked ${team}/three to rebase onto main`);
    expect(git(project, 'rev-parse', 'main')).toBe(before);
    expect(git(project, 'status', '--porcelain')).toBe('');
    await eventually(async () => {
      const log = JSON.parse(await orc(['log', '--team', team, '--json'])) as Array<{ to: string; text: string; state: string }>;
      const asked = log.find((m) => m.to === `${team}/three` && m.text.includes('cannot be merged into main'));
      expect(asked?.text).toContain('"a.txt"');
      expect(asked?.state).toBe('confirmed');
    }, { timeoutMs: 60_000, intervalMs: 500 });
    expect(await orc(['capture', `${team}/three`, '--lines', '40'])).toContain(`Your branch orc/${team}/three cannot be merged into main`);
  });

  it("after a merge, the agent's branch starts afresh from the new main on request", async () => {
    const out = await orc(['merge', `${team}/one`, '--restart-branch']);
    expect(out).toContain('nothing to merge');
    expect(out).toContain(`${team}/one's branch starts afresh from`);
    expect(git(worktree('one'), 'rev-parse', 'HEAD')).toBe(git(project, 'rev-parse', 'main'));
    expect(git(worktree('one'), 'branch', '--show-current')).toBe(`orc/${team}/one`);
    const diff = JSON.parse(await orc(['diff', `${team}/one`, '--json'])) as Diff;
    expect(diff.files).toEqual([]);
  });
});
