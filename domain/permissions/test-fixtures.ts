// Shared by the tests: one workspace, and rules written as text.
import type { LearnedRule } from './decide.ts';
import { parseRule } from './rule-syntax.ts';
import type { PermissionContext, PermissionRequest } from './types.ts';

export const context: PermissionContext = {
  projectDir: '/work/proj',
  worktrees: ['/work/proj-worktrees/feature'],
  homeDir: '/home/dev',
};

export function bash(command: string, cwd?: string): PermissionRequest {
  return cwd === undefined ? { toolName: 'Bash', toolInput: { command } } : { toolName: 'Bash', toolInput: { command }, cwd };
}

export function tool(toolName: string, toolInput: Record<string, unknown>): PermissionRequest {
  return { toolName, toolInput };
}

export function allow(...texts: string[]): LearnedRule[] {
  return texts.map((text, index) => ({ id: `allow-${index}`, effect: 'allow', rule: parseRule(text) }));
}

export function denyRules(...texts: string[]): LearnedRule[] {
  return texts.map((text, index) => ({ id: `deny-${index}`, effect: 'deny', rule: parseRule(text) }));
}
