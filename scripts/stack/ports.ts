// Before anything starts: every port the stack is about to listen on must be free. Otherwise
// a second `npm start` (or `npm run demo` beside `npm start`) would bring up half a stack and
// then wait a minute for a web app that died at once, without saying why.
import { createServer } from 'node:net';

export interface PlannedPort {
  host: string;
  port: number;
  /** What listens there, and the variable that moves it, for the message. */
  what: string;
  variable: string;
}

export function portInUse({ host, port }: Pick<PlannedPort, 'host' | 'port'>): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => (err.code === 'EADDRINUSE' ? resolve(true) : reject(err)));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

/** Throws one error naming every port in use, what wanted it, and the variable to set instead. */
export async function checkPortsFree(ports: PlannedPort[]): Promise<void> {
  const busy: PlannedPort[] = [];
  for (const planned of ports) if (await portInUse(planned)) busy.push(planned);
  if (busy.length === 0) return;
  const lines = busy.map((p) => `${p.host}:${p.port} (${p.what}) is already in use: stop what listens there, or set ${p.variable} to a free port`);
  throw new Error(lines.join('; '));
}
