// Runs the real Codex CLI offline: where it is, and the environment that points it at a
// scripted Responses API (orc writes the rest of its config: host/codex-config.ts).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The npm package's launcher (a Node script that starts the native binary for this platform). */
export function codexBinaryPath(): string {
  let dir: string;
  try {
    dir = dirname(require.resolve('@openai/codex/package.json'));
  } catch {
    throw new Error('Codex CLI not found: @openai/codex is not installed (run npm install)');
  }
  const launcher = join(dir, 'bin', 'codex.js');
  if (!existsSync(launcher)) throw new Error(`Codex CLI launcher missing at ${launcher}: reinstall @openai/codex`);
  return launcher;
}

/** The agent command tests run: named `codex` so orc knows the kind (a symlink to the launcher). */
export function codexTestCommand(): string {
  return join(dirname(codexBinaryPath()), '..', '..', '..', '.bin', 'codex');
}

/** The agent env that sends Codex's model requests to `apiUrl` (…/v1) with a throwaway key. */
export function codexEnv(apiUrl: string): Record<string, string> {
  return { OPENAI_BASE_URL: apiUrl, OPENAI_API_KEY: 'sk-scripted-test' };
}
