// What an agent's Claude Code spent, read from the OpenTelemetry log events it exports
// (OTLP/HTTP, JSON encoding) when orc tells it to. Each `claude_code.api_request` event is one
// call to the model, with its model, token counts and the cost the CLI computed for it; every
// other event (prompts, tool decisions, plugins) is ignored. The sender is an agent, so
// nothing here is trusted: counts must be whole, finite, non-negative and of a size one request
// can have, or the event is rejected (and counted, for the OTLP partial-success answer).
// What 2.1.328 sends, verbatim: testing/CLAUDE-CODE-NOTES.md, section g.

/** One model call as Claude Code reported it. */
export interface ApiRequestUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
  costUsd: number;
}

export interface ParsedApiRequests {
  requests: ApiRequestUsage[];
  /** api_request events refused for a bad or missing value. */
  rejected: number;
  /** Why, for the first few refused (OTLP's `errorMessage`). */
  problems: string[];
}

/** Above any request a model can make today (a 1M-token context plus its output), with room to spare. */
export const MAX_TOKENS_PER_REQUEST = 10_000_000;
/** More than any single request costs at today's prices; a bigger figure is a lie or a bug. */
export const MAX_COST_USD_PER_REQUEST = 1_000;
/** Log records read from one export; Claude Code's batches are far smaller (its default is 512). */
export const MAX_RECORDS_PER_EXPORT = 2_000;
const MAX_MODEL_LENGTH = 100;
const MAX_PROBLEMS = 5;

export const API_REQUEST_EVENT = 'claude_code.api_request';

/** Model names as vendors write them; anything else is kept as `unknown` rather than stored. */
const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._:@/+-]*$/;

const TOKEN_FIELDS = {
  inputTokens: 'input_tokens',
  outputTokens: 'output_tokens',
  cacheReadTokens: 'cache_read_tokens',
  cacheCreationTokens: 'cache_creation_tokens',
} as const;

export class InvalidOtlpExportError extends Error {
  override name = 'InvalidOtlpExportError';
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * An OTLP AnyValue as a plain value: a string, a number (int64 may come as a decimal string,
 * as the OTLP JSON encoding allows), a boolean; arrays and maps are not needed here.
 */
function plainValue(value: unknown): string | number | boolean | undefined {
  if (!isRecord(value)) return undefined;
  if (typeof value.stringValue === 'string') return value.stringValue;
  if (typeof value.boolValue === 'boolean') return value.boolValue;
  if (typeof value.doubleValue === 'number') return value.doubleValue;
  if (typeof value.intValue === 'number') return value.intValue;
  if (typeof value.intValue === 'string' && /^-?\d{1,20}$/.test(value.intValue)) return Number(value.intValue);
  return undefined;
}

function attributesOf(record: Record<string, unknown>): Map<string, string | number | boolean | undefined> {
  const attributes = new Map<string, string | number | boolean | undefined>();
  for (const attribute of listOf(record.attributes)) {
    if (!isRecord(attribute) || typeof attribute.key !== 'string') continue;
    // The first of a repeated key wins: a sender cannot hide a bad value behind a good one.
    if (!attributes.has(attribute.key)) attributes.set(attribute.key, plainValue(attribute.value));
  }
  return attributes;
}

function isApiRequest(record: Record<string, unknown>, attributes: Map<string, unknown>): boolean {
  return plainValue(record.body) === API_REQUEST_EVENT || attributes.get('event.name') === 'api_request';
}

function tokenCount(attributes: Map<string, unknown>, key: string): number | string {
  const value = attributes.get(key);
  // Claude Code always sends all four; a missing cache count would still be a real request.
  if (value === undefined && key !== 'input_tokens' && key !== 'output_tokens') return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > MAX_TOKENS_PER_REQUEST) {
    return `${key} ${JSON.stringify(value) ?? 'missing'} is not a whole number from 0 to ${MAX_TOKENS_PER_REQUEST}`;
  }
  return value;
}

