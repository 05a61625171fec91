import { describe, expect, it } from 'vitest';
import { claudeTelemetryEnv } from './claude-telemetry.ts';

describe('claudeTelemetryEnv', () => {
  it("points the CLI's log events at orc's receiver, with the agent's token and a plain space", () => {
    expect(claudeTelemetryEnv('http://127.0.0.1:3000/', 'orc_agt_abc-_1')).toEqual({
      CLAUDE_CODE_ENABLE_TELEMETRY: '1',
      OTEL_LOGS_EXPORTER: 'otlp',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:3000/otlp',
      OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Bearer orc_agt_abc-_1',
      OTEL_LOGS_EXPORT_INTERVAL: '2000',
    });
  });
});
