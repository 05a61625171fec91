// Webhooks, end to end: two receivers on loopback subscribe to needs-person events, one of
// them answering 500 to its first request. A PermissionRequest that a rule allows never shows
// its agent as needing a person, at any poll, and sends nothing; one that no rule decides
// reaches both receivers signed (HMAC-SHA256 over timestamp and body, checked here), the first
// within 2 s of the request, the second after a retry; every try is listed by `orc notify list`.
// Agents' tokens cannot touch webhooks.
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFallbackAccess } from '../../host/screen-fallback/screen-fallback-access.ts';
import { dataLayout } from '../../domain/data-layout.ts';
import { parseAgentRef } from '../../domain/names.ts';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';

const team = uniqueName('notify');
const agent = `${team}/asker`;
const secret = randomBytes(16).toString('hex');
let project: string;
let token: string;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
  /** Wall clock, to compare with the event's own time. */
  wallAt: number;
  answered: number;
}
const received: Received[] = [];
let server: Server;
let base: string;
const hookIds: string[] = [];

function permissionRequest(command: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${inject('orcUrl')}/hooks/claude/permission-request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ hook_event_name: 'PermissionRequest', session_id: 'notify', tool_name: 'Bash', tool_input: { command }, cwd: project }),
    ...(signal ? { signal } : {}),
  });
}

type StatusEntry = { id: string; state: string; needsPerson: { reason: string; detail: string } | null };
async function statusOf(id: string): Promise<StatusEntry | undefined> {
  const response = await fetch(`${inject('orcUrl')}/api/trpc/agents.status`, { headers: { authorization: `Bearer ${inject('adminToken')}` } });
  const body = (await response.json()) as { result: { data: StatusEntry[] } };
  return body.result.data.find((entry) => entry.id === id);
}

const verify = (r: Received) => {
  const timestamp = String(r.headers['x-orc-timestamp']);
  return r.headers['x-orc-signature'] === `sha256=${createHmac('sha256', secret).update(`${timestamp}.${r.body}`).digest('hex')}`;
};

beforeAll(async () => {
  let flakyCalls = 0;
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      const answered = path === '/flaky' && flakyCalls++ === 0 ? 500 : 200;
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: performance.now(), wallAt: Date.now(), answered });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const path of ['/ok', '/flaky']) {
    const added = JSON.parse(await orc(['notify', 'add', `${base}${path}`, '--events', 'needs-person', '--secret-env', 'HOOK_SECRET', '--json'], { HOOK_SECRET: secret })) as { id: string; signed: boolean };
    expect(added.signed).toBe(true);
    hookIds.push(added.id);
  }

  project = await mkdtemp(join(tmpdir(), 'orc-notify-'));
  await orc(['agent', 'start', agent, '--project', project, '--cmd', 'bash --norc --noprofile']);
  const access = await readFallbackAccess(dataLayout(inject('dataDir')).host('test-host').agent(parseAgentRef(agent)).screenFallbackAccess);
  token = access?.token ?? '';
  expect(token).not.toBe('');
}, 120_000);

afterAll(async () => {
  await runOrc(['agent', 'stop', agent]);
  for (const id of hookIds) await runOrc(['notify', 'rm', id]);
  await new Promise((resolve) => server?.close(resolve));
});

