// Sentences every brief needs in some form (who you answer to, where you work, how your
// work is saved, when you are woken) depend on the agent's context rather than its role,
// so they are written once here and each role places them where they fit.
import { formatDuration } from '../durations.ts';
import { agentId } from '../names.ts';
import type { BriefContext } from './role.ts';

export const idOf = (ctx: BriefContext, name: string): string => agentId(ctx.team, name);

/** Whom the agent reports to, and how to reach them. */
export function reportingLine(ctx: BriefContext): string {
  if (ctx.manager === null) {
    return (
      'Nobody on the team is above you: you answer to the human who runs it. They read your window and ' +
      `the team log (\`orc log --team ${ctx.team}\`); when you need them, say so plainly in your reply, ` +
      'starting with "HUMAN:", and stop until they answer.'
    );
  }
  const manager = idOf(ctx, ctx.manager);
  return `You report to ${manager}. Keep them informed with \`orc send ${manager} "<text>"\`: what you finished, what you start next, what blocks you.`;
}

/** Where the agent works and what that means for the people beside it. */
export function workspaceLine(ctx: BriefContext): string {
  if (ctx.workspace === 'worktree') {
    const branch = ctx.branch ?? 'your own branch';
    return (
      `You work in ${ctx.workspaceDir}, a git worktree of ${ctx.projectDir} on branch ${branch}. ` +
      'Nobody else edits it, and nobody sees your changes until you commit them and tell them the branch.'
    );
  }
  return (
    `You work in ${ctx.workspaceDir}, a checkout shared with your teammates: they edit the same files at the same time. ` +
    'Never run git checkout, reset, stash, clean or rebase there, and never revert a change you did not make; ask its author.'
  );
}

/** How the agent's work is saved in git. */
export function commitLine(ctx: BriefContext): string {
  const own = 'Commit each finished step yourself with a message that says why (git add the files you changed by name, never -A in a shared checkout).';
  if (ctx.gitCheckpointMs === null) return `${own} orc does not commit for you in this team.`;
  return `${own} orc also commits a checkpoint of whatever is uncommitted every ${formatDuration(ctx.gitCheckpointMs)}, so work is never lost, but a checkpoint is no substitute for a real commit.`;
}

/** When the agent is woken, and how it schedules its own next look. */
export function checkinLine(ctx: BriefContext): string {
  const own = 'When you wait for something (a build, a reply, a teammate\'s work), schedule your next look with `orc checkin <duration> "<note>"`, e.g. `orc checkin 30m "is the api PR ready?"`; the note comes back to you as a message when it is due.';
  if (ctx.checkinIntervalMs === null) return `${own} Only a message or a check-in wakes you: wait on anything else without one and you wait forever.`;
  return `${own} orc also checks in with you every ${formatDuration(ctx.checkinIntervalMs)}; use each one to report progress or say you are blocked.`;
}

/** The manager to escalate to, or the human. */
export const escalateTo = (ctx: BriefContext): string => (ctx.manager === null ? 'the human (a "HUMAN:" line, then stop)' : idOf(ctx, ctx.manager));
