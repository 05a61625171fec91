// Reading a host's presence when Temporal is slow or down: a describe past its deadline says
// "unknown" (callers then ask the agent's workflow itself), a refused connection is thrown.
import type { Client } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { hostPresence } from './host-presence.ts';

/** A client whose describe of the presence workflow fails with `error`. */
function failingClient(error: Error): Client {
  const client = {
    withDeadline: (_deadline: number, fn: () => Promise<unknown>) => fn(),
    workflow: { getHandle: () => ({ describe: () => Promise.reject(error) }) },
  };
  return client as unknown as Client;
}

describe('hostPresence', () => {
  it('says unknown, not "Temporal is unreachable", when the describe passes its deadline (a loaded machine)', async () => {
    const grpc = Object.assign(new Error('4 DEADLINE_EXCEEDED: Deadline exceeded after 0.000s,waiting for metadata filters'), { code: 4 });
    const presence = await hostPresence(failingClient(new Error('Failed to describe workflow', { cause: grpc })), 'slow-host');
    expect(presence).toEqual({ host: 'slow-host', state: 'unknown', lastSeenAt: null, problem: "Temporal took more than 2 s to say whether host slow-host's worker is there" });
  });

  it('throws when Temporal refuses the connection', async () => {
    const refused = Object.assign(new Error('14 UNAVAILABLE: connect ECONNREFUSED 127.0.0.1:7233'), { code: 14 });
    await expect(hostPresence(failingClient(refused), 'down-host')).rejects.toThrow('ECONNREFUSED');
  });
});
