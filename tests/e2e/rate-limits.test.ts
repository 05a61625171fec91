// An agent floods orc's PermissionRequest hook with its own token (its hook payloads are its
// own to send): 1000 requests, 50 at a time, none of which a rule decides. One waits for a
// person; the others are answered at once with "no decision" and leave no row, or refused with
// 429 once the token's burst is spent. A request a rule decides is still answered and recorded,
// and the server keeps answering everyone else meanwhile. The API has its own rate per token.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFallbackAccess } from '../../host/screen-fallback/screen-fallback-access.ts';
import { dataLayout } from '../../domain/data-layout.ts';
import { parseAgentRef } from '../../domain/names.ts';
import { createDatabase } from '../../db/client.ts';
import { permissionRequests } from '../../db/schema/permission-requests.ts';
import { issueToken } from '../../db/tokens.ts';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';

const team = uniqueName('flood');
const agent = `${team}/flooder`;
const FLOOD = 1000;
const AT_A_TIME = 50;
const { db, sql } = createDatabase(inject('databaseUrl'), { max: 1 });
let project: string;
let token: string;

function permissionRequest(command: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${inject('orcUrl')}/hooks/claude/permission-request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ hook_event_name: 'PermissionRequest', session_id: 'flood', tool_name: 'Bash', tool_input: { command }, cwd: project }),
    ...(signal ? { signal } : {}),
  });
}

const rowsOf = () =>
  db.select({ id: permissionRequests.id, status: permissionRequests.status, command: permissionRequests.commandText }).from(permissionRequests).where(eq(permissionRequests.agentId, agent));

const pendingOf = () =>
  db.select({ id: permissionRequests.id, command: permissionRequests.commandText }).from(permissionRequests).where(and(eq(permissionRequests.agentId, agent), eq(permissionRequests.status, 'pending')));

