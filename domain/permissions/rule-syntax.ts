// Permission rules in Claude Code's own syntax: `Tool`, `Tool(specifier)`, `mcp__server__tool`.
// Parsed once at the boundary; the engine works on the parsed form. format(parse(x)) is the
// canonical spelling (the legacy `prefix:*` becomes `prefix *`, `mcp__s__*` becomes `mcp__s`).
import { type BashPattern, formatBashPattern, parseBashPattern } from './bash-pattern.ts';
import { type PathPattern, formatPathPattern, parsePathPattern } from './path-pattern.ts';
import { RuleSyntaxError } from './rule-syntax-error.ts';

/** Tools whose specifier is a path pattern. */
export const PATH_TOOLS = ['Read', 'Edit', 'Write', 'MultiEdit', 'NotebookEdit', 'NotebookRead', 'Glob', 'Grep', 'LS'] as const;
export type PathTool = (typeof PATH_TOOLS)[number];

export type PermissionRule =
  /** Every use of a tool: `Bash`, `Read`, `WebSearch`. */
  | { readonly kind: 'tool'; readonly tool: string }
  | { readonly kind: 'bash'; readonly pattern: BashPattern }
  | { readonly kind: 'path'; readonly tool: PathTool; readonly path: PathPattern }
  | { readonly kind: 'domain'; readonly host: string }
  /** `mcp__server` (tool null: every tool of the server) or `mcp__server__tool`. */
  | { readonly kind: 'mcp'; readonly server: string; readonly tool: string | null }
  /** A specifier this engine does not interpret (`Task(Explore)`): kept, never matched. */
  | { readonly kind: 'other'; readonly tool: string; readonly specifier: string };

const TOOL_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const MCP_PART = /^[A-Za-z0-9_-]+$/;
const HOST = /^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const KNOWN_TOOLS = ['Bash', 'WebFetch', 'WebSearch', 'Task', 'TodoWrite', ...PATH_TOOLS];

function isPathTool(tool: string): tool is PathTool {
  return (PATH_TOOLS as readonly string[]).includes(tool);
}

function parseMcp(text: string): PermissionRule {
  const rest = text.slice('mcp__'.length);
  const split = rest.indexOf('__');
  const server = split === -1 ? rest : rest.slice(0, split);
  const tool = split === -1 ? null : rest.slice(split + 2);
  if (!MCP_PART.test(server)) throw new RuleSyntaxError(text, 'the MCP server name is missing or has characters other than letters, digits, _ and -', 'mcp__github__create_issue');
  if (tool === null || tool === '*') return { kind: 'mcp', server, tool: null };
  if (!MCP_PART.test(tool)) throw new RuleSyntaxError(text, 'the MCP tool name is missing or has characters other than letters, digits, _ and -', 'mcp__github__create_issue');
  return { kind: 'mcp', server, tool };
}

function parseSpecifier(text: string, tool: string, specifier: string): PermissionRule {
  if (specifier.trim() === '') throw new RuleSyntaxError(text, `the specifier in parentheses is empty; write ${tool} alone to match every use`, `${tool === 'Bash' ? 'Bash(npm test *)' : tool}`);
  if (tool === 'Bash') {
    const result = parseBashPattern(specifier);
    if ('problem' in result) throw new RuleSyntaxError(text, result.problem, 'Bash(npm run test *)');
    return { kind: 'bash', pattern: result.pattern };
  }
  if (isPathTool(tool)) {
    const result = parsePathPattern(specifier);
    if ('problem' in result) throw new RuleSyntaxError(text, result.problem, `${tool}(/src/**/*.ts)`);
    return { kind: 'path', tool, path: result.path };
  }
  if (tool === 'WebFetch') {
    if (!specifier.startsWith('domain:')) throw new RuleSyntaxError(text, 'WebFetch rules name a domain', 'WebFetch(domain:github.com)');
    const host = specifier.slice('domain:'.length).toLowerCase();
    if (!HOST.test(host)) throw new RuleSyntaxError(text, `"${host}" is not a host name (a leading *. may stand for any subdomain)`, 'WebFetch(domain:docs.github.com)');
    return { kind: 'domain', host };
  }
  return { kind: 'other', tool, specifier };
}

/** Reads one rule; throws RuleSyntaxError saying what is wrong and showing a valid rule. */
export function parseRule(text: string): PermissionRule {
  const rule = text.trim();
  if (rule === '') throw new RuleSyntaxError(text, 'the rule is empty', 'Bash(npm test *)');
  if (rule.startsWith('mcp__')) {
    if (rule.includes('(')) throw new RuleSyntaxError(text, 'MCP rules take no specifier in parentheses', 'mcp__github__create_issue');
    return parseMcp(rule);
  }
  const open = rule.indexOf('(');
  const tool = open === -1 ? rule : rule.slice(0, open);
  if (!TOOL_NAME.test(tool)) throw new RuleSyntaxError(text, `"${tool}" is not a tool name`, 'Read(./src/**)');
  const cased = KNOWN_TOOLS.find((known) => known.toLowerCase() === tool.toLowerCase());
  if (cased !== undefined && cased !== tool) throw new RuleSyntaxError(text, `tool names are case-sensitive: ${cased}, not ${tool}`, `${cased}`);
  if (open === -1) return { kind: 'tool', tool };
  if (!rule.endsWith(')')) throw new RuleSyntaxError(text, 'the specifier is not closed with ")" at the end', `${tool}(…)`.replace('…', tool === 'Bash' ? 'npm test *' : 'x'));
  return parseSpecifier(text, tool, rule.slice(open + 1, -1));
}

export function formatRule(rule: PermissionRule): string {
  switch (rule.kind) {
    case 'tool': return rule.tool;
    case 'bash': return `Bash(${formatBashPattern(rule.pattern)})`;
    case 'path': return `${rule.tool}(${formatPathPattern(rule.path)})`;
    case 'domain': return `WebFetch(domain:${rule.host})`;
    case 'mcp': return rule.tool === null ? `mcp__${rule.server}` : `mcp__${rule.server}__${rule.tool}`;
    case 'other': return `${rule.tool}(${rule.specifier})`;
  }
}

/** The tool name and rule content Claude Code's `addRules` update takes (`Bash`, `npm test *`). */
export function toClaudeCodeRule(rule: PermissionRule): { toolName: string; ruleContent?: string } {
  const text = formatRule(rule);
  const open = text.indexOf('(');
  return open === -1 ? { toolName: text } : { toolName: text.slice(0, open), ruleContent: text.slice(open + 1, -1) };
}
