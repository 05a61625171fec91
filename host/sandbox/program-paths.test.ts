// What a sandboxed agent must keep readable to run at all, wherever orc and its CLI are installed:
// CI tests a clone under /tmp, which the sandbox replaces with a fresh /tmp.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { programPaths } from './agent-sandbox.ts';

const installDir = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));

describe('programPaths', () => {
  it("keeps orc's install dir, its Node and the agent's own command dir readable", () => {
    expect(programPaths(['/tmp/x/node_modules/cli/claude', '--permission-mode', 'default'])).toEqual([installDir, path.dirname(process.execPath), '/tmp/x/node_modules/cli']);
  });
  it('adds no dir for a command found on PATH', () => {
    expect(programPaths(['bash', '--norc'])).toEqual([installDir, path.dirname(process.execPath)]);
  });
});
