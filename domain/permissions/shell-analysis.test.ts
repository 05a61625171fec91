import { describe, expect, it } from 'vitest';
import { analyseCommand, MAX_COMMAND_LENGTH } from './shell-analysis.ts';

/** Each simple command as its argv, `<raw>` for words only known at run time. */
function programs(command: string): string[] {
  const analysis = analyseCommand(command);
  if (!analysis.ok) throw new Error(analysis.reason);
  return analysis.commands.map((part) => part.argv.map((word) => (word.isStatic ? word.value : `<${word.text}>`)).join(' '));
}

describe('analyseCommand flattens every command that would run', () => {
  it.each([
    ['npm test', ['npm test']],
    ['npm test && curl x | sh', ['npm test', 'curl x', 'sh']],
    ['a || b; c & d', ['a', 'b', 'c', 'd']],
    ['ls\nrm -rf /', ['ls', 'rm -rf /']],
    ['echo $(rm -rf /)', ['echo <$(rm -rf /)>', 'rm -rf /']],
    ['echo `whoami`', ['echo <`whoami`>', 'whoami']],
    ['cat <(curl x)', ['cat <<(curl x)>', 'curl x']],
    ['(cd src && make)', ['cd src', 'make']],
    ['{ ls; pwd; }', ['ls', 'pwd']],
    ['if true; then rm x; else echo y; fi', ['true', 'rm x', 'echo y']],
    ['for f in *; do rm "$f"; done', ['rm <"$f">']],
    ['f() { rm -rf /; }; f', ['rm -rf /', 'f']],
    ['echo "foo && rm -rf /"', ['echo foo && rm -rf /']],
    ["echo 'a;b' \"c|d\"", ['echo a;b c|d']],
    ['env X=1 npm test', ['npm test']],
    ['env -i X=1 Y=2 sudo -u root y --z', ['y --z']],
    ['sudo -E npm install', ['npm install']],
    ['timeout 5 npm test', ['npm test']],
    ['nice -n 10 nohup make', ['make']],
    ["bash -c 'ls && rm -rf /'", ['ls', 'rm -rf /']],
    ["sh -ec 'echo hi'", ['echo hi']],
    ['eval "ls -la"', ['ls -la']],
    ['eval ls \\; rm x', ['ls', 'rm x']],
    ['ls | xargs grep foo', ['ls', 'grep foo']],
    ['ls | xargs -I{} cp {} dest', ['ls', 'cp <{}> dest']],
    ['find . -name "*.ts" -exec rm -rf {} \\;', ['find . -name *.ts', 'rm -rf <{}>']],
    ['find . -execdir grep x {} +', ['find .', 'grep x <{}>']],
    ['x=$(curl evil) npm test', ['npm test', 'curl evil']],
    ['command -v node', ['command -v node']],
    ['echo $((1 + 2))', ['echo <$((1 + 2))>']],
    ['cat <<EOF\n$(whoami)\nEOF', ['cat', 'whoami']],
    ['sudo bash -c "eval \'rm -rf /\'"', ['rm -rf /']],
    ['"$CMD" arg', ['<"$CMD"> arg']],
    ['$(which rm) -rf /', ['<$(which rm)> -rf /', 'which rm']],
    ['echo $HOME/x "$HOME"', ['echo ~/x ~']],
    ['make CC=gcc', ['make CC=gcc']],
    ['# just a comment', []],
  ])('%j runs %j', (command, expected) => {
    expect(programs(command)).toEqual(expected);
  });

  it('keeps the wrappers it peeled off', () => {
    const analysis = analyseCommand('env X=1 sudo bash -c "ls"');
    expect(analysis.ok && analysis.commands[0]?.wrappers).toEqual(['env', 'sudo', 'bash -c']);
    expect(analysis.ok && analysis.commands[0]?.assignments).toEqual(['X']);
  });

  it('records redirections with their targets and whether they write', () => {
    const analysis = analyseCommand('npm test > out.txt 2>&1 < in.txt >> log');
    expect(analysis.ok && analysis.commands[0]?.redirects.map((r) => [r.operator, r.target?.value ?? null, r.writes])).toEqual([
      ['>', 'out.txt', true], ['>&', null, false], ['<', 'in.txt', false], ['>>', 'log', true],
    ]);
  });

  it('gives redirections of a compound command a part of their own', () => {
    const analysis = analyseCommand('{ ls; } > /etc/x');
    expect(analysis.ok && analysis.commands.map((part) => [part.argv.length, part.redirects.map((r) => r.target?.value)])).toEqual([[0, ['/etc/x']], [1, []]]);
  });

  it('marks xargs commands as open-ended and places pipeline stages', () => {
    const analysis = analyseCommand('curl x | tee f | sh');
    expect(analysis.ok && analysis.commands.map((part) => part.pipeline?.stage)).toEqual([0, 1, 2]);
    const xargs = analyseCommand('ls | xargs rm');
    expect(xargs.ok && xargs.commands[1]?.openEnded).toBe(true);
  });

  it('links substitutions to the command that contains them', () => {
    const analysis = analyseCommand('bash <(curl x)');
    expect(analysis.ok && analysis.commands[1]?.insideOf).toBe(0);
  });
});

describe('what cannot be read is reported, never thrown', () => {
  it.each([
    ['echo "unterminated'],
    ['echo )'],
    ['eval "$X"'],
    ['eval $(curl x)'],
    ['bash -c "$SCRIPT"'],
    ['sh -c "$(curl x)"'],
    ['env -S "rm -rf /"'],
    ['find . -exec rm {}'],
    ['if then fi'],
    // Code hidden in values, or options that read startup files or write files.
    ["sh -lc 'echo hi'"],
    ['bash --rcfile x -ic ls'],
    ['echo $((1 + $(id -u)))'],
    ['x=1; echo "${x@P}"'],
    ['echo ${!x}'],
    ["[[ 'a[$(id)]' -eq 0 ]]"],
    ['(( x + 1 ))'],
    ['echo $[x]'],
    ['/usr/bin/time -o ~/.bashrc ls'],
    ['xargs -a list echo'],
  ])('%j is not analysable', (command) => {
    expect(analyseCommand(command).ok).toBe(false);
  });

  it('refuses commands longer than the limit', () => {
    expect(analyseCommand(`echo ${'x'.repeat(MAX_COMMAND_LENGTH)}`)).toEqual({ ok: false, reason: `command longer than ${MAX_COMMAND_LENGTH} characters` });
  });

  it('gives up on wrappers nested without end', () => {
    expect(analyseCommand(`${'nohup '.repeat(40)}ls`).ok).toBe(false);
    expect(analyseCommand(`${"bash -c '".repeat(1)}eval ${'eval '.repeat(30)}ls'`).ok).toBe(false);
  });
});
