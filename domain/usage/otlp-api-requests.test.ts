import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidOtlpExportError, MAX_RECORDS_PER_EXPORT, parseOtlpApiRequests, sumByModel } from './otlp-api-requests.ts';

// A logs export exactly as Claude Code 2.1.328 posted it (its user_prompt and api_request
// events; the scripted API reported 1234 input, 567 output, 89 cache-creation and 4321
// cache-read tokens).
const captured: unknown = JSON.parse(readFileSync(new URL('./claude-code-2.1.328-logs-export.json', import.meta.url), 'utf8'));

type Value = { stringValue: string } | { intValue: number | string } | { doubleValue: number } | { boolValue: boolean };

function exportOf(...records: Array<Record<string, Value>>): unknown {
  return {
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'claude-code' } }] },
        scopeLogs: [
          {
            scope: { name: 'com.anthropic.claude_code.events' },
            logRecords: records.map((attributes) => ({
              body: { stringValue: 'claude_code.api_request' },
              attributes: Object.entries(attributes).map(([key, value]) => ({ key, value })),
            })),
          },
        ],
      },
    ],
  };
}

const request = (overrides: Record<string, Value> = {}): Record<string, Value> => ({
  'event.name': { stringValue: 'api_request' },
  model: { stringValue: 'claude-opus-5-5' },
  input_tokens: { intValue: 100 },
  output_tokens: { intValue: 20 },
  cache_read_tokens: { intValue: 3 },
  cache_creation_tokens: { intValue: 4 },
  cost_usd: { doubleValue: 0.0008 },
  ...overrides,
});

describe('parseOtlpApiRequests', () => {
  it("reads Claude Code's own api_request event and skips its other events", () => {
    expect(parseOtlpApiRequests(captured)).toEqual({
      requests: [{ model: 'claude-opus-5-5', inputTokens: 1234, outputTokens: 567, cacheReadTokens: 4321, cacheCreationTokens: 89, costUsd: 0.0175852 }],
      rejected: 0,
      problems: [],
    });
  });

  it('takes int64 counts written as decimal strings, as the OTLP JSON encoding allows', () => {
    const parsed = parseOtlpApiRequests(exportOf(request({ input_tokens: { intValue: '1500' } })));
    expect(parsed.requests[0]?.inputTokens).toBe(1500);
  });

  it.each([
    ['a negative count', { output_tokens: { intValue: -5 } }, 'output_tokens -5 is not a whole number from 0 to 10000000'],
    ['a fractional count', { input_tokens: { doubleValue: 1.5 } }, 'input_tokens 1.5 is not a whole number from 0 to 10000000'],
    ['a count beyond any request', { cache_read_tokens: { intValue: 10_000_001 } }, 'cache_read_tokens 10000001 is not a whole number from 0 to 10000000'],
    ['a count as text', { input_tokens: { stringValue: '12' } }, 'input_tokens "12" is not a whole number from 0 to 10000000'],
    ['a huge int64 string', { input_tokens: { intValue: '99999999999999999999' } }, 'input_tokens 100000000000000000000 is not a whole number from 0 to 10000000'],
    ['no input count', { input_tokens: { boolValue: true } }, 'input_tokens true is not a whole number from 0 to 10000000'],
    ['a negative cost', { cost_usd: { doubleValue: -0.01 } }, 'cost_usd -0.01 is not a number from 0 to 1000'],
    ['an absurd cost', { cost_usd: { doubleValue: 1e9 } }, 'cost_usd 1000000000 is not a number from 0 to 1000'],
  ])('refuses an event with %s and keeps the others', (_, overrides, problem) => {
    const parsed = parseOtlpApiRequests(exportOf(request(overrides), request()));
    expect(parsed.rejected).toBe(1);
    expect(parsed.problems).toEqual([`api_request: ${problem}`]);
    expect(parsed.requests).toHaveLength(1);
  });

  it('refuses a missing cost, but not missing cache counts', () => {
    const without = (...keys: string[]) => Object.fromEntries(Object.entries(request()).filter(([key]) => !keys.includes(key)));
    const withoutCost = without('cost_usd');
    const withoutCache = without('cache_read_tokens', 'cache_creation_tokens');
    const parsed = parseOtlpApiRequests(exportOf(withoutCost, withoutCache));
    expect(parsed.problems).toEqual(['api_request: cost_usd missing is not a number from 0 to 1000']);
    expect(parsed.requests).toEqual([{ model: 'claude-opus-5-5', inputTokens: 100, outputTokens: 20, cacheReadTokens: 0, cacheCreationTokens: 0, costUsd: 0.0008 }]);
  });

  it('keeps the first of a repeated attribute, so a bad value cannot hide behind a good one', () => {
    const record = { ...request(), input_tokens: { intValue: -1 } };
    const body = exportOf(record) as { resourceLogs: Array<{ scopeLogs: Array<{ logRecords: Array<{ attributes: unknown[] }> }> }> };
    body.resourceLogs[0]?.scopeLogs[0]?.logRecords[0]?.attributes.push({ key: 'input_tokens', value: { intValue: 7 } });
    expect(parseOtlpApiRequests(body).rejected).toBe(1);
  });

  it('stores a model name it cannot vouch for as "unknown"', () => {
    const names = ['claude-sonnet-4-5@20250929', 'x'.repeat(101), 'evil\u001b[2Jmodel', ''];
    const parsed = parseOtlpApiRequests(exportOf(...names.map((name) => request({ model: { stringValue: name } }))));
    expect(parsed.requests.map((r) => r.model)).toEqual(['claude-sonnet-4-5@20250929', 'unknown', 'unknown', 'unknown']);
  });

  it('never reads the resource attributes: who sent it is known from the token', () => {
    const body = exportOf(request()) as { resourceLogs: Array<{ resource: { attributes: unknown[] } }> };
    body.resourceLogs[0]?.resource.attributes.push({ key: 'orc.agent', value: { stringValue: 'beta/y' } });
    expect(parseOtlpApiRequests(body).requests).toHaveLength(1);
  });

  it('reads at most a bounded number of records from one export', () => {
    const records = Array.from({ length: MAX_RECORDS_PER_EXPORT + 3 }, () => request());
    const parsed = parseOtlpApiRequests(exportOf(...records));
    expect(parsed.requests).toHaveLength(MAX_RECORDS_PER_EXPORT);
    expect(parsed.rejected).toBe(3);
  });

  it('ignores junk inside a well-formed export and refuses a body that is not one', () => {
    expect(parseOtlpApiRequests({ resourceLogs: [null, 3, { scopeLogs: 'x' }, { scopeLogs: [{ logRecords: [null, 'x', {}] }] }] })).toEqual({ requests: [], rejected: 0, problems: [] });
    for (const body of [null, [], 'x', { resourceMetrics: [] }]) expect(() => parseOtlpApiRequests(body)).toThrow(InvalidOtlpExportError);
  });
});

describe('sumByModel', () => {
  it('adds up the requests of each model', () => {
    const parsed = parseOtlpApiRequests(exportOf(request(), request(), request({ model: { stringValue: 'claude-haiku-4-5' } })));
    expect(sumByModel(parsed.requests)).toEqual([
      { model: 'claude-opus-5-5', inputTokens: 200, outputTokens: 40, cacheReadTokens: 6, cacheCreationTokens: 8, costUsd: 0.0016, requests: 2 },
      { model: 'claude-haiku-4-5', inputTokens: 100, outputTokens: 20, cacheReadTokens: 3, cacheCreationTokens: 4, costUsd: 0.0008, requests: 1 },
    ]);
  });
});
