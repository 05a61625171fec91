import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../testing/free-port.ts';
import { checkPortsFree } from './ports.ts';

let taken: Server;

afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

describe('checkPortsFree', () => {
  it('passes free ports and names each busy one with what wanted it and the variable to set', async () => {
    const busyPort = await freePort();
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(busyPort, '127.0.0.1', resolve));
    const free = await freePort();
    await expect(checkPortsFree([{ host: '127.0.0.1', port: free, what: 'the web app', variable: 'PORT' }])).resolves.toBeUndefined();
    await expect(
      checkPortsFree([
        { host: '127.0.0.1', port: free, what: 'the web app', variable: 'PORT' },
        { host: '127.0.0.1', port: busyPort, what: "Temporal's Web UI", variable: 'ORC_TEMPORAL_UI_PORT' },
      ]),
    ).rejects.toThrow(`127.0.0.1:${busyPort} (Temporal's Web UI) is already in use: stop what listens there, or set ORC_TEMPORAL_UI_PORT to a free port`);
  });
});
