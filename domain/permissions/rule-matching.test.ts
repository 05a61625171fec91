import { describe, expect, it } from 'vitest';
import { ruleMatchesCommand, ruleMatchesRequest } from './rule-matching.ts';
import { parseRule } from './rule-syntax.ts';
import { analyseCommand } from './shell-analysis.ts';
import { context, tool } from './test-fixtures.ts';

function matchesSingle(ruleText: string, command: string): boolean {
  const analysis = analyseCommand(command);
  if (!analysis.ok || analysis.commands.length !== 1) throw new Error(`not one simple command: ${command}`);
  const [only] = analysis.commands;
  return only !== undefined && ruleMatchesCommand(parseRule(ruleText), only);
}

describe('Bash rules against one simple command', () => {
  it.each([
    ['Bash', 'anything at all', true],
    ['Bash(npm run build)', 'npm run build', true],
    ['Bash(npm run build)', 'npm run build --watch', false],
    ['Bash(npm run build)', 'npm  run   build', true],
    ['Bash(npm run build)', "npm 'run' \"build\"", true],
    ['Bash(npm test *)', 'npm test', true],
    ['Bash(npm test *)', 'npm test -- --watch', true],
    ['Bash(npm test *)', 'npm testing', false],
    ['Bash(npm test *)', 'npm tes', false],
    ['Bash(npm test *)', 'npx test', false],
    ['Bash(npm run test:*)', 'npm run test', true],
    ['Bash(npm run test:*)', 'npm run test -- --coverage', true],
    ['Bash(npm run test:*)', 'npm run testx', false],
    ['Bash(npm run test:watch)', 'npm run test:watch', true],
    ['Bash(git * main)', 'git push origin main', true],
    ['Bash(git * main)', 'git main', true],
    ['Bash(git * main)', 'git push origin main2', false],
    ['Bash(ls*)', 'ls', true],
    ['Bash(ls*)', 'lsof', true],
    ['Bash(ls*)', 'ls -la', false],
    ['Bash(ls *)', 'lsof', false],
    ['Bash(echo *)', 'echo $HOME', true],
    ['Bash(echo *)', 'echo "$USER-x" ${PWD}', true],
    ['Bash(echo hi)', 'echo $GREETING', false],
    ['Bash(git commit -m *)', 'git commit -m "fix: a && b"', true],
    ["Bash(git commit -m 'fix: x')", 'git commit -m "fix: x"', true],
    ['Bash(echo *)', '"$PROGRAM" hello', false],
    ['Bash(rm *.log)', 'rm build.log', true],
    ['Bash(rm *.log)', 'rm build.txt', false],
    ['Bash(npm test *)', 'env CI=1 npm test', true],
    ['Bash(npm test *)', 'timeout 60 npm test', true],
    ['Bash(timeout *)', 'timeout 60 rm -rf x', false],
    ['Bash(env *)', 'env X=1 rm x', false],
    ['Bash(grep *)', 'xargs grep foo', true],
    ['Bash(grep foo)', 'xargs grep foo', false],
    ['Bash(make CC=gcc)', 'make CC=gcc', true],
    ['Bash(make CC=gcc)', 'make CC=clang', false],
    ['Bash(/usr/bin/ls *)', 'ls', false],
    ['Read(./x)', 'cat x', false],
    ['Bash(npm test *)', 'npm test > out.txt', true],
  ])('%s matching %j is %s', (ruleText, command, expected) => {
    expect(matchesSingle(ruleText, command)).toBe(expected);
  });
});

