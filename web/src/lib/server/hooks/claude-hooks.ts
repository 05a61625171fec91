// Claude Code's HTTP hooks: each agent posts its events here with its own token, and they
// become signals on its workflow (PreToolUse only feeds the approval records). Only the agent
// itself may post for itself.
import { z } from 'zod';
import { agentEventSignal } from '$workflows/agent-messages.ts';
import type { AgentEvent } from '$workflows/agent-types.ts';
import { hashToken } from '$db/tokens.ts';
import { agentWorkflowId, parseAgentRef } from '$domain/names.ts';
import { isLimitStop, resetTimeFrom } from '$domain/usage-limit.ts';
import { withoutControlCharacters } from '$domain/control-characters.ts';
import { handlePermissionRequest } from '../approvals/permission-hook.ts';
import { permissionPayload, type PermissionPayload } from '../approvals/permission-payload.ts';
import { expireTimedOut } from '../approvals/request-store.ts';
import { preToolUseDeny } from '../approvals/hook-answer.ts';
import { handlePreToolUse, preToolUsePayload, type PreToolUsePayload } from '../approvals/tool-use-hook.ts';
import { bearerToken, identify } from '../auth/auth.ts';
import { nudge } from '../live/change-feed.ts';
import { hookConcurrency, hookRateLimiter } from '../limits/rate-limit.ts';
import { getServices } from '../services.ts';

const MAX_HOOK_BODY_BYTES = 2 * 1024 * 1024;

const basePayload = z.object({ session_id: z.string().max(200).optional(), hook_event_name: z.string().max(100).optional() }).loose();

const payloads = {
  'user-prompt-submit': basePayload.extend({ prompt: z.string().max(1_000_000) }),
  stop: basePayload,
  'stop-failure': basePayload.extend({ error: z.string().max(200).optional(), last_assistant_message: z.string().max(100_000).optional() }),
  notification: basePayload.extend({ message: z.string().max(100_000).optional() }),
  'permission-request': permissionPayload,
  'pre-tool-use': preToolUsePayload,
  // orc's own, not Claude Code's: the host's screen fallback saw the agent's dialog close.
  'dialog-closed': basePayload,
} as const;

export type HookEvent = keyof typeof payloads;
export const isHookEvent = (name: string): name is HookEvent => Object.hasOwn(payloads, name);

function toAgentEvent(event: Exclude<HookEvent, 'pre-tool-use' | 'dialog-closed'>, body: Record<string, unknown>, usageLimitRetryMs: number): AgentEvent {
  switch (event) {
    case 'stop-failure': {
      const error = typeof body.error === 'string' ? body.error : 'unknown';
      // Shown to people later (orc status, webhooks): the agent's words, never its escape sequences.
      const message = withoutControlCharacters((typeof body.last_assistant_message === 'string' ? body.last_assistant_message : '').slice(0, 1_000));
      if (!isLimitStop(error, message)) return { kind: 'turn-failed', message };
      const resetAt = resetTimeFrom(message, Date.now(), Intl.DateTimeFormat().resolvedOptions().timeZone);
      return { kind: 'limit-reached', message, resetAt: resetAt === null ? null : new Date(resetAt).toISOString(), retryAfterMs: usageLimitRetryMs };
    }
    case 'user-prompt-submit':
      return { kind: 'prompt-submitted', prompt: String(body.prompt) };
    case 'stop':
      return { kind: 'turn-finished' };
    case 'notification':
      return { kind: 'notification', message: typeof body.message === 'string' ? body.message : '' };
    case 'permission-request':
      return { kind: 'permission-requested', tool: String(body.tool_name) };
  }
}

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * A call refused for its token's rate. PreToolUse is answered with a denial rather than an
 * error: Claude Code goes on after a failed hook as if there were none, so an agent that spent
 * its own rate would otherwise run a tool use without orc's deny rules having seen it.
 */
function refused(event: HookEvent, why: string, retryAfterS: number): Response {
  if (event === 'pre-tool-use') return reply(200, preToolUseDeny(`orc did not judge this tool use: ${why}`));
  return new Response(JSON.stringify({ error: why }), {
    status: 429,
    headers: { 'content-type': 'application/json', 'retry-after': String(retryAfterS) },
  });
}

