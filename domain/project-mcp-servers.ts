// MCP servers a project names in its `.mcp.json`, and orc's decision for each. Claude Code
// (2.1.328) looks for `.mcp.json` in its working directory and every directory above it, and
// for each server it has no decision on it stops at "New MCP server found in this project: <name>"
// until someone answers: an agent started there would hang. Such a server is a program the
// repository chose, started on the agent's host, so orc never enables one blindly: only the
// servers a team spec (or `orc agent start --mcp-server`) names are enabled; every other one is
// disabled, and enableAllProjectMcpServers is switched off, so that a repository's own
// `.claude/settings.json` cannot enable its servers either (checked: the settings file orc
// passes with --settings wins over the project's; testing/CLAUDE-CODE-NOTES.md).

/** A server name as `.mcp.json` and the spec may write it. */
export const MCP_SERVER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
export const MCP_SERVER_NAME_RULE = 'letters, digits, "_", "." and "-", starting with a letter or digit, at most 100 characters';
/** How many servers a spec or `orc agent start` may name for one agent. */
export const MAX_MCP_SERVERS_NAMED = 50;
/** Past this many, the rest of a file's names are not read (Claude Code would list them in one dialog). */
export const MAX_PROJECT_MCP_SERVERS = 500;

/**
 * The server names of one `.mcp.json`; null when it is not a JSON object (Claude Code then
 * starts none of it either). A name orc could not write back as a setting is kept as it is:
 * it is the file's, and the decision must name it exactly.
 */
export function mcpServerNames(fileText: string): string[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fileText);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const servers = (parsed as { mcpServers?: unknown }).mcpServers;
  if (servers === null || typeof servers !== 'object' || Array.isArray(servers)) return [];
  return Object.keys(servers).slice(0, MAX_PROJECT_MCP_SERVERS);
}

/** What orc's settings file says about project MCP servers (Claude Code's own keys). */
export interface McpServerDecisions {
  enableAllProjectMcpServers: false;
  enabledMcpjsonServers: string[];
  disabledMcpjsonServers: string[];
}

/**
 * A decision for every server found: enabled when `allowed` names it, else disabled. A server
 * the spec names that the project lacks is enabled all the same (harmless, and it holds if the
 * file gains it before the CLI reads it).
 */
export function mcpServerDecisions(found: readonly string[], allowed: readonly string[]): McpServerDecisions {
  const allow = new Set(allowed);
  const unique = [...new Set(found)].sort();
  return {
    enableAllProjectMcpServers: false,
    enabledMcpjsonServers: [...allow].sort(),
    disabledMcpjsonServers: unique.filter((name) => !allow.has(name)),
  };
}
