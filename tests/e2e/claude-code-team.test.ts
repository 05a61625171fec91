// A team of three real Claude Code agents deployed from a spec file, talking to a scripted
// Messages API on loopback: each gets its brief; the engineer, from inside its own window,
// schedules its own check-in and messages its project manager with `orc` (Claude Code's Bash
// tool, allowed for orc's own commands); the check-in fires once; everything is confirmed
// by Claude Code's hooks and appears in `orc log`. The QA member runs without hooks (its spec
// says hooks: false) and is confirmed from its screen instead.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { claudeTestCommand, envFlags, prepareClaudeCodeEnv } from '../../testing/claude-code.ts';
import { eventually } from '../../testing/eventually.ts';
import { orc, runOrc, uniqueName } from '../../testing/run-orc.ts';
import { defaultScript, startScriptedMessagesApi, type ScriptedMessagesApi } from '../../testing/scripted-messages-api.ts';
import { dataLayout } from '../../domain/data-layout.ts';

const team = uniqueName('cc-team');
let api: ScriptedMessagesApi;

type LogEntry = { from: string; to: string; text: string; state: string };
const log = async () => JSON.parse(await orc(['log', '--team', team, '--json'])) as LogEntry[];

beforeAll(async () => {
  api = await startScriptedMessagesApi((ctx) => {
    const text = ctx.lastUserText ?? '';
    if (ctx.toolResults.length === 0 && text.includes('SCHEDULE-CHECKIN')) {
      return { toolUse: { name: 'Bash', input: { command: 'orc checkin 3s "review the PR from api"', description: 'Schedule my next check-in' } } };
    }
    if (ctx.toolResults.length === 0 && text.includes('REPORT-TO-PM')) {
      return { toolUse: { name: 'Bash', input: { command: `orc send ${team}/pm "api: the health endpoint is done"`, description: 'Tell my manager' } } };
    }
    return defaultScript(ctx);
  });
  const project = await mkdtemp(join(tmpdir(), 'orc-cc-team-'));
  const env = await prepareClaudeCodeEnv({ apiUrl: api.url, projectDirs: [project] });
  const command = claudeTestCommand();
  const spec = [
    `team: ${team}`,
    `project: ${project}`,
    'agents:',
    `  - { name: pm, role: project-manager, command: "${command}", gitCheckpoint: "off" }`,
    `  - { name: api, role: engineer, command: "${command}", gitCheckpoint: "off", brief: "Build the health endpoint." }`,
    // Without orc's hooks: its brief is confirmed from its pane, its dialogs answered from the screen.
    `  - { name: qa, role: qa, command: "${command}", gitCheckpoint: "off", hooks: false }`,
  ].join('\n');
  await writeFile(join(project, 'team.yaml'), spec);
  expect(await orc(['team', 'deploy', join(project, 'team.yaml'), ...envFlags(env)])).toContain(`team ${team} running`);
});

afterAll(async () => {
  await runOrc(['team', 'stop', team]);
  await api?.close();
});

describe('a team of three Claude Code agents', () => {
  it('briefs every agent, confirmed by Claude Code itself', async () => {
    await eventually(async () => {
      const briefs = (await log()).filter((m) => m.from === `team:${team}`);
      expect(briefs.map((m) => [m.to, m.state]).sort()).toEqual([
        [`${team}/api`, 'confirmed'],
        [`${team}/pm`, 'confirmed'],
        [`${team}/qa`, 'confirmed'],
      ]);
    }, { timeoutMs: 60_000 });
    // The model saw the brief and roster as the user's first prompt (its request may trail the hook).
    await eventually(async () => {
      expect(api.requests.some((r) => r.userText?.includes('Build the health endpoint.') && r.userText.includes(`${team}/pm`))).toBe(true);
    });
  });

  it('launches the member its spec marks hooks: false without hooks, the others with them', async () => {
    const settingsOf = async (agent: string) =>
      JSON.parse(await readFile(dataLayout(inject('dataDir')).host('test-host').agent({ team, agent }).claudeSettings, 'utf8')) as Record<string, unknown>;
    expect(await settingsOf('qa')).not.toHaveProperty('hooks');
    expect(Object.keys((await settingsOf('api')).hooks as object)).toContain('PermissionRequest');
  });

  it('the engineer schedules its own check-in from its window, and it fires once', async () => {
    await eventually(async () => {
      const status = JSON.parse(await orc(['status', '--json'])) as Array<{ id: string; state: string }>;
      expect(status.find((a) => a.id === `${team}/api`)?.state).toBe('idle');
    }, { timeoutMs: 60_000 });
    expect(await orc(['send', `${team}/api`, 'SCHEDULE-CHECKIN for the PR review'])).toContain('confirmed');
    const checkin = await eventually(async () => {
      const list = JSON.parse(await orc(['checkins', '--agent', `${team}/api`, '--json'])) as Array<{ id: string; note: string; createdBy: string }>;
      expect(list.map((c) => [c.note, c.createdBy])).toEqual([['review the PR from api', `${team}/api`]]);
      return list[0];
    }, { timeoutMs: 30_000 }).catch(async (err: unknown) => {
      throw new Error(`${String(err)}\n${await orc(['capture', `${team}/api`, '--lines', '40'])}`);
    });
    await eventually(async () => {
      const fired = (await log()).filter((m) => m.from === `checkin:${checkin?.id ?? ''}`);
      expect(fired.map((m) => [m.to, m.state])).toEqual([[`${team}/api`, 'confirmed']]);
    }, { timeoutMs: 60_000 });
  });

  it('the engineer messages its manager as itself; the manager confirms it', async () => {
    await eventually(async () => {
      const status = JSON.parse(await orc(['status', '--json'])) as Array<{ id: string; state: string }>;
      expect(status.find((a) => a.id === `${team}/api`)?.state).toBe('idle');
    }, { timeoutMs: 60_000 });
    expect(await orc(['send', `${team}/api`, 'REPORT-TO-PM now'])).toContain('confirmed');
    await eventually(async () => {
      const report = (await log()).find((m) => m.from === `${team}/api` && m.to === `${team}/pm`);
      expect(report).toMatchObject({ text: 'api: the health endpoint is done', state: 'confirmed' });
    }, { timeoutMs: 60_000 });
    await eventually(async () => expect(await orc(['capture', `${team}/pm`, '--lines', '60'])).toContain('api: the health endpoint is done'));
  });
});
