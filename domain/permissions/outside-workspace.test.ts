// Learned rules speak for the project: with `Bash(cd *)` and `Bash(cat *)` learned, neither
// `cd /etc && cat passwd` nor `cat ../../etc/passwd` may run without a person. A rule that
// names an outside place itself still covers it; deny rules reach everywhere.
import { describe, expect, it } from 'vitest';
import { decide } from './decide.ts';
import { deriveRules } from './derive-rule.ts';
import { formatRule } from './rule-syntax.ts';
import { allow, bash, context, denyRules, tool } from './test-fixtures.ts';

const learned = allow(
  'Bash(cd *)', 'Bash(pushd *)', 'Bash(popd *)', 'Bash(cat *)', 'Bash(head *)', 'Bash(wc *)', 'Bash(grep *)', 'Bash(rg *)', 'Bash(ls *)',
  'Bash(find *)', 'Bash(sed *)', 'Bash(cp *)', 'Bash(diff *)', 'Bash(echo *)', 'Bash(npm test *)', 'Bash(tar *)', 'Bash(jq *)', 'Bash(stat *)',
  'Bash(cat /usr/include/*)', 'Bash(grep -rn TODO /opt/vendor)', 'Read(/src/**)',
);

const decision = (command: string, cwd?: string) => decide(bash(command, cwd), learned, context);

describe('a cd out of the project leaves the whole command to a person', () => {
  it.each([
    'cd /etc && cat passwd',
    'cd /etc; cat passwd',
    'cd /etc\ncat passwd',
    'cd / && cat etc/passwd',
    'cd .. && cat other/secret.txt',
    'cd ../.. && ls',
    'cd src && cd ../.. && cat x',
    'cd /work/proj/../other && npm test',
    'cd /work/proj-worktrees && ls',
    'cd /work/proj-worktrees/other && npm test',
    'cd /tmp && npm test',
    'cd ~ && ls',
    'cd && ls',
    'cd',
    'cd /etc',
    'cd - && cat x',
    'cd $DIR && cat x',
    'cd "$(mktemp -d)" && ls',
    'cd `dirname $F` && cat x',
    'pushd /etc && cat passwd',
    'popd && cat x',
    'pushd /etc && popd && ls',
    'cd /etc && cd - && ls',
    '(cd /etc && cat passwd)',
    '{ cd /etc; cat passwd; }',
    'echo $(cd /etc && cat passwd)',
    'bash -c "cd /etc && cat passwd"',
    "eval 'cd /etc && cat passwd'",
    'if true; then cd /etc; fi; cat passwd',
    'for d in a; do cd /etc; done; cat passwd',
    'true || cd /etc && cat passwd',
    'ls && cd /etc && ls',
  ])('%j is undecided', (command) => {
    const decided = decision(command);
    expect(decided.decision).toBe('undecided');
    expect(decided.parts.some((part) => part.decidedBy?.ruleId === 'hold-outside-workspace')).toBe(true);
  });

  it('holds every command that runs outside, and says where', () => {
    const decided = decision('cd /etc && cat passwd && npm test');
    expect(decided.parts.map((part) => [part.command, part.verdict, part.decidedBy?.ruleId ?? null])).toEqual([
      ['cd /etc', 'undecided', 'hold-outside-workspace'],
      ['cat passwd', 'undecided', 'hold-outside-workspace'],
      ['npm test', 'undecided', 'hold-outside-workspace'],
    ]);
    expect(decided.undecidedReason).toBe('cd /etc leaves the project and its worktrees (for /etc)');
  });

  it('holds a command whose own working directory is outside the project', () => {
    expect(decision('cat passwd', '/etc').decision).toBe('undecided');
    expect(decision('npm test', '/tmp/elsewhere').undecidedReason).toBe('npm test runs in /tmp/elsewhere, outside the project and its worktrees');
    expect(decision('npm test', '/work/proj-worktrees/feature/src').decision).toBe('allow');
  });

  it.each([
    ['cd src && cat ../README.md', 'allow'],
    ['cd src && npm test', 'allow'],
    ['cd src; cd ..; ls', 'allow'],
    ['cd src && cd - && ls', 'allow'],
    ['pushd src && ls && popd && ls', 'allow'],
    ['cd /work/proj/src && ls', 'allow'],
    ['cd /work/proj-worktrees/feature && npm test', 'allow'],
    ['cd ./src/../test && cat a.ts', 'allow'],
    // Built-in denies are still the answer where they apply.
    ['cd ~/.ssh && cat id_rsa', 'deny'],
    ['cd /etc && rm -rf x', 'deny'],
    ['cd /etc && echo x > hosts', 'deny'],
    ['cat /etc/*', 'deny'],
    ['grep -r root /etc', 'deny'],
  ] as const)('%j is %s', (command, expected) => {
    expect(decision(command).decision).toBe(expected);
  });

  it('is not lifted by a bare Bash rule', () => {
    expect(decide(bash('cd /etc && cat passwd'), allow('Bash'), context).decision).toBe('undecided');
  });
});

