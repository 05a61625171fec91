// Runs the real Claude Code CLI offline: where its native binary is, and the environment
// plus throwaway config dir that keep it from calling home or stopping at first-run screens.
import { existsSync } from 'node:fs';
import { mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The native program from the platform package; npm 11 may leave the wrapper's bin a stub. */
export function claudeBinaryPath(): string {
  const pkg = `@anthropic-ai/claude-code-${process.platform}-${process.arch}`;
  let dir: string;
  try {
    dir = dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    throw new Error(`Claude Code native binary not found: ${pkg} is not installed (run npm install in /work/main)`);
  }
  const binary = join(dir, 'claude');
  if (!existsSync(binary)) throw new Error(`Claude Code native binary missing at ${binary}: reinstall ${pkg}`);
  return binary;
}

export interface ClaudeCodeEnvOptions {
  apiUrl: string;
  /** Directories the CLI will run in; each is pre-trusted so no trust dialog appears. */
  projectDirs: string[];
}

/** Makes a fresh CLAUDE_CONFIG_DIR and returns the env vars to run the CLI against `apiUrl`. */
export async function prepareClaudeCodeEnv({ apiUrl, projectDirs }: ClaudeCodeEnvOptions): Promise<Record<string, string>> {
  const configDir = await mkdtemp(join(tmpdir(), 'orc-claude-config-'));
  const projects: Record<string, { hasTrustDialogAccepted: boolean }> = {};
  // Trust is keyed by the real path: /tmp may be a symlink, and the CLI resolves it.
  for (const dir of projectDirs) projects[await realpath(dir)] = { hasTrustDialogAccepted: true };
  const config = {
    // Without this the CLI tries to reach the vendor and stops at "Unable to connect".
    hasCompletedOnboarding: true,
    projects,
  };
  await writeFile(join(configDir, '.claude.json'), JSON.stringify(config, null, 2));
  return {
    ANTHROPIC_BASE_URL: apiUrl,
    // AUTH_TOKEN, not API_KEY: an API key stops at a "use this API key?" screen.
    ANTHROPIC_AUTH_TOKEN: 'scripted-test-token',
    CLAUDE_CONFIG_DIR: configDir,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
  };
}

/** `--env KEY=VALUE` flags for the orc commands that start agents. */
export function envFlags(env: Record<string, string>): string[] {
  return Object.entries(env).flatMap(([key, value]) => ['--env', `${key}=${value}`]);
}

/** The agent command the tests run: the real CLI, asking in its own dialogs. */
export function claudeTestCommand(): string {
  return `${claudeBinaryPath()} --permission-mode default`;
}
