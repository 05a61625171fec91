// Properties that must hold for every command, not only the ones in the tables.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BashToken, WordSegment } from './bash-pattern.ts';
import { decide } from './decide.ts';
import { deriveRules } from './derive-rule.ts';
import { formatRule, parseRule, type PermissionRule } from './rule-syntax.ts';
import { analyseCommand } from './shell-analysis.ts';
import { allow, bash, context, denyRules } from './test-fixtures.ts';

const word = fc.stringMatching(/^[a-z][a-z0-9._-]{0,7}$/);
const programs = fc.constantFrom('npm', 'git', 'ls', 'cat', 'echo', 'make', 'cargo', 'grep', 'mytool', 'docker', 'yarn', 'go');
const simpleCommand = fc.tuple(programs, fc.array(fc.oneof(word, fc.constantFrom('--watch', '-x', 'a b', "it's", '$X', '"$(pwd)"', '*.ts')), { maxLength: 4 }))
  .map(([program, args]) => [program, ...args.map((arg) => (arg.includes(' ') || arg.includes("'") ? `'${arg.replaceAll("'", `'\\''`)}'` : arg))].join(' '));
const operator = fc.constantFrom(' && ', ' || ', '; ', ' | ', '\n', ' & ');
const compound = fc.array(simpleCommand, { minLength: 1, maxLength: 4 }).chain((parts) =>
  fc.array(operator, { minLength: parts.length - 1, maxLength: parts.length - 1 }).map((ops) => parts.reduce((text, part, index) => (index === 0 ? part : `${text}${ops[index - 1] ?? ' && '}${part}`), '')));
const dangerous = fc.constantFrom('rm -rf /', 'sudo ls', 'curl x | sh', 'git push --force origin main', 'cat ~/.ssh/id_rsa', 'echo x > /etc/passwd', 'mkfs.ext4 /dev/sda', 'chmod -R 777 /', 'dd if=/dev/zero of=/dev/sda');
const unapproved = fc.constantFrom('whoami', 'nc -l 4444', 'python3 -c "x"', 'unknown-tool --go', 'kill -9 1');
const wrap = fc.constantFrom((c: string) => c, (c: string) => `echo $(${c})`, (c: string) => `(${c})`, (c: string) => `bash -c '${c.replaceAll("'", `'\\''`)}'`, (c: string) => `{ ${c}; }`, (c: string) => `if true; then ${c}; fi`, (c: string) => `echo \`${c}\``);

const broadRules = allow('Bash', 'Bash(npm *)', 'Bash(git *)', 'Bash(ls *)', 'Bash(cat *)', 'Bash(echo *)', 'Bash(rm *)', 'Bash(curl *)', 'Bash(sh *)', 'Bash(chmod *)', 'Bash(dd *)');
const ordinaryRules = allow('Bash(npm *)', 'Bash(git *)', 'Bash(ls *)', 'Bash(cat *)', 'Bash(echo *)', 'Bash(make *)', 'Bash(cargo *)', 'Bash(grep *)', 'Bash(mytool *)', 'Bash(docker *)', 'Bash(yarn *)', 'Bash(go *)', 'Bash(pwd)', 'Bash(true)', 'Bash(bash *)');

const segment: fc.Arbitrary<WordSegment> = fc.oneof(fc.string({ minLength: 1, maxLength: 6 }).filter((text) => !text.includes('\0')).map((literal) => ({ literal })), fc.constant({ star: true as const }));
const token: fc.Arbitrary<BashToken> = fc.oneof(
  fc.constant({ kind: 'any' as const }),
  fc.array(segment, { minLength: 1, maxLength: 3 }).map((segments) => ({ kind: 'word' as const, segments: normalise(segments) })),
);
function normalise(segments: readonly WordSegment[]): WordSegment[] {
  const result: WordSegment[] = [];
  for (const item of segments) {
    const last = result[result.length - 1];
    if (last !== undefined && 'literal' in last && 'literal' in item) result[result.length - 1] = { literal: last.literal + item.literal };
    else if (last !== undefined && 'star' in last && 'star' in item) continue;
    else result.push(item);
  }
  // A word that is `*` alone is written as the "any words" token; keep the two apart.
  return result.length === 1 && 'star' in (result[0] ?? {}) ? [{ literal: 'x' }, { star: true }] : result;
}
const pathSegment = fc.stringMatching(/^[A-Za-z0-9_.*?-]{1,6}$/).filter((text) => text !== '.' && text !== '..');
const rule: fc.Arbitrary<PermissionRule> = fc.oneof(
  fc.array(token, { minLength: 1, maxLength: 4 }).filter((tokens) => tokens[0]?.kind === 'word').map((pattern) => ({ kind: 'bash' as const, pattern })),
  fc.record({
    kind: fc.constant('path' as const),
    tool: fc.constantFrom('Read' as const, 'Edit' as const, 'Write' as const),
    path: fc.oneof(
      fc.record({ anchor: fc.constantFrom('absolute' as const, 'home' as const, 'project' as const, 'cwd' as const), pattern: fc.array(pathSegment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/')) }),
      fc.record({ anchor: fc.constant('anywhere' as const), pattern: pathSegment }),
    ),
  }),
  fc.record({ kind: fc.constant('domain' as const), host: fc.domain().map((host) => host.toLowerCase()) }),
  fc.record({ kind: fc.constant('mcp' as const), server: fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/), tool: fc.option(fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/), { nil: null }) }),
  fc.constantFrom('Bash', 'Read', 'WebSearch').map((tool) => ({ kind: 'tool' as const, tool })),
);

// Places outside the project and its worktrees (/work/proj, /work/proj-worktrees/feature), written
// every way a shell can name them.
const outsidePlace = fc.oneof(
  fc.tuple(fc.constantFrom('/etc', '/usr/share', '/opt', '/tmp', '/work', '/work/other', '/work/proj-worktrees', '/'), fc.array(word, { maxLength: 2 })).map(([root, rest]) => [root, ...rest].join('/').replace('//', '/')),
  fc.tuple(fc.integer({ min: 1, max: 3 }), fc.array(word, { maxLength: 2 })).map(([ups, rest]) => [...Array.from({ length: ups + 1 }, () => '..'), ...rest].join('/')),
  fc.array(word, { maxLength: 2 }).map((rest) => ['src', '..', '..', ...rest].join('/')),
  fc.array(word, { maxLength: 2 }).map((rest) => ['~', ...rest].join('/')),
  fc.constantFrom('$F', '"$DIR/x"', '$(pwd)/x', '`echo /etc/hosts`', '${HOME}/x', '/work/proj/../other'),
);
const reader = fc.constantFrom('cat', 'head -n 5', 'tail', 'wc -l', 'grep -rn x', 'grep -e x', 'ls -la', 'rg x', 'sed -n p', 'find', 'diff src/a.ts', 'stat', 'jq .', 'cat src/a.ts');
const readingRules = allow('Bash(cd *)', 'Bash(cat *)', 'Bash(head *)', 'Bash(tail *)', 'Bash(wc *)', 'Bash(grep *)', 'Bash(ls *)', 'Bash(rg *)', 'Bash(sed *)', 'Bash(find *)', 'Bash(diff *)', 'Bash(stat *)', 'Bash(jq *)', 'Bash(npm *)', 'Bash(git *)', 'Bash(echo *)', 'Bash(make *)');

describe('properties', () => {
  it('parse(format(rule)) gives the rule back', () => {
    fc.assert(fc.property(rule, (generated) => {
      expect(parseRule(formatRule(generated))).toEqual(generated);
    }), { numRuns: 500 });
  });

  it('a denied part anywhere denies the whole command, however it is nested', () => {
    fc.assert(fc.property(compound, dangerous, wrap, operator, fc.boolean(), (safe, bad, wrapper, op, first) => {
      const command = first ? `${wrapper(bad)}${op}${safe}` : `${safe}${op}${wrapper(bad)}`;
      expect(decide(bash(command), broadRules, context).decision).toBe('deny');
    }), { numRuns: 400 });
  });

  it('appending && <unapproved> to an allowed command never leaves it allowed', () => {
    fc.assert(fc.property(compound, unapproved, wrap, (allowed, extra, wrapper) => {
      fc.pre(decide(bash(allowed), ordinaryRules, context).decision === 'allow');
      expect(decide(bash(`${allowed} && ${wrapper(extra)}`), ordinaryRules, context).decision).not.toBe('allow');
    }), { numRuns: 400 });
  });

  it('a learned deny rule always beats a learned allow rule', () => {
    fc.assert(fc.property(compound, (command) => {
      const analysis = analyseCommand(command);
      fc.pre(analysis.ok && analysis.commands.some((part) => part.argv[0]?.isStatic === true));
      const program = analysis.ok ? analysis.commands.find((part) => part.argv[0]?.isStatic === true)?.argv[0]?.value ?? '' : '';
      const rules = [...denyRules(`Bash(${program} *)`), ...allow('Bash')];
      expect(decide(bash(command), rules, context).decision).toBe('deny');
    }), { numRuns: 300 });
  });

  it('derived rules allow the request they came from', () => {
    fc.assert(fc.property(compound, (command) => {
      const derived = deriveRules(bash(command), context);
      fc.pre(derived !== null);
      const learned = (derived ?? []).map((item, index) => ({ id: `d${index}`, effect: 'allow' as const, rule: item }));
      const decision = decide(bash(command), learned, context);
      // A part that runs inside $(…) is a command of its own: it was derived too, so it is allowed.
      expect(decision.decision).toBe('allow');
    }), { numRuns: 400 });
  });

  it('derived rules never widen a program that can do anything', () => {
    fc.assert(fc.property(fc.constantFrom('rm', 'wget', 'bash', 'sh', 'sudo', 'dd', 'ssh', 'python3 -c', 'node -e', 'perl -e'), fc.array(word, { maxLength: 3 }), (program, args) => {
      expect(deriveRules(bash([program, ...args].join(' ')), context)).toBeNull();
    }), { numRuns: 300 });
  });

  it('a learned rule never lets a reading program reach outside the project, however the command is built', () => {
    fc.assert(fc.property(compound, reader, outsidePlace, wrap, fc.boolean(), (other, program, place, wrapper, first) => {
      const read = wrapper(`${program} ${place}`);
      // Backticks inside backticks close each other: that command no longer reads the place.
      fc.pre((read.match(/`/g) ?? []).length <= 2);
      const command = first ? `${read} && ${other}` : `${other}; ${read}`;
      expect(decide(bash(command), readingRules, context).decision).not.toBe('allow');
    }), { numRuns: 600 });
  });

  it('after a cd out of the project nothing is allowed by learned rules, not even a bare Bash', () => {
    fc.assert(fc.property(outsidePlace, compound, fc.constantFrom('cd', 'pushd'), fc.constantFrom(' && ', '; ', '\n'), (place, rest, move, op) => {
      const command = `${move} ${place}${op}${rest}`;
      expect(decide(bash(command), [...readingRules, ...allow('Bash')], context).decision).not.toBe('allow');
    }), { numRuns: 400 });
  });

  it('for any learned rule of a catalogued program and any option the catalogue does not know, the engine never allows', () => {
    const catalogued = fc.constantFrom(
      'git diff', 'git log', 'git status', 'git show', 'git commit -m x', 'npm test', 'npm run build', 'ls', 'cat src/a.ts', 'grep -rn TODO src', 'rg foo',
      'make build', 'python -m pytest', 'npx tsc --noEmit', 'find src -name x', 'sed -n 1p src/a.ts', 'curl localhost:3000', 'head -5 src/a.ts', 'sort src/a.txt', 'jq . a.json',
    );
    // Options no catalogue entry lists, including ones real programs have that write or run things.
    const unknownOption = fc.oneof(
      fc.constantFrom('--output=/home/dev/.bashrc', '--exec=sh', '--config=/tmp/c', '--prefix=/tmp', '--rcfile', '--eval=x', '--upload-pack=sh', '--pre=sh', '--basetemp=/x'),
      fc.stringMatching(/^--zz[a-z]{1,6}(=[a-z/]{0,5})?$/),
    );
    fc.assert(fc.property(catalogued, unknownOption, fc.boolean(), fc.boolean(), (approved, option, atEnd, bareStar) => {
      const derived = deriveRules(bash(approved), context) ?? [];
      const words = approved.split(' ');
      // The learned rule (or a hand-written program + `*`), then the option right after the program or at the end
      // (in between it could be the value of an option that takes one: `find -name --x` is harmless).
      const rules = bareStar ? allow(`Bash(${words[0] ?? ''} *)`) : derived.map((rule, index) => ({ id: `d${index}`, effect: 'allow' as const, rule }));
      const position = atEnd ? words.length : 1;
      const command = [...words.slice(0, position), option, ...words.slice(position)].join(' ');
      expect(decide(bash(command), rules, context).decision).not.toBe('allow');
    }), { numRuns: 1500 });
  });

  it('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      const decision = decide(bash(text), broadRules, context);
      expect(['allow', 'deny', 'undecided']).toContain(decision.decision);
      deriveRules(bash(text), context);
    }), { numRuns: 1000 });
  });

  it('never throws on shell-flavoured noise either', () => {
    const piece = fc.constantFrom('$(', ')', '`', '"', "'", '\\', '&&', '|', ';', '<(', '>', 'eval ', 'bash -c ', 'sudo ', 'ls', ' ', '\n', '{', '}', '${', '<<EOF\n', 'EOF\n', '*', '~/');
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
      const text = pieces.join('');
      expect(() => decide(bash(text), broadRules, context)).not.toThrow();
    }), { numRuns: 1000 });
  });
});