/** How long one `agents.status` call over HTTP takes, as a person's CLI or dashboard makes it. */
async function timeStatusCall(): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${inject('orcUrl')}/api/trpc/agents.status`, { headers: { authorization: `Bearer ${inject('adminToken')}` } });
  await response.text();
  expect(response.status).toBe(200);
  return performance.now() - started;
}

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'orc-flood-'));
  await orc(['agent', 'start', agent, '--project', project, '--cmd', 'bash --norc --noprofile']);
  // The agent's own token, as the host keeps it for the agent's screen fallback.
  const access = await readFallbackAccess(dataLayout(inject('dataDir')).host('test-host').agent(parseAgentRef(agent)).screenFallbackAccess);
  token = access?.token ?? '';
  expect(token).not.toBe('');
});

afterAll(async () => {
  await runOrc(['agent', 'stop', agent]);
  await sql.end();
});

describe('a flood of permission requests from one agent', () => {
  it('leaves one request waiting for a person, records what rules decide, refuses the excess with 429, and the server stays responsive', async () => {
    // A request no rule decides: it waits for a person (20 s in tests), its hook held open.
    const holder = new AbortController();
    const heldAt = performance.now();
    const held = permissionRequest('make held-target', holder.signal).catch(() => null);
    const [waiting] = await eventually(async () => {
      const rows = await pendingOf();
      expect(rows.map((r) => r.command)).toEqual(['make held-target']);
      return rows;
    });

    // Another no rule decides, meanwhile: answered at once with no decision, and no row.
    const startedOther = performance.now();
    const other = await permissionRequest('make other-target');
    expect(other.status).toBe(200);
    expect(await other.json()).toEqual({});
    expect(performance.now() - startedOther).toBeLessThan(2000);
    // One a rule decides: answered and recorded as ever (the autonomy statistics count it).
    await orc(['rules', 'add', 'Bash(make allowed-target)', '--allow', '--project', project]);
    const allowed = await permissionRequest('make allowed-target');
    expect(await allowed.json()).toEqual({ hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'allow' } } });

    // The flood, with a person's status call every quarter second beside it.
    const statuses = new Map<number, number>();
    const bodies = new Set<string>();
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < FLOOD) {
        const i = next++;
        const response = await permissionRequest(`make flood-${i}`);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        bodies.add(`${response.status} ${await response.text()}`);
      }
    };
    const flood = Promise.all(Array.from({ length: AT_A_TIME }, worker));
    let flooding = true;
    const statusTimes: number[] = [];
    let mostPending = 0;
    const probe = (async () => {
      while (flooding) {
        statusTimes.push(await timeStatusCall());
        mostPending = Math.max(mostPending, (await pendingOf()).length);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    await flood;
    const floodMs = performance.now() - started;
    flooding = false;
    await probe;

    const refused = statuses.get(429) ?? 0;
    const answered = statuses.get(200) ?? 0;
    const sorted = [...statusTimes].sort((a, b) => a - b);
    console.log(
      `[hook flood] ${FLOOD} requests, ${AT_A_TIME} at a time, in ${Math.round(floodMs)} ms: ${answered} answered at once (no decision), ${refused} refused (429); ` +
        `status calls during the flood: ${sorted.length}, median ${Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0)} ms, max ${Math.round(sorted.at(-1) ?? 0)} ms`,
    );
    expect(answered + refused).toBe(FLOOD);
    expect(refused).toBeGreaterThan(0);
    expect(answered).toBeGreaterThan(0);
    // Every answer was "no decision" or a refusal naming the limit.
    for (const body of bodies) expect(body).toMatch(/^(200 \{\}|429 \{"error":"rate limit: this token made more than \d+ hook calls in a burst \(\d+ a second sustained\); try again in \d+ s"\})$/);
    expect(sorted.length).toBeGreaterThan(0);
    expect(sorted.at(-1)).toBeLessThan(2000);
    expect(mostPending).toBe(1);

    // One row waits for a person; besides it only the one a rule decided. (On a slow machine the
    // flood may outlast the first request's 20 s wait: then a request that found the place free
    // took it, and each earlier holder timed out. Still one at a time.)
    const pendingNow = await pendingOf();
    const rows = await rowsOf();
    const holders = rows.filter((r) => r.command !== 'make allowed-target');
    expect(rows.filter((r) => r.command === 'make allowed-target').map((r) => r.status)).toEqual(['allowed']);
    if (performance.now() - heldAt < 19_000) {
      expect(pendingNow).toEqual([waiting]);
      expect(await pendingOf()).toEqual([waiting]);
      expect(holders.map((r) => [r.command, r.status])).toEqual([['make held-target', 'pending']]);
    } else {
      console.log(`[hook flood] the flood outlasted the first request's wait: ${holders.length} requests held the agent's one place in turn`);
      expect(holders.length).toBeLessThanOrEqual(1 + Math.ceil((performance.now() - heldAt) / 20_000));
      expect(pendingNow.length).toBeLessThanOrEqual(1);
      expect(holders.filter((r) => r.status !== 'timed-out').map((r) => r.id)).toEqual(pendingNow.map((r) => r.id));
    }
    const listed = (JSON.parse(await orc(['approvals', '--json'])) as Array<{ agent: string; id: string; state: string }>).filter((p) => p.agent === agent && p.state === 'waiting');
    expect(listed.map((p) => p.id)).toEqual(pendingNow.map((r) => r.id));

    // With the token's rate spent (spent again here, by calls that change nothing), PreToolUse is
    // answered with a denial, not an error Claude Code would run past.
    const drains = Array.from({ length: 80 }, () => fetch(`${inject('orcUrl')}/hooks/claude/stop`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: 'not json' }));
    // The first refusal: the bucket is empty now, and refills by one call a tenth of a second.
    await Promise.any(drains.map((drain) => drain.then((r) => (r.status === 429 ? r : Promise.reject(new Error(String(r.status)))))));
    const preToolUse = await fetch(`${inject('orcUrl')}/hooks/claude/pre-tool-use`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ hook_event_name: 'PreToolUse', session_id: 'flood', tool_name: 'Bash', tool_input: { command: 'make allowed-target' }, tool_use_id: 'toolu_flood' }),
    });
    expect(preToolUse.status).toBe(200);
    expect(await preToolUse.json()).toMatchObject({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: expect.stringMatching(/^orc did not judge this tool use: rate limit/) } });
    await Promise.all(drains.map((drain) => drain.then((r) => r.text())));

    // Claude Code gives up on the held hook: the request times out, and the agent's one place is free again.
    holder.abort();
    await held;
    await eventually(async () => expect(await pendingOf()).toEqual([]));
    expect((await rowsOf()).find((r) => r.id === waiting?.id)?.status).toBe('timed-out');
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the bucket refills a little
    const again = new AbortController();
    const nextHeld = permissionRequest('make next-target', again.signal).catch(() => null);
    await eventually(async () => expect((await pendingOf()).map((r) => r.command)).toEqual(['make next-target']));
    again.abort();
    await nextHeld;
  }, 120_000);
});

describe('the API rate of a token', () => {
  it('past its burst, calls are refused with 429, Retry-After and the limit named', async () => {
    const viewer = (await issueToken(db, { role: 'viewer', name: `${team}-viewer` })).token;
    const headers = { authorization: `Bearer ${viewer}` };
    // One batch of 150 calls: each counts, and those past the burst are refused.
    const calls = 150;
    const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: calls }, (_, i) => [String(i), {}]))));
    const batch = await fetch(`${inject('orcUrl')}/api/trpc/${Array.from({ length: calls }, () => 'rules.list').join(',')}?batch=1&input=${input}`, { headers });
    const results = (await batch.json()) as Array<{ result?: unknown; error?: { message: string; data: { code: string; httpStatus: number } } }>;
    const refusedInBatch = results.filter((r) => r.error?.data.code === 'TOO_MANY_REQUESTS');
    expect(results.filter((r) => r.result !== undefined).length).toBeGreaterThanOrEqual(100);
    expect(refusedInBatch.length).toBeGreaterThan(0);
    expect(refusedInBatch[0]?.error?.message).toMatch(/^rate limit: this token made more than \d+ API calls in a burst \(\d+ a second sustained\); try again in \d+ s$/);

    // Single calls right after: those past what refilled meanwhile get HTTP 429.
    const singles = await Promise.all(Array.from({ length: 60 }, () => fetch(`${inject('orcUrl')}/api/trpc/rules.list`, { headers })));
    const single = singles.find((r) => r.status === 429);
    expect(single, `statuses: ${singles.map((r) => r.status).join(' ')}`).toBeDefined();
    if (!single) return;
    expect(Number(single.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await single.json()) as { error: { message: string } }).error.message).toMatch(/^rate limit: this token made more than \d+ API calls/);

    // Another token is not held up.
    expect((await fetch(`${inject('orcUrl')}/api/trpc/rules.list`, { headers: { authorization: `Bearer ${inject('adminToken')}` } })).status).toBe(200);
  });
});
