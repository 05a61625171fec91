// `orc rules import`: the rules already in a project's .claude/settings.json and
// .claude/settings.local.json become orc rules for that project (source "imported"); bad
// syntax, "ask" rules and rules orc already has are skipped, each with the reason.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { orc, runOrc } from '../../testing/run-orc.ts';

type Imported = { project: string; files: string[]; imported: Array<{ rule: string; effect: string; file: string }>; skipped: Array<{ rule: string | null; file: string; why: string }> };
type Rule = { rule: string; effect: string; scope: string; scopeKey: string | null; source: string };

let project: string;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'orc-import-'));
  await mkdir(join(project, '.claude'));
  await writeFile(
    join(project, '.claude', 'settings.json'),
    JSON.stringify({ permissions: { allow: ['Bash(npm run lint)', 'WebFetch(domain:github.com)', 'bash(npm test)'], deny: ['Read(./.env)'], ask: ['Bash(git push *)'] }, hooks: {} }),
  );
  await writeFile(join(project, '.claude', 'settings.local.json'), JSON.stringify({ permissions: { allow: ['Bash(npm test:*)', 'Bash(npm run lint)', 42] } }));
});

describe('orc rules import', () => {
  it('imports valid rules for the project and says why the others were skipped', async () => {
    const result = JSON.parse(await orc(['rules', 'import', '--project', project, '--json'])) as Imported;
    expect(result.project).toBe(project);
    expect(result.files).toEqual(['.claude/settings.json', '.claude/settings.local.json']);
    expect(result.imported.map((r) => [r.effect, r.rule, r.file])).toEqual([
      ['allow', 'Bash(npm run lint)', '.claude/settings.json'],
      ['allow', 'WebFetch(domain:github.com)', '.claude/settings.json'],
      ['deny', 'Read(./.env)', '.claude/settings.json'],
      ['allow', 'Bash(npm test *)', '.claude/settings.local.json'],
    ]);
    const why = Object.fromEntries(result.skipped.map((s) => [`${s.file} ${s.rule ?? ''}`, s.why]));
    expect(why['.claude/settings.json bash(npm test)']).toMatch(/case-sensitive: Bash/);
    expect(why['.claude/settings.json Bash(git push *)']).toMatch(/"ask" rule/);
    expect(why['.claude/settings.local.json Bash(npm run lint)']).toMatch(/already has this rule/);
    expect(why['.claude/settings.local.json 42']).toMatch(/not a rule string/);

    const rules = (JSON.parse(await orc(['rules', 'list', '--json'])) as Rule[]).filter((r) => r.scopeKey === project);
    expect(rules).toHaveLength(4);
    expect(rules.every((r) => r.source === 'imported' && r.scope === 'project')).toBe(true);
  });

  it('importing again skips every rule as already present', async () => {
    const text = await orc(['rules', 'import', '--project', project]);
    expect(text).toContain(`imported 0 rules for ${project}`);
    expect(text).toMatch(/Bash\(npm run lint\) \(\.claude\/settings\.json\): orc already has this rule/);
  });

  it('says so when the project has no settings files', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'orc-import-empty-'));
    const result = await runOrc(['rules', 'import', '--project', empty]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no Claude Code settings in');
  });
});
