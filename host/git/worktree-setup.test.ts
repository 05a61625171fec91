import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { agentPortEnv } from '../../domain/teams/ports.ts';
import { runWorktreeSetup } from './worktree-setup.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('runWorktreeSetup', () => {
  it('runs the command once in the worktree, without a shell, and keeps its output', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orc-setup-'));
    dirs.push(dir);
    const input = { worktreeDir: dir, command: `sh -c 'echo ran >> count; echo "$0" out' '$(touch pwned)'`, logFile: join(dir, 'log', 'setup.log'), doneFile: join(dir, 'log', 'setup.done') };
    expect(await runWorktreeSetup(input)).toMatchObject({ outcome: 'ran', tail: expect.stringContaining('$(touch pwned) out') });
    expect(await runWorktreeSetup(input)).toEqual({ outcome: 'already-done' });
    expect(await readFile(join(dir, 'count'), 'utf8')).toBe('ran\n');
    expect(await readFile(input.logFile, 'utf8')).toContain('[exit 0]');
  });

  it('reports a failure with its output and runs it again next time', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orc-setup-'));
    dirs.push(dir);
    const input = { worktreeDir: dir, command: `sh -c 'echo broken >&2; exit 3'`, logFile: join(dir, 'setup.log'), doneFile: join(dir, 'setup.done') };
    expect(await runWorktreeSetup(input)).toMatchObject({ outcome: 'failed', exitCode: 3, tail: expect.stringContaining('broken') });
    expect(await runWorktreeSetup(input)).toMatchObject({ outcome: 'failed' });
  });
});

describe('agentPortEnv', () => {
  it('gives agents consecutive, non-overlapping ranges, and nothing past the last port', () => {
    expect(agentPortEnv({ from: 4100, perAgent: 10 }, 0)).toEqual({ PORT: '4100', ORC_PORT_FIRST: '4100', ORC_PORT_LAST: '4109' });
    expect(agentPortEnv({ from: 4100, perAgent: 10 }, 1)).toEqual({ PORT: '4110', ORC_PORT_FIRST: '4110', ORC_PORT_LAST: '4119' });
    expect(agentPortEnv({ from: 65_530, perAgent: 10 }, 0)).toEqual({});
    expect(agentPortEnv(null, 0)).toEqual({});
  });
});