function modelOf(attributes: Map<string, unknown>): string {
  const model = attributes.get('model');
  return typeof model === 'string' && model.length <= MAX_MODEL_LENGTH && MODEL_NAME.test(model) ? model : 'unknown';
}

/** One api_request record's usage, or why it was refused. */
function usageOf(attributes: Map<string, unknown>): ApiRequestUsage | string {
  const counts: Partial<Record<keyof typeof TOKEN_FIELDS, number>> = {};
  for (const [field, key] of Object.entries(TOKEN_FIELDS) as [keyof typeof TOKEN_FIELDS, string][]) {
    const count = tokenCount(attributes, key);
    if (typeof count === 'string') return count;
    counts[field] = count;
  }
  const cost = attributes.get('cost_usd');
  if (typeof cost !== 'number' || !Number.isFinite(cost) || cost < 0 || cost > MAX_COST_USD_PER_REQUEST) {
    return `cost_usd ${JSON.stringify(cost) ?? 'missing'} is not a number from 0 to ${MAX_COST_USD_PER_REQUEST}`;
  }
  return {
    model: modelOf(attributes),
    inputTokens: counts.inputTokens ?? 0,
    outputTokens: counts.outputTokens ?? 0,
    cacheReadTokens: counts.cacheReadTokens ?? 0,
    cacheCreationTokens: counts.cacheCreationTokens ?? 0,
    costUsd: cost,
  };
}

/**
 * The api_request events of an OTLP logs export (`ExportLogsServiceRequest` as JSON).
 * Throws InvalidOtlpExportError only when the body is not an export at all; bad events are
 * counted in `rejected`, the rest kept. Resource and scope attributes are never read: who sent
 * the export is known from its token alone.
 */
export function parseOtlpApiRequests(body: unknown): ParsedApiRequests {
  if (!isRecord(body) || !Array.isArray(body.resourceLogs)) {
    throw new InvalidOtlpExportError('not an OTLP logs export: the body needs a resourceLogs list');
  }
  const result: ParsedApiRequests = { requests: [], rejected: 0, problems: [] };
  const refuse = (why: string) => {
    result.rejected++;
    if (result.problems.length < MAX_PROBLEMS) result.problems.push(why);
  };
  let seen = 0;
  for (const resourceLogs of body.resourceLogs) {
    for (const scopeLogs of listOf(isRecord(resourceLogs) ? resourceLogs.scopeLogs : undefined)) {
      for (const record of listOf(isRecord(scopeLogs) ? scopeLogs.logRecords : undefined)) {
        seen++;
        if (seen > MAX_RECORDS_PER_EXPORT) {
          refuse(`more than ${MAX_RECORDS_PER_EXPORT} log records in one export; the rest were not read`);
          continue;
        }
        if (!isRecord(record)) continue;
        const attributes = attributesOf(record);
        if (!isApiRequest(record, attributes)) continue;
        const usage = usageOf(attributes);
        if (typeof usage === 'string') refuse(`api_request: ${usage}`);
        else result.requests.push(usage);
      }
    }
  }
  return result;
}

/** The export's requests summed per model: what one export adds to an agent's figures. */
export function sumByModel(requests: readonly ApiRequestUsage[]): Array<ApiRequestUsage & { requests: number }> {
  const byModel = new Map<string, ApiRequestUsage & { requests: number }>();
  for (const request of requests) {
    const sum = byModel.get(request.model) ?? { model: request.model, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0, costUsd: 0, requests: 0 };
    sum.inputTokens += request.inputTokens;
    sum.outputTokens += request.outputTokens;
    sum.cacheReadTokens += request.cacheReadTokens;
    sum.cacheCreationTokens += request.cacheCreationTokens;
    sum.costUsd += request.costUsd;
    sum.requests++;
    byModel.set(request.model, sum);
  }
  return [...byModel.values()];
}
