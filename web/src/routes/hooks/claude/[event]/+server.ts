import type { RequestHandler } from './$types';
import { handleClaudeHook } from '#lib/server/hooks/claude-hooks.ts';
import { nudge } from '#lib/server/live/change-feed.ts';

export const POST: RequestHandler = async ({ params, request }) => {
  const response = await handleClaudeHook(params.event, request);
  // An agent's state changed: dashboards look now. A refused call (a flood's 429s) changed nothing.
  if (response.ok) nudge();
  return response;
};