describe('a learned * never stands for a path outside the project', () => {
  it.each([
    'cat /etc/passwd',
    'cat ../../etc/passwd',
    'cat ../other-project/.env',
    'cat src/../../other/x',
    'cat /work/proj/../other/x',
    'cat /work/proj-worktrees/other/x',
    'cat ~/notes.txt',
    'cat $HOME/notes.txt',
    'cat "${HOME}/notes.txt"',
    'cat "$F"',
    'cat $(echo /etc/passwd)',
    'cat `echo /etc/passwd`',
    'cat /usr/share/*',
    'cat /e*/passwd',
    'cat .*',
    'cat ..',
    'cat -- /etc/passwd',
    'cat -n /etc/passwd',
    'cat src/a.ts /etc/passwd',
    'head -c 100 /etc/hostname',
    'wc -l /etc/passwd',
    'diff src/a.ts /etc/hosts',
    'grep root /etc/passwd',
    'grep -r root /usr/share',
    'grep -rn root ../',
    'grep -e root /etc/passwd',
    'grep -rne root /etc/passwd',
    'grep -rf /etc/passwd src',
    'grep --file=/etc/passwd src',
    'grep -f /etc/passwd src',
    'grep -A 3 root /etc/passwd',
    'grep root -- /etc/passwd',
    'rg root /usr/share',
    'rg --files /usr/share',
    'rg -g "*.conf" root /usr/share',
    'ls /etc',
    'ls -la ..',
    'ls ~',
    'stat /etc/passwd',
    'find /usr -name "*.pem"',
    'find .. -name x',
    'find . -newer /etc/passwd',
    'sed -n p /etc/passwd',
    "sed -n '1,5p' ../other/x",
    'cp /etc/passwd leak.txt',
    'tar -czf out.tgz /usr/share/doc',
    'tar -C /usr/share -czf out.tgz .',
    'jq . /etc/config.json',
    'ls | xargs cat',
    'echo /etc/passwd | xargs cat',
    'echo root /etc/passwd | xargs grep',
    'find . -name x | xargs grep -l foo',
    'env cat /etc/passwd',
    'timeout 5 cat /etc/passwd',
    'nice -n 5 cat /etc/passwd',
    "bash -c 'cat /etc/passwd'",
    "eval 'cat /etc/passwd'",
    'cat $(cat list.txt)',
    'wc -l $(ls)',
    'npm test && cat /etc/passwd',
    'cat src/a.ts | grep x; cat /etc/passwd',
    // Input read by the shell from outside, for any program.
    'cat < /etc/hosts',
    'cat 0< /etc/hosts',
    'wc -l < /etc/passwd',
    'npm test < /etc/passwd',
    'npm test < $INPUT',
  ])('%j is undecided', (command) => {
    expect(decision(command).decision).toBe('undecided');
  });

  it.each([
    'cat src/a.ts',
    'cat ./README.md',
    'cat /work/proj/README.md',
    'cat /work/proj-worktrees/feature/README.md',
    'cat src/../README.md',
    'cat *.md',
    'cat /dev/null',
    'head -c 16 /dev/urandom',
    'cat < src/a.ts',
    'npm test < /dev/null',
    'ls',
    'ls -la src',
    'grep -rn TODO src',
    'grep -rn "/api/users" src',
    'grep -rn "../utils" src',
    'grep -e /api -r src',
    'grep --regexp=/api -r src',
    'grep -A 3 "/etc/hosts" src',
    'cat src/a.ts | grep "/etc/passwd"',
    'rg -n "/v1/" src',
    'rg -g "*.ts" "/api" src',
    "sed -n '/^import/p' src/a.ts",
    'find . -name "*.ts" -exec cat {} \\;',
    'diff <(ls src) <(ls test)',
    'jq .version package.json',
    'tar out.tgz src',
    'echo /etc/passwd',
    // A rule that names the outside place itself covers it.
    'cat /usr/include/stdio.h',
    'cat /usr/include/sys/types.h',
    'grep -rn TODO /opt/vendor',
  ])('%j is allowed', (command) => {
    expect(decision(command).decision).toBe('allow');
  });

  it('lets a literal rule, not a *, cover an outside path', () => {
    expect(decision('grep -rn FIXME /opt/vendor').decision).toBe('undecided');
    expect(decision('cat /usr/lib/x').decision).toBe('undecided');
    expect(decide(bash('cat /etc/hosts'), allow('Bash(cat /etc/hosts)'), context).decision).toBe('allow');
    expect(decide(bash('cat /etc/hosts'), allow('Bash(cat /etc/*)'), context).decision).toBe('allow');
    expect(decide(bash('cat /etc/hosts'), allow('Bash(cat *hosts)'), context).decision).toBe('undecided');
  });

  it('lets a deny rule reach outside', () => {
    const rules = [...denyRules('Bash(cat *)'), ...allow('Bash(cd *)')];
    expect(decide(bash('cat /etc/hosts'), rules, context).decision).toBe('deny');
    expect(decide(bash('cat ../x'), rules, context).decision).toBe('deny');
  });

  it('still lets a bare Bash rule, a person\'s "anything", read outside', () => {
    expect(decide(bash('cat /etc/hosts'), allow('Bash'), context).decision).toBe('allow');
  });

  it('never lets the pattern of a search stand in for a file xargs supplies', () => {
    expect(decision('echo x | xargs grep foo').decision).toBe('undecided');
  });
});

