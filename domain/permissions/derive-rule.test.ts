import { describe, expect, it } from 'vitest';
import { decide } from './decide.ts';
import { deriveRules } from './derive-rule.ts';
import { formatRule } from './rule-syntax.ts';
import { bash, context, tool } from './test-fixtures.ts';
import type { PermissionRequest } from './types.ts';

function derived(request: PermissionRequest): string[] | null {
  return deriveRules(request, context)?.map(formatRule) ?? null;
}

describe('rules learned from an "always" for a Bash command', () => {
  it.each([
    // Program, subcommand, then * (which covers only what the catalogue knows to be harmless); a
    // program not in the catalogue exactly as approved.
    ['npm test', ['Bash(npm test *)']],
    ['npm run test -- --watch', ['Bash(npm run test *)']],
    ['npm run build', ['Bash(npm run build *)']],
    ['pnpm run lint --fix', ['Bash(pnpm run lint *)']],
    ['yarn test', ['Bash(yarn test *)']],
    ['git status --short', ['Bash(git status *)']],
    ['git commit -m "fix: thing"', ['Bash(git commit *)']],
    ['git stash pop', ['Bash(git stash pop *)']],
    ['cargo test --release', ['Bash(cargo test *)']],
    ['go test ./...', ['Bash(go test *)']],
    ['go mod tidy', ['Bash(go mod tidy)']],
    ['docker compose up -d', ['Bash(docker compose up -d)']],
    ['docker ps -a', ['Bash(docker ps -a)']],
    ['gh pr view 12', ['Bash(gh pr view 12)']],
    ['make test', ['Bash(make test *)']],
    ['npx vitest run src', ['Bash(npx vitest *)']],
    ['python3 -m pytest -x tests', ['Bash(python3 -m pytest *)']],
    ['node scripts/build.ts --fast', ['Bash(node scripts/build.ts *)']],
    ['./gradlew build', ['Bash(./gradlew build)']],
    ['terraform plan', ['Bash(terraform plan)']],
    ['mytool build --x', ['Bash(mytool build --x)']],
    // Harmless programs: the program and *.
    ['ls -la src', ['Bash(ls *)']],
    ['cat package.json', ['Bash(cat *)']],
    ['grep -rn TODO src', ['Bash(grep *)']],
    ['mkdir -p build/out', ['Bash(mkdir *)']],
    ['echo $HOME', ['Bash(echo *)']],
    ['timeout 60 npm test', ['Bash(npm test *)']],
    ['CI=1 npm test', ['Bash(npm test *)']],
    // Exactly as approved: risky subcommands, options before the subcommand, unknown programs.
    ['git push origin feature/x', ['Bash(git push origin feature/x)']],
    ['git reset --hard HEAD~1', ["Bash(git reset --hard 'HEAD~1')"]],
    ['npm install -D vitest@5', ['Bash(npm install -D vitest@5)']],
    ['npm install', ['Bash(npm install)']],
    ['docker run --rm alpine echo hi', ['Bash(docker run --rm alpine echo hi)']],
    ['git -C sub status', ['Bash(git -C sub status)']],
    ['make', ['Bash(make)']],
    ['./scripts/check.sh --all', ['Bash(./scripts/check.sh --all)']],
    ['node --test', ['Bash(node --test)']],
    ['git commit -m "it\'s done"', ['Bash(git commit *)']],
    // Programs whose options decide whether they change files: the catalogue knows which only look.
    ['find src -name "*.test.ts"', ['Bash(find *)']],
    ['sed -n 1,20p README.md', ['Bash(sed *)']],
    ['sed -i s/a/b/ README.md', ['Bash(sed -i s/a/b/ README.md)']],
    ['curl -s http://localhost:3000/health', ['Bash(curl -s http://localhost:3000/health *)']],
    ['git diff --stat HEAD~1', ['Bash(git diff *)']],
    ['git log --output=x.txt', ['Bash(git log --output=x.txt)']],
    ['tar tzf dist.tgz', ['Bash(tar tzf dist.tgz)']],
    // Compound: one rule per part, all or nothing.
    ['npm run lint && npm test', ['Bash(npm run lint *)', 'Bash(npm test *)']],
    ['cd packages/a && npm test', ['Bash(cd *)', 'Bash(npm test *)']],
    ['npm test | tee out.txt', ['Bash(npm test *)', 'Bash(tee *)']],
    ['ls; ls -la', ['Bash(ls *)']],
    // Nothing safe to learn.
    ['rm -rf build', null],
    ['rm build.log', null],
    ['curl https://example.com', ['Bash(curl https://example.com)']],
    ['wget x', null],
    ['bash scripts/x.sh', null],
    ['sh -c "ls"', ['Bash(ls *)']],
    ['node -e "console.log(1)"', null],
    ['node', ['Bash(node)']],
    ['python -c "print(1)"', null],
    ['python3', ['Bash(python3)']],
    ['perl -e "print 1"', null],
    ['awk "{print}" f', null],
    ['sudo npm test', null],
    ['ssh host ls', null],
    ['chmod +x x.sh', null],
    ['dd if=a of=b', null],
    ['npm test && curl x', ['Bash(npm test *)', 'Bash(curl x)']],
    ['ls | xargs grep foo', null],
    ['find . -exec grep x {} \\;', null],
    ['$CMD run', null],
    ['npm run $SCRIPT', null],
    ['echo x > /etc/passwd', null],
    ['NODE_OPTIONS=-r npm test', null],
    ['cat ~/.ssh/id_rsa', null],
    ['echo "unterminated', null],
    ['', null],
    ['X=1', null],
  ] as const)('%j teaches %j', (command, expected) => {
    expect(derived(bash(command))).toEqual(expected);
  });
});

