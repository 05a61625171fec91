import { describe, expect, it } from 'vitest';
import { needsPerson, type AgentAttentionFacts } from './needs-person.ts';

const calm: AgentAttentionFacts = { state: 'working', waitingRequests: 0, requestsInDialog: 0, pausedUntil: null };
const now = new Date('2026-11-30T12:00:00Z');
const reason = (facts: Partial<AgentAttentionFacts>) => needsPerson({ ...calm, ...facts }, now)?.reason ?? null;

describe('needsPerson', () => {
  it('says nothing of an agent at work, idle, provisioning, stopped, relaunching or not reachable', () => {
    for (const state of ['working', 'idle', 'provisioning', 'stopped', 'exited', 'unknown', 'unreachable']) expect(reason({ state })).toBeNull();
  });

  it('a request waiting for a person (no rule decided it)', () => {
    expect(reason({ state: 'waiting-approval', waitingRequests: 1 })).toBe('waiting-request');
    // The workflow may not have heard yet: the request row is what counts.
    expect(reason({ state: 'working', waitingRequests: 1 })).toBe('waiting-request');
    expect(needsPerson({ ...calm, waitingRequests: 1 }, now)?.detail).toMatch(/1 permission request waiting for a person/);
  });

  it("a request whose wait ran out, open in the agent's own dialog", () => {
    expect(reason({ state: 'waiting-approval', requestsInDialog: 2 })).toBe('waiting-request');
    expect(needsPerson({ ...calm, requestsInDialog: 2 }, now)?.detail).toMatch(/2 permission requests open in the agent's dialog/);
  });

  it('a PermissionRequest a rule answered at once: no row waits and the workflow never heard of it', () => {
    // What the hook leaves behind: an allowed (or denied) row, which is neither waiting nor in a dialog.
    expect(reason({ state: 'working', waitingRequests: 0, requestsInDialog: 0 })).toBeNull();
    expect(reason({ state: 'idle' })).toBeNull();
  });

  it('a dialog orc has no request for is blocked on a person', () => {
    expect(reason({ state: 'waiting-approval' })).toBe('blocked-dialog');
  });

  it('an agent blocked by a dialog orc cannot answer, named in the detail', () => {
    expect(reason({ state: 'blocked', blockedBy: 'New MCP server found in this project: db' })).toBe('blocked-dialog');
    expect(needsPerson({ ...calm, state: 'blocked', blockedBy: 'New MCP server found in this project: db' }, now)?.detail).toContain('"New MCP server found in this project: db"');
  });

  it('not while the workflow has yet to hear that a person just answered through orc', () => {
    expect(reason({ state: 'waiting-approval', answeredMomentsAgo: true })).toBeNull();
    expect(reason({ state: 'waiting-approval', answeredMomentsAgo: true, waitingRequests: 1 })).toBe('waiting-request');
  });

  it('a failed agent', () => {
    expect(reason({ state: 'failed' })).toBe('failed');
  });

  it('a paused agent, until its pause ends', () => {
    expect(reason({ state: 'idle', pausedUntil: '2026-11-30T13:00:00Z' })).toBe('paused');
    expect(reason({ state: 'idle', pausedUntil: '2026-11-30T11:00:00Z' })).toBeNull();
  });

  it('names the most urgent reason first', () => {
    expect(reason({ state: 'failed', waitingRequests: 1, pausedUntil: '2026-11-30T13:00:00Z' })).toBe('waiting-request');
    expect(reason({ state: 'failed', pausedUntil: '2026-11-30T13:00:00Z' })).toBe('failed');
  });
});
