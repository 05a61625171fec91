import { describe, expect, it } from 'vitest';
import { formatRule, parseRule, toClaudeCodeRule } from './rule-syntax.ts';
import { RuleSyntaxError } from './rule-syntax-error.ts';

describe('parseRule and formatRule', () => {
  it.each([
    ['Bash', 'Bash'],
    ['Read', 'Read'],
    ['WebSearch', 'WebSearch'],
    ['Bash(npm run build)', 'Bash(npm run build)'],
    ['Bash(npm test *)', 'Bash(npm test *)'],
    ['Bash(npm run test:*)', 'Bash(npm run test *)'],
    ['Bash(git * main)', 'Bash(git * main)'],
    ['Bash(ls*)', 'Bash(ls*)'],
    ['Bash(git commit -m "fix: a thing")', "Bash(git commit -m 'fix: a thing')"],
    ["Bash(echo 'it'\\''s')", "Bash(echo 'it'\\''s')"],
    ['Bash(echo "*")', "Bash(echo '*')"],
    ['Bash(make CC=gcc)', 'Bash(make CC=gcc)'],
    ['Bash(  npm   test  )', 'Bash(npm test)'],
    ['Bash(echo ")")', "Bash(echo ')')"],
    ['Read(./.env)', 'Read(./.env)'],
    ['Read(.env)', 'Read(.env)'],
    ['Read(src/x.ts)', 'Read(./src/x.ts)'],
    ['Read(//etc/hosts)', 'Read(//etc/hosts)'],
    ['Read(~/notes/**)', 'Read(~/notes/**)'],
    ['Edit(/src/**/*.ts)', 'Edit(/src/**/*.ts)'],
    ['Edit(/docs/)', 'Edit(/docs)'],
    ['WebFetch(domain:github.com)', 'WebFetch(domain:github.com)'],
    ['WebFetch(domain:GitHub.com)', 'WebFetch(domain:github.com)'],
    ['WebFetch(domain:*.example.org)', 'WebFetch(domain:*.example.org)'],
    ['mcp__github', 'mcp__github'],
    ['mcp__github__*', 'mcp__github'],
    ['mcp__github__create_issue', 'mcp__github__create_issue'],
    ['mcp__my_server__do_thing', 'mcp__my_server__do_thing'],
    ['Task(Explore)', 'Task(Explore)'],
    // An intra-word `*` after a colon must not turn into the legacy prefix form on the way back.
    ["Bash(echo a':'*)", "Bash(echo 'a:'*)"],
  ])('%s reads back as %s', (text, canonical) => {
    expect(formatRule(parseRule(text))).toBe(canonical);
    expect(formatRule(parseRule(canonical))).toBe(canonical);
  });

  it('keeps the parts of an MCP name apart', () => {
    expect(parseRule('mcp__my_server__do_thing')).toEqual({ kind: 'mcp', server: 'my_server', tool: 'do_thing' });
  });

  it('gives Claude Code the tool name and rule content separately', () => {
    expect(toClaudeCodeRule(parseRule('Bash(npm test *)'))).toEqual({ toolName: 'Bash', ruleContent: 'npm test *' });
    expect(toClaudeCodeRule(parseRule('mcp__github'))).toEqual({ toolName: 'mcp__github' });
  });
});

describe('invalid rules', () => {
  it.each([
    ['', /empty/],
    ['Bash(npm test', /not closed/],
    ['Bash()', /empty/],
    ['Bash(npm test && rm -rf /)', /one simple command/],
    ['Bash(ls | grep x)', /one simple command/],
    ['Bash(ls > out)', /redirections/],
    ['Bash(FOO=1 npm test)', /assignments/],
    ['Bash(echo $HOME)', /expanded/],
    ['Bash(echo $(id))', /expanded/],
    ['Bash(echo "unterminated)', /syntax/],
    ['Bash(:*)', /empty/],
    ['bash(ls)', /case-sensitive: Bash/],
    ['read', /case-sensitive: Read/],
    ['Read(../x)', /\.\. segments/],
    ['Read(//)', /empty/],
    ['Read(~root/x)', /~user/],
    ['Edit(/a//b)', /empty segment/],
    ['WebFetch(github.com)', /name a domain/],
    ['WebFetch(domain:not a host)', /not a host name/],
    ['mcp__', /server name/],
    ['mcp__github__bad tool', /tool name/],
    ['mcp__github(x)', /no specifier/],
    ['Not-A-Tool', /not a tool name/],
    ['9Lives', /not a tool name/],
  ])('%j is rejected', (text, problem) => {
    expect(() => parseRule(text)).toThrow(RuleSyntaxError);
    expect(() => parseRule(text)).toThrow(problem);
  });

  it('says what is wrong and shows a valid example', () => {
    try {
      parseRule('Bash(npm test');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RuleSyntaxError);
      expect((error as RuleSyntaxError).message).toContain('A valid example: Bash(npm test *)');
      expect((error as RuleSyntaxError).rule).toBe('Bash(npm test');
    }
  });
});
