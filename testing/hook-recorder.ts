// Receives Claude Code's HTTP hooks on loopback and keeps every POST, so tests can check
// which events fired, with what body and headers, and when.
import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export const HOOK_EVENTS = ['SessionStart', 'UserPromptSubmit', 'Stop', 'Notification', 'PermissionRequest', 'PreToolUse'] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

export interface RecordedHook {
  /** The last path segment, e.g. "UserPromptSubmit" for /hooks/UserPromptSubmit. */
  event: string;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  receivedAt: number;
}

export interface HookRecorder {
  url: string;
  hooks: RecordedHook[];
  /** What to answer a hook with; default `{}` ("no decision", so dialogs still appear). */
  setResponder(fn: (hook: RecordedHook) => unknown): void;
  /** Writes a settings file wiring the given events to this recorder, for `claude --settings`. */
  writeSettings(file: string, opts?: { events?: readonly HookEvent[]; tokenEnvVar?: string }): Promise<void>;
  close(): Promise<void>;
}

export async function startHookRecorder(): Promise<HookRecorder> {
  const hooks: RecordedHook[] = [];
  let responder: (hook: RecordedHook) => unknown = () => ({});
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = { unparsed: text };
      }
      const event = (req.url ?? '').split('?')[0]?.split('/').pop() ?? '';
      const hook: RecordedHook = { event, body, headers: req.headers, receivedAt: Date.now() };
      hooks.push(hook);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(responder(hook)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    hooks,
    setResponder(fn) {
      responder = fn;
    },
    async writeSettings(file, { events = HOOK_EVENTS, tokenEnvVar } = {}) {
      const auth = tokenEnvVar === undefined ? {} : { headers: { Authorization: `Bearer $${tokenEnvVar}` }, allowedEnvVars: [tokenEnvVar] };
      const settings: Record<string, unknown[]> = {};
      for (const event of events) {
        // Tool events need a matcher; "*" catches every tool.
        const matcher = event === 'PermissionRequest' || event === 'PreToolUse' ? { matcher: '*' } : {};
        settings[event] = [{ ...matcher, hooks: [{ type: 'http', url: `${url}/hooks/${event}`, timeout: 30, ...auth }] }];
      }
      await writeFile(file, JSON.stringify({ hooks: settings }, null, 2));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
