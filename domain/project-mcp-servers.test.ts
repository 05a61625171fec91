import { describe, expect, it } from 'vitest';
import { mcpServerDecisions, mcpServerNames } from './project-mcp-servers.ts';

describe('the MCP servers a project names', () => {
  it('are the keys of mcpServers in .mcp.json', () => {
    expect(mcpServerNames(JSON.stringify({ mcpServers: { 'demo-tools': { command: 'x' }, db: { type: 'http', url: 'http://x' } } }))).toEqual(['demo-tools', 'db']);
  });

  it('are none when the file has no servers, and unknown when it is not a JSON object', () => {
    expect(mcpServerNames('{}')).toEqual([]);
    expect(mcpServerNames('{"mcpServers": []}')).toEqual([]);
    expect(mcpServerNames('not json')).toBeNull();
    expect(mcpServerNames('[1]')).toBeNull();
  });
});

describe("orc's decision on them", () => {
  it('disables every server the spec does not name, and enables those it does', () => {
    expect(mcpServerDecisions(['evil', 'db', 'db'], ['db'])).toEqual({ enableAllProjectMcpServers: false, enabledMcpjsonServers: ['db'], disabledMcpjsonServers: ['evil'] });
  });

  it('enables nothing by default, and never all of a project', () => {
    expect(mcpServerDecisions(['a', 'b'], [])).toEqual({ enableAllProjectMcpServers: false, enabledMcpjsonServers: [], disabledMcpjsonServers: ['a', 'b'] });
    expect(mcpServerDecisions([], [])).toEqual({ enableAllProjectMcpServers: false, enabledMcpjsonServers: [], disabledMcpjsonServers: [] });
  });
});
