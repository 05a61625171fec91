// A worktree agent's work for review: its diff against where it started, its commits, the
// review comments already sent to it (read back from the communication log) with what it changed
// in those files since, the team's check and approvals, and what merging needs. The git work
// runs on the agent's host.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { agentId, parseAgentRef } from '$domain/names.ts';
import { parseReviewCommentsMessage } from '$domain/review.ts';
import { pageApi } from '#lib/server/api/page-caller.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
  const id = agentId(params.team, params.agent);
  try {
    parseAgentRef(id);
  } catch (err) {
    error(404, err instanceof Error ? err.message : String(err));
  }
  const api = pageApi(locals.caller);
  const messages = await api.log.messages({ agent: id, limit: 500 }).catch(() => []);
  const sent = messages
    .filter((m) => m.to === id)
    .flatMap((m) => {
      const parsed = parseReviewCommentsMessage(m.text);
      return parsed ? [{ id: m.id, queuedAt: m.queuedAt, state: m.state, from: m.from, ...parsed }] : [];
    });
  const since = sent.flatMap((s) => s.comments.map((c) => ({ commit: s.commit, file: c.file }))).slice(0, 50);
  let diff: Awaited<ReturnType<typeof api.review.diff>> | null = null;
  let problem: string | null = null;
  try {
    diff = await api.review.diff({ agent: id, since });
  } catch (err) {
    problem = err instanceof Error ? err.message : String(err);
  }
  const records = diff ? await api.review.records({ agent: id }).catch(() => null) : null;
  return { id, diff, problem, sent, records };
};
