// Codex keeps its settings in CODEX_HOME/config.toml. Each codex agent gets a CODEX_HOME of its
// own in its agent dir, and orc rewrites the config at every launch (docs/agent-clis.md says
// what each key was verified to do with codex-cli 0.171.0).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CodexConfigOptions {
  /** The agent's workspace: listed as an untrusted project (see below). */
  workspaceDir: string;
  /**
   * A Responses API to use instead of the vendor's (the agent's env OPENAI_BASE_URL, e.g. a
   * gateway or a scripted test server); its key is read from the agent's env OPENAI_API_KEY.
   */
  baseUrl?: string | undefined;
}

export class CodexConfigError extends Error {
  override name = 'CodexConfigError';
}

/**
 * A TOML basic string. JSON's string escapes (\" \\ \n \uXXXX) are TOML's too; DEL is the one
 * character TOML refuses raw that JSON leaves alone.
 */
const tomlString = (value: string): string => JSON.stringify(value).replace(/\x7f/g, '\\u007f');

/** The config.toml text: no update check, no analytics, asks before escalating, the workspace untrusted. */
export function codexConfigToml({ workspaceDir, baseUrl }: CodexConfigOptions): string {
  const lines = [
    '# Written by orc at each launch of this agent; changes here are overwritten.',
    'check_for_update_on_startup = false',
    // Commands run in Codex's own workspace-write sandbox; anything beyond it is asked for in
    // its approval dialog, which orc answers from the screen through its rule engine.
    'approval_policy = "on-request"',
    'sandbox_mode = "workspace-write"',
  ];
  if (baseUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new CodexConfigError(`OPENAI_BASE_URL ${JSON.stringify(baseUrl)} is not a URL: give http(s)://host[:port]/v1`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new CodexConfigError(`OPENAI_BASE_URL ${JSON.stringify(baseUrl)} must be http or https`);
    }
    lines.push('model_provider = "orc"');
  }
  lines.push('', '[analytics]', 'enabled = false');
  if (baseUrl !== undefined) {
    lines.push('', '[model_providers.orc]', 'name = "orc"', `base_url = ${tomlString(baseUrl)}`, 'wire_api = "responses"', 'env_key = "OPENAI_API_KEY"');
  }
  // Untrusted, not trusted: in a trusted folder Codex applies the folder's own .codex/config.toml,
  // hooks and exec policies, which the agent itself can write (an `approval_policy = "never"`
  // there was obeyed). Untrusted, Codex opens the folder restricted after a screen orc answers.
  lines.push('', `[projects.${tomlString(workspaceDir)}]`, 'trust_level = "untrusted"', '');
  return lines.join('\n');
}

/** Writes CODEX_HOME/config.toml, making CODEX_HOME and its rules dir (kept read-only in a sandbox). */
export async function writeCodexConfig(codexHome: string, options: CodexConfigOptions): Promise<string> {
  const text = codexConfigToml(options);
  await mkdir(join(codexHome, 'rules'), { recursive: true, mode: 0o700 });
  const file = join(codexHome, 'config.toml');
  await writeFile(file, text, { mode: 0o600 });
  return file;
}
