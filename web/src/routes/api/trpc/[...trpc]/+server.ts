import type { RequestHandler } from './$types';
import { handleApiRequest } from '../../../../lib/server/api/handler.ts';

export const GET: RequestHandler = ({ request }) => handleApiRequest(request);
export const POST: RequestHandler = ({ request }) => handleApiRequest(request);
