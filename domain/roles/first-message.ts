// The first message an agent gets: who it is, its role's brief, its own assignment, its
// team, and the orc commands. A custom brief from the spec EXTENDS the role's brief (it is
// added after it as "Your assignment") rather than replacing it: the role brief carries how
// to work inside orc (reporting, git, check-ins, escalation), which a task-specific brief
// written by a person would otherwise have to repeat, and usually would not.
import type { AgentSpec, TeamSpec } from '../teams/team-spec.ts';
import { agentBranch, agentId } from '../names.ts';
import { managerOf } from './manager.ts';
import { roleById } from './roles.ts';
import type { BriefContext, RoleDefinition } from './role.ts';

export interface FirstMessageInput {
  team: TeamSpec;
  /** The agent's name within the team. */
  agent: string;
  /**
   * Where the agent works, when the caller knows (the worktree's path in worktree mode).
   * Default: the project dir in shared mode; in worktree mode its window's starting
   * directory on branch `orc/<team>/<agent>`, the branch orc's worktree activity creates.
   */
  workspace?: { dir: string; branch: string | null };
}

function member(team: TeamSpec, name: string): AgentSpec {
  const found = team.agents.find((agent) => agent.name === name);
  if (!found) throw new Error(`no agent named ${JSON.stringify(name)} in team ${team.team} (agents: ${team.agents.map((a) => a.name).join(', ')})`);
  return found;
}

/** The context a role's brief is written for. Throws when the agent is not in the team. */
export function briefContext(input: FirstMessageInput): BriefContext {
  const { team } = input;
  const self = member(team, input.agent);
  const worktree = self.workspace === 'worktree';
  const workspace = input.workspace ?? {
    dir: worktree ? 'the directory this window started in' : team.project,
    branch: worktree ? agentBranch(team.team, self.name) : null,
  };
  return {
    agent: self.name,
    team: team.team,
    projectDir: team.project,
    workspaceDir: workspace.dir,
    workspace: self.workspace,
    branch: workspace.branch,
    manager: managerOf(team.agents, self.name),
    checkinIntervalMs: self.checkinIntervalMs,
    gitCheckpointMs: self.gitCheckpointMs,
  };
}

/** One line per teammate: id, role, what they do for the others, and whom they report to. */
export function roster(team: TeamSpec, forAgent: string, manager: string | null): string {
  return team.agents
    .map((agent) => {
      const role = roleById(agent.role);
      const boss = managerOf(team.agents, agent.name);
      const marks = [agent.name === forAgent ? 'you' : null, agent.name === manager ? 'your manager' : null].filter((mark) => mark !== null);
      const mark = marks.length > 0 ? ` (${marks.join(', ')})` : '';
      const reports = boss === null ? 'reports to the human' : `reports to ${team.team}/${boss}`;
      return `- ${team.team}/${agent.name}${mark}: ${role.title} [${role.id}], ${role.summary}; ${reports}`;
    })
    .join('\n');
}

function commands(ctx: BriefContext): string {
  const self = agentId(ctx.team, ctx.agent);
  return [
    `Your window already knows who you are (ORC_AGENT=${self}, with ORC_AGENT_TOKEN and ORC_URL set), so these commands act as you:`,
    `- \`orc send ${ctx.team}/<agent> "<text>"\`: message a teammate; orc records that it came from you. Make each message complete on its own: the reader has not seen your screen.`,
    '- `orc checkin <duration> "<note>"`: schedule your own check-in, e.g. `orc checkin 30m "review the PR from api"` (durations like 90s, 30m, 1h30m, 2h, 1d; at most 30d). When it is due, the note comes back to you as a message.',
    '- `orc checkins`: list your pending check-ins with their ids.',
    '- `orc checkin cancel <id>`: cancel one you no longer need.',
    '- `orc status`: every agent of your team and its state (working, idle, waiting for approval, …).',
    `- \`orc log --team ${ctx.team}\`: the team's messages, who sent what to whom.`,
    'Messages from teammates and your due check-ins arrive in this window as new input.',
  ].join('\n');
}

function opening(ctx: BriefContext, team: TeamSpec, role: RoleDefinition): string {
  const others = team.agents.length - 1;
  const company = others === 0 ? 'You are the only agent on it.' : `You work with ${others} other AI agent${others === 1 ? '' : 's'}, each in its own terminal.`;
  return `You are ${ctx.team}/${ctx.agent}, ${role.title} on team "${ctx.team}", run by orc. ${company}`;
}

function startLine(ctx: BriefContext, hasAssignment: boolean): string {
  if (hasAssignment) return 'Start now on your assignment above.';
  if (ctx.manager === null) return 'Start now: read the project, then plan the work.';
  return `Start now: get to know the workspace, then tell ${ctx.team}/${ctx.manager} you are ready and wait for your first task.`;
}

/** The agent's first message: its brief (extended by the spec's own brief, if any), the team roster and the orc commands. */
export function firstMessage(input: FirstMessageInput): string {
  const ctx = briefContext(input);
  const self = member(input.team, input.agent);
  const role = roleById(self.role);
  const custom = self.brief?.trim() ?? '';
  const sections = [opening(ctx, input.team, role), role.brief(ctx)];
  if (custom !== '') sections.push(`## Your assignment\n${custom}`);
  sections.push(`## Your team\n${roster(input.team, ctx.agent, ctx.manager)}`);
  sections.push(`## orc commands\n${commands(ctx)}`);
  sections.push(startLine(ctx, custom !== ''));
  return sections.join('\n\n');
}