export async function handleClaudeHook(eventName: string, request: Request): Promise<Response> {
  if (!isHookEvent(eventName)) {
    return reply(404, { error: `unknown hook event "${eventName}"; known: ${Object.keys(payloads).join(', ')}` });
  }
  const bearer = bearerToken(request);
  if (bearer === null || bearer.length > 200) return reply(401, { error: 'missing or unknown agent token' });
  // Every hook, those a rule answers at once included (each is a row or a signal), counted per
  // token before the token is even looked up: a refused call costs the database nothing.
  const key = hashToken(bearer);
  const verdict = hookRateLimiter.take(key);
  if (!verdict.allowed) return refused(eventName, hookRateLimiter.describe(verdict), verdict.retryAfterS);
  const leave = await hookConcurrency.enter(key);
  try {
    return await handleAllowedHook(eventName, request);
  } finally {
    leave();
  }
}

async function handleAllowedHook(eventName: HookEvent, request: Request): Promise<Response> {
  const services = getServices();
  const identity = await identify(services.db, request);
  if (!identity) return reply(401, { error: 'missing or unknown agent token' });
  if (identity.role !== 'agent' || !identity.agentId) return reply(403, { error: 'hooks take an agent token' });

  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > MAX_HOOK_BODY_BYTES) return reply(413, { error: `hook body over ${MAX_HOOK_BODY_BYTES} bytes` });
  const raw = await request.text();
  if (raw.length > MAX_HOOK_BODY_BYTES) return reply(413, { error: `hook body over ${MAX_HOOK_BODY_BYTES} bytes` });
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return reply(400, { error: 'hook body is not JSON' });
  }
  const parsed = payloads[eventName].safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    return reply(400, { error: `malformed ${eventName} hook: ${problems}` });
  }
  const agentId = identity.agentId;
  if (eventName === 'pre-tool-use') {
    // A deny, an "ask" (Claude Code's own rules must not allow what orc does not), or "no
    // decision". If orc cannot judge (its database is down), Claude Code goes on as it would
    // without the hook, asking through PermissionRequest where it asks.
    const answer = await handlePreToolUse(services, { agentId, payload: parsed.data as PreToolUsePayload }).catch((err: unknown) => {
      console.error(`PreToolUse of ${agentId} not judged:`, err);
      return {};
    });
    // A deny was recorded: open dashboards show it now. An ask records nothing (its PermissionRequest will).
    if ('hookSpecificOutput' in answer && answer.hookSpecificOutput.permissionDecision === 'deny') nudge();
    return reply(200, answer);
  }
  if (eventName === 'dialog-closed') {
    // The worker tells the agent's workflow itself; here a request left to that dialog is closed,
    // as a hooked agent's next hook closes it: someone answered it at the pane, or it went away.
    await expireTimedOut(services.db, { agentId }, 'its dialog closed on screen');
    nudge();
    return reply(200, {});
  }
  const event = toAgentEvent(eventName, parsed.data as Record<string, unknown>, services.config.usageLimitRetryMs);
  const signalWorkflow = async () => {
    const client = await services.temporal();
    await client.workflow.getHandle(agentWorkflowId(parseAgentRef(agentId))).signal(agentEventSignal, event);
  };
  if (eventName === 'permission-request') {
    // Decided by rules at once, or held for a person: the workflow hears only of the held ones,
    // which are what "waiting-approval" means. The token names the agent; the body cannot.
    const notifyWaiting = async () => {
      nudge(); // the request is recorded: open dashboards show it now, not at their next look
      await signalWorkflow();
    };
    // A person's answer through orc: the agent works on (the event a dialog closing would give).
    const notifyAnswered = async () => {
      const client = await services.temporal();
      await client.workflow.getHandle(agentWorkflowId(parseAgentRef(agentId))).signal(agentEventSignal, { kind: 'dialog-closed' });
    };
    const answer = await handlePermissionRequest(services, { agentId, payload: parsed.data as PermissionPayload, notifyWaiting, notifyAnswered, signal: request.signal });
    return reply(200, answer);
  }
  await signalWorkflow();
  // A new turn or its end: whatever dialog a timed-out request waited in is gone.
  if (eventName === 'stop' || eventName === 'user-prompt-submit') {
    await expireTimedOut(services.db, { agentId }, eventName === 'stop' ? 'the agent finished its turn' : 'the agent took a new prompt');
  }
  return reply(200, {});
}
