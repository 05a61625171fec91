// The OTLP/HTTP receiver for Claude Code's log events (JSON encoding): each agent's CLI posts
// them to /otlp/v1/logs with its own token (orc sets OTEL_EXPORTER_OTLP_HEADERS at launch,
// host/claude-telemetry.ts), and its api_request events become its usage figures. Who spent is
// the token's agent, never anything the export says. Answers follow OTLP/HTTP: 200 with an
// ExportLogsServiceResponse (its partialSuccess counts refused events), otherwise a Status
// ({code, message}); 429 with Retry-After, which the exporter honours by retrying later.
import { hashToken } from '$db/tokens.ts';
import { parseAgentRef } from '$domain/names.ts';
import { InvalidOtlpExportError, parseOtlpApiRequests, sumByModel } from '$domain/usage/otlp-api-requests.ts';
import { bearerToken, identify } from '../auth/auth.ts';
import { telemetryConcurrency, telemetryRateLimiter } from '../limits/rate-limit.ts';
import { getServices, type Services } from '../services.ts';
import { recordUsage } from './usage-store.ts';

/** Claude Code's exports are a few kB (a batch every two seconds at most); this is plenty. */
export const MAX_EXPORT_BODY_BYTES = 1024 * 1024;

/** gRPC status codes, which OTLP/HTTP's Status body carries. */
const GRPC = { invalidArgument: 3, permissionDenied: 7, resourceExhausted: 8, unimplemented: 12, unauthenticated: 16 } as const;

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const failure = (status: number, code: number, message: string, headers: Record<string, string> = {}) => answer(status, { code, message }, headers);

export async function handleOtlpLogs(request: Request, services: Services = getServices(), now: () => Date = () => new Date()): Promise<Response> {
  const bearer = bearerToken(request);
  if (bearer === null || bearer.length > 200) return failure(401, GRPC.unauthenticated, 'missing or unknown agent token');
  // Counted per token before it is looked up, as the hooks are: a refused export costs the database nothing.
  const key = hashToken(bearer);
  const verdict = telemetryRateLimiter.take(key);
  if (!verdict.allowed) {
    return failure(429, GRPC.resourceExhausted, telemetryRateLimiter.describe(verdict), { 'retry-after': String(verdict.retryAfterS) });
  }
  const leave = await telemetryConcurrency.enter(key);
  try {
    return await receive(request, services, now);
  } finally {
    leave();
  }
}

async function receive(request: Request, services: Services, now: () => Date): Promise<Response> {
  const identity = await identify(services.db, request);
  if (!identity) return failure(401, GRPC.unauthenticated, 'missing or unknown agent token');
  if (identity.role !== 'agent' || !identity.agentId) return failure(403, GRPC.permissionDenied, "telemetry takes an agent's token");

  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    return failure(415, GRPC.unimplemented, `content-type ${JSON.stringify(type)} is not taken: orc reads OTLP's JSON encoding (OTEL_EXPORTER_OTLP_PROTOCOL=http/json)`);
  }
  const encoding = (request.headers.get('content-encoding') ?? 'identity').toLowerCase();
  if (encoding !== 'identity') return failure(415, GRPC.unimplemented, `content-encoding ${JSON.stringify(encoding)} is not taken: send the export uncompressed`);
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > MAX_EXPORT_BODY_BYTES) return failure(413, GRPC.invalidArgument, `export body over ${MAX_EXPORT_BODY_BYTES} bytes`);
  const raw = await readBounded(request, MAX_EXPORT_BODY_BYTES);
  if (raw === null) return failure(413, GRPC.invalidArgument, `export body over ${MAX_EXPORT_BODY_BYTES} bytes`);

  let parsed;
  try {
    parsed = parseOtlpApiRequests(JSON.parse(raw) as unknown);
  } catch (err) {
    if (err instanceof SyntaxError) return failure(400, GRPC.invalidArgument, 'export body is not JSON');
    if (err instanceof InvalidOtlpExportError) return failure(400, GRPC.invalidArgument, err.message);
    throw err;
  }
  const agent = parseAgentRef(identity.agentId);
  await recordUsage(services.db, { agentId: identity.agentId, team: agent.team, at: now(), sums: sumByModel(parsed.requests) });
  if (parsed.rejected === 0) return answer(200, {});
  return answer(200, { partialSuccess: { rejectedLogRecords: parsed.rejected, errorMessage: parsed.problems.join('; ') } });
}

/** The body as text, or null once it passes `limit` bytes (a missing or lying content-length included). */
async function readBounded(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
