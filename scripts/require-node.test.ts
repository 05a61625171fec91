// The Node preflight of `npm start` and `npm run demo`: on a Node that cannot run orc's
// TypeScript it prints one line (the version needed, the version found, the command that fixes
// it) and exits non-zero, before anything else runs; on a new enough Node it says nothing.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeIsNewEnough, nodeVersionMessage } from './require-node.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const PREFLIGHT = fileURLToPath(new URL('./require-node.js', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: REPO_ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** The real script under this Node, which believes it is `version`. */
const runAs = (version: string) =>
  run(process.execPath, ['--import', `data:text/javascript,Object.defineProperty(process.versions, "node", { value: ${JSON.stringify(version)} })`, PREFLIGHT]);

// Debian's own Node (20 on this kind of machine), where there is one: the newcomer's case itself.
const SYSTEM_NODE = '/usr/bin/node';
const systemNodeVersion = async () => (await run(SYSTEM_NODE, ['-p', 'process.versions.node'])).stdout.trim();
const oldSystemNode = existsSync(SYSTEM_NODE) && !nodeIsNewEnough(await systemNodeVersion());

describe('nodeIsNewEnough', () => {
  it.each([
    ['20.19.2', false],
    ['22.17.1', false],
    ['22.18.0', true],
    ['v22.18.0', true],
    ['23.5.0', false],
    ['23.6.0', true],
    ['24.9.0', true],
    ['25.0.0', true],
    ['18.19.0', false],
  ])('%s: %s', (version, expected) => {
    expect(nodeIsNewEnough(version)).toBe(expected);
  });
});

describe('scripts/require-node.js', () => {
  it('stops a Node without type stripping with one line: needed, found, and the fix', async () => {
    const result = await runAs('22.17.1');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${nodeVersionMessage('22.17.1', process.execPath)}\n`);
    expect(result.stderr).toMatch(/^orc needs Node\.js >= 22\.18 \(24 LTS recommended\), but found Node 22\.17\.1 at .+\. Fix: bash scripts\/bootstrap\.sh /);
  });

  it('lets a new enough Node through without a word', async () => {
    for (const version of ['22.18.0', process.versions.node]) {
      expect(await runAs(version)).toEqual({ code: 0, stdout: '', stderr: '' });
    }
  });

  it.runIf(oldSystemNode)('stops the system Node the same way', async () => {
    const result = await run(SYSTEM_NODE, [PREFLIGHT]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`${nodeVersionMessage(await systemNodeVersion(), SYSTEM_NODE)}\n`);
  });

  // npm itself runs under the system Node here, and so does the `node` of its scripts.
  it.runIf(oldSystemNode && existsSync('/usr/bin/npm'))('makes npm start and npm run demo under the system Node end with that line, not ERR_UNKNOWN_FILE_EXTENSION', async () => {
    const env = { PATH: '/usr/bin:/bin', HOME: process.env.HOME };
    for (const script of [['start'], ['run', 'demo']]) {
      const result = await run('/usr/bin/npm', script, env);
      expect(result.code, result.stderr).not.toBe(0);
      expect(result.stderr).toContain(nodeVersionMessage(await systemNodeVersion(), SYSTEM_NODE));
      expect(result.stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
    }
  });
});
