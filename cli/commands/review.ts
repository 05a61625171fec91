// orc diff <team/agent> [--stat] [--json]; orc merge <team/agent> [--squash|--rebase|--merge] [--into <branch>];
// orc check <team/agent>; orc approve-merge <team/agent>
import type { Command } from 'commander';
import { parseAgentRef } from '../../domain/names.ts';
import type { MergeMode } from '../../domain/review.ts';
import { CliError } from '../errors.ts';
import { printJson } from '../output.ts';
import type { CommandContext } from '../context.ts';

/** The agent wrote these bytes: its control characters are shown, not played to the terminal. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const shown = (text: string) => text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

export function registerReviewCommands(program: Command, context: CommandContext): void {
  program
    .command('diff')
    .description("show a worktree agent's work: its branch (committed and uncommitted, checkpoints folded) against where it started")
    .argument('<team/agent>', 'agent id')
    .option('--stat', 'list the changed files with lines added and deleted, and the commits, instead of the patch')
    .option('--target <branch>', 'compare with this branch instead of the one the agent started from')
    .option('--json', 'print the diff (files, commits, patch) as JSON')
    .action(async (id: string, options: { stat?: boolean; json?: boolean; target?: string }) => {
      parseAgentRef(id);
      const diff = await context.client().review.diff.query({ agent: id, ...(options.target ? { target: options.target } : {}) });
      if (options.json) return printJson(diff);
      const out: string[] = [];
      const moved = diff.targetHead !== diff.base ? ` (${diff.target} has moved on since, to ${diff.targetHead.slice(0, 12)})` : '';
      out.push(`${diff.branch} against ${diff.target} at ${diff.base.slice(0, 12)}${moved}${diff.uncommitted ? '; includes uncommitted work' : ''}`);
      if (options.stat) {
        for (const f of diff.files) {
          const counts = f.added === null ? 'binary' : `+${f.added} -${f.deleted ?? 0}`;
          out.push(`  ${f.status.padEnd(9)} ${JSON.stringify(f.path).slice(1, -1)}${f.oldPath ? ` (from ${JSON.stringify(f.oldPath).slice(1, -1)})` : ''}  ${counts}`);
        }
        out.push(`${diff.files.length} file(s) changed; commits:`);
        for (const c of diff.commits) out.push(`  ${c.commit.slice(0, 12)} ${c.subject}`);
        process.stdout.write(`${shown(out.join('\n'))}\n`);
        return;
      }
      process.stdout.write(`${shown(out.join('\n'))}\n${shown(diff.patch)}${diff.patchTruncated ? '\n[patch cut: too large to show whole]\n' : ''}`);
    });

  program
    .command('merge')
    .description("merge a worktree agent's branch into a branch of the project; never pushes, never forces: refuses, naming the files, when the target moved on and conflicts")
    .argument('<team/agent>', 'agent id')
    .option('--squash', 'one new commit with all of its changes (the default)')
    .option('--merge', 'a merge commit that keeps its commits')
    .option('--rebase', 'its commits replayed on the tip of the target')
    .option('--into <branch>', 'the branch to merge into (default: the branch the agent started from)')
    .option('--approved-by <who>', 'who approved the change, recorded in the commit as Approved-by:')
    .option('--request-rebase', 'when the merge is refused for conflicts, send the agent a message asking it to rebase')
    .option('--restart-branch', "after merging, start the agent's branch afresh from the new tip")
    .option('--json', 'print the result as JSON')
    .action(async (id: string, options: { squash?: boolean; merge?: boolean; rebase?: boolean; into?: string; approvedBy?: string; requestRebase?: boolean; restartBranch?: boolean; json?: boolean }) => {
      parseAgentRef(id);
      const modes = (['squash', 'merge', 'rebase'] as const).filter((m) => options[m]);
      if (modes.length > 1) throw new CliError('choose one of --squash, --merge, --rebase');
      const mode: MergeMode = modes[0] ?? 'squash';
      const client = context.client();
      const result = await client.review.merge.mutate({ agent: id, mode, ...(options.into ? { into: options.into } : {}), ...(options.approvedBy ? { approvedBy: options.approvedBy } : {}) });
      if (result.outcome === 'conflict') {
        let sent = '';
        if (options.requestRebase) {
          const message = await client.review.requestRebase.mutate({ agent: id, into: result.into, files: result.files });
          sent = `\nasked ${id} to rebase onto ${result.into} (message ${message.state})`;
        }
        if (options.json) printJson({ ...result, rebaseRequested: Boolean(options.requestRebase) });
        const files = result.files.map((f) => `  ${JSON.stringify(f).slice(1, -1)}`).join('\n');
        throw new CliError(
          `not merged: ${result.into} ${result.targetMoved ? 'moved on since the agent started and ' : ''}conflicts with ${id} in:\n${files}${sent || `\nask the agent to rebase with: orc merge ${id} --request-rebase`}`,
        );
      }
      if (result.outcome === 'refused') {
        if (options.json) printJson(result);
        throw new CliError(`not merged: ${result.reason}`);
      }
      const restarted = options.restartBranch ? await client.review.restartBranch.mutate({ agent: id, onto: result.into }) : null;
      if (options.json) return printJson({ ...result, restarted });
      const line = result.outcome === 'up-to-date' ? `${id}: nothing to merge, ${result.into} has it all already` : `merged ${id} into ${result.into} (${result.mode}): ${result.commit.slice(0, 12)}${result.updatedCheckout ? ', checkout updated' : ''}`;
      process.stdout.write(`${line}\n`);
      if (restarted) process.stdout.write(restarted.outcome === 'restarted' ? `${id}'s branch starts afresh from ${restarted.commit.slice(0, 12)}\n` : `branch not restarted: ${restarted.reason}\n`);
    });

  program
    .command('check')
    .description("run the team's check (its spec's `check:`, e.g. npm test) on a worktree agent's branch; a failure is sent to the agent")
    .argument('<team/agent>', 'agent id')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      parseAgentRef(id);
      process.stderr.write(`running the team's check on ${id}'s branch…\n`);
      const result = await context.client().review.check.mutate({ agent: id });
      if (options.json) printJson(result);
      if (result.outcome === 'refused') throw new CliError(`check not run: ${result.reason}`);
      const head = `${result.command} on ${result.commit.slice(0, 12)}: ${result.outcome} (exit ${result.exitCode ?? 'killed'}, ${(result.durationMs / 1000).toFixed(1)} s)`;
      if (result.outcome === 'passed') {
        if (!options.json) process.stdout.write(`${shown(head)}\n`);
        return;
      }
      const told = result.toldAgent ? `${id} was sent the output` : `${id} could not be told (is it running?)`;
      throw new CliError(`${shown(head)}; ${told}. The end of its output:\n${shown(result.output.split('\n').slice(-15).join('\n'))}`);
    });

  program
    .command('approve-merge')
    .description("approve a worktree agent's change as it is now, for a team whose spec says who must approve merges (mergeApproval:)")
    .argument('<team/agent>', 'agent id')
    .option('--json', 'print the recorded approval as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      parseAgentRef(id);
      const approval = await context.client().review.approve.mutate({ agent: id });
      if (options.json) return printJson(approval);
      process.stdout.write(`${id}'s change (${approval.files} file(s) at ${approval.commit.slice(0, 12)}${approval.uncommitted ? ' plus uncommitted work' : ''}) approved by ${approval.approvedBy}; work it adds later needs approving again\n`);
    });
}
