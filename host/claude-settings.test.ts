import { describe, expect, it } from 'vitest';
import { claudeHookSettings } from './claude-settings.ts';

describe('the settings orc gives Claude Code', () => {
  const hooks = claudeHookSettings('http://127.0.0.1:3000/').hooks ?? {};

  it('posts every event orc listens to, with the agent token from the environment', () => {
    expect(Object.keys(hooks).sort()).toEqual(['Notification', 'PermissionRequest', 'PreToolUse', 'Stop', 'StopFailure', 'UserPromptSubmit']);
    expect(hooks['PreToolUse']).toEqual([
      {
        matcher: '*',
        hooks: [{ type: 'http', url: 'http://127.0.0.1:3000/hooks/claude/pre-tool-use', headers: { Authorization: 'Bearer $ORC_AGENT_TOKEN' }, allowedEnvVars: ['ORC_AGENT_TOKEN'], timeout: 5 }],
      },
    ]);
  });

  it('gives a person time over a permission request, but holds up no tool for long', () => {
    const timeout = (event: string) => ((hooks[event]?.[0] as { hooks: { timeout: number }[] }).hooks[0]?.timeout);
    expect(timeout('PermissionRequest')).toBe(30);
    expect(timeout('PreToolUse')).toBe(5);
    expect((hooks['Stop']?.[0] as Record<string, unknown>)['matcher']).toBeUndefined();
  });

  it('holds only the permissions for orc\'s own commands when hooks are off (screen fallback)', () => {
    const settings = claudeHookSettings('http://127.0.0.1:3000/', { hooks: false });
    expect(settings.hooks).toBeUndefined();
    expect(settings.permissions.allow).toContain('Bash(orc send *)');
  });
});

describe('the MCP servers of a project, in the settings orc gives Claude Code', () => {
  it('carries a decision for each, and switches off enabling a whole project', () => {
    const settings = claudeHookSettings('http://127.0.0.1:3000/', { mcp: { enableAllProjectMcpServers: false, enabledMcpjsonServers: ['db'], disabledMcpjsonServers: ['evil'] } });
    expect(settings).toMatchObject({ enableAllProjectMcpServers: false, enabledMcpjsonServers: ['db'], disabledMcpjsonServers: ['evil'] });
    expect(claudeHookSettings('http://127.0.0.1:3000/', { hooks: false, mcp: { enableAllProjectMcpServers: false, enabledMcpjsonServers: [], disabledMcpjsonServers: ['x'] } })).toMatchObject({ disabledMcpjsonServers: ['x'] });
  });
});
