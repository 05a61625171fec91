import type { RequestHandler } from './$types';
import { handleApiRequest } from '#lib/server/api/handler.ts';

export const GET: RequestHandler = ({ request, locals }) => handleApiRequest(request, locals.caller);
export const POST: RequestHandler = ({ request, locals }) => handleApiRequest(request, locals.caller);
