import type { RequestHandler } from './$types';
import { handleClaudeHook } from '../../../../lib/server/claude-hooks.ts';

export const POST: RequestHandler = ({ params, request }) => handleClaudeHook(params.event, request);
