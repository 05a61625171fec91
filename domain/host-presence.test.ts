import { describe, expect, it } from 'vitest';
import { PRESENCE_HEARTBEAT_TIMEOUT_MS, presenceFrom } from './host-presence.ts';

const now = Date.parse('2026-11-30T12:00:00Z');

describe('a host presence', () => {
  it('is up while its activity runs and heartbeats', () => {
    expect(presenceFrom('vm', 'running', { started: true, lastSignMs: now - 2_000 }, now)).toMatchObject({ state: 'up', lastSeenAt: '2026-11-30T11:59:58.000Z' });
  });

  it('is unreachable once the heartbeat is older than its timeout, or the activity waits on the queue', () => {
    const silent = presenceFrom('vm', 'running', { started: true, lastSignMs: now - PRESENCE_HEARTBEAT_TIMEOUT_MS - 2_000 }, now);
    expect(silent).toMatchObject({ state: 'unreachable', lastSeenAt: '2026-11-30T11:59:55.000Z' });
    expect(silent.state === 'unreachable' && silent.problem).toBe(
      'host vm unreachable: no worker has polled host/vm since 2026-11-30T11:59:55.000Z; npm start restarts its worker by itself; on another machine start it with: ORC_HOST_NAME=vm node workers/host-worker.ts (orc doctor checks)',
    );
    expect(presenceFrom('vm', 'running', { started: false, lastSignMs: now - 60_000 }, now).state).toBe('unreachable');
    expect(presenceFrom('vm', 'running', { started: false, lastSignMs: null }, now).state).toBe('unreachable');
  });

  it('is unknown for a host no worker ever announced, or between two holds', () => {
    expect(presenceFrom('vm', 'missing', null, now)).toMatchObject({ state: 'unknown', problem: expect.stringContaining('no worker has announced host vm') });
    expect(presenceFrom('vm', 'running', null, now).state).toBe('unknown');
  });
});
