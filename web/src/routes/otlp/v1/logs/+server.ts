// OTLP/HTTP logs from agents' Claude Code (its OTEL_EXPORTER_OTLP_ENDPOINT is <orc>/otlp):
// their api_request events are what `orc usage` counts.
import type { RequestHandler } from './$types';
import { handleOtlpLogs } from '#lib/server/usage/otlp-receiver.ts';

export const POST: RequestHandler = ({ request }) => handleOtlpLogs(request);
