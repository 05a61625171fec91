// orc's OTLP/HTTP receiver (/otlp/v1/logs) over HTTP on the test stack, as an agent's Claude
// Code reaches it: only an agent's own token is taken, and the figures land on that agent
// whatever the export claims; hostile values are refused per event (OTLP partial success),
// oversized, compressed or non-JSON bodies as a whole; a flood gets 429 with Retry-After.
// Figures are read back with the real `orc usage --json`, on a team of this test's own.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../../db/client.ts';
import { tokenUsage } from '../../db/schema/token-usage.ts';
import { issueToken } from '../../db/tokens.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';

const team = uniqueName('otlp');
const agent = `${team}/spender`;
const { db, sql } = createDatabase(inject('databaseUrl'), { max: 1 });
let token: string;

type Value = { stringValue: string } | { intValue: number } | { doubleValue: number };

function apiRequest(overrides: Record<string, Value> = {}) {
  const attributes: Record<string, Value> = {
    'event.name': { stringValue: 'api_request' },
    model: { stringValue: 'claude-opus-5-5' },
    input_tokens: { intValue: 1234 },
    output_tokens: { intValue: 567 },
    cache_read_tokens: { intValue: 4321 },
    cache_creation_tokens: { intValue: 89 },
    cost_usd: { doubleValue: 0.0175852 },
    ...overrides,
  };
  return { body: { stringValue: 'claude_code.api_request' }, attributes: Object.entries(attributes).map(([key, value]) => ({ key, value })) };
}

/** An export whose resource claims to be another team's agent: the receiver must not care. */
const exportOf = (...records: unknown[]) => ({
  resourceLogs: [{ resource: { attributes: [{ key: 'orc.agent', value: { stringValue: 'victim/agent' } }] }, scopeLogs: [{ logRecords: records }] }],
});

function post(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${inject('orcUrl')}/otlp/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers }, body });
}

async function usageOfTeam() {
  return JSON.parse(await orc(['usage', '--team', team, '--since', '1h', '--json'])) as {
    total: { requests: number; inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheCreationTokens: number; costUsd: number };
    rows: Array<{ key: string; requests: number }>;
  };
}

beforeAll(async () => {
  ({ token } = await issueToken(db, { role: 'agent', name: `agent ${agent}`, agentId: agent }));
});

afterAll(async () => {
  await db.delete(tokenUsage).where(eq(tokenUsage.team, team));
  await sql.end();
});