describe('rules learned for other tools', () => {
  it.each([
    [tool('Read', { file_path: '/work/proj/src/domain/a.ts' }), ['Read(/src/domain/**)']],
    [tool('Read', { file_path: '/work/proj/package.json' }), ['Read(/package.json)']],
    [tool('Edit', { file_path: '/work/proj/src/a.ts' }), ['Edit(/src/**)']],
    [tool('Write', { file_path: '/work/proj-worktrees/feature/docs/x.md' }), ['Edit(/docs/**)']],
    [tool('MultiEdit', { file_path: 'src/x.ts' }), ['Edit(/src/**)']],
    [tool('Read', { file_path: '/usr/include/stdio.h' }), ['Read(//usr/include/stdio.h)']],
    [tool('Read', { file_path: '/work/proj/weird[1].ts' }), null],
    [tool('Read', { file_path: '/home/dev/.ssh/config' }), null],
    [tool('Edit', { file_path: '/etc/hosts' }), null],
    [tool('Edit', {}), null],
    [tool('WebFetch', { url: 'https://docs.github.com/en' }), ['WebFetch(domain:docs.github.com)']],
    [tool('WebFetch', { url: 'ftp://x.org/' }), null],
    [tool('mcp__github__create_issue', {}), ['mcp__github__create_issue']],
    [tool('mcp__broken', {}), null],
    [tool('Grep', { pattern: 'x' }), ['Read(/**)']],
    [tool('WebSearch', { query: 'x' }), ['WebSearch']],
    [tool('SomethingNew', {}), null],
  ] as const)('%j teaches %j', (request, expected) => {
    expect(derived(request)).toEqual(expected);
  });
});

describe('learned rules allow the request they came from', () => {
  it.each([
    'npm run test -- --watch', 'git commit -m "x y"', 'cd a && make test', 'git push origin feature', 'echo "$(date)" | tee -a log',
  ])('%j', (command) => {
    const rules = deriveRules(bash(command), context) ?? [];
    const learned = rules.map((rule, index) => ({ id: `r${index}`, effect: 'allow' as const, rule }));
    // `date` inside $(…) is a part of its own and needs its rule too.
    expect(decide(bash(command), learned, context).decision).toBe('allow');
  });
});