describe('what an "always" teaches from a read outside the project', () => {
  const derived = (command: string) => deriveRules(bash(command), context)?.map(formatRule) ?? null;

  it.each([
    ['cat /etc/hosts', ['Bash(cat /etc/hosts)']],
    ['cat ../other/README.md', ['Bash(cat ../other/README.md)']],
    ['grep -rn TODO /usr/include', ['Bash(grep -rn TODO /usr/include)']],
    ['ls ~/projects', ["Bash(ls '~/projects')"]],
    ['cat src/a.ts && cat /etc/hosts', ['Bash(cat *)', 'Bash(cat /etc/hosts)']],
    ['cat "$F"', null],
    ['cat $(echo /etc/hosts)', null],
    ['ls | xargs cat', null],
    ['cd /etc && cat hosts', null],
    ['cd /tmp', null],
    ['cat < /etc/hosts', null],
    ['cd src && cat ../README.md', ['Bash(cd *)', 'Bash(cat *)']],
    ['grep -rn "/api" src', ['Bash(grep *)']],
  ] as const)('%j teaches %j', (command, expected) => {
    expect(derived(command)).toEqual(expected);
  });

  it.each(['cat /etc/hosts', 'cat ../other/README.md', 'grep -rn TODO /usr/include', 'ls ~/projects', 'cat src/a.ts && cat /etc/hosts'])('what %j teaches allows it again, and nothing else outside', (command) => {
    const rules = (deriveRules(bash(command), context) ?? []).map((rule, index) => ({ id: `r${index}`, effect: 'allow' as const, rule }));
    expect(decide(bash(command), rules, context).decision).toBe('allow');
    expect(decide(bash('cat /etc/passwd'), rules, context).decision).toBe('undecided');
  });
});

describe('searches with the file tools', () => {
  it.each([
    [tool('Grep', { pattern: 'x' }), ['Read(/**)']],
    [tool('Grep', { pattern: 'x', path: '/work/proj/src/lib' }), ['Read(/src/**)']],
    [tool('Grep', { pattern: 'x', path: '/usr/include' }), ['Read(//usr/include)']],
    [tool('Glob', { pattern: 'src/**/*.ts' }), ['Read(/src)']],
    [tool('Glob', { pattern: '/etc/**/*.conf' }), ['Read(//etc)']],
    [tool('Glob', { pattern: '../other/**' }), ['Read(//work/other)']],
    [tool('Glob', { pattern: '~/.ssh/*' }), null],
    [tool('LS', { path: '/work/proj/src' }), ['Read(/src)']],
  ] as const)('%j teaches %j', (request, expected) => {
    expect(deriveRules(request, context)?.map(formatRule) ?? null).toEqual(expected);
  });

  it.each([
    [tool('Glob', { pattern: '/etc/**' }), 'undecided'],
    [tool('Glob', { pattern: '../**/*.env' }), 'undecided'],
    [tool('Glob', { pattern: '**/*.ts', path: '/etc' }), 'undecided'],
    [tool('Grep', { pattern: 'x', path: '/usr/share' }), 'undecided'],
    [tool('Grep', { pattern: 'x', path: '/etc' }), 'deny'],
    [tool('Glob', { pattern: '/home/dev/.ssh/*' }), 'deny'],
    [tool('Glob', { pattern: 'src/lib/**/*.ts' }), 'allow'],
    [tool('Grep', { pattern: '/etc/passwd', path: 'src/lib' }), 'allow'],
  ] as const)('%j is %s with Read(/src/**) learned', (request, expected) => {
    expect(decide(request, learned, context).decision).toBe(expected);
  });
});