describe('the OTLP logs receiver', () => {
  it('refuses a call without a token, with an unknown one, and with a person’s', async () => {
    const body = JSON.stringify(exportOf(apiRequest()));
    const none = await fetch(`${inject('orcUrl')}/otlp/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ code: 16, message: 'missing or unknown agent token' });
    expect((await post(body, { authorization: 'Bearer orc_agt_not-a-real-token' })).status).toBe(401);
    const admin = await post(body, { authorization: `Bearer ${inject('adminToken')}` });
    expect(admin.status).toBe(403);
    expect(await admin.json()).toEqual({ code: 7, message: "telemetry takes an agent's token" });
    expect(await db.select().from(tokenUsage).where(eq(tokenUsage.team, team))).toEqual([]);
  });

  it("adds an export's api_request events to the token's agent, whatever the export says", async () => {
    const response = await post(JSON.stringify(exportOf(apiRequest(), apiRequest(), { body: { stringValue: 'claude_code.user_prompt' }, attributes: [] })));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    const usage = await usageOfTeam();
    expect(usage.rows).toEqual([expect.objectContaining({ key: agent, requests: 2 })]);
    expect(usage.total).toEqual({ requests: 2, inputTokens: 2468, outputTokens: 1134, cacheReadTokens: 8642, cacheCreationTokens: 178, costUsd: expect.closeTo(0.0351704, 12) as number });
    expect(await db.select().from(tokenUsage).where(eq(tokenUsage.team, 'victim'))).toEqual([]);
  });

  it('refuses hostile values event by event and keeps the rest', async () => {
    const hostile = [
      apiRequest({ input_tokens: { intValue: -1 } }),
      apiRequest({ output_tokens: { doubleValue: 1e300 } }),
      apiRequest({ cost_usd: { doubleValue: -5 } }),
      apiRequest({ cost_usd: { stringValue: 'NaN' } }),
    ];
    const response = await post(JSON.stringify(exportOf(...hostile, apiRequest({ model: { stringValue: 'bad\u001b[2Jname' } }))));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      partialSuccess: {
        rejectedLogRecords: 4,
        errorMessage:
          'api_request: input_tokens -1 is not a whole number from 0 to 10000000; api_request: output_tokens 1e+300 is not a whole number from 0 to 10000000; api_request: cost_usd -5 is not a number from 0 to 1000; api_request: cost_usd "NaN" is not a number from 0 to 1000',
      },
    });
    const models = await db.select({ model: tokenUsage.model, requests: tokenUsage.requests }).from(tokenUsage).where(and(eq(tokenUsage.team, team), eq(tokenUsage.model, 'unknown')));
    expect(models).toEqual([{ model: 'unknown', requests: 1 }]);
    expect((await usageOfTeam()).total.requests).toBe(3);
  });

  it('refuses bodies that are not a JSON export, too big, or compressed', async () => {
    const notJson = await post('{"resourceLogs": [');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ code: 3, message: 'export body is not JSON' });
    const notExport = await post('{"resourceMetrics": []}');
    expect(await notExport.json()).toEqual({ code: 3, message: 'not an OTLP logs export: the body needs a resourceLogs list' });
    const huge = await post(JSON.stringify(exportOf(apiRequest({ model: { stringValue: 'x'.repeat(1_100_000) } }))));
    expect(huge.status).toBe(413);
    const gzip = await post('{}', { 'content-encoding': 'gzip' });
    expect(gzip.status).toBe(415);
    const protobuf = await post('{}', { 'content-type': 'application/x-protobuf' });
    expect(protobuf.status).toBe(415);
    expect(await protobuf.json()).toMatchObject({ message: expect.stringContaining('OTEL_EXPORTER_OTLP_PROTOCOL=http/json') as string });
    expect((await usageOfTeam()).total.requests).toBe(3);
  });

  it('keeps at most a handful of models per agent and hour, whatever names an agent invents', async () => {
    const invented = Array.from({ length: 20 }, (_, i) => apiRequest({ model: { stringValue: `invented-${i}` } }));
    expect((await post(JSON.stringify(exportOf(...invented)))).status).toBe(200);
    const rows = await db.select({ model: tokenUsage.model, requests: tokenUsage.requests }).from(tokenUsage).where(eq(tokenUsage.team, team));
    expect(rows.length).toBe(8);
    expect(rows.reduce((sum, row) => sum + row.requests, 0)).toBe(23);
    expect(rows.find((row) => row.model === 'other')?.requests).toBe(15);
  });

  it('answers a flood of exports with 429 and Retry-After once the burst is spent', async () => {
    const flooder = `orc_agt_flood-${Date.now()}`;
    const statuses = await Promise.all(Array.from({ length: 45 }, () => post('{}', { authorization: `Bearer ${flooder}` }).then(async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), body: await r.text() }))));
    const refused = statuses.filter((s) => s.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(10);
    expect(Number(refused[0]?.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(refused[0]?.body).toContain('telemetry exports');
    // The rest were let through to the token check (a bucket refills as the flood goes on), and refused there.
    expect(statuses.every((s) => s.status === 401 || s.status === 429)).toBe(true);
  });

  it('lets an agent read its own team’s usage through orc, and not another team’s', async () => {
    const own = await runOrc(['usage', '--json'], { ORC_TOKEN: '', ORC_AGENT_TOKEN: token });
    expect(own.code).toBe(0);
    expect((JSON.parse(own.stdout) as { rows: Array<{ key: string }> }).rows.map((r) => r.key)).toEqual([agent]);
    const other = await runOrc(['usage', '--team', 'someone-else'], { ORC_TOKEN: '', ORC_AGENT_TOKEN: token });
    expect(other.code).not.toBe(0);
    expect(other.stderr).toContain(`agent ${agent} may read only team ${team}, not team someone-else`);
  });
});
