// The screen stream against the shared test stack's real tmux server and Temporal: frames
// from the pane with their colour escapes, only when the screen changes; the workflow's capture
// for an agent on another host; a clear problem for an agent without a pane; ending on abort;
// at most 4 at once per token over HTTP.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../../db/client.ts';
import { issueToken } from '../../db/tokens.ts';
import { parseAgentRef } from '../../domain/names.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';
import { readServerConfig } from '../../web/src/lib/server/config.ts';
import type { Services } from '../../web/src/lib/server/services.ts';
import { screenFrames, type ScreenFrame } from '../../web/src/lib/server/agents/screen-stream.ts';

const team = uniqueName('screen');
const id = `${team}/dev`;
const ref = parseAgentRef(id);
const { db, sql } = createDatabase(inject('databaseUrl'), { max: 2 });
let connection: Connection;

/** Services as the web server builds them, believing itself on `host`, sharing the worker's tmux or (as in Compose) not. */
function servicesOn(host: string, sharesTmux = true): Services {
  const config = readServerConfig({
    DATABASE_URL: inject('databaseUrl'),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    ORC_TMUX_SOCKET: inject('tmuxSocket'),
    ORC_HOST_NAME: host,
    ...(sharesTmux ? { ORC_WEB_SHARES_TMUX: '1' } : {}),
  });
  return {
    config,
    db,
    temporal: () => Promise.resolve(new Client({ connection, namespace: config.namespace })),
    secretKey: () => Promise.reject(new Error('reading screens seals nothing')),
  };
}

/** Reads frames until one satisfies `done`, then stops the stream. */
async function framesUntil(services: Services, done: (frame: ScreenFrame) => boolean, timeoutMs = 15_000): Promise<ScreenFrame[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const frames: ScreenFrame[] = [];
  try {
    for await (const frame of screenFrames(services, ref, controller.signal)) {
      frames.push(frame);
      if (done(frame)) break;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return frames;
}

beforeAll(async () => {
  connection = await Connection.connect({ address: inject('temporalAddress') });
  const projectDir = await mkdtemp(join(tmpdir(), 'orc-screen-'));
  await orc(['agent', 'start', id, '--project', projectDir, '--cmd', 'bash --norc --noprofile']);
});
afterAll(async () => {
  await runOrc(['agent', 'stop', id]);
  await connection?.close();
  await sql.end();
});

describe('screenFrames', () => {
  it('reads the pane of an agent on this host with its colours and size, a frame per change', async () => {
    const local = servicesOn('test-host');
    const sending = orc(['send', id, "printf '\\033[31m%s\\033[0m\\n' red-words"]);
    const frames = await framesUntil(local, (frame) => frame.screen.includes('\x1b[31mred-words'));
    await sending;
    const last = frames.at(-1);
    expect(last?.problem).toBeNull();
    expect(last?.cols).toBeGreaterThan(20);
    expect(last?.rows).toBeGreaterThan(5);
    expect(last?.screen).toContain('\r\n');
    // Only changes are sent: no two frames in a row are the same.
    for (let i = 1; i < frames.length; i++) expect(frames[i]?.screen).not.toBe(frames[i - 1]?.screen);
  });

  it('asks the workflow for the screen of an agent on another host', async () => {
    const elsewhere = servicesOn('another-host');
    const [frame] = await framesUntil(elsewhere, () => true);
    expect(frame).toMatchObject({ cols: null, rows: null, problem: null });
    expect(frame?.screen).toContain('red-words');
  });

  it('asks the workflow, never tmux, when the web does not share the worker\'s tmux (Compose), even on the same host', async () => {
    const inCompose = servicesOn('test-host', false);
    // A tmux socket that does not exist: reading it would fail, so a frame proves the workflow answered.
    const withoutTmux = { ...inCompose, config: { ...inCompose.config, tmuxSocket: { name: 'no-such-tmux-server', path: undefined } } };
    const [frame] = await framesUntil(withoutTmux, () => true);
    expect(frame).toMatchObject({ cols: null, rows: null, problem: null });
    expect(frame?.screen).toContain('red-words');
  });

  it('over HTTP a token watches at most 4 screens at once: the fifth is refused naming the limit, and a closed one frees its place', async () => {
    const viewer = (await issueToken(db, { role: 'viewer', name: 'screen-cap-test' })).token;
    const url = `${inject('orcUrl')}/api/trpc/agents.screen?input=${encodeURIComponent(JSON.stringify({ agent: id }))}`;
    /** Opens the stream and reads it until a frame or an error event comes; returns what came and its controller. */
    async function open(): Promise<{ first: string; controller: AbortController }> {
      const controller = new AbortController();
      const response = await fetch(url, { headers: { authorization: `Bearer ${viewer}`, accept: 'text/event-stream' }, signal: controller.signal });
      const reader = response.body?.getReader();
      let text = '';
      while (reader && !/"screen"|serialized-error/.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      return { first: text, controller };
    }
    const watching = [await open(), await open(), await open(), await open()];
    for (const stream of watching) expect(stream.first).toContain('"screen"');
    const fifth = await open();
    expect(fifth.first).toContain('serialized-error');
    expect(fifth.first).toContain('this token already has 4 live screens open, the most it may hold at once (4); close one (a browser tab showing it) first');
    fifth.controller.abort();
    watching[0]?.controller.abort();
    await expect.poll(async () => {
      const again = await open();
      again.controller.abort();
      return again.first.includes('"screen"');
    }, { timeout: 10_000 }).toBe(true);
    for (const stream of watching) stream.controller.abort();
  });

  it('says why there is no screen once the agent is stopped, and ends when aborted', async () => {
    await orc(['agent', 'stop', id]);
    const controller = new AbortController();
    const frames: ScreenFrame[] = [];
    const reading = (async () => {
      for await (const frame of screenFrames(servicesOn('test-host'), ref, controller.signal)) frames.push(frame);
    })();
    await expect.poll(() => frames.length).toBe(1);
    expect(frames[0]?.problem).toContain('not running');
    controller.abort();
    await reading;
  });
});
