// Does a rule match what is asked? Bash rules are matched against one simple command at a time
// (decide.ts splits the command); other rules against the whole request.
import { type Restrictions, matchBashPattern } from './bash-pattern.ts';
import { matchPathPattern } from './path-pattern.ts';
import type { PermissionRule } from './rule-syntax.ts';
import type { SimpleCommand } from './shell-analysis.ts';
import { type ShellWord, dynamicWord } from './shell-words.ts';
import { requestCwd, requestHost, requestPath, ruleToolCovers } from './request-subject.ts';
import type { PermissionContext, PermissionRequest } from './types.ts';

// Stands for the arguments xargs will append: only a trailing `*` can promise to cover them.
const UNKNOWN_ARGUMENTS = dynamicWord('<arguments from xargs>');

/** The words a Bash rule is matched against: argv, and for xargs one unknown word for what it appends. */
export function matchedWords(command: SimpleCommand): readonly ShellWord[] {
  return command.openEnded ? [...command.argv, UNKNOWN_ARGUMENTS] : command.argv;
}

/**
 * `restrictions`: indexes into matchedWords(command) a `*` never stands for (paths outside the
 * workspace, words the catalogue does not know to be harmless; see allow-restrictions.ts). A
 * bare `Bash` rule is a person's "anything".
 */
export function ruleMatchesCommand(rule: PermissionRule, command: SimpleCommand, restrictions: Restrictions = {}): boolean {
  if (rule.kind === 'tool') return rule.tool === 'Bash';
  if (rule.kind !== 'bash') return false;
  if (command.argv.length === 0) return false;
  return matchBashPattern(rule.pattern, matchedWords(command), restrictions);
}

function hostMatches(ruleHost: string, host: string): boolean {
  if (ruleHost.startsWith('*.')) return host.endsWith(ruleHost.slice(1));
  return host === ruleHost;
}

/** For every tool but Bash, whose commands go through ruleMatchesCommand part by part. */
export function ruleMatchesRequest(rule: PermissionRule, request: PermissionRequest, context: PermissionContext): boolean {
  const tool = request.toolName;
  switch (rule.kind) {
    case 'tool':
      return ruleToolCovers(rule.tool, tool);
    case 'bash':
    case 'other':
      return false;
    case 'path': {
      if (!ruleToolCovers(rule.tool, tool)) return false;
      const target = requestPath(request, context);
      return target !== null && matchPathPattern(rule.path, target, context, requestCwd(request, context));
    }
    case 'domain': {
      if (tool !== 'WebFetch') return false;
      const host = requestHost(request);
      return host !== null && hostMatches(rule.host, host);
    }
    case 'mcp':
      return rule.tool === null ? tool.startsWith(`mcp__${rule.server}__`) || tool === `mcp__${rule.server}` : tool === `mcp__${rule.server}__${rule.tool}`;
  }
}