describe('notifications', () => {
  it('a request a rule allows never shows the agent as needing a person, and sends nothing', async () => {
    await orc(['rules', 'add', 'Bash(make allowed-target)', '--allow', '--project', project]);
    const seen: StatusEntry[] = [];
    let asking = true;
    const poll = (async () => {
      while (asking) {
        const entry = await statusOf(agent);
        if (entry) seen.push(entry);
      }
    })();
    for (let i = 0; i < 10; i++) {
      const answer = await permissionRequest('make allowed-target');
      expect(await answer.json()).toEqual({ hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'allow' } } });
    }
    asking = false;
    await poll;
    console.log(`[notifications] ${seen.length} status polls while 10 rule-allowed requests were answered`);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((entry) => entry.state === 'waiting-approval' || entry.needsPerson !== null)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received).toEqual([]);
  }, 120_000);

  it('a request waiting for a person reaches the receivers signed, within 2 s, and again after a 500', async () => {
    const holder = new AbortController();
    const sentAt = performance.now();
    const held = permissionRequest('make needs-a-person', holder.signal).catch(() => null);
    const first = await eventually(async () => {
      const hit = received.find((r) => r.path === '/ok');
      expect(hit).toBeDefined();
      return hit as Received;
    }, { timeoutMs: 20_000, intervalMs: 20 });
    const latency = first.at - sentAt;
    const recordedToReceived = first.wallAt - new Date((JSON.parse(first.body) as { at: string }).at).getTime();
    console.log(`[notifications] request sent → signed needs-person event at the receiver: ${Math.round(latency)} ms (of which request recorded as waiting → received: ${recordedToReceived} ms)`);
    expect(verify(first)).toBe(true);
    expect(verify({ ...first, body: first.body.replace('needs-a-person', 'needs-a-persoN') })).toBe(false);
    const event = JSON.parse(first.body) as { id: string; kind: string; agent: string; summary: string; requestId: string };
    expect(event).toMatchObject({ kind: 'needs-person', agent, team });
    expect(event.summary).toContain('make needs-a-person');
    expect(first.headers['x-orc-event']).toBe('needs-person');
    expect(latency).toBeLessThan(2000);

    // The agent needs a person now, for this reason.
    expect((await statusOf(agent))?.needsPerson?.reason).toBe('waiting-request');

    // The flaky receiver answered 500 once; the same event came again, signed afresh, and was taken.
    const flaky = await eventually(async () => {
      const hits = received.filter((r) => r.path === '/flaky');
      expect(hits.map((r) => r.answered)).toEqual([500, 200]);
      return hits;
    }, { timeoutMs: 30_000 });
    for (const hit of flaky) {
      expect(verify(hit)).toBe(true);
      expect((JSON.parse(hit.body) as { id: string }).id).toBe(event.id);
    }
    console.log(`[notifications] retry after the 500 came ${Math.round((flaky[1]?.at ?? 0) - (flaky[0]?.at ?? 0))} ms later`);
    const listed = JSON.parse(await orc(['notify', 'list', '--json'])) as Array<{ id: string; deliveries: Array<{ eventId: string; attempt: number; statusCode: number | null; ok: boolean; error: string | null }> }>;
    const flakyHook = listed.find((hook) => hook.id === hookIds[1]);
    expect(flakyHook?.deliveries.filter((d) => d.eventId === event.id).map((d) => [d.attempt, d.statusCode, d.ok]).sort()).toEqual([[1, 500, false], [2, 200, true]]);

    // Answered: the agent no longer needs a person, and at no poll meanwhile does it show a
    // dialog orc has no request for (its workflow hears of the answer a moment after the row).
    const afterAnswer: Array<string | null> = [];
    let watching = true;
    const watch = (async () => {
      while (watching) afterAnswer.push((await statusOf(agent))?.needsPerson?.reason ?? null);
    })();
    await orc(['deny', event.requestId]);
    await held;
    await eventually(async () => expect((await statusOf(agent))?.needsPerson).toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 1000));
    watching = false;
    await watch;
    expect(afterAnswer.filter((reason) => reason !== null && reason !== 'waiting-request')).toEqual([]);
    holder.abort();
  }, 120_000);

  it('orc notify test reports what the receiver answered; agent tokens cannot manage webhooks', async () => {
    const tested = JSON.parse(await orc(['notify', 'test', hookIds[0] ?? '', '--json'])) as { ok: boolean; statusCode: number };
    expect(tested).toMatchObject({ ok: true, statusCode: 200 });
    const asAgent = await runOrc(['notify', 'list'], { ORC_TOKEN: token });
    expect(asAgent.code).not.toBe(0);
    expect(asAgent.stderr).toMatch(/agent token .* can never manage webhooks/);
    const refused = await runOrc(['notify', 'add', 'https://user:pw@example.com/x']);
    expect(refused.stderr).toMatch(/no user name or password/);
  }, 60_000);
});
