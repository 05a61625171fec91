import { describe, expect, it } from 'vitest';
import { claudeCodeMayAsk } from './claude-code-asks.ts';
import { bash, context, tool } from './test-fixtures.ts';
import type { PermissionRequest } from './types.ts';

describe('whether Claude Code asks before a tool use', () => {
  it.each([
    // Commands that change something, or run project code, may ask.
    [bash('npm run test -- --ci'), 'default', true],
    [bash('make build'), 'default', true],
    [bash('ls > listing.txt'), 'default', true],
    [bash('git commit -m x'), 'default', true],
    [bash('git push'), 'default', true],
    [bash('ls && npm test'), 'default', true],
    [bash('CI=1 ls'), 'default', true],
    [bash('timeout 5 ls'), 'default', true],
    [bash('$CMD'), 'default', true],
    [bash('echo "unterminated'), 'default', true],
    // Reads outside the project, or after a cd out of it, may ask.
    [bash('cat /etc/hosts'), 'default', true],
    [bash('cat ../other/x'), 'default', true],
    [bash('cd /etc && ls'), 'default', true],
    [bash('ls', '/tmp'), 'default', true],
    // Read-only commands in the project do not.
    [bash('ls -la src'), 'default', false],
    [bash('cat package.json | grep version'), 'default', false],
    [bash('git status --short'), 'default', false],
    [bash('git log --oneline -5 && git diff'), 'default', false],
    [bash('cd src && ls'), 'default', false],
    [bash('ls 2>/dev/null'), 'default', false],
    [bash('grep -rn TODO src 2>&1'), 'default', false],
    // File tools: reads inside the project never ask; edits ask unless edits are accepted.
    [tool('Read', { file_path: '/work/proj/src/a.ts' }), 'default', false],
    [tool('Read', { file_path: '/usr/include/stdio.h' }), 'default', true],
    [tool('Grep', { pattern: 'x' }), 'default', false],
    [tool('Glob', { pattern: '/etc/**' }), 'default', true],
    [tool('Edit', { file_path: '/work/proj/src/a.ts' }), 'default', true],
    [tool('Edit', { file_path: '/work/proj/src/a.ts' }), 'acceptEdits', false],
    [tool('Write', { file_path: '/etc/hosts' }), 'acceptEdits', true],
    // Tools that reach out ask; tools that only plan never do.
    [tool('WebFetch', { url: 'https://example.com' }), 'default', true],
    [tool('mcp__github__create_issue', {}), 'default', true],
    [tool('TodoWrite', { todos: [] }), 'default', false],
    [tool('Task', { prompt: 'x' }), 'default', false],
    // Nothing asks with permissions bypassed.
    [bash('npm run deploy'), 'bypassPermissions', false],
  ] as [PermissionRequest, string, boolean][])('%j in %s mode: %s', (request, mode, expected) => {
    expect(claudeCodeMayAsk(request, mode, context)).toBe(expected);
  });
});
