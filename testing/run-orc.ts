// Runs the real `orc` CLI as a separate process, as a user would.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

const ORC = fileURLToPath(new URL('../cli/orc.ts', import.meta.url));

export interface OrcResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runOrc(args: string[], env: NodeJS.ProcessEnv = {}): Promise<OrcResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [ORC, ...args],
      {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ORC_URL: inject('orcUrl'), ORC_TOKEN: inject('adminToken'), ...env },
        timeout: 90_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs orc and fails the test with its stderr if it exits non-zero. */
export async function orc(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const result = await runOrc(args, env);
  if (result.code !== 0) throw new Error(`orc ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

export const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`.slice(0, 40);
