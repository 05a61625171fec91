// Claude Code reports what each model call cost through OpenTelemetry when told to: orc tells
// it to export its log events to orc's own OTLP receiver (web: /otlp/v1/logs), signed with the
// agent's token, and reads the api_request events (tokens in, out, cache; cost) from them.
// Observed with 2.1.328 (testing/CLAUDE-CODE-NOTES.md, section g): events arrive even with
// CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 and DISABLE_TELEMETRY=1; the header value is sent
// as written (a `%20` is not decoded), so the space stays a space; metrics are not needed (the
// events carry every figure, per request), so they are not exported.

/** How often the CLI sends its batch of events; what a killed CLI can lose at most. */
export const TELEMETRY_EXPORT_INTERVAL_MS = 2_000;

/** The environment that makes Claude Code export its events to orc at `orcUrl`, as the agent whose token it is. */
export function claudeTelemetryEnv(orcUrl: string, agentToken: string): Record<string, string> {
  return {
    CLAUDE_CODE_ENABLE_TELEMETRY: '1',
    OTEL_LOGS_EXPORTER: 'otlp',
    OTEL_METRICS_EXPORTER: 'none',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    // The exporter appends /v1/logs to this.
    OTEL_EXPORTER_OTLP_ENDPOINT: `${orcUrl.replace(/\/$/, '')}/otlp`,
    OTEL_EXPORTER_OTLP_HEADERS: `Authorization=Bearer ${agentToken}`,
    OTEL_LOGS_EXPORT_INTERVAL: String(TELEMETRY_EXPORT_INTERVAL_MS),
  };
}
