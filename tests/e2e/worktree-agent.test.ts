// A real Claude Code agent of a team in `workspace: worktree`, against the scripted model: it
// works in its own git worktree, <data>/hosts/<host>/worktrees/<team>/<agent>, on the branch
// orc/<team>/<agent>. It writes a new file there and edits a tracked one, and neither waits for a
// person nor is denied: orc's rule engine counts the worktree as the agent's workspace (before
// the launch record, the web looked for the worktree elsewhere and PreToolUse denied the Write as
// `no-write-outside-workspace`). The project's own checkout is untouched; a git checkpoint commits
// the work on the agent's branch. Restarted (the dashboard's Restart, agents.restart), the agent
// comes back in the same worktree, on the same branch, with its work there, and writes again.
//
// The agent runs Claude Code with `--permission-mode acceptEdits`, the mode in which Claude Code
// itself asks nobody about an edit inside its working directory; orc then has the last word
// through PreToolUse. (In the default mode Claude Code asks about every edit, and orc holds such
// an edit for a person: the last case here checks that orc's answer there is "ask", not a denial.)
import { execFileSync } from 'node:child_process';
import { access, mkdtemp, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrcClient } from '../../cli/client.ts';
import { createDatabase } from '../../db/client.ts';
import { issueToken } from '../../db/tokens.ts';
import { claudeBinaryPath, envFlags, prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';
import { defaultScript, startScriptedMessagesApi, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';

const team = uniqueName('wt-agent');
const agent = 'dev';
const id = `${team}/${agent}`;
const branch = `orc/${team}/${agent}`;
const admin = createOrcClient({ url: inject('orcUrl'), token: inject('adminToken') });

let api: ScriptedMessagesApi;
let project: string;
/** Where the agent's worktree must be, spelled out here so that a path built anywhere else fails the test. */
let worktree: string;
/** Claude Code's config, where only the project was trusted. */
let configFile: string;

/** How long `orc team deploy` and the restart took, each launching Claude Code once (ms). */
const launchTimes = { deploy: 0, restart: 0 };
/**
 * Claude Code shows its prompt within seconds here; orc gives a launch 60 s to show it and the
 * host activity running it 1 minute. A launch that takes about that long was not seen as ready
 * at all, and went through only because the activity timed out and its retry took the window.
 */
const LAUNCH_SEEN_READY_WITHIN_MS = 45_000;

const NEW_FILE_TEXT = 'written by the agent in its worktree\n';
const AFTER_RESTART_TEXT = 'written after the restart\n';

const git = (dir: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const exists = (path: string) => access(path).then(() => true, () => false);

type Pending = { id: string; agent: string; tool: string; command: string | null };
type Shown = { host: string; agents: Array<{ id: string; role: string; state: string; workspace: string; workspaceDir: string | null }> };
type AgentStats = { agent: string; requests: number; denied: number; pending: number; humanDecided: number };

const pendingForAgent = async () => (JSON.parse(await orc(['approvals', '--json'])) as Pending[]).filter((p) => p.agent === id);
const shownMember = async () => {
  const shown = JSON.parse(await orc(['team', 'show', team, '--json'])) as Shown;
  const member = shown.agents.find((a) => a.id === id);
  if (!member) throw new Error(`${id} is not in orc team show ${team}: ${JSON.stringify(shown)}`);
  return member;
};

/** The agent's live pane in the test stack's tmux server: what `tmux display -p '#{pane_current_path}'` shows. */
function livePane(): { pid: number; cwd: string } {
  const listing = execFileSync('tmux', ['-L', inject('tmuxSocket'), 'list-panes', '-s', '-t', `=orc-${team}`, '-F', '#{window_name}\t#{pane_pid}\t#{pane_current_path}\t#{pane_dead}'], { encoding: 'utf8' });
  const panes = listing
    .split('\n')
    .map((line) => line.split('\t'))
    .filter(([name, , , dead]) => name === agent && dead === '0');
  if (panes.length !== 1) throw new Error(`expected one live pane for ${id}, found ${panes.length}:\n${listing}`);
  const [, pid = '', cwd = ''] = panes[0] ?? [];
  return { pid: Number(pid), cwd };
}

async function idle(): Promise<void> {
  await eventually(async () => {
    const status = JSON.parse(await orc(['status', '--json'])) as Array<{ id: string; state: string }>;
    expect(status.find((a) => a.id === id)?.state).toBe('idle');
  }, { timeoutMs: 90_000, intervalMs: 500 });
}

/** Sends a trigger, and waits until the model got the result of the tool it asked for (the last one, for a Read then Edit). */
async function runTool(trigger: string, results = 1): Promise<void> {
  await idle();
  expect(await orc(['send', id, `${trigger} please`])).toContain('confirmed');
  await eventually(async () => {
    const last = api.requests.find((r) => !r.sideQuery && r.userText?.includes(trigger) && r.toolResults.length === results);
    expect(last, `the result of ${trigger}'s tool use ${results}`).toBeDefined();
    return last;
  }, { timeoutMs: 60_000, intervalMs: 300 }).catch(async (err: unknown) => {
    throw new Error(`${String(err)}\napprovals: ${JSON.stringify(await pendingForAgent())}\n${await orc(['capture', id, '--lines', '40'])}`);
  });
}

/** Every tool result the model got back after `trigger`, as [content, isError]. */
const resultsAfter = (trigger: string) =>
  (api.requests.filter((r) => !r.sideQuery && r.userText?.includes(trigger)).at(-1)?.toolResults ?? []).map((r) => [r.content, r.isError] as const);

beforeAll(async () => {
  project = await realpath(await mkdtemp(join(tmpdir(), 'orc-wt-agent-')));
  git(project, 'init', '-q', '-b', 'main');
  await writeFile(join(project, 'README.md'), '# project\n');
  await writeFile(join(project, 'app.txt'), 'version 1\n');
  git(project, 'add', '.');
  git(project, 'commit', '-q', '-m', 'initial');

  worktree = join(await realpath(inject('dataDir')), 'hosts', 'test-host', 'worktrees', team, agent);
  api = await startScriptedMessagesApi((ctx) => {
    const text = ctx.lastUserText ?? '';
    const step = ctx.toolResults.length;
    if (text.includes('WRITE-NEW')) {
      return step === 0 ? { toolUse: { name: 'Write', input: { file_path: join(worktree, 'new.txt'), content: NEW_FILE_TEXT } } } : { text: 'done' };
    }
    if (text.includes('EDIT-TRACKED')) {
      // Claude Code edits only a file it has read.
      if (step === 0) return { toolUse: { name: 'Read', input: { file_path: join(worktree, 'app.txt') } } };
      if (step === 1) return { toolUse: { name: 'Edit', input: { file_path: join(worktree, 'app.txt'), old_string: 'version 1', new_string: 'version 2' } } };
      return { text: 'done' };
    }
    if (text.includes('WRITE-AFTER-RESTART')) {
      return step === 0 ? { toolUse: { name: 'Write', input: { file_path: join(worktree, 'after.txt'), content: AFTER_RESTART_TEXT } } } : { text: 'done' };
    }
    return defaultScript(ctx);
  });
  const env = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [project] });
  // Only the project is trusted: Claude Code runs in the worktree, which does not exist yet, and
  // orc records it as trusted like its project (host/claude-trust.ts), or the agent would stop at
  // Claude Code's trust dialog.
  configFile = join(env.CLAUDE_CONFIG_DIR ?? '', '.claude.json');

  const spec = [
    `team: ${team}`,
    `project: ${project}`,
    'agents:',
    `  - { name: ${agent}, role: engineer, command: "${claudeBinaryPath()} --permission-mode acceptEdits", workspace: worktree, gitCheckpoint: 3s }`,
  ].join('\n');
  const specFile = join(await mkdtemp(join(tmpdir(), 'orc-wt-spec-')), 'team.yaml');
  await writeFile(specFile, spec);
  const deployedAt = Date.now();
  expect(await orc(['team', 'deploy', specFile, ...envFlags(env)])).toContain(`team ${team} running`);
  launchTimes.deploy = Date.now() - deployedAt;
});

afterAll(async () => {
  await runOrc(['team', 'stop', team]);
  await api?.close();
});

describe('a Claude Code agent in its own git worktree', () => {
  it("is trusted by Claude Code like its project, so no trust dialog holds it", async () => {
    const config = JSON.parse(await readFile(configFile, 'utf8')) as { projects: Record<string, { hasTrustDialogAccepted?: boolean }> };
    expect(config.projects[await realpath(worktree)]?.hasTrustDialogAccepted).toBe(true);
    expect(await orc(['capture', id, '--lines', '200'])).not.toContain('Accessing workspace');
  });

  it('works in <data>/hosts/<host>/worktrees/<team>/<agent>, on its own branch, from its pane', async () => {
    const member = await shownMember();
    expect(member).toMatchObject({ workspace: 'worktree', workspaceDir: worktree, state: 'started' });
    expect(git(worktree, 'branch', '--show-current')).toBe(branch);
    expect(await realpath(livePane().cwd)).toBe(worktree);
    await idle();
  });

  it('writes a new file in its worktree without waiting for a person or being denied', async () => {
    await runTool('WRITE-NEW');
    expect(resultsAfter('WRITE-NEW')).toEqual([[expect.not.stringMatching(/denied|outside/i), false]]);
    expect(await readFile(join(worktree, 'new.txt'), 'utf8')).toBe(NEW_FILE_TEXT);
    expect(await exists(join(project, 'new.txt'))).toBe(false);
    expect(await pendingForAgent()).toEqual([]);
  });

  it('edits a tracked file in its worktree without waiting for a person; the project checkout keeps its version', async () => {
    await runTool('EDIT-TRACKED', 2);
    expect(resultsAfter('EDIT-TRACKED').map(([, isError]) => isError)).toEqual([false, false]);
    expect(await readFile(join(worktree, 'app.txt'), 'utf8')).toBe('version 2\n');
    expect(await readFile(join(project, 'app.txt'), 'utf8')).toBe('version 1\n');
    expect(git(project, 'status', '--porcelain')).toBe('');
    expect(await pendingForAgent()).toEqual([]);
  });

  it('records no denial and nothing for a person for the agent (orc stats)', async () => {
    const stats = JSON.parse(await orc(['stats', '--json'])) as { agents: AgentStats[] };
    // Nothing asked, nothing denied: no row for the agent at all, or one with no denial, no person and nothing pending.
    const mine = stats.agents.find((a) => a.agent === id) ?? { denied: 0, pending: 0, humanDecided: 0 };
    expect(mine).toMatchObject({ denied: 0, pending: 0, humanDecided: 0 });
  });

  it('a git checkpoint commits the work on the agent branch, not on the project branch', async () => {
    await eventually(async () => {
      expect(git(project, 'show', `${branch}:new.txt`)).toBe(NEW_FILE_TEXT.trim());
      expect(git(project, 'show', `${branch}:app.txt`)).toBe('version 2');
      expect(git(worktree, 'status', '--porcelain')).toBe('');
    }, { timeoutMs: 30_000, intervalMs: 500 });
    const subjects = git(project, 'log', '--format=%s', `main..${branch}`).split('\n');
    expect(subjects.length).toBeGreaterThan(0);
    for (const subject of subjects) expect(subject).toMatch(new RegExp(`^checkpoint: ${team}/${agent} at \\d{4}-\\d{2}-\\d{2}T`));
    expect(git(project, 'log', '-1', '--format=%an', branch)).toBe('orc checkpoint');
    // The project's own branch and checkout are as they were.
    expect(git(project, 'rev-list', '--count', 'main')).toBe('1');
    expect(git(project, 'branch', '--show-current')).toBe('main');
    expect(await exists(join(project, 'new.txt'))).toBe(false);
  });

  it('restarted, it comes back in the same worktree on the same branch, with its work, and writes there again', async () => {
    const before = livePane();
    const restartedAt = Date.now();
    expect(await admin.agents.restart.mutate({ agent: id })).toEqual({ id, throughTeam: true });
    launchTimes.restart = Date.now() - restartedAt;

    const member = await shownMember();
    expect(member).toMatchObject({ workspace: 'worktree', workspaceDir: worktree, state: 'started' });
    const after = livePane();
    expect(after.pid).not.toBe(before.pid);
    expect(await realpath(after.cwd)).toBe(worktree);
    expect(git(worktree, 'branch', '--show-current')).toBe(branch);
    expect(await readFile(join(worktree, 'new.txt'), 'utf8')).toBe(NEW_FILE_TEXT);
    expect(await readFile(join(worktree, 'app.txt'), 'utf8')).toBe('version 2\n');
    // One worktree for the agent: the restart did not make another.
    const worktrees = git(project, 'worktree', 'list', '--porcelain').split('\n').filter((line) => line.startsWith('worktree '));
    expect(worktrees.map((line) => line.slice('worktree '.length))).toEqual([project, worktree]);
    // Its launch wrote its settings again.
    expect((await stat(join(inject('dataDir'), 'hosts', 'test-host', 'agents', team, agent, 'claude-settings.json'))).mtimeMs).toBeGreaterThanOrEqual(restartedAt - 1000);

    await runTool('WRITE-AFTER-RESTART');
    expect(resultsAfter('WRITE-AFTER-RESTART')).toEqual([[expect.not.stringMatching(/denied|outside/i), false]]);
    expect(await readFile(join(worktree, 'after.txt'), 'utf8')).toBe(AFTER_RESTART_TEXT);
    expect(await exists(join(project, 'after.txt'))).toBe(false);
    expect(await pendingForAgent()).toEqual([]);
    await eventually(async () => expect(git(project, 'show', `${branch}:after.txt`)).toBe(AFTER_RESTART_TEXT.trim()), { timeoutMs: 30_000, intervalMs: 500 });
  });

  it('is seen ready as soon as Claude Code in acceptEdits mode shows its prompt: deploy and restart take well under the 60 s launch bound', () => {
    expect(launchTimes.deploy, 'the deploy ran').toBeGreaterThan(0);
    expect(launchTimes.restart, 'the restart ran').toBeGreaterThan(0);
    expect.soft(launchTimes.deploy, 'orc team deploy (ms)').toBeLessThan(LAUNCH_SEEN_READY_WITHIN_MS);
    expect.soft(launchTimes.restart, 'agents.restart (ms)').toBeLessThan(LAUNCH_SEEN_READY_WITHIN_MS);
  });

  it("orc's PreToolUse judges a Write in the worktree as inside the workspace (in default mode: ask a person, not deny), and one in a teammate's worktree or elsewhere as outside", async () => {
    // Posted as the agent's hook would be (its token names the agent), to pin the rule engine's answer.
    const { db, sql } = createDatabase(inject('databaseUrl'), { max: 1 });
    const token = (await issueToken(db, { role: 'agent', name: 'worktree-test-agent', agentId: id })).token;
    await sql.end();
    const preToolUse = async (filePath: string) => {
      const response = await fetch(`${inject('orcUrl')}/hooks/claude/pre-tool-use`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ hook_event_name: 'PreToolUse', permission_mode: 'default', tool_name: 'Write', tool_input: { file_path: filePath, content: 'x' }, cwd: worktree }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { hookSpecificOutput?: { permissionDecision?: string; permissionDecisionReason?: string } };
    };
    const inside = await preToolUse(join(worktree, 'inside.txt'));
    expect(inside.hookSpecificOutput?.permissionDecision).toBe('ask');
    expect(inside.hookSpecificOutput?.permissionDecisionReason).not.toMatch(/outside/);
    // A teammate's worktree next to it is not its workspace (it is in orc's data dir, too).
    const beside = await preToolUse(join(worktree, '..', 'someone-else', 'x.txt'));
    expect(beside.hookSpecificOutput?.permissionDecision).toBe('deny');
    const outside = await preToolUse('/opt/orc-not-the-workspace/x.txt');
    expect(outside.hookSpecificOutput?.permissionDecision).toBe('deny');
    expect(outside.hookSpecificOutput?.permissionDecisionReason).toContain('no-write-outside-workspace');
  });
});