describe('rules for other tools', () => {
  it.each([
    ['Read', tool('Read', { file_path: '/anywhere/x' }), true],
    ['Read', tool('Grep', { pattern: 'x' }), true],
    ['Read', tool('Edit', { file_path: '/work/proj/a' }), false],
    ['Edit', tool('Write', { file_path: '/work/proj/a' }), true],
    ['Edit', tool('MultiEdit', { file_path: '/work/proj/a' }), true],
    ['Write', tool('Edit', { file_path: '/work/proj/a' }), false],
    ['Read(./.env)', tool('Read', { file_path: '/work/proj/.env' }), true],
    ['Read(./.env)', tool('Read', { file_path: '/work/proj/sub/.env' }), false],
    ['Read(.env)', tool('Read', { file_path: '/work/proj/sub/.env' }), true],
    ['Read(*.pem)', tool('Read', { file_path: '/work/proj/a/b/c.pem' }), true],
    ['Read(*.pem)', tool('Read', { file_path: '/elsewhere/c.pem' }), false],
    ['Edit(/src/**/*.ts)', tool('Edit', { file_path: '/work/proj/src/a/b.ts' }), true],
    ['Edit(/src/**/*.ts)', tool('Edit', { file_path: '/work/proj/src/b.ts' }), true],
    ['Edit(/src/**/*.ts)', tool('Edit', { file_path: '/work/proj/src/b.js' }), false],
    ['Edit(/src/**/*.ts)', tool('Edit', { file_path: '/work/proj/lib/src/b.ts' }), false],
    ['Edit(/src/**)', tool('Edit', { file_path: '/work/proj-worktrees/feature/src/x.ts' }), true],
    ['Edit(/src/**)', tool('Edit', { file_path: '/work/proj/src/../secrets/x' }), false],
    ['Edit(/docs)', tool('Write', { file_path: '/work/proj/docs/guide/intro.md' }), true],
    ['Read(//etc/**)', tool('Read', { file_path: '/etc/hosts' }), true],
    ['Read(//etc/**)', tool('Read', { file_path: '/etcetera/hosts' }), false],
    ['Read(~/notes/**)', tool('Read', { file_path: '/home/dev/notes/a.md' }), true],
    ['Read(~/notes/**)', tool('Read', { file_path: '~/notes/a.md' }), true],
    ['Read(~/notes/**)', tool('Read', { file_path: '/home/other/notes/a.md' }), false],
    ['Read(./src/*.ts)', tool('Read', { file_path: 'src/a.ts' }), true],
    ['Read(./src/*.ts)', tool('Read', { file_path: 'src/deep/a.ts' }), false],
    ['Read(/x)', tool('Read', {}), false],
    ['WebFetch(domain:github.com)', tool('WebFetch', { url: 'https://github.com/a/b' }), true],
    ['WebFetch(domain:github.com)', tool('WebFetch', { url: 'https://GITHUB.com./a' }), true],
    ['WebFetch(domain:github.com)', tool('WebFetch', { url: 'https://api.github.com/' }), false],
    ['WebFetch(domain:github.com)', tool('WebFetch', { url: 'https://github.com.evil.io/' }), false],
    ['WebFetch(domain:github.com)', tool('WebFetch', { url: 'https://evil.io/?github.com' }), false],
    ['WebFetch(domain:github.com)', tool('WebFetch', { url: 'https://github.com@evil.io/' }), false],
    ['WebFetch(domain:github.com)', tool('WebFetch', { url: 'file:///etc/passwd' }), false],
    ['WebFetch(domain:github.com)', tool('WebFetch', { url: 'not a url' }), false],
    ['WebFetch(domain:*.github.com)', tool('WebFetch', { url: 'https://api.github.com/' }), true],
    ['WebFetch(domain:*.github.com)', tool('WebFetch', { url: 'https://evilgithub.com/' }), false],
    ['mcp__github', tool('mcp__github__create_issue', {}), true],
    ['mcp__github', tool('mcp__githubber__x', {}), false],
    ['mcp__github__create_issue', tool('mcp__github__create_issue', {}), true],
    ['mcp__github__create_issue', tool('mcp__github__delete_repo', {}), false],
    ['Task(Explore)', tool('Task', { subagent_type: 'Explore' }), false],
    ['Bash(ls *)', tool('Read', { file_path: '/work/proj/x' }), false],
  ])('%s matching %j is %s', (ruleText, request, expected) => {
    expect(ruleMatchesRequest(parseRule(ruleText), request, context)).toBe(expected);
  });
});
